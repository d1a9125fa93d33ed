package s2n.tls.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates every benchmark uses: a root CA and one leaf for {@code localhost}, both of one
 * key type, minted at setup with BouncyCastle (a private provider instance, never registered, so
 * it cannot speed up or slow down anybody's TLS). Each library trusts the root explicitly.
 *
 * <pre>{@code
 * BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
 * pki.root();        // trust this
 * pki.leafChain();   // leaf, root: what the server sends (the root is left out, as usual)
 * }</pre>
 */
public final class BenchPki {
    /** The leaf's (and the root's) key: the certificate types of the handshake scenarios. */
    public enum KeyType {
        ECDSA_P256("SHA256withECDSA"),
        RSA_2048("SHA256withRSA");

        final String signatureAlgorithm;

        KeyType(String signatureAlgorithm) {
            this.signatureAlgorithm = signatureAlgorithm;
        }
    }

    /** The host name the leaf is issued for and every client asks for. */
    public static final String HOST = "localhost";

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyType keyType;
    private final X509Certificate root;
    private final X509Certificate leaf;
    private final PrivateKey leafKey;

    private BenchPki(KeyType keyType) {
        this.keyType = keyType;
        Instant now = Instant.now();
        KeyPair rootKeys = generate(keyType);
        KeyPair leafKeys = generate(keyType);
        X500Name rootName = new X500Name("CN=s2n-tls-java bench root " + keyType);
        this.root = sign(rootName, rootKeys, rootName, rootKeys.getPublic(), now, true);
        this.leaf = sign(rootName, rootKeys, new X500Name("CN=" + HOST), leafKeys.getPublic(), now, false);
        this.leafKey = leafKeys.getPrivate();
    }

    /** A fresh root and leaf of {@code keyType}. RSA key generation takes a moment: do it in setup. */
    public static BenchPki create(KeyType keyType) {
        return new BenchPki(keyType);
    }

    public KeyType keyType() {
        return keyType;
    }

    /** The root CA: what clients trust. */
    public X509Certificate root() {
        return root;
    }

    /** The server's certificate. */
    public X509Certificate leaf() {
        return leaf;
    }

    /** The chain a server sends: the leaf alone (the client trusts the root that issued it). */
    public List<X509Certificate> leafChain() {
        return List.of(leaf);
    }

    /** The leaf's private key. */
    public PrivateKey leafKey() {
        return leafKey;
    }

    /** A PKCS#12 key store with the leaf and its key, for the SSLEngine libraries' KeyManagerFactory. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", leafKey, password, new X509Certificate[] {leaf});
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a key store", e);
        }
    }

    /** A PKCS#12 key store trusting the root, for the SSLEngine libraries' TrustManagerFactory. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("root", root);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    private static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator generator;
            if (type == KeyType.ECDSA_P256) {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key pair", e);
        }
    }

    private X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject, PublicKey subjectKey,
            Instant now, boolean ca) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(ca ? 3650 : 90))), subject, subjectKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                // keyEncipherment lets the JDK's TLS 1.2 consider an RSA leaf for every RSA suite.
                int usage = keyType == KeyType.RSA_2048 ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                        : KeyUsage.digitalSignature;
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(keyType.signatureAlgorithm).setProvider(BOUNCY_CASTLE)
                            .build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }
}
