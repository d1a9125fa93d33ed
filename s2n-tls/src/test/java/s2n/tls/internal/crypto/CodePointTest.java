package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.MlKemAssumption;

/** Cipher suites, named groups and signature schemes as value types: lookup, unknown values, properties. */
class CodePointTest {

    @Test
    void knownCodesLookUpToTheirConstants() {
        assertSame(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.of(0x1301));
        assertSame(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.of(0xCCA8));
        assertSame(CipherSuite.TLS_FALLBACK_SCSV, CipherSuite.of(0x5600));
        assertSame(NamedGroup.X25519, NamedGroup.of(0x001D));
        assertSame(NamedGroup.X25519_MLKEM768, NamedGroup.of(0x11EC));
        assertSame(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.of(0x0804));
        assertSame(SignatureScheme.MLDSA87, SignatureScheme.of(0x0906));
    }

    @Test
    void unknownCodesSurviveAndPrintAsHex() {
        CipherSuite s = CipherSuite.of(0x0a0a); // a GREASE value (RFC 8701)
        assertEquals(0x0a0a, s.code());
        assertEquals("0x0A0A", s.toString());
        assertEquals("0x0A0A", s.name());
        assertFalse(s.isKnown());
        assertFalse(s.isImplemented());
        assertFalse(s.isSignalling());
        assertNull(s.hash());
        assertNull(s.aead());
        assertNull(s.authentication());
        assertEquals(s, CipherSuite.of(0x0a0a));
        assertEquals(s.hashCode(), CipherSuite.of(0x0a0a).hashCode());
        assertNotEquals(s, CipherSuite.of(0x1a1a));

        NamedGroup g = NamedGroup.of(0x1234);
        assertEquals("0x1234", g.toString());
        assertEquals(g, NamedGroup.of(0x1234));
        assertFalse(g.isImplemented());

        SignatureScheme sig = SignatureScheme.of(0xfe00);
        assertEquals("0xFE00", sig.toString());
        assertEquals(sig, SignatureScheme.of(0xfe00));
        assertFalse(sig.isImplemented());
        assertFalse(sig.allowedInTls13());
    }

    @Test
    void codesMustBeSixteenBits() {
        assertThrows(IllegalArgumentException.class, () -> CipherSuite.of(0x10000));
        assertThrows(IllegalArgumentException.class, () -> NamedGroup.of(-1));
        assertThrows(IllegalArgumentException.class, () -> SignatureScheme.of(70000));
    }

    @Test
    void byNameFindsIanaNamesAndListsKnownNamesOnFailure() {
        assertSame(CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.byName("TLS_CHACHA20_POLY1305_SHA256"));
        assertSame(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.byName("ECDHE-ECDSA-AES256-GCM-SHA384"));
        assertSame(NamedGroup.SECP384R1, NamedGroup.byName("secp384r1"));
        assertSame(SignatureScheme.ED25519, SignatureScheme.byName("ed25519"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CipherSuite.byName("TLS_RSA_WITH_RC4"));
        assertTrue(e.getMessage().contains("TLS_AES_256_GCM_SHA384"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NamedGroup.byName("X25519"));
        assertTrue(e.getMessage().contains("x25519"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SignatureScheme.byName("ecdsa"));
        assertTrue(e.getMessage().contains("ecdsa_secp256r1_sha256"), e.getMessage());
    }

    @Test
    void knownListsHoldEveryConstantOnceWithDistinctCodes() {
        assertEquals(19, CipherSuite.known().size());
        assertEquals(14, NamedGroup.known().size());
        assertEquals(21, SignatureScheme.known().size());
        Set<Integer> codes = new HashSet<>();
        for (CipherSuite s : CipherSuite.known()) {
            assertTrue(codes.add(s.code()), s.name());
            assertSame(s, CipherSuite.byName(s.name()));
        }
        assertThrows(UnsupportedOperationException.class, () -> CipherSuite.known().clear());
    }

    @Test
    void tls13SuitesUseAeadsAndTheirHash() {
        assertTrue(CipherSuite.TLS_AES_256_GCM_SHA384.isTls13());
        assertSame(Hash.SHA384, CipherSuite.TLS_AES_256_GCM_SHA384.hash());
        assertSame(AeadAlgorithm.AES_256_GCM, CipherSuite.TLS_AES_256_GCM_SHA384.aead());
        assertSame(CipherSuite.Authentication.ANY, CipherSuite.TLS_AES_128_GCM_SHA256.authentication());
        assertEquals("TLS_AES_128_GCM_SHA256", CipherSuite.TLS_AES_128_GCM_SHA256.opensslName());
        for (CipherSuite s : List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256)) {
            assertTrue(s.isImplemented(), s.name());
        }
    }

    @Test
    void tls12SuitesDescribeAuthenticationHashAndOpensslName() {
        CipherSuite s = CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;
        assertFalse(s.isTls13());
        assertSame(CipherSuite.Authentication.ECDSA, s.authentication());
        assertSame(AeadAlgorithm.CHACHA20_POLY1305, s.aead());
        assertSame(Hash.SHA256, s.hash());
        assertEquals("ECDHE-ECDSA-CHACHA20-POLY1305", s.opensslName());
        assertEquals("ECDHE-RSA-AES256-GCM-SHA384", CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.opensslName());
        assertSame(Hash.SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.hash());
        assertTrue(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.isImplemented());
    }

    @Test
    void cbcSuitesAreNamedButNeverImplemented() {
        for (CipherSuite s : CipherSuite.known()) {
            if (s.name().contains("_CBC_")) {
                assertNull(s.aead(), s.name());
                assertFalse(s.isImplemented(), s.name());
                assertFalse(s.isSignalling(), s.name());
                assertTrue(s.hash() != null && s.authentication() != null, s.name());
            }
        }
        assertEquals("ECDHE-RSA-AES128-SHA", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA.opensslName());
        assertSame(Hash.SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA.hash(), "RFC 5246 §5: SHA-256 PRF");
        assertSame(Hash.SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384.hash());
    }

    @Test
    void signallingValuesAreNeitherNegotiableNorAuthenticated() {
        for (CipherSuite s : List.of(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV, CipherSuite.TLS_FALLBACK_SCSV)) {
            assertTrue(s.isSignalling(), s.name());
            assertFalse(s.isImplemented(), s.name());
            assertNull(s.authentication(), s.name());
        }
        assertEquals(0x00FF, CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV.code());
    }

    @Test
    void groupsKnowWhatIsImplementedAndSupported() {
        for (NamedGroup g : NamedGroup.known()) {
            boolean classical = List.of("x25519", "x448", "secp256r1", "secp384r1", "secp521r1").contains(g.name());
            boolean hybrid = List.of("X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024").contains(g.name());
            assertEquals(classical || hybrid, g.isImplemented(), g.name());
            if (classical) {
                assertTrue(g.isSupported(), g.name() + " (every JDK 17+ has these)");
            }
            if (hybrid) {
                assertEquals(MlKemAssumption.AVAILABLE, g.isSupported(), g.name() + " (only where the runtime has ML-KEM)");
                assertTrue(g.isPostQuantum(), g.name());
            }
            if (!classical && !hybrid) {
                assertFalse(g.isSupported(), g.name());
            }
        }
        assertEquals(65, NamedGroup.SECP256R1.publicKeyLength());
        assertEquals(133, NamedGroup.SECP521R1.publicKeyLength());
        assertEquals(0x0100, NamedGroup.FFDHE2048.code());
        assertEquals("SecP384r1MLKEM1024", NamedGroup.SECP384R1_MLKEM1024.toString());
    }
}
