package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finding the programs interop tests talk to. A missing peer skips its tests visibly, with the
 * reason, except where {@code S2N_REQUIRE_PEERS=1} (CI sets it): there a missing peer fails, so a
 * gap can never pass as green.
 */
final class Peers {
    private Peers() {}

    /**
     * What running a peer's version command found.
     *
     * @param banner the first line it printed (e.g. {@code curl 7.88.1 (x86_64-pc-linux-gnu) ...}),
     *     or null when the peer is absent
     * @param absence why the peer is unusable, or null when it is present
     */
    record Peer(String banner, String absence) {
        boolean present() {
            return banner != null;
        }

        /**
         * Returns normally if the peer is present; otherwise skips the calling test with the reason,
         * or fails it under {@code S2N_REQUIRE_PEERS=1}.
         */
        void assumePresent() {
            if (present()) {
                return;
            }
            if ("1".equals(System.getenv("S2N_REQUIRE_PEERS"))) {
                fail("S2N_REQUIRE_PEERS=1 but " + absence + "; install it (.ci/run does) or unset S2N_REQUIRE_PEERS");
            }
            Assumptions.abort(absence + "; skipping the interop test that needs it");
        }
    }

    /** Runs {@code command} (a version banner such as {@code curl --version}) to see whether the peer is there. */
    static Peer find(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                byte[] output = p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return new Peer(new String(output, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip(), null);
                }
                return new Peer(null, String.join(" ", command) + " did not succeed");
            } finally {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            return new Peer(null, command[0] + " is not installed (" + e.getMessage() + ")");
        }
    }
}
