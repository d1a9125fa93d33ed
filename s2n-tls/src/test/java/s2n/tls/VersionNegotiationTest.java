package s2n.tls;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.testing.JdkPeer;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.Middlebox;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;
import s2n.tls.testing.WireTap;

/**
 * Version negotiation and the three version getters with s2n's meanings (s2n's usage guide,
 * "Protocol Version"): actual = negotiated; client = the highest version the client advertised
 * (a server reads it from the ClientHello); server = the highest version the server supports (a
 * client reads it from the ServerHello: s2n's client takes ServerHello's version, so it says
 * TLS 1.2 whenever TLS 1.2 was negotiated). The matrix is client {1.2 only, 1.2-1.3} x server
 * {1.2 only, 1.2-1.3}, with ours or the JDK on either side; then the downgrade sentinel.
 */
class VersionNegotiationTest {
    /** s2n's TLS 1.2-only default before v1.6.0, and its current default (TLS 1.2 and 1.3). */
    private static final String ONLY_12 = "20240501";
    private static final String BOTH = "default";
    private static final String JDK = "JDK " + Runtime.version();

    private static final ProtocolVersion V12 = ProtocolVersion.TLS12;
    private static final ProtocolVersion V13 = ProtocolVersion.TLS13;

    static TestPki pki() {
        return TestPki.shared(TestPki.KeyType.ECDSA_P256);
    }

    static Config server(String policy) {
        TestPki.Issued cert = pki().issue(TestPki.KeyType.ECDSA_P256, "localhost");
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(policy)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
    }

