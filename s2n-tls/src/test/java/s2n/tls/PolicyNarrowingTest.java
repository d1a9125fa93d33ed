package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/** {@link SecurityPolicy#withCipherSuites}, {@link SecurityPolicy#withMinimumVersion}, {@link SecurityPolicy#withSignatureSchemes}. */
class PolicyNarrowingTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final TestPki.Issued CERT = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");
    private static final SecurityPolicy DEFAULT = SecurityPolicy.named("default");

    private static Config server(SecurityPolicy policy) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(policy)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem())).build();
    }

    private static Config client(SecurityPolicy policy) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(policy)
                .withSystemTrust(false).trustPem(PKI.rootPem()).build();
    }

    @Test
    void withCipherSuitesKeepsOnlyThoseInTheGivenOrder() {
        SecurityPolicy p = DEFAULT.withCipherSuites("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertEquals(List.of("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), p.cipherSuites());
        assertEquals(ProtocolVersion.TLS12, p.minimumVersion());
        assertEquals(ProtocolVersion.TLS13, p.maximumVersion());
        assertEquals(DEFAULT.groups(), p.groups());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DEFAULT.withCipherSuites("TLS_RSA_WITH_AES_128_CBC_SHA"));
        assertTrue(e.getMessage().contains("TLS_RSA_WITH_AES_128_CBC_SHA"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.withCipherSuites());
    }

    @Test
    void onlyTls12SuitesMeanTls12AndOnlyTls13SuitesMeanTls13() throws Exception {
        SecurityPolicy only12 = DEFAULT.withCipherSuites("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        assertEquals(ProtocolVersion.TLS12, only12.maximumVersion());
        try (TestPair pair = new TestPair(client(DEFAULT), server(only12))) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS12, pair.client.actualProtocolVersion());
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", pair.client.cipherSuite());
        }
        SecurityPolicy only13 = DEFAULT.withCipherSuites("TLS_CHACHA20_POLY1305_SHA256");
        assertEquals(ProtocolVersion.TLS13, only13.minimumVersion());
        try (TestPair pair = new TestPair(client(only13), server(DEFAULT))) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS13, pair.server.actualProtocolVersion());
            assertEquals("TLS_CHACHA20_POLY1305_SHA256", pair.server.cipherSuite());
        }
        // A TLS 1.3-only client and a TLS 1.2-only server have no version in common.
        try (TestPair pair = new TestPair(client(only13), server(only12))) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(Alert.PROTOCOL_VERSION, e.alert(), e.getMessage());
        }
    }

    @Test
    void withMinimumVersionTls13RefusesATls12Peer() throws Exception {
        SecurityPolicy p = DEFAULT.withMinimumVersion(ProtocolVersion.TLS13);
        assertEquals(ProtocolVersion.TLS13, p.minimumVersion());
        assertEquals(DEFAULT.cipherSuites(), p.cipherSuites());
        assertSame(DEFAULT, DEFAULT.withMinimumVersion(ProtocolVersion.TLS12));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.withMinimumVersion(ProtocolVersion.TLS11));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.withMinimumVersion(null));
        SecurityPolicy only12 = DEFAULT.withCipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        try (TestPair pair = new TestPair(client(only12), server(p))) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(Alert.PROTOCOL_VERSION, e.alert(), e.getMessage());
        }
    }

    @Test
    void withSignatureSchemesIsWhatTheServerSignsWith() throws Exception {
        SecurityPolicy p = DEFAULT.withSignatureSchemes("ecdsa_secp256r1_sha256");
        assertEquals(List.of("ecdsa_secp256r1_sha256"), p.signatureSchemes());
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.withSignatureSchemes("dsa_sha256"));
        try (TestPair pair = new TestPair(client(p), server(DEFAULT))) {
            pair.handshake();
            assertEquals("ecdsa_secp256r1_sha256", pair.client.signatureScheme());
        }
        // A client that only accepts RSA signatures cannot talk to an ECDSA-only server.
        try (TestPair pair = new TestPair(client(DEFAULT.withSignatureSchemes("rsa_pss_rsae_sha256")), server(DEFAULT))) {
            assertThrows(TlsException.class, pair::handshake);
        }
    }
}
