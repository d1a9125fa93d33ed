package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.MlKemAssumption;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * The public policy API: s2n's names and aliases, contents that match s2n's, the error for an
 * unknown name, what each policy leaves out, and the server's preference order with and without
 * ChaCha20 boosting.
 */
class SecurityPolicyTest {

    @Test
    void knowsS2nsPolicyNamesAndWhereTheAliasesPoint() {
        assertTrue(SecurityPolicy.names().containsAll(List.of("default", "default_tls13", "default_fips", "rfc9151",
                "20230317", "20240501", "20240503", "20251013", "20251014", "20251015", "AWS-CRT-SDK-TLSv1.3-2023",
                "CloudFront-TLS-1-2-2021-Chacha20-Boosted")), SecurityPolicy.names().toString());
        assertEquals("20251014", SecurityPolicy.named("default").resolvedName());
        assertEquals("20240503", SecurityPolicy.named("default_tls13").resolvedName());
        assertEquals("20251015", SecurityPolicy.named("default_fips").resolvedName());
        assertEquals("20251013", SecurityPolicy.named("rfc9151").resolvedName());
        assertTrue(SecurityPolicy.named("default").isAlias());
        assertFalse(SecurityPolicy.named("20251014").isAlias());
        assertEquals("default", SecurityPolicy.named("default").name());
        assertEquals(SecurityPolicy.named("20251014").cipherSuites(), SecurityPolicy.named("default").cipherSuites());
    }

