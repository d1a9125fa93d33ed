package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.HeadlessChromium;

/**
 * #12 item 2: a runtime whose JDK has no ML-KEM of its own (JDK 17 and 21 to 23) offers the
 * hybrids once a JCA provider of KEM "ML-KEM" is installed, with no code: here BouncyCastle's
 * {@code bcprov} (1.79 or later) on the class path and one line in a
 * {@code -Djava.security.properties} file, appended after the JDK's providers so that they still do
 * everything else. The core asks the JCA for "ML-KEM" by name and never names BouncyCastle.
 *
 * <p>On JDK 17 this is the only ML-KEM the tools can have, and each test first shows that without
 * the provider the same command is refused; on JDK 25 the JDK's own ML-KEM comes first and the
 * tests show that the extra provider changes nothing. Needs {@code javax.crypto.KEM}, which JDK 17
 * has from 17.0.12 (Java SE 17 Maintenance Release 1); an older update skips, except in CI.
 */
class ThirdPartyMlKemTest {
    private static final List<String> HYBRIDS = List.of("X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024");

    @TempDir
    Path tmp;

    private List<String> withProvider;
    private List<Path> bcprov;

    @BeforeEach
    void installBouncyCastleInTheChildJvms() throws Exception {
        try {
            Class.forName("javax.crypto.KEM");
        } catch (ClassNotFoundException e) {
            String reason = "Java " + System.getProperty("java.version") + " has no javax.crypto.KEM (JDK 17.0.12+ has)";
            if ("1".equals(System.getenv("S2N_REQUIRE_PEERS"))) {
                fail(reason + ", and S2N_REQUIRE_PEERS=1 demands this test");
            }
            Assumptions.abort(reason);
        }
        // The JDK's providers keep their places; BouncyCastle is appended as the next number.
        int count = 1;
        while (Security.getProperty("security.provider." + count) != null) {
            count++;
        }
        Path file = tmp.resolve("bouncycastle.security");
        Files.writeString(file, "security.provider." + count + "=" + BouncyCastleProvider.class.getName() + "\n");
        withProvider = List.of("-Djava.security.properties=" + file);
        bcprov = List.of(location(BouncyCastleProvider.class));
    }

    @ParameterizedTest(name = "s2nc <-> s2nd over {0}, ML-KEM from BouncyCastle")
    @ValueSource(strings = {"X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024"})
    void toolsNegotiateEachHybridWithTheProviderInstalled(String group) throws Exception {
        Path cert = tmp.resolve("server.pem");
        try (ToolProcess server = ToolProcess.tool(withProvider, bcprov, "s2nd", "--ciphers", "default_pq",
                "--groups", group, "--write-cert", cert.toString(), "127.0.0.1", "0")) {
            int port = server.awaitListening(30_000);
            String[] client = {"--ca-file", cert.toString(), "--ciphers", "default_pq", "--groups", group,
                    "--send", "over " + group, "127.0.0.1", Integer.toString(port)};
            if (!PolicyWarnings.ML_KEM) {
                // The same client without the provider: the group is not offered, so it cannot connect.
                try (ToolProcess without = ToolProcess.tool("s2nc", client)) {
                    assertNotEquals(0, without.awaitExit(30_000), without.out());
                    assertEquals(PolicyWarnings.forHybrids("s2nc", "default_pq"), without.warnings());
                }
            }
            try (ToolProcess with = ToolProcess.tool(withProvider, bcprov, "s2nc", client)) {
                assertEquals(0, with.awaitExit(30_000), with.err());
                assertEquals("over " + group + "\n", with.out());
                assertEquals(group, ToolRun.connectionInfo(with.err()).get("Curve"), with.err());
                assertEquals("", with.warnings());
            }
            server.terminate();
            server.awaitExit(30_000);
            assertEquals(group, ToolRun.connectionInfo(server.out()).get("Curve"), server.out());
            assertEquals("", server.warnings());
        }
    }

    @Test
    void policyOmissionsNameNoHybridWithTheProviderInstalled() throws Exception {
        // s2nd's warning line is SecurityPolicy.omissions() for the groups: empty means every hybrid is offered.
        Path cert = tmp.resolve("server.pem");
        try (ToolProcess server = ToolProcess.tool(withProvider, bcprov, "s2nd", "--ciphers", "default_pq",
                "--write-cert", cert.toString(), "127.0.0.1", "0")) {
            server.awaitListening(30_000);
            assertEquals("", server.warnings());
        }
        if (!PolicyWarnings.ML_KEM) {
            try (ToolProcess server = ToolProcess.tool("s2nd", "--ciphers", "default_pq", "--write-cert",
                    tmp.resolve("other.pem").toString(), "127.0.0.1", "0")) {
                server.awaitListening(30_000);
                String warning = server.warnings();
                for (String group : HYBRIDS) {
                    assertTrue(warning.contains(group), warning);
                }
            }
        }
    }

    @Test
    void chromiumNegotiatesX25519MLKEM768WithS2ndOnBouncyCastle() throws Exception {
        Peers.Peer chromium = Peers.find("chromium", "--version");
        chromium.assumePresent();
        Path cert = tmp.resolve("server.pem");
        Path shot = Path.of("target", "interop", "chromium-s2nd-bouncycastle-jdk" + Runtime.version().feature() + ".png")
                .toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        try (ToolProcess server = ToolProcess.tool(withProvider, bcprov, "s2nd", "--www",
                "--write-cert", cert.toString(), "127.0.0.1", "0")) {
            int port = server.awaitListening(30_000);
            String dom;
            try (ToolProcess browser = ToolProcess.program(HeadlessChromium.command(tmp, cert, port, "--dump-dom"))) {
                assertEquals(0, browser.awaitExit(HeadlessChromium.MILLIS), browser.err());
                dom = browser.out();
            }
            assertTrue(dom.contains("Curve: X25519MLKEM768\n"), dom);
            assertTrue(dom.contains("Actual protocol version: TLSv1.3\n"), dom);
            List<String> shotCommand = new ArrayList<>(List.of(HeadlessChromium.command(tmp, cert, port,
                    "--window-size=900,600", "--screenshot=" + shot)));
            try (ToolProcess browser = ToolProcess.program(shotCommand.toArray(new String[0]))) {
                assertEquals(0, browser.awaitExit(HeadlessChromium.MILLIS), browser.err());
            }
            server.terminate();
            server.awaitExit(30_000);
            Map<String, String> info = ToolRun.connectionInfo(server.out());
            assertEquals("X25519MLKEM768", info.get("Curve"), server.out());
            assertEquals("", server.warnings());
        }
        HeadlessChromium.assertRenderedPage(shot);
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + c, e);
        }
    }
}
