package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s2nd --non-blocking}: many clients at once, all served by the one thread that runs the
 * selector, each driven by {@code Blocked} (ON_READ -> OP_READ, ON_WRITE -> OP_WRITE).
 */
class SelectorServerTest {
    private static final int CLIENTS = 50;

    @TempDir
    Path tmp;

    @Test
    void fiftyConcurrentJdkClientsHandshakeAndEchoOnOneServerThread() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--non-blocking")) {
            JdkClient jdk = JdkClient.trusting(server.certificate());
            List<List<String>> serverThreadsWhileAllOpen = new ArrayList<>();
            int completed = S2ndTest.echoConcurrently(jdk, server.port(), CLIENTS,
                    () -> serverThreadsWhileAllOpen.add(threadsRunningServerCode()));

            assertEquals(CLIENTS, completed);
            // All fifty were connected at that moment, and one thread was serving them.
            assertEquals(List.of(List.of("test-s2nd")), serverThreadsWhileAllOpen);
            server.stop();
            assertEquals("", server.err());
            assertEquals(CLIENTS, server.out().split("Actual protocol version: TLSv1.3").length - 1);
        }
    }

    @Test
    void wwwOverTheSelectorAnswersEachClient() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--non-blocking", "--www")) {
            for (int i = 0; i < 3; i++) {
                ToolRun run = ToolRun.s2ncWithInput("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(),
                        "--non-blocking", "--ca-file", server.certificate().toString(), "localhost",
                        Integer.toString(server.port()));
                assertEquals(0, run.exitCode(), run.err());
                assertEquals("HTTP/1.1 200 OK", run.out().lines().findFirst().orElse(""));
            }
        }
    }

    /** Names of the live threads with a server class of this package on their stack. */
    private static List<String> threadsRunningServerCode() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : thread.getValue()) {
                if (isServerClass(frame.getClassName())) {
                    names.add(thread.getKey().getName());
                    break;
                }
            }
        }
        return names;
    }

    private static boolean isServerClass(String type) {
        for (Class<?> server : List.of(SelectorServer.class, BlockingServer.class, ServerSession.class)) {
            if (type.equals(server.getName()) || type.startsWith(server.getName() + "$")) {
                return true;
            }
        }
        return false;
    }
}
