package s2n.tls.internal.x509;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.testing.TestPki;
import s2n.tls.testing.TestPki.KeyType;

/** Chain validation: good chains in every shape TLS allows, and each failure with its exact alert. */
class CertificateValidatorTest {
    private static final TestPki PKI = TestPki.shared(KeyType.ECDSA_P256);
    private static final CertificateValidator TRUST_PKI =
            CertificateValidator.forTrustedCertificates(List.of(PKI.root()));

    // ---- accepted ----

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void acceptsLeafAndIntermediateForEveryCaKeyType(KeyType type) {
        TestPki pki = TestPki.shared(type);
        TestPki.Issued issued = pki.issue(type, "good.example");
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(pki.root()));
        assertDoesNotThrow(() -> validator.validate(issued.chain(), Instant.now(), true));
        assertDoesNotThrow(() -> validator.validate(issued.chain(), Instant.now(), false));
    }

    @Test
    void acceptsChainThatIncludesTheRoot() {
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "withroot.example");
        List<X509Certificate> chain = List.of(issued.leaf(), PKI.intermediate(), PKI.root());
        assertDoesNotThrow(() -> TRUST_PKI.validate(chain, Instant.now(), true));
    }

    @Test
    void acceptsShuffledIntermediatesAndUnrelatedExtras() {
        TestCertificates.Signer root = TestCertificates.root("Shuffle Root");
        TestCertificates.Signer ca1 = TestCertificates.subCa(root, "Shuffle CA 1");
        TestCertificates.Signer ca2 = TestCertificates.subCa(ca1, "Shuffle CA 2");
        TestCertificates.Signer ca3 = TestCertificates.subCa(ca2, "Shuffle CA 3");
        TestCertificates.Signer leaf = TestCertificates.leaf(ca3, "shuffle.example");
        X509Certificate unrelated = TestPki.create(KeyType.ECDSA_P256, "Unrelated").intermediate();
        List<X509Certificate> chain = List.of(leaf.cert(), ca1.cert(), unrelated, ca3.cert(), root.cert(), ca2.cert());
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(root.cert()));
        assertDoesNotThrow(() -> validator.validate(chain, Instant.now(), true));
    }

    @Test
    void acceptsTrustedSelfSignedLeafWhileItIsValid() {
        TestPki.Issued pinned = TestPki.selfSigned(KeyType.ECDSA_P256, "pinned.example");
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(pinned.leaf()));
        assertDoesNotThrow(() -> validator.validate(pinned.chain(), Instant.now(), true));
        Instant later = pinned.leaf().getNotAfter().toInstant().plusSeconds(1);
        assertFails(ErrorCode.CERT_EXPIRED, "certificate CN=pinned.example expired on "
                + pinned.leaf().getNotAfter().toInstant(), () -> validator.validate(pinned.chain(), later, true));
    }

    @Test
    void acceptsChainMadeByOpenSsl() {
        List<X509Certificate> chain = Pem.readCertificates(OpenSslFixtures.CHAIN);
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(chain.get(1)));
        assertDoesNotThrow(() -> validator.validate(chain, OpenSslFixtures.DURING_VALIDITY, true));
        assertDoesNotThrow(() -> validator.validate(chain.subList(0, 1), OpenSslFixtures.DURING_VALIDITY, false));
    }

    @Test
    void trustFromKeyStore() throws Exception {
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "keystore.example");
        CertificateValidator validator = CertificateValidator.forKeyStore(TestPki.trustStore(PKI.root()));
        assertEquals(List.of(PKI.root()), validator.trustedCertificates());
        assertDoesNotThrow(() -> validator.validate(issued.chain(), Instant.now(), true));

        KeyStore empty = TestPki.trustStore();
        assertThrows(IllegalArgumentException.class, () -> CertificateValidator.forKeyStore(empty));
        KeyStore notLoaded = KeyStore.getInstance("PKCS12");
        assertThrows(IllegalArgumentException.class, () -> CertificateValidator.forKeyStore(notLoaded));
    }

    @Test
    void jdkDefaultLoadsTheJdkTrustStoreOnce() {
        CertificateValidator jdk = CertificateValidator.jdkDefault();
        assertTrue(jdk.trustedCertificates().size() > 0);
        assertSame(jdk, CertificateValidator.jdkDefault());
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "notpublic.example");
        assertFails(ErrorCode.CERT_UNTRUSTED, "which is neither trusted nor in the chain",
                () -> jdk.validate(issued.chain(), Instant.now(), true));
    }

    @Test
    void requiresTrustAndAChain() {
        assertThrows(IllegalArgumentException.class, () -> CertificateValidator.forTrustedCertificates(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> CertificateValidator.forTrustedCertificates(Collections.singletonList(null)));
        assertThrows(IllegalArgumentException.class, () -> TRUST_PKI.validate(List.of(), Instant.now(), true));
        assertEquals(7, TRUST_PKI.maxChainDepth());
    }

    // ---- untrusted ----

    @Test
    void rootNobodyTrustsIsUnknownCa() {
        TestPki stranger = TestPki.create(KeyType.ECDSA_P256, "Stranger Root");
        TestPki.Issued issued = stranger.issue(KeyType.ECDSA_P256, "stranger.example");
        List<X509Certificate> withRoot = new ArrayList<>(issued.chain());
        withRoot.add(stranger.root());
        assertFails(ErrorCode.CERT_UNTRUSTED, "certificate chain of CN=stranger.example ends at CN=Stranger Root,"
                + " which is not trusted", () -> TRUST_PKI.validate(withRoot, Instant.now(), true));
        assertFails(ErrorCode.CERT_UNTRUSTED, "certificate CN=Stranger Root Intermediate was issued by"
                + " CN=Stranger Root, which is neither trusted nor in the chain",
                () -> TRUST_PKI.validate(issued.chain(), Instant.now(), true));
    }

    @Test
    void missingIntermediateIsUnknownCa() {
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "lonely.example");
        assertFails(ErrorCode.CERT_UNTRUSTED, "certificate CN=lonely.example was issued by "
                + PKI.intermediate().getSubjectX500Principal().getName()
                + ", which is neither trusted nor in the chain",
                () -> TRUST_PKI.validate(List.of(issued.leaf()), Instant.now(), true));
    }

    @Test
    void untrustedSelfSignedLeafIsUnknownCa() {
        TestPki.Issued self = TestPki.selfSigned(KeyType.ED25519, "self.example");
        assertFails(ErrorCode.CERT_UNTRUSTED, "certificate CN=self.example is self-signed and not trusted",
                () -> TRUST_PKI.validate(self.chain(), Instant.now(), true));
    }

    // ---- dates ----

    @Test
    void expiredLeafIsCertificateExpired() {
        TestPki.Issued issued = PKI.issueExpired(KeyType.ECDSA_P256, "expired.example");
        assertFails(ErrorCode.CERT_EXPIRED, "certificate CN=expired.example expired on "
                + issued.leaf().getNotAfter().toInstant(),
                () -> TRUST_PKI.validate(issued.chain(), Instant.now(), true));
    }

    @Test
    void notYetValidLeafIsCertificateExpired() {
        TestPki.Issued issued = PKI.issueNotYetValid(KeyType.ECDSA_P256, "future.example");
        assertFails(ErrorCode.CERT_EXPIRED, "certificate CN=future.example is not valid until "
                + issued.leaf().getNotBefore().toInstant(),
                () -> TRUST_PKI.validate(issued.chain(), Instant.now(), true));
    }

    @Test
    void validationTimeIsTheOneGiven() {
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "clock.example");
        Instant afterLeaf = issued.leaf().getNotAfter().toInstant().plus(Duration.ofMinutes(1));
        assertFails(ErrorCode.CERT_EXPIRED, "expired on", () -> TRUST_PKI.validate(issued.chain(), afterLeaf, true));
        Instant beforeEverything = PKI.root().getNotBefore().toInstant().minus(Duration.ofDays(1));
        assertFails(ErrorCode.CERT_EXPIRED, "is not valid until",
                () -> TRUST_PKI.validate(issued.chain(), beforeEverything, true));
    }

    // ---- invalid ----

    @Test
    void tamperedSignatureIsBadCertificate() throws Exception {
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "tampered.example");
        X509Certificate tampered = TestCertificates.tamper(issued.leaf(), -3); // inside the signature value
        assertFails(ErrorCode.CERT_INVALID, "signature on certificate CN=tampered.example does not verify",
                () -> TRUST_PKI.validate(List.of(tampered, PKI.intermediate()), Instant.now(), true));
    }

    @Test
    void leafWithoutServerAuthIsRejectedOnlyForServers() {
        TestPki.Issued issued = PKI.issueWithoutServerAuth(KeyType.ECDSA_P256, "client.example");
        assertFails(ErrorCode.CERT_INVALID, "certificate CN=client.example is not valid for TLS server authentication",
                () -> TRUST_PKI.validate(issued.chain(), Instant.now(), true));
        assertDoesNotThrow(() -> TRUST_PKI.validate(issued.chain(), Instant.now(), false));
    }

    @Test
    void caCertificateAsLeafCannotSign() {
        // The intermediate has no extendedKeyUsage, but its keyUsage is keyCertSign|cRLSign only.
        assertFails(ErrorCode.CERT_INVALID, "its keyUsage lacks digitalSignature",
                () -> TRUST_PKI.validate(List.of(PKI.intermediate()), Instant.now(), true));
    }

    @Test
    void certificateIssuedByNonCaIsBadCertificate() {
        TestCertificates.Signer root = TestCertificates.root("NotCa Root");
        TestCertificates.Signer leaf = TestCertificates.leaf(root, "notca.example");
        TestCertificates.Signer below = TestCertificates.leaf(leaf, "below.example");
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(root.cert()));
        // The JDK checks the issuer's keyUsage (no keyCertSign) before its basicConstraints (CA:false).
        assertFails(ErrorCode.CERT_INVALID, "certificate CN=notca.example may not be used this way (",
                () -> validator.validate(List.of(below.cert(), leaf.cert()), Instant.now(), true));
    }

    @Test
    void pathLongerThanMaxDepthIsBadCertificate() {
        TestCertificates.Signer root = TestCertificates.root("Deep Root");
        List<TestCertificates.Signer> cas = new ArrayList<>();
        TestCertificates.Signer issuer = root;
        for (int i = 1; i <= 6; i++) {
            issuer = TestCertificates.subCa(issuer, "Deep CA " + i);
            cas.add(issuer);
        }
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(root.cert()));
        // leaf + 5 CAs + root = 7: the limit.
        assertDoesNotThrow(() -> validator.validate(chainBelow(cas, 5), Instant.now(), true));
        // leaf + 6 CAs + root = 8: one too many.
        assertFails(ErrorCode.CERT_INVALID, "certificate chain of CN=deep.example is 8 certificates deep;"
                + " at most 7 are allowed", () -> validator.validate(chainBelow(cas, 6), Instant.now(), true));
        // A tighter limit applies the same way.
        CertificateValidator shallow = validator.withMaxChainDepth(3);
        assertEquals(3, shallow.maxChainDepth());
        assertFails(ErrorCode.CERT_INVALID, "is 4 certificates deep; at most 3",
                () -> shallow.validate(chainBelow(cas, 2), Instant.now(), true));
    }

    @Test
    void tooManyReceivedCertificatesAreRefused() {
        TestPki.Issued issued = PKI.issue(KeyType.ECDSA_P256, "pile.example");
        List<X509Certificate> pile = new ArrayList<>(issued.chain());
        while (pile.size() <= CertificateValidator.MAX_RECEIVED_CERTIFICATES) {
            pile.add(PKI.intermediate());
        }
        assertFails(ErrorCode.CERT_INVALID, "peer sent 33 certificates; at most 32",
                () -> TRUST_PKI.validate(pile, Instant.now(), true));
    }

    @Test
    void unknownSignatureAlgorithmIsUnsupportedCertificate() throws Exception {
        TestCertificates.Signer root = TestCertificates.root("Odd Root");
        TestCertificates.Signer leaf = TestCertificates.leaf(root, "odd.example");
        // ecdsa-with-SHA256 (1.2.840.10045.4.3.2) becomes the unassigned 1.2.840.10045.4.3.9, in the
        // TBSCertificate and outside it alike, so the certificate still parses.
        byte[] sha256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
        byte[] unknown = sha256.clone();
        unknown[unknown.length - 1] = 0x09;
        X509Certificate odd = TestCertificates.replaceBytes(leaf.cert(), sha256, unknown);
        CertificateValidator validator = CertificateValidator.forTrustedCertificates(List.of(root.cert()));
        assertFails(ErrorCode.CERT_UNSUPPORTED, "certificate CN=odd.example uses an algorithm this JDK cannot or"
                + " will not verify: 1.2.840.10045.4.3.9 Signature not available",
                () -> validator.validate(List.of(odd), Instant.now(), true));
    }

    // ---- helpers ----

    /** A new leaf under the first {@code count} CAs of {@code cas}, sent with those CAs lowest first, root left out. */
    private static List<X509Certificate> chainBelow(List<TestCertificates.Signer> cas, int count) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(TestCertificates.leaf(cas.get(count - 1), "deep.example").cert());
        for (int i = count - 1; i >= 0; i--) {
            chain.add(cas.get(i).cert());
        }
        return chain;
    }

    /** The failure must be exactly {@code code}: same type, same alert, and the message says {@code detail}. */
    static void assertFails(ErrorCode code, String detail, Executable call) {
        TlsException e = assertThrows(TlsException.class, call);
        assertEquals(code.type(), e.type(), e.getMessage());
        assertEquals(code.alert(), e.alert(), e.getMessage());
        assertTrue(e.getMessage().contains(detail), "expected '" + detail + "' in: " + e.getMessage());
    }
}