    @Test
    void unknownNameIsAnIllegalArgumentListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecurityPolicy.named("20991231"));
        for (String name : SecurityPolicy.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SecurityPolicy.named(null));
        assertThrows(IllegalArgumentException.class, () -> Config.builder().securityPolicy("tls1.2"));
    }

    @Test
    void defaultIsS2nsTwentyTwentyFiveDefault() {
        SecurityPolicy p = SecurityPolicy.named("default");
        assertEquals(ProtocolVersion.TLS12, p.minimumVersion());
        assertEquals(ProtocolVersion.TLS13, p.maximumVersion());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), p.cipherSuites());
        assertEquals(List.of("secp256r1", "x25519", "secp384r1", "secp521r1", "X25519MLKEM768", "SecP256r1MLKEM768",
                "SecP384r1MLKEM1024"), p.groups());
        // s2n's SIG-2024 list, then our one documented addition.
        assertEquals("ecdsa_secp256r1_sha256", p.signatureSchemes().get(0));
        assertEquals("ed25519", p.signatureSchemes().get(p.signatureSchemes().size() - 1));
        assertEquals(List.of(), p.certificateSignatureSchemes());
        // Nothing is left out where the runtime has ML-KEM; elsewhere exactly the three hybrids.
        if (MlKemAssumption.AVAILABLE) {
            assertEquals(List.of(), p.omissions());
        } else {
            assertEquals(3, p.omissions().size(), p.omissions().toString());
            assertTrue(p.omissions().stream().allMatch(o -> o.contains("needs ML-KEM")), p.omissions().toString());
        }
    }

    @Test
    void defaultPqIsS2nsTwentyTwentyFiveJulyPolicy() {
        SecurityPolicy p = SecurityPolicy.named("default_pq");
        assertTrue(p.isAlias());
        assertEquals("20250721", p.resolvedName());
        assertEquals(List.of("secp256r1", "x25519", "secp384r1", "secp521r1", "X25519MLKEM768", "SecP256r1MLKEM768",
                "SecP384r1MLKEM1024"), p.groups());
        assertEquals(List.of("mldsa44", "mldsa65", "mldsa87"), p.signatureSchemes().subList(0, 3));
        // ML-DSA is named, not implemented: always an omission, on every runtime.
        assertTrue(p.omissions().contains("signature scheme mldsa44: not implemented"), p.omissions().toString());
        assertEquals(List.of("X25519MLKEM768", "SecP256r1MLKEM768"),
                SecurityPolicy.named("20250512").groups().subList(4, 6));
        assertEquals(6, SecurityPolicy.named("20250512").groups().size());
    }

    @Test
    void omissionsNameWhatIsMissingAndNothingElse() {
        List<String> tls13Default = SecurityPolicy.named("default_tls13").omissions();
        assertTrue(tls13Default.contains("cipher suite TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: CBC cipher suites are not implemented"),
                tls13Default.toString());
        assertTrue(tls13Default.stream().noneMatch(o -> o.contains("GCM") || o.contains("CHACHA20")), tls13Default.toString());

        SecurityPolicy fips = SecurityPolicy.named("default_fips");
        assertTrue(fips.fips());
        assertFalse(fips.signatureSchemes().contains("ed25519"), "FIPS policies keep s2n's list exactly");
        assertTrue(fips.omissions().stream().anyMatch(o -> o.startsWith("FIPS 140-3 rule")), fips.omissions().toString());

        SecurityPolicy cnsa = SecurityPolicy.named("rfc9151");
        assertEquals(List.of("ecdsa_p384", "rsa_3072", "rsa_4096", "rsa_pss_3072", "rsa_pss_4096"), cnsa.certificateKeys());
        assertTrue(cnsa.omissions().stream().anyMatch(o -> o.startsWith("certificate keys")), cnsa.omissions().toString());
    }

    @Test
    void versionRangeFollowsTheSuitesAndTheMinimum() {
        assertEquals(ProtocolVersion.TLS12, SecurityPolicy.named("20240501").maximumVersion());
        SecurityPolicy tls13Only = SecurityPolicy.named("AWS-CRT-SDK-TLSv1.3-2023");
        assertEquals(ProtocolVersion.TLS13, tls13Only.minimumVersion());
        assertEquals(ProtocolVersion.TLS13, tls13Only.maximumVersion());
        assertTrue(SecurityPolicy.named("CloudFront-TLS-1-2-2021-Chacha20-Boosted").chachaBoosting());
        assertFalse(SecurityPolicy.named("default").chachaBoosting());
    }

    /** s2n's order: the server's preference wins, unless boosting gives a ChaCha20-first client ChaCha20. */
    @Test
    void serverPreferenceWinsUnlessThePolicyBoostsChaCha() throws Exception {
        String chacha12 = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
        String aes12 = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
        assertEquals(aes12, negotiate(List.of(chacha12, aes12), "20240503"));
        assertEquals(chacha12, negotiate(List.of(chacha12, aes12), "CloudFront-TLS-1-2-2021-Chacha20-Boosted"));
        assertEquals(aes12, negotiate(List.of(aes12, chacha12), "CloudFront-TLS-1-2-2021-Chacha20-Boosted"));

        String chacha13 = "TLS_CHACHA20_POLY1305_SHA256";
        String aes13 = "TLS_AES_128_GCM_SHA256";
        assertEquals(aes13, negotiate(List.of(chacha13, aes13), "default"));
        assertEquals(chacha13, negotiate(List.of(chacha13, aes13), "CloudFront-TLS-1-2-2021-Chacha20-Boosted"));
    }

    /** The suite an RSA server with {@code serverPolicy} picks for a client offering {@code clientSuites} in that order. */
    private static String negotiate(List<String> clientSuites, String serverPolicy) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.RSA_2048);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.RSA_2048, "localhost");
        Config server = Config.builder().securityPolicy(serverPolicy)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
        Config client = Config.builder().securityPolicy(TestPolicies.only(clientSuites, null)).withSystemTrust(false)
                .trustPem(pki.rootPem()).build();
        try (TestPair pair = new TestPair(client, server)) {
            pair.handshake();
            assertEquals(pair.server.cipherSuite(), pair.client.cipherSuite());
            return pair.server.cipherSuite();
        }
    }
}
