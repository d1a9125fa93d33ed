package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key log proven by a tool nobody here wrote: tshark captures a loopback session between s2nc
 * and {@code s2nd --www}, and decrypts it with the NSS key log that {@code --keylog} wrote, showing
 * the HTTP request and response inside. TLS 1.3 with the client's key log, TLS 1.2 with the
 * server's. Capturing needs root; CI runs as root or with password-less sudo (.ci/run installs
 * tshark the same way).
 */
@Timeout(120)
class KeyLogTsharkTest {
    private static final int CAPTURE_ATTEMPTS = 3;
    private static Peers.Peer tshark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findTshark() throws InterruptedException {
        tshark = Peers.find("tshark", "--version");
    }

    @ParameterizedTest(name = "tshark decrypts {0} with the key log of s2n{1}")
    @CsvSource({"TLSv1.3, c, default", "TLSv1.2, d, 20240501"})
    void tsharkDecryptsTheCapturedSession(String version, String loggingSide, String policy) throws Exception {
        tshark.assumePresent();
        Path keyLog = tmp.resolve("keys.log");
        Path capture = tmp.resolve("capture.pcapng");
        List<String> serverOptions = new ArrayList<>(List.of("--www", "-c", policy));
        if (loggingSide.equals("d")) {
            serverOptions.addAll(List.of("--keylog", keyLog.toString()));
        }
        // tshark says it is capturing a little before the kernel hands it packets: a session
        // whose ClientHello was missed cannot be decrypted, so such a capture is taken again.
        for (int attempt = 1; attempt <= CAPTURE_ATTEMPTS; attempt++) {
            Files.deleteIfExists(keyLog);
            Files.deleteIfExists(capture);
            captureOneSession(version, loggingSide, serverOptions, keyLog, capture);
            if (summary(capture).contains("Client Hello")) {
                break;
            }
        }
        assertTrue(Files.readString(keyLog).lines().findAny().isPresent(), "the key log is empty");
        try (ToolProcess read = ToolProcess.program("tshark", "-r", capture.toString(),
                "-o", "tls.keylog_file:" + keyLog, "-Y", "http", "-T", "fields", "-e", "http.request.uri",
                "-e", "http.response.code")) {
            assertEquals(0, read.awaitExit(60_000), read.err());
            String shown = read.out();
            assertTrue(shown.contains("/keylog-proof"), "tshark decrypted the request: " + shown + read.err()
                    + "\nkey log: " + Files.readString(keyLog).replaceAll("([0-9a-f]{16})[0-9a-f]+", "$1...") + summary(capture));
            assertTrue(shown.contains("200"), "tshark decrypted the response: " + shown + read.err());
        }
    }

    private void captureOneSession(String version, String loggingSide, List<String> serverOptions, Path keyLog,
            Path capture) throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, serverOptions.toArray(new String[0]));
             ToolProcess dump = capture(server.port(), capture)) {
            List<String> clientOptions = new ArrayList<>(List.of("--ca-file", server.certificate().toString()));
            if (loggingSide.equals("c")) {
                clientOptions.addAll(List.of("--keylog", keyLog.toString()));
            }
            clientOptions.addAll(List.of("localhost", Integer.toString(server.port())));
            byte[] request = "GET /keylog-proof HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            ToolRun run = ToolRun.s2ncWithInput(request, clientOptions.toArray(new String[0]));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(version, ToolRun.connectionInfo(run.err()).get("Actual protocol version"), run.err());
            // tshark writes out what it captured when it is asked to stop.
            Thread.sleep(1_000);
            dump.terminate();
            dump.awaitExit(30_000);
        }
    }

    /** tshark's one-line-per-packet view of the capture, for failure messages. */
    private static String summary(Path capture) throws Exception {
        try (ToolProcess list = ToolProcess.program("tshark", "-r", capture.toString())) {
            list.awaitExit(60_000);
            return "\ncapture:\n" + list.out();
        }
    }

    /** tshark capturing the port's loopback traffic into {@code file}, once it says it is capturing. */
    private static ToolProcess capture(int port, Path file) throws Exception {
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(List.of("tshark", "-i", "lo", "-f", "tcp port " + port, "-w", file.toString()));
        ToolProcess dump = ToolProcess.program(command.toArray(new String[0]));
        String err = dump.awaitErr("Capturing on", 30_000);
        assertTrue(err.contains("Capturing on"), "tshark did not start capturing: " + err);
        Thread.sleep(1_000);
        return dump;
    }
}
