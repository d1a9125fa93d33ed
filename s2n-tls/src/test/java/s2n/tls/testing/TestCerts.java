package s2n.tls.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
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
 * Test PKI for the JSSE and Netty modules' tests: a root CA, leaves under it (EC P-256 and RSA 2048, for localhost and
 * 127.0.0.1, with serverAuth and clientAuth), and the key and trust managers the JDK's factories
 * make from them. Minted with BouncyCastle's builders (test scope only) over JDK keys.
 */
public final class TestCerts {
    public static final char[] PASSWORD = "changeit".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A leaf and its chain (leaf, root) and key. */
    public record Leaf(X509Certificate[] chain, PrivateKey key) {}

    public final X509Certificate root;
    private final KeyPair rootKeys;

    private TestCerts(String name) {
        try {
            rootKeys = ec();
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), past(), future(), subject,
                    rootKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            root = sign(b, rootKeys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKI most tests share. */
    public static final TestCerts PKI = new TestCerts("s2n test root");
    public static final Leaf SERVER_EC = PKI.issue(false, "CN=localhost", "localhost", "127.0.0.1");
    public static final Leaf SERVER_RSA = PKI.issue(true, "CN=localhost rsa", "localhost", "127.0.0.1");
    public static final Leaf CLIENT_EC = PKI.issue(false, "CN=test client", "client.example");

    /** A fresh PKI nobody trusts. */
    public static TestCerts untrusted() {
        return new TestCerts("untrusted root");
    }

    public Leaf issue(boolean rsa, String subject, String... names) {
        try {
            KeyPair keys = rsa ? rsa() : ec();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(root, serial(), past(), future(),
                    new javax.security.auth.x500.X500Principal(subject), keys.getPublic());
            List<GeneralName> sans = new ArrayList<>();
            for (String n : names) {
                sans.add(new GeneralName(n.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, n));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | (rsa ? KeyUsage.keyEncipherment : 0)));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            return new Leaf(new X509Certificate[] {sign(b, rootKeys.getPrivate()), root}, keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyManager[] keyManagers(Leaf... leaves) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Leaf l : leaves) {
            ks.setKeyEntry("key" + i++, l.key(), PASSWORD, l.chain());
        }
        KeyManagerFactory f = KeyManagerFactory.getInstance("PKIX");
        f.init(ks, PASSWORD);
        return f.getKeyManagers();
    }

    public TrustManager[] trustManagers() throws Exception {
        return trustManagers(root);
    }

    public static TrustManager[] trustManagers(X509Certificate... roots) throws Exception {
        TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
        f.init(trustStore(roots));
        return f.getTrustManagers();
    }

    public static KeyStore trustStore(X509Certificate... roots) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate r : roots) {
            ks.setCertificateEntry("root" + i++, r);
        }
        return ks;
    }

    public static String pem(Certificate... certs) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Certificate c : certs) {
            sb.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return sb.toString();
    }

    public static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static Date past() {
        return new Date(System.currentTimeMillis() - 86_400_000L);
    }

    private static Date future() {
        return new Date(System.currentTimeMillis() + 30L * 86_400_000L);
    }
}
