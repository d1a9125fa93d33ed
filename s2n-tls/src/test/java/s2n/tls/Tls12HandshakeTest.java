package s2n.tls;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * TLS 1.2 between our own client and server, in memory: every ECDHE suite x group x {ECDSA, RSA}
 * certificate, hostile transports, and the authentication rules of RFC 8422 (the ECDSA
 * certificate's curve) and RFC 5246 §7.4.1.4.1 (no signature_algorithms).
 */
class Tls12HandshakeTest {
    static final String TLS12_TYPE = "NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY";

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (TestPki.KeyType key : new TestPki.KeyType[] {TestPki.KeyType.ECDSA_P256, TestPki.KeyType.RSA_2048}) {
            String auth = key == TestPki.KeyType.RSA_2048 ? "RSA" : "ECDSA";
            for (String cipher : new String[] {"AES_128_GCM_SHA256", "AES_256_GCM_SHA384", "CHACHA20_POLY1305_SHA256"}) {
                for (String group : new String[] {"x25519", "secp256r1", "secp384r1", "secp521r1"}) {
                    out.add(Arguments.of("TLS_ECDHE_" + auth + "_WITH_" + cipher, group, key));
                }
            }
        }
        return out.stream();
    }

    static TestPki.Issued cert(TestPki.KeyType key) {
        return TestPki.shared(key).issue(key, "localhost");
    }

    static Config server(SecurityPolicy policy, TestPki.Issued cert) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(policy)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
    }

    static Config client(SecurityPolicy policy, TestPki.KeyType key) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(policy).withSystemTrust(false).trustPem(TestPki.shared(key).rootPem()).build();
    }

    /** The server pins the group (its preference wins); the client offers every group, as real clients do. */
    @ParameterizedTest(name = "{index}: TLS 1.2 ours <-> ours {0} {1} {2}")
    @MethodSource("matrix")
    void everySuiteGroupAndCertificate(String suite, String group, TestPki.KeyType key) throws Exception {
        Config server = server(TestPolicies.only(List.of(suite), List.of(group)), cert(key));
        Config client = client(TestPolicies.only(List.of(suite), null), key);
        try (TestPair pair = new TestPair(client, server)) {
            pair.handshake();
            for (Connection c : new Connection[] {pair.client, pair.server}) {
                assertEquals(ProtocolVersion.TLS12, c.actualProtocolVersion());
                assertEquals(suite, c.cipherSuite());
                assertEquals(group, c.keyExchangeGroup());
                assertEquals(TLS12_TYPE, c.handshakeTypeName());
            }
            assertEquals(pair.server.signatureScheme(), pair.client.signatureScheme());
            assertEquals("localhost", pair.server.serverName());
            byte[] data = new byte[40_000];
            Arrays.fill(data, (byte) 7);
            assertArrayEquals(data, TestPair.transfer(pair.client, pair.server, data));
            assertArrayEquals(data, TestPair.transfer(pair.server, pair.client, data));
        }
    }

    @ParameterizedTest(name = "TLS 1.2 over a {0} transport")
    @EnumSource(MemoryPipe.Behavior.class)
    void completesOverHostileTransports(MemoryPipe.Behavior behavior) throws Exception {
        SecurityPolicy tls12 = SecurityPolicy.named("20240501");
        try (TestPair pair = new TestPair(client(tls12, TestPki.KeyType.RSA_2048), server(tls12, cert(TestPki.KeyType.RSA_2048)),
                behavior)) {
            pair.handshake();
            assertEquals(TLS12_TYPE, pair.server.handshakeTypeName());
            byte[] data = "over a hostile pipe".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertArrayEquals(data, TestPair.transfer(pair.server, pair.client, data));
        }
    }

    @Test
    void alpnAndShutdownWorkInTls12() throws Exception {
        SecurityPolicy tls12 = SecurityPolicy.named("20240501");
        TestPki.Issued cert = cert(TestPki.KeyType.ECDSA_P256);
        Config server = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(tls12).applicationProtocols("http/1.1")
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
        Config client = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(tls12).applicationProtocols("h2", "http/1.1").withSystemTrust(false)
                .trustPem(TestPki.shared(TestPki.KeyType.ECDSA_P256).rootPem()).build();
        try (TestPair pair = new TestPair(client, server)) {
            pair.handshake();
            assertEquals("http/1.1", pair.client.applicationProtocol());
            assertEquals("http/1.1", pair.server.applicationProtocol());
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", pair.client.cipherSuite());
            assertEquals("secp256r1", pair.client.keyExchangeGroup());
            assertEquals(Blocked.ON_READ, pair.client.shutdown());
            assertEquals(Blocked.NOT_BLOCKED, pair.server.shutdown());
            assertEquals(Blocked.NOT_BLOCKED, pair.client.shutdown());
        }
    }

    /** RFC 8422 §5.1.1: a client that lists only x25519 cannot be sent a P-256 ECDSA certificate. */
    @Test
    void ecdsaCertificateOnACurveTheClientLacksIsNotUsed() throws Exception {
        SecurityPolicy clientPolicy = TestPolicies.only(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), List.of("x25519"));
        Config server = server(SecurityPolicy.named("20240501"), cert(TestPki.KeyType.ECDSA_P256));
        try (TestPair pair = new TestPair(client(clientPolicy, TestPki.KeyType.ECDSA_P256), server)) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(TlsException.Type.PROTOCOL, e.type());
            assertEquals(Alert.HANDSHAKE_FAILURE, e.alert());
            assertEquals(Alert.HANDSHAKE_FAILURE, alertOf(pair.client));
        }
    }

    /** Both certificates configured: the server uses the one the negotiated suite can use. */
    @Test
    void serverPicksTheCertificateTheSuiteNeeds() throws Exception {
        TestPki.Issued ecdsa = cert(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued rsa = cert(TestPki.KeyType.RSA_2048);
        Config server = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy("20240501")
                .certificateChainAndKey(CertificateChainAndKey.fromPem(ecdsa.chainPem(), ecdsa.keyPem()))
                .certificateChainAndKey(CertificateChainAndKey.fromPem(rsa.chainPem(), rsa.keyPem())).build();
        Config client = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(TestPolicies.only(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), null))
                .withSystemTrust(false).trustPem(TestPki.shared(TestPki.KeyType.RSA_2048).rootPem()).build();
        try (TestPair pair = new TestPair(client, server)) {
            pair.handshake();
            assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", pair.client.cipherSuite());
            assertEquals(rsa.leaf(), pair.client.peerCertificates().get(0));
            assertEquals("rsa_pss_rsae_sha256", pair.client.signatureScheme());
        }
    }

    /** A client offering only PKCS#1 gets a PKCS#1 signature: TLS 1.2 allows it (unlike TLS 1.3's CertificateVerify). */
    @Test
    void rsaPkcs1SignsTheKeyExchangeWhenTheClientAsksForIt() throws Exception {
        SecurityPolicy base = TestPolicies.only(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), null);
        SecurityPolicy pkcs1Only = SecurityPolicy.custom(new s2n.tls.internal.policy.Policy("pkcs1", ProtocolVersion.TLS12,
                base.policy().cipherSuites(), base.policy().groups(),
                List.of(s2n.tls.internal.crypto.SignatureScheme.RSA_PKCS1_SHA384), List.of(), false));
        try (TestPair pair = new TestPair(client(pkcs1Only, TestPki.KeyType.RSA_2048),
                server(SecurityPolicy.named("default"), cert(TestPki.KeyType.RSA_2048)))) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS12, pair.client.actualProtocolVersion());
            assertEquals("rsa_pkcs1_sha384", pair.client.signatureScheme());
        }
    }

    /**
     * The other certificate keys TLS 1.2 can use: Ed25519 with an ECDHE_ECDSA suite (RFC 8422 §2),
     * an RSASSA-PSS key with an ECDHE_RSA suite, signing with rsa_pss_pss_* (RFC 8446 §4.2.3).
     */
    @ParameterizedTest(name = "TLS 1.2 with a {0} certificate")
    @EnumSource(value = TestPki.KeyType.class, names = {"ED25519", "RSA_PSS_2048"})
    void ed25519AndRsaPssCertificates(TestPki.KeyType key) throws Exception {
        String suite = key == TestPki.KeyType.ED25519 ? "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
                : "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
        SecurityPolicy policy = TestPolicies.only(List.of(suite), null);
        try (TestPair pair = new TestPair(client(policy, key), server(policy, cert(key)))) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS12, pair.client.actualProtocolVersion());
            assertEquals(key == TestPki.KeyType.ED25519 ? "ed25519" : "rsa_pss_pss_sha256", pair.client.signatureScheme());
        }
    }

    static Alert alertOf(Connection c) {
        TlsException e = assertThrows(TlsException.class, c::negotiate);
        assertEquals(TlsException.Type.ALERT, e.type(), e.getMessage());
        return e.alert();
    }
}
