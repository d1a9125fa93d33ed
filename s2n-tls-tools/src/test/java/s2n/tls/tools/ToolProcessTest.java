package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s2nd and s2nc as real processes, the way bin/demo and users run them: the {@code listening on}
 * line, standard input to EOF, exit codes, and SIGTERM stopping the server.
 */
class ToolProcessTest {
    /** Ample for a cold JVM on a busy two-core machine; nothing here waits that long when it works. */
    private static final long PROCESS_MILLIS = 60_000;

    @TempDir
    Path tmp;

    @Test
    void s2ncProcessEchoesThroughS2ndProcessAndBothExitZero() throws Exception {
        Path cert = tmp.resolve("server.pem");
        try (ToolProcess s2nd = ToolProcess.tool("s2nd", "--write-cert", cert.toString(), "--alpn", "h2,http/1.1",
                "--max-conns", "1", "127.0.0.1", "0")) {
            int port = s2nd.awaitListening(PROCESS_MILLIS);
            try (ToolProcess s2nc = ToolProcess.tool("s2nc", "--ca-file", cert.toString(), "--alpn", "h2,http/1.1",
                    "--name", "localhost", "127.0.0.1", Integer.toString(port))) {
                s2nc.input("hello from s2nc\n");
                assertEquals(0, s2nc.awaitExit(PROCESS_MILLIS), s2nc.err());
                assertEquals("hello from s2nc\n", s2nc.out());
                Map<String, String> client = ToolRun.connectionInfo(s2nc.err());
                assertEquals(ConnectionInfo.NAMES, List.copyOf(client.keySet()), s2nc.err());
                assertEquals("h2", client.get("Application protocol"));
            }
            assertEquals(0, s2nd.awaitExit(PROCESS_MILLIS), s2nd.err()); // --max-conns 1 reached
            assertTrue(s2nd.out().startsWith("listening on 127.0.0.1:" + port + System.lineSeparator()), s2nd.out());
            Map<String, String> server = ToolRun.connectionInfo(s2nd.out());
            assertEquals(ConnectionInfo.NAMES, List.copyOf(server.keySet()), s2nd.out());
            assertEquals("localhost", server.get("Server name"));
            assertEquals("", s2nd.err());
        }
    }

    @Test
    void s2ndRunsUntilSigtermAndS2ncReportsAFailedVerification() throws Exception {
        Path cert = tmp.resolve("server.pem");
        try (ToolProcess s2nd = ToolProcess.tool("s2nd", "--write-cert", cert.toString(), "0")) {
            int port = s2nd.awaitListening(PROCESS_MILLIS);
            try (ToolProcess s2nc = ToolProcess.tool("s2nc", "--ca-file", cert.toString(), "--name", "other.example",
                    "127.0.0.1", Integer.toString(port))) {
                s2nc.input("");
                assertEquals(1, s2nc.awaitExit(PROCESS_MILLIS));
                assertEquals("", s2nc.out());
                assertTrue(s2nc.err().startsWith("s2nc: handshake failed: "), s2nc.err());
                assertTrue(s2nc.err().contains("(bad_certificate)"), s2nc.err());
            }
            String reported = s2nd.awaitErr("bad_certificate", PROCESS_MILLIS);
            assertTrue(reported.contains("failed: peer sent fatal alert bad_certificate (42)"), reported);
            assertTrue(s2nd.isAlive(), "a failed connection does not stop s2nd");
            s2nd.terminate();
            // The JVM's answer to SIGTERM: run shutdown hooks, exit 128 + 15.
            assertEquals(143, s2nd.awaitExit(PROCESS_MILLIS));
        }
    }
}