    static Config client(String policy) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(policy).withSystemTrust(false).trustPem(pki().rootPem()).build();
    }

    /** client policy, server policy, then the expected (actual, client, server) on the client and on the server. */
    static Stream<Arguments> ours() {
        return Stream.of(
                Arguments.of(ONLY_12, ONLY_12, List.of(V12, V12, V12), List.of(V12, V12, V12)),
                Arguments.of(ONLY_12, BOTH, List.of(V12, V12, V12), List.of(V12, V12, V13)),
                Arguments.of(BOTH, ONLY_12, List.of(V12, V13, V12), List.of(V12, V13, V12)),
                Arguments.of(BOTH, BOTH, List.of(V13, V13, V13), List.of(V13, V13, V13)));
    }

    private static List<ProtocolVersion> versions(Connection c) {
        return List.of(c.actualProtocolVersion(), c.clientProtocolVersion(), c.serverProtocolVersion());
    }

    @ParameterizedTest(name = "ours {0} client <-> ours {1} server")
    @MethodSource("ours")
    void oursAgainstOurs(String clientPolicy, String serverPolicy, List<ProtocolVersion> onClient,
            List<ProtocolVersion> onServer) throws Exception {
        try (TestPair pair = new TestPair(client(clientPolicy), server(serverPolicy))) {
            WireTap tap = new WireTap();
            pair.client.setRecvCallback(tap);
            pair.handshake();
            assertEquals(onClient, versions(pair.client), "client's actual, client, server versions");
            assertEquals(onServer, versions(pair.server), "server's actual, client, server versions");
            String type = onClient.get(0) == V13 ? "NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT"
                    : "NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY";
            assertEquals(type, pair.client.handshakeTypeName());
            assertEquals(type, pair.server.handshakeTypeName());
            if (onClient.get(0) == V12) {
                // RFC 8446 §4.1.3: only a server that could have spoken TLS 1.3 marks its random.
                boolean marked = endsWithSentinel(tap.serverHello());
                assertEquals(onServer.get(2) == V13, marked, "downgrade sentinel in ServerHello.random");
            }
        }
    }

    private static boolean endsWithSentinel(ServerHello hello) {
        byte[] r = hello.random();
        return Arrays.equals(Arrays.copyOfRange(r, 24, 32), ServerHello.DOWNGRADE_TLS12_SENTINEL());
    }

    /** our policy, the JDK's protocols, then the expected (actual, client, server) on our side. */
    static Stream<Arguments> withJdk() {
        String[] only12 = {"TLSv1.2"};
        String[] both = {"TLSv1.3", "TLSv1.2"};
        List<Arguments> out = new ArrayList<>();
        // Our client against a JDK server.
        out.add(Arguments.of(JDK, true, ONLY_12, only12, List.of(V12, V12, V12)));
        out.add(Arguments.of(JDK, true, ONLY_12, both, List.of(V12, V12, V12)));
        out.add(Arguments.of(JDK, true, BOTH, only12, List.of(V12, V13, V12)));
        out.add(Arguments.of(JDK, true, BOTH, both, List.of(V13, V13, V13)));
        // A JDK client against our server.
        out.add(Arguments.of(JDK, false, ONLY_12, only12, List.of(V12, V12, V12)));
        out.add(Arguments.of(JDK, false, ONLY_12, both, List.of(V12, V13, V12)));
        out.add(Arguments.of(JDK, false, BOTH, only12, List.of(V12, V12, V13)));
        out.add(Arguments.of(JDK, false, BOTH, both, List.of(V13, V13, V13)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: ours is client = {1}, our policy {2}, JDK protocols {3}")
    @MethodSource("withJdk")
    void oursAgainstTheJdk(String peer, boolean oursIsClient, String ourPolicy, String[] jdkProtocols,
            List<ProtocolVersion> expected) throws Exception {
        TestPki.Issued cert = pki().issue(TestPki.KeyType.ECDSA_P256, "localhost");
        JdkPeer jdk = oursIsClient ? JdkPeer.server(cert, jdkProtocols, null)
                : JdkPeer.client(pki().root(), "localhost", jdkProtocols, null);
        Connection ours = oursIsClient
                ? new Connection(Mode.CLIENT).setConfig(client(ourPolicy)).setServerName("localhost")
                : new Connection(Mode.SERVER).setConfig(server(ourPolicy));
        ours.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        ours.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);
        jdk.pump();
        for (int i = 0; i < 100 && (ours.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(Blocked.NOT_BLOCKED, ours.negotiate());
        assertEquals(expected, versions(ours), "actual, client, server versions on our side");
        assertEquals(expected.get(0).protocolName(), jdk.engine().getSession().getProtocol());
        InteropJdkTls12Test.exchange(ours, jdk);
    }

    /**
     * A middlebox strips supported_versions from our client's ClientHello. Our server, which
     * supports TLS 1.3, answers TLS 1.2 with the RFC 8446 §4.1.3 sentinel, and our client, which
     * offered TLS 1.3, aborts with illegal_parameter.
     */
    @Test
    void strippedSupportedVersionsIsDetectedAsADowngrade() throws Exception {
        try (TestPair pair = new TestPair(client(BOTH), server(BOTH))) {
            WireTap tap = new WireTap();
            pair.client.setRecvCallback(tap);
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            Middlebox.rewriteClientHello(pair.clientToServer, ch -> Middlebox.without(ch, ExtensionType.SUPPORTED_VERSIONS));
            assertEquals(Blocked.ON_READ, pair.server.negotiate());
            assertEquals(V12, pair.server.actualProtocolVersion());

            TlsException clientError = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(TlsException.Type.PROTOCOL, clientError.type());
            assertEquals(Alert.ILLEGAL_PARAMETER, clientError.alert());
            assertTrue(endsWithSentinel(tap.serverHello()));
            TlsException serverError = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(TlsException.Type.ALERT, serverError.type());
            assertEquals(Alert.ILLEGAL_PARAMETER, serverError.alert());
        }
    }

    /** The same attack on a JDK client: the JDK checks our sentinel too, so it is right by another implementation. */
    @ParameterizedTest(name = "{0} client detects our server's downgrade sentinel")
    @MethodSource("jdkName")
    void jdkClientDetectsOurSentinel(String peer) throws Exception {
        JdkPeer jdk = JdkPeer.client(pki().root(), "localhost", new String[] {"TLSv1.3", "TLSv1.2"}, null);
        Connection server = new Connection(Mode.SERVER).setConfig(server(BOTH));
        server.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        server.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);
        jdk.pump();
        Middlebox.rewriteClientHello(jdk.fromJdk, ch -> Middlebox.without(ch, ExtensionType.SUPPORTED_VERSIONS));
        assertEquals(Blocked.ON_READ, server.negotiate());
        assertEquals(V12, server.actualProtocolVersion());
        SSLException e = assertThrows(SSLException.class, jdk::pump);
        assertTrue(e.getMessage().contains("downgrade"), e.getMessage());
        // The engine hands out its fatal alert on the next wrap.
        jdk.closeOutbound();
        TlsException serverError = assertThrows(TlsException.class, server::negotiate);
        assertEquals(TlsException.Type.ALERT, serverError.type());
        assertEquals(Alert.ILLEGAL_PARAMETER, serverError.alert());
    }

    static Stream<String> jdkName() {
        return Stream.of(JDK);
    }

    /** RFC 7507: a fallback retry to TLS 1.2 at a server that supports TLS 1.3 is refused. */
    @Test
    void fallbackScsvBelowOurHighestVersionIsInappropriate() throws Exception {
        try (TestPair pair = new TestPair(client(BOTH), server(BOTH))) {
            pair.client.negotiate();
            Middlebox.rewriteClientHello(pair.clientToServer, ch -> Middlebox.withSuite(
                    Middlebox.without(ch, ExtensionType.SUPPORTED_VERSIONS), 0x5600));
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(Alert.INAPPROPRIATE_FALLBACK, e.alert());
            assertEquals(V12, pair.server.clientProtocolVersion());
            assertEquals(Alert.INAPPROPRIATE_FALLBACK, Tls12HandshakeTest.alertOf(pair.client));
        }
    }

    @Test
    void noCommonVersionIsProtocolVersion() throws Exception {
        String tls13Only = "AWS-CRT-SDK-TLSv1.3-2023";
        for (String[] policies : new String[][] {{tls13Only, ONLY_12}, {ONLY_12, tls13Only}}) {
            try (TestPair pair = new TestPair(client(policies[0]), server(policies[1]))) {
                TlsException e = assertThrows(TlsException.class, pair::handshake);
                assertEquals(TlsException.Type.PROTOCOL, e.type());
                assertEquals(Alert.PROTOCOL_VERSION, e.alert());
                assertEquals(Alert.PROTOCOL_VERSION, Tls12HandshakeTest.alertOf(pair.client));
                ProtocolVersion clientMax = policies[0].equals(tls13Only) ? V13 : V12;
                assertEquals(clientMax, pair.server.clientProtocolVersion());
                assertEquals(clientMax, pair.client.clientProtocolVersion());
                assertEquals(ProtocolVersion.UNKNOWN, pair.server.actualProtocolVersion());
            }
        }
    }

    /** A TLS 1.2-only client's hello carries no TLS 1.3 extension and no TLS 1.3 suite; a 1.3-only one no TLS 1.2 extras. */
    @Test
    void helloOffersWhatThePolicyAllows() throws Exception {
        for (String policy : new String[] {ONLY_12, "AWS-CRT-SDK-TLSv1.3-2023", BOTH}) {
            try (TestPair pair = new TestPair(client(policy), server(BOTH))) {
                pair.client.negotiate();
                ClientHello hello = WireTap.clientHello(pair.clientToServer.drain());
                boolean offers13 = !policy.equals(ONLY_12);
                boolean offers12 = !policy.equals("AWS-CRT-SDK-TLSv1.3-2023");
                assertEquals(offers13, hello.extensions().contains(ExtensionType.SUPPORTED_VERSIONS), policy);
                assertEquals(offers13, hello.extensions().contains(ExtensionType.KEY_SHARE), policy);
                assertEquals(offers13, hello.offersCipherSuite(0x1301), policy);
                assertEquals(offers12, hello.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET), policy);
                assertEquals(offers12, hello.extensions().contains(ExtensionType.EC_POINT_FORMATS), policy);
                assertEquals(offers12, hello.offersCipherSuite(0x00FF), policy + ": RFC 5746 SCSV, as s2n sends it");
                assertFalse(hello.extensions().contains(ExtensionType.RENEGOTIATION_INFO), policy);
                assertEquals(offers12, hello.offersCipherSuite(0xC02B), policy);
                assertEquals(0x0303, hello.legacyVersion());
                assertArrayEquals(new byte[] {0}, hello.compressionMethods());
            }
        }
    }
}
