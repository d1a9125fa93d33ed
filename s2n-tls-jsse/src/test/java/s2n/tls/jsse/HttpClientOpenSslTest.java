package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.OpenSslServer;
import s2n.tls.testing.TestCerts;

/** The JDK's java.net.http.HttpClient on our SSLContext fetches a page from openssl s_server -www. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayNameGeneration(HttpClientOpenSslTest.Names.class)
class HttpClientOpenSslTest {
    @TempDir
    Path dir;

    @BeforeEach
    void peer() {
        OpenSslServer.require();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void httpClientFetchesAPageFromOpenSsl(String protocol) throws Exception {
        // s_server -www answers HTTP/1.0 without a length and then waits for our close_notify;
        // HttpClient before JDK 25 waits for the end of the stream instead (with the JDK's own
        // engine too) unless the engine answers a TLS 1.3 close_notify at once: the JDK's switch.
        boolean acknowledge = protocol.equals("TLSv1.3") && Runtime.version().feature() < 25;
        String before = System.getProperty("jdk.tls.acknowledgeCloseNotify");
        if (acknowledge) {
            System.setProperty("jdk.tls.acknowledgeCloseNotify", "true");
        }
        try {
            fetch(protocol);
        } finally {
            if (before == null) {
                System.clearProperty("jdk.tls.acknowledgeCloseNotify");
            } else {
                System.setProperty("jdk.tls.acknowledgeCloseNotify", before);
            }
        }
    }

    private void fetch(String protocol) throws Exception {
        try (OpenSslServer server = new OpenSslServer(dir, TestCerts.SERVER_EC)) {
            SSLParameters p = new SSLParameters();
            p.setProtocols(new String[] {protocol});
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(Contexts.client(true))
                    .sslParameters(p)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port + "/"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), server.output());
            // s_server -www describes the connection it served, protocol included.
            assertTrue(r.body().contains("Protocol  : " + protocol), r.body());
            assertEquals(protocol, r.sslSession().orElseThrow().getProtocol());
        }
    }

    @Test
    void httpClientRefusesAnOpenSslServerItDoesNotTrust() throws Exception {
        try (OpenSslServer server = new OpenSslServer(dir, TestCerts.untrusted().issue(false, "CN=localhost", "localhost"))) {
            HttpClient client = HttpClient.newBuilder().sslContext(Contexts.client(true))
                    .version(HttpClient.Version.HTTP_1_1).build();
            IOException e = assertThrows(IOException.class, () -> client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + server.port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            Throwable t = e;
            while (t != null && !(t instanceof SSLHandshakeException)) {
                t = t.getCause();
            }
            assertTrue(t != null, "an SSLHandshakeException: " + e);
            assertTrue(t.getMessage().contains("bad_certificate"), t.getMessage());
        }
    }

    /** "OpenSSL 3.0.19: methodName", as the core's interop tests name theirs. */
    static final class Names extends DisplayNameGenerator.Standard {
        @Override
        public String generateDisplayNameForMethod(Class<?> testClass, java.lang.reflect.Method testMethod) {
            return (OpenSslServer.VERSION == null ? "openssl (absent)" : OpenSslServer.VERSION) + ": " + testMethod.getName();
        }
    }
}
