package s2n.tls.tools;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Clients built on the JDK's own TLS (JSSE), a peer nobody here wrote: TLS 1.3 only, trusting
 * exactly the certificate s2nd wrote, checking the host name as HTTPS does.
 */
final class JdkClient {
    /** Socket read timeout: a stuck server fails the test instead of hanging it. */
    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final SSLContext context;

    private JdkClient(SSLContext context) {
        this.context = context;
    }

    /** A client trusting {@code pem} that presents {@code identity} (a key and certificate) when asked: mutual TLS. */
    static JdkClient presenting(Path pem, SelfSignedCertificate identity) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "jdk-client".toCharArray();
        keys.setKeyEntry("client", identity.privateKey(), password, new java.security.cert.Certificate[] {identity.certificate()});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(kmf.getKeyManagers(), trustManagers(pem), null);
        return new JdkClient(context);
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("s2nd-" + i++, (X509Certificate) c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    /** A client trusting the certificate(s) in {@code pem} and nothing else. */
    static JdkClient trusting(Path pem) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, trustManagers(pem), null);
        return new JdkClient(context);
    }

    /** A connected, handshaken TLS 1.3 socket to 127.0.0.1:{@code port}, sending SNI {@code localhost}. */
    SSLSocket connect(int port) throws Exception {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3"});
            parameters.setServerNames(java.util.List.of(new SNIHostName("localhost")));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (Exception e) {
            socket.close();
            throw e;
        }
    }

    /** Reads exactly {@code n} bytes, or fails at end of stream. */
    static byte[] readExactly(InputStream in, int n) throws Exception {
        byte[] data = in.readNBytes(n);
        if (data.length != n) {
            throw new AssertionError("expected " + n + " bytes, the stream ended after " + data.length);
        }
        return data;
    }
}
