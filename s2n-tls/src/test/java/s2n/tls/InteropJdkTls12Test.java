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
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.testing.JdkPeer;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPki;
import s2n.tls.testing.WireTap;

/**
 * TLS 1.2 with the JDK's own TLS (SSLEngine limited to TLSv1.2), in process, both directions:
 * every ECDHE suite x {x25519, secp256r1, secp384r1, secp521r1} x {ECDSA P-256, RSA-2048}
 * certificate, with ALPN and SNI. The JDK's hello is read off the wire to check that it
 * negotiated the extended master secret and secure renegotiation (RFC 7627, RFC 5746).
 */
class InteropJdkTls12Test {
    private static final String[] TLS12 = {"TLSv1.2"};
    /** The peer, named with its version in every test name. */
    private static final String JDK = "JDK " + Runtime.version();

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String group : new String[] {"x25519", "secp256r1", "secp384r1", "secp521r1"}) {
            for (TestPki.KeyType key : new TestPki.KeyType[] {TestPki.KeyType.ECDSA_P256, TestPki.KeyType.RSA_2048}) {
                String auth = key == TestPki.KeyType.RSA_2048 ? "RSA" : "ECDSA";
                for (String cipher : new String[] {"AES_128_GCM_SHA256", "AES_256_GCM_SHA384", "CHACHA20_POLY1305_SHA256"}) {
                    out.add(Arguments.of(JDK, "TLS_ECDHE_" + auth + "_WITH_" + cipher, group, key));
                }
            }
        }
        return out.stream();
    }

    /**
     * The groups our client offers: the one under test first (a JDK server takes the client's
     * order), plus P-256 for an ECDSA P-256 certificate (RFC 8422 §5.1.1: its curve must be offered).
     */
    private static List<String> clientGroups(String group, TestPki.KeyType key) {
        return key == TestPki.KeyType.ECDSA_P256 && !group.equals("secp256r1") ? List.of(group, "secp256r1") : List.of(group);
    }

    @ParameterizedTest(name = "{index}: our client -> {0} server, TLS 1.2 {1} {2} {3}")
    @MethodSource("matrix")
    void ourClientToJdkServer(String peer, String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        TestPki.Issued cert = pki.issue(key, "localhost");
        JdkPeer jdk = JdkPeer.server(cert, TLS12, new String[] {suite}, "http/1.1");
        Config config = Config.builder().securityPolicy(TestPolicies.only(List.of(suite), clientGroups(group, key)))
                .withSystemTrust(false).trustPem(pki.rootPem()).applicationProtocols("h2", "http/1.1").build();
        Connection client = new Connection(Mode.CLIENT).setConfig(config).setServerName("localhost");
        WireTap tap = new WireTap();
        client.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        client.setRecvCallback(tap).setRecvContext(jdk.fromJdk);

        for (int i = 0; i < 100 && (client.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(Blocked.NOT_BLOCKED, client.negotiate());
        assertEquals(ProtocolVersion.TLS12, client.actualProtocolVersion());
        assertEquals(suite, client.cipherSuite());
        assertEquals(group, client.keyExchangeGroup());
        assertEquals("NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY", client.handshakeTypeName());
        assertEquals("http/1.1", client.applicationProtocol());
        assertEquals("TLSv1.2", jdk.engine().getSession().getProtocol());
        assertEquals(suite, jdk.engine().getSession().getCipherSuite());
        assertEquals("http/1.1", jdk.engine().getApplicationProtocol());
        assertEquals(cert.leaf(), client.peerCertificates().get(0));
        ServerHello hello = tap.serverHello();
        assertTrue(hello.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET), "JDK negotiated EMS");
        assertTrue(hello.extensions().contains(ExtensionType.RENEGOTIATION_INFO), "JDK answered our SCSV");

        exchange(client, jdk);
    }

    @ParameterizedTest(name = "{index}: {0} client -> our server, TLS 1.2 {1} {2} {3}")
    @MethodSource("matrix")
    void jdkClientToOurServer(String peer, String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        TestPki.Issued cert = pki.issue(key, "localhost");
        JdkPeer jdk = JdkPeer.client(pki.root(), "localhost", TLS12, new String[] {suite}, "h2", "http/1.1");
        Config config = Config.builder().securityPolicy(TestPolicies.only(List.of(suite), List.of(group)))
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem()))
                .applicationProtocols("http/1.1").build();
        Connection server = new Connection(Mode.SERVER).setConfig(config);
        WireTap tap = new WireTap();
        server.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        server.setRecvCallback(tap).setRecvContext(jdk.fromJdk);

        jdk.pump();
        for (int i = 0; i < 100 && (server.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(Blocked.NOT_BLOCKED, server.negotiate());
        assertEquals(ProtocolVersion.TLS12, server.actualProtocolVersion());
        assertEquals(suite, server.cipherSuite());
        assertEquals(group, server.keyExchangeGroup());
        assertEquals("NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY", server.handshakeTypeName());
        assertEquals("http/1.1", server.applicationProtocol());
        assertEquals("localhost", server.serverName());
        assertEquals("TLSv1.2", jdk.engine().getSession().getProtocol());
        assertEquals(suite, jdk.engine().getSession().getCipherSuite());
        assertEquals("http/1.1", jdk.engine().getApplicationProtocol());
        ExtendedSSLSession session = (ExtendedSSLSession) jdk.engine().getSession();
        assertEquals(cert.leaf(), session.getPeerCertificates()[0]);
        ClientHello hello = tap.clientHello();
        assertTrue(hello.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET), "JDK offered EMS");
        assertTrue(hello.offersCipherSuite(0x00FF) || hello.extensions().contains(ExtensionType.RENEGOTIATION_INFO),
                "JDK signalled secure renegotiation");
        assertEquals(List.of(new SNIHostName("localhost")), session.getRequestedServerNames());

        exchange(server, jdk);
    }

    /** Data both ways, then close_notify from the JDK side. */
    static void exchange(Connection ours, JdkPeer jdk) throws Exception {
        byte[] ping = "ping over TLS 1.2 from s2n-tls-java".getBytes(StandardCharsets.UTF_8);
        assertEquals(ping.length, ours.send(ByteBuffer.wrap(ping)));
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
