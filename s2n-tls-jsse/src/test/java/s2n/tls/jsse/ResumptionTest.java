package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.TestCerts;

/**
 * JSSE-level resumption: an S2N client context keeps each peer's latest session and offers it
 * on the next engine for the same host and port; an S2N server context issues tickets with keys
 * of its own and resumes them. With our provider on both ends and with SunJSSE on either end, TLS
 * 1.3 and 1.2. A resumed client session still reports the server's chain.
 */
class ResumptionTest {
    /** Two handshakes between engines of the same two contexts; returns the second pair. */
    private static EnginePair twice(SSLContext client, SSLContext server, String protocol) throws Exception {
        EnginePair first = new EnginePair(Contexts.clientEngine(client, protocol), Contexts.serverEngine(server, protocol))
                .handshake();
        assertEquals(protocol, first.client.getSession().getProtocol());
        return new EnginePair(Contexts.clientEngine(client, protocol), Contexts.serverEngine(server, protocol)).handshake();
    }

    private static boolean resumed(SSLEngine e) {
        return ((S2NSession) e.getSession()).resumed();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ourClientResumesWithOurServer(String protocol) throws Exception {
        SSLContext client = Contexts.client(true);
        SSLContext server = Contexts.server(true);
        EnginePair first = new EnginePair(Contexts.clientEngine(client, protocol), Contexts.serverEngine(server, protocol))
                .handshake();
        assertFalse(resumed(first.client));
        assertFalse(resumed(first.server));
        Certificate[] chain = first.client.getSession().getPeerCertificates();

        EnginePair second = new EnginePair(Contexts.clientEngine(client, protocol), Contexts.serverEngine(server, protocol))
                .handshake();
        assertTrue(resumed(second.client), "the client resumed");
        assertTrue(resumed(second.server), "the server resumed");
        assertEquals(protocol, second.client.getSession().getProtocol());
        assertArrayEquals(chain, second.client.getSession().getPeerCertificates(), "the full handshake's chain");
        // And a third time: TLS 1.3 resumes with the ticket the resumed handshake brought.
        EnginePair third = twice(client, server, protocol);
        assertTrue(resumed(third.client) && resumed(third.server));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void jdkClientResumesWithOurServer(String protocol) throws Exception {
        EnginePair second = twice(Contexts.client(false), Contexts.server(true), protocol);
        assertTrue(resumed(second.server), "SunJSSE's client resumed with our tickets");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ourClientResumesWithJdkServer(String protocol) throws Exception {
        EnginePair second = twice(Contexts.client(true), Contexts.server(false), protocol);
        assertTrue(resumed(second.client), "SunJSSE's server resumed our session");
        X509Certificate leaf = (X509Certificate) second.client.getSession().getPeerCertificates()[0];
        assertEquals(TestCerts.SERVER_EC.chain()[0], leaf);
    }

    /** Sockets take the same path: our SSLSocket resumes with our SSLServerSocket. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ourSocketResumesWithOurServerSocket(String protocol) throws Exception {
        SSLContext client = Contexts.client(true);
        try (SSLServerSocket listener = (SSLServerSocket) Contexts.server(true).getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {protocol});
            for (int i = 0; i < 2; i++) {
                CompletableFuture<Boolean> serverResumed = CompletableFuture.supplyAsync(() -> {
                    try (SSLSocket s = (SSLSocket) listener.accept()) {
                        int b = s.getInputStream().read();
                        s.getOutputStream().write(b);
                        s.getOutputStream().flush();
                        return ((S2NSession) s.getSession()).resumed();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write(7);
                    s.getOutputStream().flush();
                    assertEquals(7, s.getInputStream().read(), "the echo (a TLS 1.3 ticket comes before it)");
                    assertEquals(i == 1, ((S2NSession) s.getSession()).resumed(), "connection " + i);
                    assertEquals(i == 1, serverResumed.get(20, TimeUnit.SECONDS), "connection " + i);
                    assertEquals(protocol, s.getSession().getProtocol());
                }
            }
        }
    }

    @Test
    void anotherPeerOrIdentityCheckGetsAFullHandshake() throws Exception {
        SSLContext client = Contexts.client(true);
        SSLContext server = Contexts.server(true);
        new EnginePair(Contexts.clientEngine(client, "TLSv1.3"), Contexts.serverEngine(server, "TLSv1.3")).handshake();
        SSLEngine otherPort = client.createSSLEngine("localhost", 8443);
        EnginePair p = new EnginePair(otherPort, Contexts.serverEngine(server, "TLSv1.3")).handshake();
        assertFalse(resumed(p.client), "sessions are kept per host and port");
        SSLEngine checking = Contexts.clientEngine(client, "TLSv1.3");
        javax.net.ssl.SSLParameters params = checking.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        checking.setSSLParameters(params);
        p = new EnginePair(checking, Contexts.serverEngine(server, "TLSv1.3")).handshake();
        assertFalse(resumed(p.client), "nor across identity checks");
    }

    @Test
    void aServerAskingForClientCertificatesDoesNotResume() throws Exception {
        SSLContext client = Contexts.ours(TestCerts.keyManagers(TestCerts.CLIENT_EC), TestCerts.PKI.trustManagers());
        SSLContext server = Contexts.server(true);
        for (int i = 0; i < 2; i++) {
            SSLEngine s = Contexts.serverEngine(server, "TLSv1.3");
            s.setNeedClientAuth(true);
            EnginePair p = new EnginePair(Contexts.clientEngine(client, "TLSv1.3"), s).handshake();
            assertFalse(resumed(p.server), "handshake " + i);
            assertNotNull(p.server.getSession().getPeerCertificates()[0], "each handshake shows the client's chain");
        }
    }

    @Test
    void theClientCacheIsBoundedAgedAndZeroed() throws Exception {
        S2NSessionContext c = new S2NSessionContext();
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5, 6};
        c.keep("a", a, null);
        c.keep("b", b, null);
        assertArrayEquals(new byte[] {1, 2, 3}, c.find("a").session());
        c.setSessionCacheSize(1); // "b" is the least recently used now
        assertNull(c.find("b"));
        assertArrayEquals(new byte[3], b, "a dropped session is zeroed");
        byte[] a2 = {7};
        c.keep("a", a2, null);
        assertArrayEquals(new byte[3], a, "a replaced session is zeroed");
        assertArrayEquals(new byte[] {7}, c.find("a").session());
        c.forget("a");
        assertNull(c.find("a"));
        assertArrayEquals(new byte[1], a2);
        assertFalse(c.getIds().hasMoreElements());
    }
}
