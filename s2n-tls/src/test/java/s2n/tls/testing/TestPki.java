package s2n.tls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import s2n.tls.internal.x509.Pem;

/**
 * Certificates for tests: a root CA and an intermediate CA per key type, and leaves issued under
 * them, valid, expired, not yet valid or without serverAuth.
 *
 * <pre>{@code
 * TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
 * TestPki.Issued server = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost", "127.0.0.1");
 * // server.chainPem() + server.keyPem() for the server, pki.rootPem() for the client's trust
 * }</pre>
 *
 * <p>Key generation is the slow part (RSA especially), so the shared PKIs are built once per key
 * type and every leaf of one key type reuses one cached key pair; {@link #create} makes a fresh
 * PKI with fresh keys for "untrusted CA" tests. Certificates are minted with BouncyCastle (a
 * private provider instance, never registered globally) and handed out as JDK certificates.
 */
public final class TestPki {
    /** Key algorithms for CAs and leaves. */
    public enum KeyType { ECDSA_P256, ECDSA_P384, RSA_2048, RSA_PSS_2048, ED25519 }

    /** A leaf certificate with its chain and private key, also as PEM text in every form a loader meets. */
    public record Issued(X509Certificate leaf, List<X509Certificate> chain, PrivateKey key, String chainPem,
                         String keyPem, String traditionalKeyPem) {
        /** Names the leaf only: the key and its PEM forms stay out of logs. */
        @Override
        public String toString() {
            return "Issued[" + leaf.getSubjectX500Principal().getName() + "]";
        }
    }

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final KeyPurposeId[] BOTH_PURPOSES = {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
    private static final KeyUsage CA_KEY_USAGE = new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);

    private static final Map<KeyType, TestPki> SHARED = new EnumMap<>(KeyType.class);
    private static final Map<KeyType, KeyPair> LEAF_KEYS = new EnumMap<>(KeyType.class);

    private final KeyType caKeyType;
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair intermediateKeys;
    private final X509Certificate intermediate;

