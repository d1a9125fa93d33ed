package s2n.tls.jsse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Outside programs the interop tests run (curl, chromium): finding them, with the project's rule
 * for a missing peer (skip with the reason, or fail under {@code S2N_REQUIRE_PEERS=1}, as the tools'
 * {@code Peers}), and running one to its end with a bounded wait, output in files so a chatty
 * program never blocks on a pipe.
 */
final class Programs {
    private Programs() {}

    /** What a finished program left: its exit code and its output. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /**
     * The first line {@code command} (a version command such as {@code curl --version}) prints, or,
     * when the program is missing or fails, skips the test (fails it under S2N_REQUIRE_PEERS=1).
     */
    static String require(Path dir, String... command) throws Exception {
        String absence;
        try {
            Run r = run(dir, 30, command);
            if (r.exit() == 0) {
                // Debian's chromium wrapper may print a shell complaint first: the banner is the last line.
                List<String> lines = r.out().strip().lines().toList();
                return lines.isEmpty() ? command[0] : lines.get(lines.size() - 1).strip();
            }
            absence = String.join(" ", command) + " did not succeed: " + r;
        } catch (IOException e) {
            absence = command[0] + " is not installed (" + e.getMessage() + ")";
        }
        if ("1".equals(System.getenv("S2N_REQUIRE_PEERS"))) {
            Assertions.fail("S2N_REQUIRE_PEERS=1 but " + absence + "; install it or unset S2N_REQUIRE_PEERS");
        }
        Assumptions.abort(absence + "; skipping the interop test that needs it (set S2N_REQUIRE_PEERS=1 to make this a failure)");
        return null;
    }

    /** Runs {@code command} in {@code dir} and waits for it at most {@code seconds}; a program still running then is killed and fails the test. */
    static Run run(Path dir, long seconds, String... command) throws IOException, InterruptedException {
        File out = Files.createTempFile(dir, "out", ".txt").toFile();
        File err = Files.createTempFile(dir, "err", ".txt").toFile();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds + " s\n"
                        + new Run(-1, read(out), read(err)));
            }
            return new Run(p.exitValue(), read(out), read(err));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static String read(File f) throws IOException {
        return new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8); // lenient: a stray byte never fails the read
    }
}
