package s2n.tls.internal.x509;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.testing.TestPki;
import s2n.tls.testing.TestPki.KeyType;

/** Repeat validations of a chain skip path building, but never outside the path's dates or for other bytes. */
class ValidatedChainCacheTest {
    private static final TestPki PKI = TestPki.shared(KeyType.ECDSA_P256);

    @Test
    void aChainAcceptedOnceIsRememberedAndAcceptedAgain() {
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(PKI.root()));
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "cache.example");
        assertDoesNotThrow(() -> validator.validate(issued.chain(), Instant.now(), true));
        assertEquals(1, validator.cachedChains());
        assertDoesNotThrow(() -> validator.validate(List.copyOf(issued.chain()), Instant.now(), true));
        assertEquals(1, validator.cachedChains());
    }

    @Test
    void aRememberedChainIsJudgedAfreshOnceItsLeafHasExpired() {
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(PKI.root()));
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "expiring.example");
        assertDoesNotThrow(() -> validator.validate(issued.chain(), Instant.now(), true));
        Instant later = issued.leaf().getNotAfter().toInstant().plus(Duration.ofDays(1));
        TlsException e = assertThrows(TlsException.class, () -> validator.validate(issued.chain(), later, true));
        assertEquals(ErrorCode.CERT_EXPIRED.alert(), e.alert());
        Instant earlier = issued.leaf().getNotBefore().toInstant().minus(Duration.ofDays(1));
        TlsException early = assertThrows(TlsException.class, () -> validator.validate(issued.chain(), earlier, true));
        assertEquals(ErrorCode.CERT_EXPIRED.alert(), early.alert());
    }

    @Test
    void theLeafChecksStillRunForARememberedChain() {
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(PKI.root()));
        TestPki.Issued clientOnly = PKI.issueWithoutServerAuth(KeyType.ECDSA_P256, "client.example");
        assertDoesNotThrow(() -> validator.validate(clientOnly.chain(), Instant.now(), false));
        TlsException e = assertThrows(TlsException.class, () -> validator.validate(clientOnly.chain(), Instant.now(), true));
        assertEquals(ErrorCode.CERT_INVALID.alert(), e.alert());
    }

    @Test
    void anotherValidatorOrAnUntrustedChainGainsNothingFromTheCache() {
        CertificateValidator trusting = CertificateValidator.forTrustedCertificates(List.of(PKI.root()));
        TestPki other = TestPki.create(KeyType.ECDSA_P256, "Cache Other Root");
        CertificateValidator trustingOther = CertificateValidator.forTrustedCertificates(List.of(other.root()));
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "scoped.example");
        assertDoesNotThrow(() -> trusting.validate(issued.chain(), Instant.now(), true));
        TlsException e = assertThrows(TlsException.class, () -> trustingOther.validate(issued.chain(), Instant.now(), true));
        assertEquals(ErrorCode.CERT_UNTRUSTED.alert(), e.alert());
        assertEquals(0, trustingOther.cachedChains());
    }

    @Test
    void theCacheEmptiesWhenFullAndRefills() {
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(PKI.root()));
        int max = CertificateValidator.MAX_CACHED_CHAINS;
        for (int i = 0; i < max + 3; i++) {
            TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "n" + i + ".example");
            assertDoesNotThrow(() -> validator.validate(issued.chain(), Instant.now(), true));
            assertEquals(i < max ? i + 1 : i + 1 - max, validator.cachedChains());
        }
    }
}
