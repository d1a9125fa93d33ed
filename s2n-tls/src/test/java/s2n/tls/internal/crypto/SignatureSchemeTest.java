package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import s2n.tls.TlsException;

/** Signing and verification through the JCA for every implemented scheme, and which keys suit which scheme. */
class SignatureSchemeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private static KeyPair rsa;
    private static KeyPair rsa1024;
    private static KeyPair rsaPss;
    private static KeyPair rsaPssSha384Only;
    private static KeyPair p256;
    private static KeyPair p384;
    private static KeyPair p521;
    private static KeyPair ed25519;
    private static KeyPair ed448;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        rsa = g.generateKeyPair();
        g.initialize(1024, RANDOM);
        rsa1024 = g.generateKeyPair();
        KeyPairGenerator pss = KeyPairGenerator.getInstance("RSASSA-PSS");
        pss.initialize(2048, RANDOM);
        rsaPss = pss.generateKeyPair();
        PSSParameterSpec sha384Only = new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);
        pss.initialize(new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4, sha384Only), RANDOM);
        rsaPssSha384Only = pss.generateKeyPair();
        p256 = ec("secp256r1");
        p384 = ec("secp384r1");
        p521 = ec("secp521r1");
        KeyPairGenerator ed = KeyPairGenerator.getInstance("EdDSA");
        ed.initialize(NamedParameterSpec.ED25519, RANDOM);
        ed25519 = ed.generateKeyPair();
        ed.initialize(NamedParameterSpec.ED448, RANDOM);
        ed448 = ed.generateKeyPair();
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve), RANDOM);
        return g.generateKeyPair();
    }

    /** A key pair each implemented scheme can use. */
    private static KeyPair keyFor(SignatureScheme s) {
        switch (s.name()) {
            case "ecdsa_secp384r1_sha384":
                return p384;
            case "ecdsa_secp521r1_sha512":
                return p521;
            case "ecdsa_secp256r1_sha256":
            case "ecdsa_sha1":
                return p256;
            case "ed25519":
                return ed25519;
            case "ed448":
                return ed448;
            default:
                return s.name().startsWith("rsa_pss_pss") ? rsaPss : rsa;
        }
    }

    @Test
    void everyImplementedSchemeSignsAndVerifies() throws TlsException {
        int implemented = 0;
        for (SignatureScheme s : SignatureScheme.known()) {
            if (!s.isImplemented()) {
                continue;
            }
            implemented++;
            KeyPair kp = keyFor(s);
            assertTrue(s.supportsKey(kp.getPrivate(), false), s.name());
            assertTrue(s.supportsKey(kp.getPublic(), false), s.name());
            byte[] sig = s.sign(kp.getPrivate(), MESSAGE, RANDOM);
            assertTrue(s.verify(kp.getPublic(), MESSAGE, sig), s.name());
            byte[] otherMessage = MESSAGE.clone();
            otherMessage[0] ^= 1;
            assertFalse(s.verify(kp.getPublic(), otherMessage, sig), s.name());
            if (s.name().startsWith("ecdsa")) {
                assertEquals(0x30, sig[0] & 0xff, "ECDSA signatures in TLS are DER SEQUENCEs: " + s.name());
            }
        }
        assertEquals(16, implemented, "pkcs1 x4, ecdsa x4, pss_rsae x3, pss_pss x3, ed25519, ed448");
    }

    @Test
    void verifyReturnsFalseOnGarbageAndNeverThrows() throws TlsException {
        for (SignatureScheme s : SignatureScheme.known()) {
            if (!s.isImplemented()) {
                continue;
            }
            KeyPair kp = keyFor(s);
            byte[] sig = s.sign(kp.getPrivate(), MESSAGE, RANDOM);
            byte[] flipped = sig.clone();
            flipped[sig.length / 2] ^= 0x40;
            assertFalse(s.verify(kp.getPublic(), MESSAGE, flipped), s.name());
            assertFalse(s.verify(kp.getPublic(), MESSAGE, Arrays.copyOf(sig, sig.length - 1)), s.name());
            assertFalse(s.verify(kp.getPublic(), MESSAGE, new byte[0]), s.name());
            assertFalse(s.verify(kp.getPublic(), MESSAGE, new byte[] {0x30, (byte) 0x81, 0x7f, 1, 2}), s.name());
            assertFalse(s.verify(kp.getPublic(), MESSAGE, null), s.name());
            assertFalse(s.verify(null, MESSAGE, sig), s.name());
            KeyPair wrongType = kp == p256 ? rsa : p256;
            assertFalse(s.verify(wrongType.getPublic(), MESSAGE, sig), s.name());
        }
        assertFalse(SignatureScheme.MLDSA65.verify(rsa.getPublic(), MESSAGE, new byte[10]));
        assertFalse(SignatureScheme.of(0x0B0B).verify(rsa.getPublic(), MESSAGE, new byte[10]));
    }

    @Test
    void rsaKeysMatchPkcs1AndPssRsaeButNotPssPss() {
        assertTrue(SignatureScheme.RSA_PKCS1_SHA256.supportsKey(rsa.getPrivate(), false));
        assertFalse(SignatureScheme.RSA_PKCS1_SHA256.supportsKey(rsa.getPrivate(), true), "PKCS#1 is certificates-only in TLS 1.3");
        assertFalse(SignatureScheme.RSA_PKCS1_SHA1.supportsKey(rsa.getPrivate(), true));
        assertTrue(SignatureScheme.RSA_PSS_RSAE_SHA256.supportsKey(rsa.getPrivate(), true));
        assertTrue(SignatureScheme.RSA_PSS_RSAE_SHA512.supportsKey(rsa.getPublic(), true));
        assertFalse(SignatureScheme.RSA_PSS_PSS_SHA256.supportsKey(rsa.getPrivate(), true));
        assertFalse(SignatureScheme.ECDSA_SECP256R1_SHA256.supportsKey(rsa.getPrivate(), false));
        assertFalse(SignatureScheme.ED25519.supportsKey(rsa.getPrivate(), false));
    }

    @Test
    void rsaPssKeysMatchOnlyPssPssAndTheirOwnHash() {
        assertTrue(SignatureScheme.RSA_PSS_PSS_SHA256.supportsKey(rsaPss.getPrivate(), true));
        assertFalse(SignatureScheme.RSA_PSS_RSAE_SHA256.supportsKey(rsaPss.getPrivate(), true));
        assertFalse(SignatureScheme.RSA_PKCS1_SHA256.supportsKey(rsaPss.getPrivate(), false));
        // RFC 4055 §3.1: a key whose parameters name SHA-384 may only be used with SHA-384.
        assertTrue(SignatureScheme.RSA_PSS_PSS_SHA384.supportsKey(rsaPssSha384Only.getPublic(), true));
        assertFalse(SignatureScheme.RSA_PSS_PSS_SHA256.supportsKey(rsaPssSha384Only.getPublic(), true));
    }

    @Test
    void pssNeedsAModulusLongEnoughForItsSalt() throws TlsException {
        // RFC 8017 §9.1.1: 1024-bit modulus, emLen 128 < 2 * 64 + 2 for SHA-512.
        assertFalse(SignatureScheme.RSA_PSS_RSAE_SHA512.supportsKey(rsa1024.getPrivate(), true));
        assertTrue(SignatureScheme.RSA_PSS_RSAE_SHA384.supportsKey(rsa1024.getPrivate(), true));
        byte[] sig = SignatureScheme.RSA_PSS_RSAE_SHA384.sign(rsa1024.getPrivate(), MESSAGE, RANDOM);
        assertTrue(SignatureScheme.RSA_PSS_RSAE_SHA384.verify(rsa1024.getPublic(), MESSAGE, sig));
    }

    @Test
    void ecdsaCurveMustMatchInTls13Only() {
        // RFC 8446 §4.2.3: in TLS 1.3 the scheme names the curve; TLS 1.2 ecdsa schemes take any curve.
        assertTrue(SignatureScheme.ECDSA_SECP256R1_SHA256.supportsKey(p256.getPrivate(), true));
        assertFalse(SignatureScheme.ECDSA_SECP256R1_SHA256.supportsKey(p384.getPrivate(), true));
        assertTrue(SignatureScheme.ECDSA_SECP256R1_SHA256.supportsKey(p384.getPrivate(), false));
        assertTrue(SignatureScheme.ECDSA_SECP521R1_SHA512.supportsKey(p521.getPublic(), true));
        assertFalse(SignatureScheme.ECDSA_SECP384R1_SHA384.supportsKey(p521.getPublic(), true));
        assertTrue(SignatureScheme.ECDSA_SHA1.supportsKey(p384.getPrivate(), false));
        assertFalse(SignatureScheme.ECDSA_SHA1.supportsKey(p384.getPrivate(), true));
    }

    @Test
    void edDsaKeysMatchTheirOwnCurve() {
        assertTrue(SignatureScheme.ED25519.supportsKey(ed25519.getPrivate(), true));
        assertTrue(SignatureScheme.ED25519.supportsKey(ed25519.getPublic(), false));
        assertFalse(SignatureScheme.ED25519.supportsKey(ed448.getPublic(), true));
        assertTrue(SignatureScheme.ED448.supportsKey(ed448.getPrivate(), true));
        assertFalse(SignatureScheme.ED448.supportsKey(ed25519.getPrivate(), true));
        assertFalse(SignatureScheme.ECDSA_SECP256R1_SHA256.supportsKey(ed25519.getPrivate(), false));
    }

    @Test
    void signingWithTheWrongKeyIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> SignatureScheme.ECDSA_SECP256R1_SHA256.sign(rsa.getPrivate(), MESSAGE, RANDOM));
        assertThrows(IllegalArgumentException.class,
                () -> SignatureScheme.RSA_PSS_PSS_SHA256.sign(rsa.getPrivate(), MESSAGE, RANDOM));
        assertThrows(IllegalStateException.class, () -> SignatureScheme.MLDSA44.sign(rsa.getPrivate(), MESSAGE, RANDOM));
        assertThrows(IllegalStateException.class, () -> SignatureScheme.RSA_SHA224.sign(rsa.getPrivate(), MESSAGE, RANDOM));
    }

    @Test
    void schemeProperties() {
        assertEquals("RSASSA-PSS", SignatureScheme.RSA_PSS_RSAE_SHA256.jcaSignatureAlgorithm());
        assertEquals("SHA384withECDSA", SignatureScheme.ECDSA_SECP384R1_SHA384.jcaSignatureAlgorithm());
        assertEquals("Ed25519", SignatureScheme.ED25519.jcaSignatureAlgorithm());
        assertNull(SignatureScheme.MLDSA87.jcaSignatureAlgorithm());
        assertSame(Hash.SHA384, SignatureScheme.RSA_PSS_PSS_SHA384.hash());
        assertNull(SignatureScheme.ED25519.hash());
        assertNull(SignatureScheme.RSA_PKCS1_SHA1.hash());
        for (SignatureScheme s : List.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA1,
                SignatureScheme.ECDSA_SHA1, SignatureScheme.RSA_SHA224, SignatureScheme.ECDSA_SHA224)) {
            assertFalse(s.allowedInTls13(), s.name());
        }
        for (SignatureScheme s : List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_PSS_SHA512,
                SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ED448, SignatureScheme.MLDSA44)) {
            assertTrue(s.allowedInTls13(), s.name());
        }
        assertFalse(SignatureScheme.MLDSA44.isImplemented());
        assertFalse(SignatureScheme.ECDSA_SHA224.isImplemented());
    }

    @Test
    void certificateSignatureOidsMapToSchemes() {
        assertSame(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.forCertificateAlgorithm("1.2.840.113549.1.1.11"));
        assertSame(SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.forCertificateAlgorithm("1.2.840.113549.1.1.5"));
        assertSame(SignatureScheme.RSA_SHA224, SignatureScheme.forCertificateAlgorithm("1.2.840.113549.1.1.14"));
        assertSame(SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.forCertificateAlgorithm("1.2.840.10045.4.3.3"));
        assertSame(SignatureScheme.ECDSA_SHA1, SignatureScheme.forCertificateAlgorithm("1.2.840.10045.4.1"));
        assertSame(SignatureScheme.ED25519, SignatureScheme.forCertificateAlgorithm("1.3.101.112"));
        assertSame(SignatureScheme.ED448, SignatureScheme.forCertificateAlgorithm("1.3.101.113"));
        assertNull(SignatureScheme.forCertificateAlgorithm("1.2.840.113549.1.1.10"), "PSS needs its parameters");
        assertNull(SignatureScheme.forCertificateAlgorithm("1.2.3.4"));
        assertNull(SignatureScheme.forCertificateAlgorithm(null));
    }

    @Test
    void rsaPssCertificateSignaturesMapByParametersAndIssuerKey() throws Exception {
        AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
        params.init(new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1));
        byte[] der = params.getEncoded();
        assertSame(SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.forRsaPssCertificate(der, false));
        assertSame(SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.forRsaPssCertificate(der, true));

        params = AlgorithmParameters.getInstance("RSASSA-PSS");
        params.init(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA512, 32, 1));
        assertNull(SignatureScheme.forRsaPssCertificate(params.getEncoded(), false), "mismatched MGF1 hash");
        assertNull(SignatureScheme.forRsaPssCertificate(new byte[] {0x30, 0x03, 1}, false));
        assertNull(SignatureScheme.forRsaPssCertificate(null, false));
    }
}
