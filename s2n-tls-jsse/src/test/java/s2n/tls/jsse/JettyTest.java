package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Security;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.HeadlessChromium;
import s2n.tls.testing.TestCerts;

/**
 * Embedded Jetty 12 serving HTTPS through the S2N provider ({@code SslContextFactory.Server} with
 * {@code setProvider("S2N")}), fetched by curl (OpenSSL inside) and by headless Chromium
 * (BoringSSL inside). Each page names the engine class Jetty's SslConnection holds, so a page
 * served by the JDK's engine would fail every check; the test also holds the engines themselves.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JettyTest {
    private static final Pattern CONNECTION = Pattern.compile("Connection: (\\S+)");
    private static final long CHROMIUM_SECONDS = 60;

    @TempDir
    Path dir;
    private JettyServer jetty;
    private Path ca;

    @BeforeAll
    static void register() {
        Security.addProvider(Contexts.S2N); // last: it serves who asks for "S2N", and changes no default
    }

    @AfterAll
    static void unregister() {
        Security.removeProvider(S2NProvider.NAME);
    }

    @BeforeEach
    void start() throws Exception {
        ca = dir.resolve("ca.pem");
        Files.writeString(ca, TestCerts.pem(TestCerts.PKI.root));
        jetty = jetty(false, ssl -> {});
    }

    /** A Jetty serving the EC localhost leaf, with whatever else {@code configure} sets. */
    private static JettyServer jetty(boolean http2, Consumer<SslContextFactory.Server> configure) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", TestCerts.SERVER_EC.key(), TestCerts.PASSWORD, TestCerts.SERVER_EC.chain());
        return new JettyServer(ks, TestCerts.PASSWORD, http2, configure);
    }

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
    }

    private String url(String path) {
        return "https://localhost:" + jetty.port + path;
    }

    private Programs.Run curl(String... args) throws Exception {
        Programs.Run r = curlMayFail(args);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private Programs.Run curlMayFail(String... args) throws Exception {
        Programs.require(dir, "curl", "--version");
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "20", "--cacert", ca.toString(),
                "--resolve", "localhost:" + jetty.port + ":127.0.0.1"));
        cmd.addAll(List.of(args));
        return Programs.run(dir, 40, cmd.toArray(new String[0]));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "TLSv1.3, --tlsv1.3, TLS_AES_",
        "TLSv1.2, --tls-max 1.2, TLS_ECDHE_ECDSA_WITH_",
    })
    void curlFetchesThePage(String protocol, String versionOption, String suitePrefix) throws Exception {
        List<String> args = new ArrayList<>(List.of(versionOption.split(" ")));
        args.add(url("/"));
        Programs.Run r = curl(args.toArray(new String[0]));
        assertTrue(r.out().contains("<h1>Jetty over the S2N provider</h1>"), r.toString());
        assertTrue(r.out().contains("Engine: s2n.tls.jsse.S2NEngine\n"), r.toString());
        assertTrue(r.out().contains("Protocol: " + protocol + "\n"), r.toString());
        assertTrue(r.out().contains("Cipher suite: " + suitePrefix), r.toString());
        // curl's own view of the version: "SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384".
        assertTrue(r.err().contains("SSL connection using " + protocol + " / "), r.err());
        assertEquals(1, jetty.engines.size());
        SSLEngine engine = jetty.engines.get(0);
        assertInstanceOf(S2NEngine.class, engine);
        assertEquals(protocol, engine.getSession().getProtocol());
        assertFalse(engine.getUseClientMode());
    }

    @Test
    void curlKeepsTheConnectionAliveForTwoRequests() throws Exception {
        Programs.Run r = curl(url("/"), url("/big"));
        List<String> ids = new ArrayList<>();
        Matcher m = CONNECTION.matcher(r.out());
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(2, ids.size(), r.toString());
        assertEquals(ids.get(0), ids.get(1), "both requests on one connection: " + r);
        assertTrue(r.err().contains("Re-using existing connection"), r.err());
        assertTrue(r.out().contains("x".repeat(JettyServer.BIG)), "the large page arrived whole");
        assertEquals(2, jetty.engines.size());
        assertTrue(jetty.engines.get(0) == jetty.engines.get(1), "one engine for both requests");
    }

    @Test
    void curlByAddressSendsNoServerNameAndJettysKeyManagerStillChooses() throws Exception {
        Programs.Run r = curl("https://127.0.0.1:" + jetty.port + "/");
        assertTrue(r.out().contains("Engine: s2n.tls.jsse.S2NEngine\n"), r.toString());
        assertEquals(List.of(), ((javax.net.ssl.ExtendedSSLSession) jetty.engines.get(0).getSession()).getRequestedServerNames());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--tlsv1.3", "--tls-max"})
    void jettyNeedsAClientCertificateAndCurlPresentsOne(String version) throws Exception {
        jetty.close();
        jetty = jetty(false, ssl -> {
            try {
                ssl.setTrustStore(TestCerts.trustStore(TestCerts.PKI.root));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            ssl.setNeedClientAuth(true);
        });
        Path cert = dir.resolve("client.pem");
        Path key = dir.resolve("client.key");
        Files.writeString(cert, TestCerts.pem(TestCerts.CLIENT_EC.chain()));
        Files.writeString(key, TestCerts.pem(TestCerts.CLIENT_EC.key()));
        List<String> v = version.equals("--tls-max") ? List.of("--tls-max", "1.2") : List.of(version);
        List<String> args = new ArrayList<>(v);
        args.addAll(List.of("--cert", cert.toString(), "--key", key.toString(), url("/")));
        Programs.Run r = curl(args.toArray(new String[0]));
        assertTrue(r.out().contains("Client certificate: CN=test client\n"), r.toString());
        assertTrue(jetty.engines.get(0).getNeedClientAuth());

        List<String> without = new ArrayList<>(v);
        without.add(url("/"));
        Programs.Run refused = curlMayFail(without.toArray(new String[0]));
        assertTrue(refused.exit() != 0, "no client certificate, no page: " + refused);
        assertFalse(refused.out().contains("Jetty over the S2N provider"), refused.toString());
    }

    /**
     * openssl s_client asks for a TLS 1.3 KeyUpdate (its {@code K} command, update_requested)
     * between two requests on one connection: Jetty sees NEED_WRAP after the handshake, our
     * engine's KeyUpdate answer goes out, and the second request is read and answered under
     * the new keys.
     */
    @Test
    void keyUpdateBetweenTwoRequestsOnOneConnection() throws Exception {
        Programs.require(dir, "openssl", "version");
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + jetty.port, "-servername", "localhost",
                "-CAfile", ca.toString(), "-verify_return_error", "-tls1_3").redirectErrorStream(true).start();
        StringBuffer out = new StringBuffer();
        Thread pump = new Thread(() -> {
            try {
                byte[] buf = new byte[8192];
                int n;
                while ((n = p.getInputStream().read(buf)) > 0) {
                    out.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            } catch (java.io.IOException e) {
                // killed
            }
        }, "openssl-s_client-output");
        pump.setDaemon(true);
        pump.start();
        try {
            java.io.OutputStream in = p.getOutputStream();
            String get = "GET / HTTP/1.1\r\nHost: localhost:" + jetty.port + "\r\n\r\n";
            in.write(get.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            in.flush();
            awaitCount(out, "</html>", 1);
            in.write("K\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            in.flush();
            awaitCount(out, "KEYUPDATE", 1);
            Thread.sleep(200); // the K line and the next request must reach s_client in separate reads
            in.write(get.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            in.flush();
            awaitCount(out, "</html>", 2);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(out.toString().contains("Protocol: TLSv1.3\n"), out.toString());
        assertEquals(2, jetty.engines.size(), out.toString());
        assertTrue(jetty.engines.get(0) == jetty.engines.get(1), "one connection, one engine");
    }

    private static void awaitCount(StringBuffer out, String what, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String s = out.toString();
            if (s.split(Pattern.quote(what), -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + count + " x '" + what + "' within 20 s:\n" + out);
    }

    /** HTTP/2 through ALPN: Jetty's selector on our engine picks h2, and curl speaks it; http/1.1 still served to who asks. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--tlsv1.3", "--tls-max"})
    void curlSpeaksHttp2AfterJettyChoosesH2ByAlpn(String version) throws Exception {
        jetty.close();
        jetty = jetty(true, ssl -> {});
        List<String> v = version.equals("--tls-max") ? List.of("--tls-max", "1.2") : List.of(version);
        List<String> args = new ArrayList<>(v);
        args.addAll(List.of("--http2", url("/big")));
        Programs.Run r = curl(args.toArray(new String[0]));
        assertTrue(r.out().contains("HTTP: HTTP/2.0\n"), r.toString());
        assertTrue(r.out().contains("ALPN: h2\n"), r.toString());
        assertTrue(r.out().contains("x".repeat(JettyServer.BIG)), "the large page arrived whole over HTTP/2");
        assertTrue(r.err().contains("ALPN: server accepted h2"), r.err());
        assertEquals("h2", jetty.engines.get(0).getApplicationProtocol());

        List<String> h1 = new ArrayList<>(v);
        h1.addAll(List.of("--http1.1", url("/")));
        r = curl(h1.toArray(new String[0]));
        assertTrue(r.out().contains("HTTP: HTTP/1.1\n"), r.toString());
        assertTrue(r.out().contains("ALPN: http/1.1\n"), r.toString());
    }

    @Test
    void chromiumLoadsThePageOverHttp2() throws Exception {
        jetty.close();
        jetty = jetty(true, ssl -> {});
        Programs.Run r = Programs.run(dir, CHROMIUM_SECONDS, chromium("--dump-dom"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Engine: s2n.tls.jsse.S2NEngine\n"), r.toString());
        assertTrue(r.out().contains("HTTP: HTTP/2.0\n"), r.toString());
        assertTrue(r.out().contains("ALPN: h2\n"), r.toString());
    }

    @Test
    void chromiumDumpsThePagesDom() throws Exception {
        Programs.Run r = Programs.run(dir, CHROMIUM_SECONDS, chromium("--dump-dom"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("<h1>Jetty over the S2N provider</h1>"), r.toString());
        assertTrue(r.out().contains("Engine: s2n.tls.jsse.S2NEngine\n"), r.toString());
        // Chromium's default configuration negotiates TLS 1.3.
        assertTrue(r.out().contains("Protocol: TLSv1.3\n"), r.toString());
        assertTrue(r.out().contains("Cipher suite: TLS_AES_"), r.toString());
        assertFalse(jetty.engines.isEmpty());
        jetty.engines.forEach(e -> assertInstanceOf(S2NEngine.class, e));
    }

    @Test
    void chromiumRendersThePage() throws Exception {
        Path shot = Path.of("target", "interop", "chromium-jetty.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        Programs.Run r = Programs.run(dir, CHROMIUM_SECONDS, chromium("--window-size=900,600", "--screenshot=" + shot));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(shot), "no screenshot: " + r);
        HeadlessChromium.assertRenderedPage(shot);
        assertFalse(jetty.engines.isEmpty(), "Chromium's request reached the handler");
        jetty.engines.forEach(e -> assertInstanceOf(S2NEngine.class, e));
    }

    /** Headless Chromium with a fresh profile, trusting exactly the server's key, fetching the page. */
    private String[] chromium(String... action) throws Exception {
        Programs.require(dir, "chromium", "--version");
        return HeadlessChromium.command(dir, TestCerts.SERVER_EC.chain()[0], jetty.port, action);
    }
}
