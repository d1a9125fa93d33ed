package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.jsse.S2NProvider;

/**
 * The JDK's java.net.http.HttpClient on an SSLContext of the S2N provider (s2n-tls-jsse) fetches
 * {@code s2nd --www}'s page: s2n-tls-java on both ends, with the JDK's HTTP client and trust
 * manager (PKIX, HTTPS endpoint identification) between them. The provider is used as an instance,
 * never installed, so nothing else in this JVM changes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientS2ndTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void httpClientOnTheS2NProviderFetchesTheWwwPage(String protocol) throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--www")) {
            SSLContext context = SSLContext.getInstance("TLS", new S2NProvider());
            RecordingTrustManager trust = new RecordingTrustManager(
                    (X509ExtendedTrustManager) trusting(server.certificate()).getTrustManagers()[0]);
            context.init(null, new TrustManager[] {trust}, new SecureRandom());
            SSLParameters p = new SSLParameters();
            p.setProtocols(new String[] {protocol});
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(context)
                    .sslParameters(p)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("<h1>s2n-tls-java s2nd</h1>"), r.body());
            assertTrue(r.body().contains("Actual protocol version: " + protocol + "\n"), r.body());
            assertTrue(r.body().contains("Server name: localhost\n"), "HttpClient sent SNI: " + r.body());
            SSLSession session = r.sslSession().orElseThrow();
            assertEquals(protocol, session.getProtocol());
            // The client side really was ours: the trust manager was asked about the chain by our engine.
            assertEquals("s2n.tls.jsse.S2NEngine", trust.engineClass, "the engine that checked the server");
            server.stop();
            Map<String, String> info = ToolRun.connectionInfo(server.out());
            assertEquals(protocol, info.get("Actual protocol version"), server.out());
            assertEquals(session.getCipherSuite(), info.get("Cipher negotiated"), server.out());
        }
    }

    /** The PKIX trust manager, noting which engine asked it (HttpClient hands out a copy of the session, not ours). */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager pkix;
        volatile String engineClass;

        RecordingTrustManager(X509ExtendedTrustManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            engineClass = engine.getClass().getName();
            pkix.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("HttpClient uses an SSLEngine, not a socket");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("an SSLEngine always passes itself to an X509ExtendedTrustManager");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client checks no client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client checks no client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client checks no client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }

    /** A trust manager factory whose only anchor is the self-signed certificate s2nd wrote. */
    private static TrustManagerFactory trusting(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
            ks.setCertificateEntry("s2nd" + i++, c);
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
        f.init(ks);
        return f;
    }
}
