package s2n.tls.interop;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.testing.TestPki;

/**
 * The JDK's blocking {@link SSLSocket} and {@link SSLServerSocket} against our connection over a
 * real {@code SocketChannel} on 127.0.0.1, one test each way. {@code InteropJdkTest} covers the
 * suite x group matrix in memory with {@code SSLEngine}; this proves the socket path: blocking
 * channel reads and writes, TCP segmentation, close_notify over a real connection.
 */
@Timeout(60)
@DisplayNameGeneration(Peer.JdkNames.class)
class InteropJdkSocketTest {
    private static final int SOCKET_TIMEOUT_MILLIS = (int) PeerProcess.TIMEOUT.toMillis();

    @Test
    void jdkSslSocketToOurServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        Config config = Config.builder().maxBlindingDelay(Duration.ZERO).applicationProtocols("http/1.1")
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             SSLSocket jdk = (SSLSocket) clientContext(pki.root()).getSocketFactory().createSocket()) {
            SSLParameters p = jdk.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3"});
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(List.of(new SNIHostName("localhost")));
            p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            jdk.setSSLParameters(p);
            jdk.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            jdk.connect(new InetSocketAddress(OurServer.LOOPBACK, server.port()), SOCKET_TIMEOUT_MILLIS);
            jdk.startHandshake();
            assertEquals("TLSv1.3", jdk.getSession().getProtocol());
            assertEquals("http/1.1", jdk.getApplicationProtocol());

            OutputStream out = jdk.getOutputStream();
            out.write(Conversation.REQUEST.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(jdk.getInputStream());
            byte[] response = new byte[Conversation.RESPONSE.length()];
            in.readFully(response);
            assertEquals(Conversation.RESPONSE, new String(response, StandardCharsets.US_ASCII));
            // Our server's close_notify ends the JDK's input; closing answers with the JDK's own,
            // which is what our server's shutdown() waits for.
            assertEquals(-1, in.read());
            jdk.close();

            Connection conn = server.awaitConnection();
            assertEquals(ProtocolVersion.TLS13, conn.actualProtocolVersion());
            assertEquals(jdk.getSession().getCipherSuite(), conn.cipherSuite());
            assertEquals("localhost", conn.serverName());
            assertEquals("http/1.1", conn.applicationProtocol());
        }
    }

    @Test
    void ourClientToJdkSslServerSocket() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.RSA_2048);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.RSA_2048, "localhost");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) serverContext(cert).getServerSocketFactory()
                .createServerSocket(0, 1, OurServer.LOOPBACK)) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            Future<String> jdkSide = thread.submit(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    byte[] request = new byte[Conversation.REQUEST.length()];
                    in.readFully(request);
                    assertArrayEquals(Conversation.REQUEST.getBytes(StandardCharsets.US_ASCII), request);
                    socket.getOutputStream().write(Conversation.RESPONSE.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    assertEquals(-1, in.read(), "our close_notify ends the JDK's input");
                    return socket.getSession().getCipherSuite();
                } // closing sends the JDK's close_notify, which our shutdown() waits for
            });

            Config config = Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false).trustPem(pki.rootPem()).build();
            try (OurClient client = OurClient.connect(listener.getLocalPort(), config, "localhost")) {
                Connection conn = client.handshake();
                assertEquals(ProtocolVersion.TLS13, conn.actualProtocolVersion());
                assertEquals(cert.leaf(), conn.peerCertificates().get(0));
                OurClient.sendAll(conn, Conversation.REQUEST);
                assertEquals(Conversation.RESPONSE, OurClient.readExactly(conn, Conversation.RESPONSE.length()));
                assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                assertEquals(conn.cipherSuite(), jdkSide.get(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            }
        } finally {
            thread.shutdownNow();
            thread.awaitTermination(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** A JDK client context trusting {@code root} only. */
    static SSLContext clientContext(X509Certificate root) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TestPki.trustStore(root));
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A JDK server context presenting {@code cert}. */
    static SSLContext serverContext(TestPki.Issued cert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] password = "test".toCharArray();
        ks.setKeyEntry("server", cert.key(), password, cert.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
