package s2n.tls.internal.x509;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Odd certificates TestPki does not make: long chains hanging off a root, certificates issued by
 * a non-CA, certificates with hand-picked names, and byte-level tampering. ECDSA P-256 throughout,
 * since those keys are fast to generate; signed through the JDK's own provider.
 */
final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static KeyPair sharedKeys;

    private TestCertificates() {}

    /** A certificate with its key pair: a CA that can sign, or a leaf with its key. */
    record Signer(X509Certificate cert, KeyPair keys) {}

    /** A fresh P-256 key pair. */
    static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One P-256 key pair reused where the key does not matter (host name tests). */
    static synchronized KeyPair sharedKeys() {
        if (sharedKeys == null) {
            sharedKeys = newKeys();
        }
        return sharedKeys;
    }

    /** A self-signed root CA named {@code CN=cn}, valid for a year around now. */
    static Signer root(String cn) {
        KeyPair keys = newKeys();
        X500Name name = new X500Name("CN=" + cn);
        return new Signer(build(name, keys.getPrivate(), name, keys.getPublic(), true, null), keys);
    }

    /** A CA without a path length limit, issued by {@code issuer}. */
    static Signer subCa(Signer issuer, String cn) {
        KeyPair keys = newKeys();
        return new Signer(build(x500(issuer.cert()), issuer.keys().getPrivate(), new X500Name("CN=" + cn),
                keys.getPublic(), true, null), keys);
    }

    /** An end-entity certificate for TLS servers and clients with SAN dNSName {@code cn}. */
    static Signer leaf(Signer issuer, String cn) {
        KeyPair keys = newKeys();
        GeneralNames san = new GeneralNames(new GeneralName(GeneralName.dNSName, cn));
        return new Signer(build(x500(issuer.cert()), issuer.keys().getPrivate(), new X500Name("CN=" + cn),
                keys.getPublic(), false, san), keys);
    }

    /** A self-signed certificate with exactly this subject and these SAN entries (none if empty). */
    static X509Certificate withNames(String subject, GeneralName... altNames) {
        KeyPair keys = sharedKeys();
        X500Name name = new X500Name(subject);
        return build(name, keys.getPrivate(), name, keys.getPublic(), false,
                altNames.length == 0 ? null : new GeneralNames(altNames));
    }

    /** {@code der} with one byte changed at {@code index} (negative counts from the end), parsed again. */
    static X509Certificate tamper(X509Certificate cert, int index) throws GeneralSecurityException {
        byte[] der = cert.getEncoded();
        der[index < 0 ? der.length + index : index] ^= 0x01;
        return parse(der);
    }

    /** {@code der} with every occurrence of {@code from} replaced by {@code to} (same length), parsed again. */
    static X509Certificate replaceBytes(X509Certificate cert, byte[] from, byte[] to) throws GeneralSecurityException {
        byte[] der = cert.getEncoded();
        for (int i = 0; i + from.length <= der.length; i++) {
            if (java.util.Arrays.equals(der, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, der, i, to.length);
            }
        }
        return parse(der);
    }

    static X509Certificate parse(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static X500Name x500(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate build(X500Name issuer, PrivateKey issuerKey, X500Name subject, PublicKey key,
                                         boolean ca, GeneralNames altNames) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            }
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test certificate for " + subject, e);
        }
    }
}
