package s2n.tls.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import s2n.tls.Config;
import s2n.tls.SecurityPolicy;

/**
 * A {@link BenchPki} written to PEM files, so that separate processes (the server and client
 * children of {@link ManyConnectionsMain}) share one root and leaf, and the TLS settings every
 * one of them uses: TLS 1.3, x25519, the ECDSA P-256 leaf, the JDK's providers.
 *
 * <pre>{@code
 * PemPki files = PemPki.write(BenchPki.create(BenchPki.KeyType.ECDSA_P256), dir);
 * SSLContext server = files.jdkServerContext();      // in the server child
 * Config client = files.s2nClientConfig();           // in a client child
 * }</pre>
 */
final class PemPki {
    /** The policy and group of every connection: s2nd gets the same as its -c and --groups. */
    static final String POLICY = "default_tls13";
    static final String GROUP = "x25519";
    /** Sessions a JDK context keeps, as s2nd's session cache (s2n's s2nd keeps 256). */
    static final int SESSION_CACHE = 256;

    private final Path dir;

    private PemPki(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code pki}'s root, leaf and leaf key to {@code dir}. */
    static PemPki write(BenchPki pki, Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("root.pem"), pem("CERTIFICATE", pki.root().getEncoded()));
        Files.writeString(dir.resolve("leaf.pem"), pem("CERTIFICATE", pki.leaf().getEncoded()));
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", pki.leafKey().getEncoded()));
        return new PemPki(dir);
    }

    /** The files another process wrote to {@code dir}. */
    static PemPki in(Path dir) {
        return new PemPki(dir);
    }

    Path dir() {
        return dir;
    }

    Path leafFile() {
        return dir.resolve("leaf.pem");
    }

    Path keyFile() {
        return dir.resolve("key.pem");
    }

    /** The s2n-tls-java client: trusts the root alone, verifies the name {@link BenchPki#HOST}. */
    Config s2nClientConfig() throws IOException {
        return Config.builder()
                .securityPolicy(SecurityPolicy.named(POLICY).withGroups(GROUP))
                .withSystemTrust(false)
                .trustPem(Files.readString(dir.resolve("root.pem")))
                .build();
    }

    /** The JDK's server context over the leaf and its key. */
    SSLContext jdkServerContext() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] password = "bench".toCharArray();
        ks.setKeyEntry("server", privateKey(Files.readString(keyFile())), password,
                new X509Certificate[] {certificate(Files.readString(leafFile()))});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), null, null);
        ctx.getServerSessionContext().setSessionCacheSize(SESSION_CACHE);
        return ctx;
    }

    /** The JDK's client context trusting the root alone. */
    SSLContext jdkClientContext() throws IOException, GeneralSecurityException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", certificate(Files.readString(dir.resolve("root.pem"))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        ctx.getClientSessionContext().setSessionCacheSize(SESSION_CACHE);
        return ctx;
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der(pem)));
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    }
}
