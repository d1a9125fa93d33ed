package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import s2n.tls.testing.HeadlessChromium;

/**
 * Debian's Chromium (BoringSSL inside), headless and in its default configuration, loads s2nd's
 * {@code --www} page: it offers X25519MLKEM768 and x25519 key shares, and s2nd must take the
 * hybrid. Chromium trusts exactly s2nd's key ({@code --ignore-certificate-errors-spki-list} with
 * the key's SHA-256), nothing else. The page, the DOM Chromium built from it and s2nd's own report
 * all name the group; a screenshot of the rendered page goes to
 * {@code target/interop/chromium-s2nd-www.png}.
 *
 * <p>Needs ML-KEM in this runtime (JDK 24 or later). Without it the test skips with the reason,
 * except on JDK 24 or later or under {@code S2N_REQUIRE_MLKEM=1} (bin/test sets it for its JDK 25
 * run): there it fails.
 */
class ChromiumInteropTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> chromiumLoadsWwwPageOverX25519MLKEM768() throws Exception {
        Peers.Peer chromium = Peers.find("chromium", "--version");
        if (!chromium.present()) {
            return Stream.of(DynamicTest.dynamicTest("chromium_absent", chromium::assumePresent));
        }
        // The wrapper script may print a shell complaint before "Chromium 156.0.8078.114 built on ...".
        String version = Stream.of(chromium.banner().split(" ")).filter(w -> w.matches("\\d+(\\.\\d+)+"))
                .findFirst().orElse("unknown");
        return Stream.of(
                DynamicTest.dynamicTest("chromiumNegotiatesX25519MLKEM768_chromium_" + version, this::dumpDom),
                DynamicTest.dynamicTest("chromiumRendersThePage_chromium_" + version, this::screenshot));
    }

    private void dumpDom() throws Exception {
        requireMlKem();
        try (InProcessServer server = InProcessServer.start(tmp, "--www")) {
            String dom;
            try (ToolProcess browser = ToolProcess.program(
                    HeadlessChromium.command(tmp, server.certificate(), server.port(), "--dump-dom"))) {
                assertEquals(0, browser.awaitExit(HeadlessChromium.MILLIS), browser.err());
                dom = browser.out();
            }
            assertTrue(dom.contains("<h1>s2n-tls-java s2nd</h1>"), dom);
            assertTrue(dom.contains("Actual protocol version: TLSv1.3\n"), dom);
            assertTrue(dom.contains("Curve: X25519MLKEM768\n"), dom);
            assertTrue(dom.contains("Server name: localhost\n"), dom);
            server.stop();
            // s2nd's own report of the same connection (and of any other Chromium opened, e.g. for a favicon).
            Map<String, String> info = ToolRun.connectionInfo(server.out());
            assertEquals("X25519MLKEM768", info.get("Curve"), server.out());
            assertEquals("TLSv1.3", info.get("Actual protocol version"), server.out());
            // Chromium drops the connections it still holds when it exits, without close_notify (with a
            // FIN, or a reset when unread bytes were left in its socket), and may abandon a speculative
            // second connection mid-handshake: s2nd reports each; anything else (a failed handshake, an
            // alert) fails the test.
            for (String line : server.err().lines().toList()) {
                assertTrue(line.endsWith(" failed: the peer closed the connection without close_notify; "
                        + "the data may have been truncated")
                        || line.endsWith(" failed: the peer closed the connection during the handshake")
                        || line.endsWith(" failed: the peer closed the connection (Connection reset)"),
                        server.err());
            }
            assertEquals("", server.warnings());
        }
    }

    private void screenshot() throws Exception {
        requireMlKem();
        Path shot = Path.of("target", "interop", "chromium-s2nd-www.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        try (InProcessServer server = InProcessServer.start(tmp, "--www")) {
            try (ToolProcess browser = ToolProcess.program(HeadlessChromium.command(tmp, server.certificate(),
                    server.port(), "--window-size=900,600", "--screenshot=" + shot))) {
                assertEquals(0, browser.awaitExit(HeadlessChromium.MILLIS), browser.err());
            }
            server.stop();
            assertEquals("X25519MLKEM768", ToolRun.connectionInfo(server.out()).get("Curve"), server.out());
        }
        HeadlessChromium.assertRenderedPage(shot);
    }

    private static void requireMlKem() {
        if (PolicyWarnings.ML_KEM) {
            return;
        }
        String reason = "this runtime (Java " + System.getProperty("java.version") + ") lacks ML-KEM: "
                + PolicyWarnings.ML_KEM_REASON.replace(", which this runtime lacks", "");
        if (Runtime.version().feature() >= 24 || "1".equals(System.getenv("S2N_REQUIRE_MLKEM"))) {
            fail(reason + ", but JDK 24 and later ship it (and S2N_REQUIRE_MLKEM=1 demands it)");
        }
        Assumptions.abort(reason + "; bin/test's JDK 25 run covers Chromium");
    }
}
