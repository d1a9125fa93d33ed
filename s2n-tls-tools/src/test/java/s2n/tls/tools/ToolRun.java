package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a tool in this JVM through {@link Main#run}, exactly as the jar runs it, with
 * standard input given and stdout/stderr captured.
 *
 * @param exitCode what {@code main} would have exited with
 * @param out standard output
 * @param err standard error, without the policy warning lines
 * @param warnings the policy warning lines of standard error (see {@link PolicyWarnings})
 */
record ToolRun(int exitCode, String out, String err, String warnings) {
    /** No run may take longer; a hang fails the test instead of hanging the build. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Runs {@code s2nc ARGS} with empty standard input. */
    static ToolRun s2nc(String... args) {
        return run(new byte[0], prepend("s2nc", args));
    }

    /** Runs {@code s2nc ARGS} with {@code stdin} as standard input. */
    static ToolRun s2ncWithInput(byte[] stdin, String... args) {
        return run(stdin, prepend("s2nc", args));
    }

    /** Runs {@code s2nd ARGS}; for command lines that fail before the server starts. */
    static ToolRun s2nd(String... args) {
        return run(new byte[0], prepend("s2nd", args));
    }

    static ToolRun run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(TIMEOUT, () -> Main.run(new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args));
        String errText = err.toString(StandardCharsets.UTF_8);
        return new ToolRun(code, out.toString(StandardCharsets.UTF_8), PolicyWarnings.without(errText),
                PolicyWarnings.in(errText));
    }

    /** The {@code Name: value} lines of {@code text} in order of appearance (names of {@link ConnectionInfo#NAMES} only). */
    static Map<String, String> connectionInfo(String text) {
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && ConnectionInfo.NAMES.contains(line.substring(0, colon))) {
                info.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return info;
    }

    private static String[] prepend(String program, String[] args) {
        List<String> all = new ArrayList<>();
        all.add(program);
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }
}
