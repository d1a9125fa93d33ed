package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * #12 item 5: s2nc and s2nd agree on every hybrid group of {@code default_pq}, each pinned with
 * {@code --groups}, and both print it as the curve. Needs ML-KEM in the runtime (JDK 24 and
 * later): elsewhere it skips with the reason, and fails where ML-KEM must be there.
 */
class HybridGroupsToolsTest {
    @TempDir
    Path tmp;

    private static void requireMlKem() {
        if (PolicyWarnings.ML_KEM) {
            return;
        }
        String reason = "this runtime (Java " + System.getProperty("java.version") + ") lacks ML-KEM";
        if (Runtime.version().feature() >= 24 || "1".equals(System.getenv("S2N_REQUIRE_MLKEM"))) {
            fail(reason + ", but JDK 24 and later ship it (and S2N_REQUIRE_MLKEM=1 demands it)");
        }
        Assumptions.abort(reason + "; bin/test's JDK 25 run covers the hybrids");
    }

    @ParameterizedTest(name = "s2nc <-> s2nd over {0}")
    @ValueSource(strings = {"X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024"})
    void s2ncAndS2ndNegotiateEachHybridGroup(String group) throws Exception {
        requireMlKem();
        try (InProcessServer server = InProcessServer.start(tmp, "--ciphers", "default_pq", "--groups", group)) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--ciphers", "default_pq",
                    "--groups", group, "--send", "over " + group, "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("over " + group + "\n", run.out());
            Map<String, String> info = ToolRun.connectionInfo(run.err());
            assertEquals(group, info.get("Curve"), run.err());
            server.stop();
            assertEquals(group, ToolRun.connectionInfo(server.out()).get("Curve"), server.out());
        }
    }

    @Test
    void aGroupNotInThePolicyIsAUsageError() {
        ToolRun run = ToolRun.s2nc("--ciphers", "default_tls13", "--groups", "X25519MLKEM768", "127.0.0.1", "1");
        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("not in policy"), run.err());
    }
}
