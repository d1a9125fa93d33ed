package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.testing.JdkPeer;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPki;

/**
 * The JDK's own TLS, in process, both directions: every TLS 1.3 suite x {x25519, secp256r1,
 * secp384r1} x {ECDSA P-256, RSA-2048} server certificate, with ALPN and SNI seen by both sides.
 */
class InteropJdkTest {
    private static final String[] TLS13 = {"TLSv1.3"};

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String suite : new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"}) {
            for (String group : new String[] {"x25519", "secp256r1", "secp384r1"}) {
                for (TestPki.KeyType key : new TestPki.KeyType[] {TestPki.KeyType.ECDSA_P256, TestPki.KeyType.RSA_2048}) {
                    out.add(Arguments.of(suite, group, key));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "JDK {index}: our client -> JDK server, {0} {1} {2}")
    @MethodSource("matrix")
    void ourClientToJdkServer(String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        TestPki.Issued cert = pki.issue(key, "localhost");
        JdkPeer jdk = JdkPeer.server(cert, TLS13, new String[] {suite}, "http/1.1");
        Config config = Config.builder().securityPolicy(TestPolicies.group(group)).withSystemTrust(false)
                .trustPem(pki.rootPem()).applicationProtocols("h2", "http/1.1").build();
        Connection client = new Connection(Mode.CLIENT).setConfig(config).setServerName("localhost");
        client.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        client.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);

        for (int i = 0; i < 100 && (client.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(Blocked.NOT_BLOCKED, client.negotiate());
        assertEquals(ProtocolVersion.TLS13, client.actualProtocolVersion());
        assertEquals(suite, client.cipherSuite());
        assertEquals(group, client.keyExchangeGroup());
        assertEquals("http/1.1", client.applicationProtocol());
        assertEquals(suite, jdk.engine().getSession().getCipherSuite());
        assertEquals("http/1.1", jdk.engine().getApplicationProtocol());
        ExtendedSSLSession session = (ExtendedSSLSession) jdk.engine().getHandshakeSession() != null
                ? (ExtendedSSLSession) jdk.engine().getHandshakeSession() : (ExtendedSSLSession) jdk.engine().getSession();
        assertEquals(List.of(new SNIHostName("localhost")), session.getRequestedServerNames());
        assertEquals(cert.leaf(), client.peerCertificates().get(0));

        exchange(client, jdk);
    }

    @ParameterizedTest(name = "JDK {index}: JDK client -> our server, {0} {1} {2}")
    @MethodSource("matrix")
    void jdkClientToOurServer(String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        TestPki.Issued cert = pki.issue(key, "localhost");
        JdkPeer jdk = JdkPeer.client(pki.root(), "localhost", TLS13, new String[] {suite}, "h2", "http/1.1");
        Config config = Config.builder().securityPolicy(TestPolicies.group(group))
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem()))
                .applicationProtocols("http/1.1").build();
        Connection server = new Connection(Mode.SERVER).setConfig(config);
        server.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        server.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);

        jdk.pump();
        for (int i = 0; i < 100 && (server.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(Blocked.NOT_BLOCKED, server.negotiate());
        assertEquals(ProtocolVersion.TLS13, server.actualProtocolVersion());
        assertEquals(suite, server.cipherSuite());
        assertEquals(group, server.keyExchangeGroup());
        assertEquals("http/1.1", server.applicationProtocol());
        assertEquals("localhost", server.serverName());
        assertEquals(suite, jdk.engine().getSession().getCipherSuite());
        assertEquals("http/1.1", jdk.engine().getApplicationProtocol());
        assertTrue(server.handshakeTypeName().startsWith("NEGOTIATED|FULL_HANDSHAKE"), server.handshakeTypeName());

        exchange(server, jdk);
    }

    /** Data both ways, then close_notify from the JDK side. */
    static void exchange(Connection ours, JdkPeer jdk) throws Exception {
        byte[] ping = "ping from s2n-tls-java".getBytes(StandardCharsets.UTF_8);
        ByteBuffer src = ByteBuffer.wrap(ping);
        assertEquals(ping.length, ours.send(src));
        jdk.pump();
        assertArrayEquals(ping, jdk.takeReceived());

        byte[] pong = new byte[40_000];
        for (int i = 0; i < pong.length; i++) {
            pong[i] = (byte) (i * 31);
        }
        jdk.send(pong);
        ByteBuffer dst = ByteBuffer.allocate(pong.length);
        while (dst.hasRemaining()) {
            int n = ours.recv(dst);
            assertTrue(n > 0, "recv returned " + n + " after " + dst.position());
        }
        assertArrayEquals(pong, dst.array());

        jdk.closeOutbound();
        assertEquals(-1, ours.recv(ByteBuffer.allocate(10)));
    }
}