    private TestPki(KeyType caKeyType, String caName) {
        this.caKeyType = caKeyType;
        Instant now = Instant.now();
        this.rootKeys = generateKeyPair(caKeyType);
        X500Name rootName = commonName(caName);
        this.root = sign(rootName, rootKeys, caKeyType, rootName, rootKeys.getPublic(),
                now.minus(Duration.ofDays(1)), now.plus(CA_LIFETIME), builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, CA_KEY_USAGE);
                });
        this.intermediateKeys = generateKeyPair(caKeyType);
        this.intermediate = sign(rootName, rootKeys, caKeyType, commonName(caName + " Intermediate"),
                intermediateKeys.getPublic(), now.minus(Duration.ofDays(1)), now.plus(CA_LIFETIME), builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    builder.addExtension(Extension.keyUsage, true, CA_KEY_USAGE);
                });
    }

    /** The PKI every test of this key type shares: built once, then cached. */
    public static synchronized TestPki shared(KeyType caKeyType) {
        return SHARED.computeIfAbsent(caKeyType, type -> new TestPki(type, "s2n-tls-java Test Root " + type));
    }

    /** A fresh PKI with its own keys, trusted by nobody: for "unknown CA" tests. */
    public static TestPki create(KeyType caKeyType, String caName) {
        return new TestPki(caKeyType, caName);
    }

    /** The root CA certificate, the one to trust. */
    public X509Certificate root() {
        return root;
    }

    /** The root as PEM, for a trust configuration. */
    public String rootPem() {
        return Pem.encode("CERTIFICATE", encoded(root));
    }

    /** The intermediate CA, which issues every leaf; signed by {@link #root()}. */
    public X509Certificate intermediate() {
        return intermediate;
    }

    /** The key type of both CAs. */
    public KeyType caKeyType() {
        return caKeyType;
    }

    /** A leaf valid from an hour ago for 30 days, for serverAuth and clientAuth; names are DNS names or IP literals. */
    public Issued issue(KeyType leafKey, String... names) {
        Instant now = Instant.now();
        return issueLeaf(leafKey, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), BOTH_PURPOSES, names);
    }

    /** A leaf whose validity ended yesterday. */
    public Issued issueExpired(KeyType leafKey, String... names) {
        Instant now = Instant.now();
        return issueLeaf(leafKey, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), BOTH_PURPOSES, names);
    }

    /** A leaf whose validity starts tomorrow. */
    public Issued issueNotYetValid(KeyType leafKey, String... names) {
        Instant now = Instant.now();
        return issueLeaf(leafKey, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), BOTH_PURPOSES, names);
    }

    /** A valid leaf whose extendedKeyUsage is clientAuth only. */
    public Issued issueWithoutServerAuth(KeyType leafKey, String... names) {
        Instant now = Instant.now();
        return issueLeaf(leafKey, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)),
                new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, names);
    }

    /** A valid leaf whose extendedKeyUsage is serverAuth only: no good for TLS client authentication. */
    public Issued issueWithoutClientAuth(KeyType leafKey, String... names) {
        Instant now = Instant.now();
        return issueLeaf(leafKey, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)),
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}, names);
    }

    /** A self-signed end-entity certificate (CA:false), to pin as trust; its chain is just itself. */
    public static Issued selfSigned(KeyType keyType, String... names) {
        requireNames(names);
        KeyPair keys = leafKeys(keyType);
        Instant now = Instant.now();
        X500Name subject = commonName(names[0]);
        X509Certificate cert = sign(subject, keys, keyType, subject, keys.getPublic(),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)),
                builder -> leafExtensions(builder, keyType, BOTH_PURPOSES, names));
        return issued(cert, List.of(cert), keys, keyType);
    }

    /** A PKCS#12 key store holding {@code roots} as trusted-certificate entries. */
    public static KeyStore trustStore(X509Certificate... roots) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < roots.length; i++) {
                store.setCertificateEntry("root-" + i, roots[i]);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    /** A new key pair of {@code type} (not cached), for tests that need a key nobody else has. */
    public static KeyPair generateKeyPair(KeyType type) {
        try {
            KeyPairGenerator generator;
            switch (type) {
                case ECDSA_P256:
                case ECDSA_P384:
                    generator = KeyPairGenerator.getInstance("EC");
                    String curve = type == KeyType.ECDSA_P256 ? "secp256r1" : "secp384r1";
                    generator.initialize(new ECGenParameterSpec(curve));
                    break;
                case RSA_2048:
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    break;
                case RSA_PSS_2048:
                    generator = KeyPairGenerator.getInstance("RSASSA-PSS");
                    generator.initialize(2048);
                    break;
                case ED25519:
                    generator = KeyPairGenerator.getInstance("Ed25519");
                    break;
                default:
                    throw new IllegalArgumentException("unknown key type " + type);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key pair", e);
        }
    }

    /** The JCA signature algorithm (BouncyCastle's name) a CA with this key type signs with. */
    public static String signatureAlgorithm(KeyType issuerKeyType) {
        switch (issuerKeyType) {
            case ECDSA_P256:
                return "SHA256withECDSA";
            case ECDSA_P384:
                return "SHA384withECDSA";
            case RSA_2048:
                return "SHA256withRSA";
            case RSA_PSS_2048:
                return "SHA256withRSAandMGF1"; // RSASSA-PSS, SHA-256, MGF1 SHA-256, 32-byte salt
            case ED25519:
                return "Ed25519";
            default:
                throw new IllegalArgumentException("unknown key type " + issuerKeyType);
        }
    }

    private Issued issueLeaf(KeyType leafKey, Instant notBefore, Instant notAfter, KeyPurposeId[] purposes, String[] names) {
        requireNames(names);
        KeyPair keys = leafKeys(leafKey);
        X509Certificate leaf = sign(x500(intermediate), intermediateKeys, caKeyType, commonName(names[0]),
                keys.getPublic(), notBefore, notAfter, builder -> leafExtensions(builder, leafKey, purposes, names));
        return issued(leaf, List.of(leaf, intermediate), keys, leafKey);
    }

    private static synchronized KeyPair leafKeys(KeyType type) {
        return LEAF_KEYS.computeIfAbsent(type, TestPki::generateKeyPair);
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static void leafExtensions(X509v3CertificateBuilder builder, KeyType keyType, KeyPurposeId[] purposes,
                                       String[] names) throws IOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        // keyEncipherment lets the JDK's TLS 1.2 RSA key exchange use RSA leaves in interop tests.
        int usage = keyType == KeyType.RSA_2048 ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature;
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
        List<GeneralName> altNames = new ArrayList<>();
        for (String name : names) {
            boolean ip = name.indexOf(':') >= 0 || IPV4.matcher(name).matches();
            altNames.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(altNames.toArray(new GeneralName[0])));
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, KeyType issuerKeyType,
                                        X500Name subject, PublicKey subjectKey, Instant notBefore, Instant notAfter,
                                        Extensions extensions) {
        try {
            BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            extensions.add(builder);
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(issuerKeyType))
                    .setProvider(BOUNCY_CASTLE).build(issuerKeys.getPrivate());
            // The default converter parses with the JDK's CertificateFactory: tests see JDK certificates.
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    private static Issued issued(X509Certificate leaf, List<X509Certificate> chain, KeyPair keys, KeyType keyType) {
        StringBuilder chainPem = new StringBuilder();
        for (X509Certificate cert : chain) {
            chainPem.append(Pem.encode("CERTIFICATE", encoded(cert)));
        }
        PrivateKey key = keys.getPrivate();
        return new Issued(leaf, chain, key, chainPem.toString(), Pem.encode("PRIVATE KEY", key.getEncoded()),
                traditionalKeyPem(keys, keyType));
    }

    /** PKCS#1 for RSA, SEC1 with the curve for EC (as openssl writes them), PKCS#8 for the rest. */
    public static String traditionalKeyPem(KeyPair keys, KeyType keyType) {
        PrivateKey key = keys.getPrivate();
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            switch (keyType) {
                case RSA_2048:
                    return Pem.encode("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
                case ECDSA_P256:
                case ECDSA_P384: {
                    // The JDK's PKCS#8 leaves the curve out of the inner SEC1 key; openssl puts it in.
                    ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
                    ECPrivateKey ec = (ECPrivateKey) key;
                    ASN1BitString publicPoint =
                            SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData();
                    org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                            ec.getParams().getOrder().bitLength(), ec.getS(), publicPoint, curve);
                    return Pem.encode("EC PRIVATE KEY", sec1.getEncoded());
                }
                default:
                    return Pem.encode("PRIVATE KEY", key.getEncoded());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireNames(String[] names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("at least one name (DNS name or IP literal) is required");
        }
    }

    private static X500Name commonName(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    }

    private static X500Name x500(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
