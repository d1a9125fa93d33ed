package s2n.tls.internal.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import s2n.tls.testing.TestPki;
import s2n.tls.testing.TestPki.KeyType;

/** Loading certificates and keys from PEM: every key form users bring, and every way PEM goes wrong. */
class PemTest {
    private static final String P256_CURVE_PARAMETERS = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
            + "-----END EC PARAMETERS-----\n";

    // ---- certificates ----

    @Test
    void readsOpenSslChainAndIgnoresTextBetweenBlocks() {
        List<X509Certificate> chain = Pem.readCertificates(OpenSslFixtures.CHAIN);
        assertEquals(2, chain.size());
        assertEquals("CN=openssl.example", chain.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=OpenSSL Test Root,O=OpenSSL Fixture", chain.get(1).getSubjectX500Principal().getName());
        assertEquals(chain.get(1).getSubjectX500Principal(), chain.get(0).getIssuerX500Principal());
    }

    @Test
    void readsChainOfThreeInOrder() {
        TestPki pki = TestPki.shared(KeyType.ECDSA_P256);
        TestPki.Issued issued = pki.issue(KeyType.ECDSA_P256, "chain.example");
        List<X509Certificate> chain = Pem.readCertificates(issued.chainPem() + pki.rootPem());
        assertEquals(List.of(issued.leaf(), pki.intermediate(), pki.root()), chain);
    }

    @Test
    void acceptsCrlfLineEndingsAndIndentation() {
        TestPki pki = TestPki.shared(KeyType.ECDSA_P256);
        String windows = pki.rootPem().replace("\n", "\r\n").replace("\r\nM", "\r\n   M");
        assertEquals(List.of(pki.root()), Pem.readCertificates(windows));
    }

    @Test
    void textWithoutCertificateBlockIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.readCertificates("hello\nworld\n" + OpenSslFixtures.ED25519_PKCS8_KEY));
        assertTrue(e.getMessage().startsWith("no CERTIFICATE block found"), e.getMessage());
    }

    @Test
    void badBase64NamesTheBlock() {
        String root = TestPki.shared(KeyType.ECDSA_P256).rootPem();
        String broken = root + root.replace("\nM", "\nM!!");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(broken));
        assertTrue(e.getMessage().startsWith("PEM CERTIFICATE block 2 is not valid base64"), e.getMessage());
    }

    @Test
    void badDerNamesTheBlock() {
        String garbage = Pem.encode("CERTIFICATE", "not a certificate".getBytes(StandardCharsets.US_ASCII));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(garbage));
        assertTrue(e.getMessage().startsWith("PEM CERTIFICATE block 1 is not a valid DER certificate"), e.getMessage());
    }

    @Test
    void certificateWithTrailingBytesIsRejected() throws Exception {
        byte[] der = TestPki.shared(KeyType.ECDSA_P256).root().getEncoded();
        byte[] padded = java.util.Arrays.copyOf(der, der.length + 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.readCertificates(Pem.encode("CERTIFICATE", padded)));
        assertTrue(e.getMessage().contains("2 unexpected bytes"), e.getMessage());
    }

    @Test
    void blockWithoutEndLineIsRejected() {
        String root = TestPki.shared(KeyType.ECDSA_P256).rootPem();
        String cut = root.substring(0, root.indexOf("-----END"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(cut));
        assertEquals("PEM CERTIFICATE block 1 has no matching '-----END CERTIFICATE-----' line", e.getMessage());
    }

    // ---- keys written by TestPki (BouncyCastle and the JDK) ----

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsPkcs8OfEveryKeyType(KeyType type) throws Exception {
        TestPki.Issued issued = TestPki.shared(KeyType.ECDSA_P256).issue(type, "pkcs8.example");
        PrivateKey key = Pem.readPrivateKey(issued.keyPem());
        assertArrayEquals(issued.key().getEncoded(), key.getEncoded());
        assertSignsFor(key, issued.leaf().getPublicKey());
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void readsTraditionalFormOfEveryKeyType(KeyType type) throws Exception {
        TestPki.Issued issued = TestPki.shared(KeyType.ECDSA_P256).issue(type, "traditional.example");
        String expectedLabel = type == KeyType.RSA_2048 ? "RSA PRIVATE KEY"
                : type == KeyType.ECDSA_P256 || type == KeyType.ECDSA_P384 ? "EC PRIVATE KEY" : "PRIVATE KEY";
        assertTrue(issued.traditionalKeyPem().startsWith("-----BEGIN " + expectedLabel + "-----\n"));
        assertSignsFor(Pem.readPrivateKey(issued.traditionalKeyPem()), issued.leaf().getPublicKey());
    }

    @Test
    void readsSec1AfterEcParametersBlock() throws Exception {
        TestPki.Issued issued = TestPki.shared(KeyType.ECDSA_P256).issue(KeyType.ECDSA_P256, "sec1.example");
        PrivateKey key = Pem.readPrivateKey(P256_CURVE_PARAMETERS + issued.traditionalKeyPem());
        assertSignsFor(key, issued.leaf().getPublicKey());
    }

    @Test
    void skipsCertificatesBeforeTheKey() throws Exception {
        TestPki.Issued issued = TestPki.shared(KeyType.ECDSA_P256).issue(KeyType.ECDSA_P384, "combined.example");
        PrivateKey key = Pem.readPrivateKey(issued.chainPem() + issued.keyPem());
        assertSignsFor(key, issued.leaf().getPublicKey());
    }

    @Test
    void sec1WithoutCurveParametersIsRejectedWithAdvice() {
        // RFC 5915 ECPrivateKey { version 1, privateKey } and nothing else: the curve is unknown.
        byte[] sec1 = Der.sequence(Der.integer(1), Der.octetString(new byte[32]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(Pem.encode("EC PRIVATE KEY", sec1)));
        assertEquals("EC PRIVATE KEY without curve parameters; convert with openssl pkcs8 -topk8 -nocrypt",
                e.getMessage());
    }

    @Test
    void sec1WithExplicitCurveParametersIsRejected() {
        byte[] sec1 = Der.sequence(Der.integer(1), Der.octetString(new byte[32]),
                Der.encode(Der.contextConstructed(0), Der.sequence(Der.integer(1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(Pem.encode("EC PRIVATE KEY", sec1)));
        assertTrue(e.getMessage().contains("explicit curve parameters"), e.getMessage());
    }

    @Test
    void unsupportedKeyAlgorithmIsNamed() throws Exception {
        KeyPair x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(Pem.encode("PRIVATE KEY", x25519.getPrivate().getEncoded())));
        assertTrue(e.getMessage().contains("key algorithm 1.3.101.110, which is not supported"), e.getMessage());
    }

    @Test
    void unsupportedKeyBlockIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(Pem.encode("OPENSSH PRIVATE KEY", new byte[] {1, 2, 3})));
        assertTrue(e.getMessage().startsWith("PEM OPENSSH PRIVATE KEY block 1 is not supported"), e.getMessage());
    }

    @Test
    void textWithoutKeyIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey("garbage" + TestPki.shared(KeyType.ECDSA_P256).rootPem()));
        assertEquals("no private key block found (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)",
                e.getMessage());
    }

    @Test
    void garbageInsideKeyBlockIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(Pem.encode("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01})));
        assertTrue(e.getMessage().startsWith("PEM PRIVATE KEY block 1 is not a valid private key: DER:"),
                e.getMessage());
        IllegalArgumentException rsa = assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(Pem.encode("RSA PRIVATE KEY", Der.sequence(Der.integer(0)))));
        assertTrue(rsa.getMessage().startsWith("PEM RSA PRIVATE KEY block 1 is not a valid RSA private key"),
                rsa.getMessage());
    }

    // ---- keys written by the openssl CLI ----

    @Test
    void readsOpenSslEcKeyWithParametersBlock() throws Exception {
        PrivateKey key = Pem.readPrivateKey(OpenSslFixtures.LEAF_EC_KEY);
        assertEquals("EC", key.getAlgorithm());
        assertSignsFor(key, publicKey(OpenSslFixtures.LEAF_EC_PUBLIC_KEY, "EC"));
        // The same key belongs to the openssl-issued leaf certificate.
        assertSignsFor(key, Pem.readCertificates(OpenSslFixtures.CHAIN).get(0).getPublicKey());
    }

    @Test
    void readsOpenSslRsaPkcs1() throws Exception {
        PrivateKey key = Pem.readPrivateKey(OpenSslFixtures.RSA_PKCS1_KEY);
        assertEquals("RSA", key.getAlgorithm());
        assertSignsFor(key, publicKey(OpenSslFixtures.RSA_PUBLIC_KEY, "RSA"));
    }

    @Test
    void readsOpenSslRsaPssPkcs8() throws Exception {
        PrivateKey key = Pem.readPrivateKey(OpenSslFixtures.RSA_PSS_PKCS8_KEY);
        assertEquals("RSASSA-PSS", key.getAlgorithm());
        assertSignsFor(key, publicKey(OpenSslFixtures.RSA_PSS_PUBLIC_KEY, "RSASSA-PSS"));
    }

    @Test
    void readsOpenSslEd25519Pkcs8() throws Exception {
        PrivateKey key = Pem.readPrivateKey(OpenSslFixtures.ED25519_PKCS8_KEY);
        assertSignsFor(key, publicKey(OpenSslFixtures.ED25519_PUBLIC_KEY, "Ed25519"));
    }

    @Test
    void encryptedKeysAreRejectedWithAdvice() {
        String advice = "encrypted private keys are not supported; decrypt it first"
                + " (openssl pkey -in key.pem -out plain.pem)";
        assertEquals(advice, assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(OpenSslFixtures.ED25519_KEY_ENCRYPTED)).getMessage());
        assertEquals(advice, assertThrows(IllegalArgumentException.class,
                () -> Pem.readPrivateKey(OpenSslFixtures.LEAF_EC_KEY_ENCRYPTED)).getMessage());
    }

    // ---- encode ----

    @Test
    void encodeWrapsAt64ColumnsAndRoundTrips() throws Exception {
        X509Certificate root = TestPki.shared(KeyType.RSA_2048).root();
        String pem = Pem.encode("CERTIFICATE", root.getEncoded());
        String[] lines = pem.split("\n");
        assertEquals("-----BEGIN CERTIFICATE-----", lines[0]);
        assertEquals("-----END CERTIFICATE-----", lines[lines.length - 1]);
        for (int i = 1; i < lines.length - 2; i++) {
            assertEquals(64, lines[i].length(), "line " + i);
        }
        assertTrue(lines[lines.length - 2].length() <= 64);
        assertEquals(List.of(root), Pem.readCertificates(pem));
    }

    @Test
    void encodeRejectsBadLabels() {
        assertThrows(IllegalArgumentException.class, () -> Pem.encode("", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> Pem.encode("A-----B", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> Pem.encode("X", null));
    }

    // ---- helpers ----

    private static PublicKey publicKey(String pem, String algorithm) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm)
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** Proves {@code key} is the private half of {@code publicKey}: what it signs, the public key verifies. */
    static void assertSignsFor(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        Signature signer;
        switch (key.getAlgorithm()) {
            case "EC":
                signer = Signature.getInstance("SHA256withECDSA");
                break;
            case "RSA":
                signer = Signature.getInstance("SHA256withRSA");
                break;
            case "RSASSA-PSS":
                signer = Signature.getInstance("RSASSA-PSS");
                signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                break;
            default:
                signer = Signature.getInstance("Ed25519");
        }
        byte[] message = "s2n-tls-java".getBytes(StandardCharsets.US_ASCII);
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();
        signer.initVerify(publicKey);
        signer.update(message);
        assertTrue(signer.verify(signature), "the private key does not match the public key");
    }
}
