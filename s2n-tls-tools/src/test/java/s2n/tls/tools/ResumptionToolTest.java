package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session resumption through the tools, as s2n's are used in its integration tests: s2nd issues
 * tickets by default, {@code s2nc --reconnect N} resumes N times with the latest one, and
 * {@code --ticket-out}/{@code --ticket-in} carry a session from one s2nc run to the next.
 * {@code -T} turns tickets off on either side (s2nd still resumes TLS 1.2 session IDs from its cache).
 */
class ResumptionToolTest {
    private static final Pattern RESUMED = Pattern.compile("^Resumed session: (yes|no)$", Pattern.MULTILINE);
    private static final Pattern EARLY = Pattern.compile("^Early data status: (\\S+)$", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("^Handshake type: (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void reconnectResumesFiveTimesAndExchangesDataOnTheLast() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp)) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--name", "localhost",
                    "--reconnect", "5", "--send", "after five resumptions", "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("after five resumptions\n", run.out());
            assertEquals(List.of("no", "yes", "yes", "yes", "yes", "yes"), all(RESUMED, run.err()), run.err());
            List<String> types = all(TYPE, run.err());
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", types.get(0));
            assertEquals(List.of("NEGOTIATED|MIDDLEBOX_COMPAT"), types.subList(1, 6).stream().distinct().toList());
            server.stop();
            assertEquals(List.of("no", "yes", "yes", "yes", "yes", "yes"), all(RESUMED, server.out()), server.out());
        }
    }

    @Test
    void tls12ResumesByTicketAndWithoutTicketsBySessionId() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--ciphers", "20240501")) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--ciphers", "20240501",
                    "--reconnect", "2", "--send", "x", "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(List.of("no", "yes", "yes"), all(RESUMED, run.err()), run.err());
            assertEquals(List.of("NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY|WITH_SESSION_TICKET",
                    "NEGOTIATED", "NEGOTIATED"), all(TYPE, run.err()));
        }
        Path dir = Files.createDirectory(tmp.resolve("ids"));
        try (InProcessServer server = InProcessServer.start(dir, "--ciphers", "20240501", "--no-session-ticket")) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--ciphers", "20240501",
                    "--reconnect", "2", "--send", "x", "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(List.of("no", "yes", "yes"), all(RESUMED, run.err()), run.err());
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY", all(TYPE, run.err()).get(0));
        }
    }

    @Test
    void earlyDataIsEchoedOnTheResumedConnection() throws Exception {
        Path early = tmp.resolve("early.txt");
        Files.writeString(early, "sent as early data\n");
        try (InProcessServer server = InProcessServer.start(tmp, "--max-early-data", "1024")) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--reconnect", "1",
                    "--early-data", early.toString(), "--send", "then this", "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("sent as early data\nthen this\n", run.out());
            assertEquals(List.of("NOT_REQUESTED", "ACCEPTED"), all(EARLY, run.err()), run.err());
            server.stop();
            assertEquals(List.of("NOT_REQUESTED", "ACCEPTED"), all(EARLY, server.out()), server.out());
        }
    }

    @Test
    void earlyDataTheTicketDoesNotAllowIsSentAfterTheHandshake() throws Exception {
        Path early = tmp.resolve("early.txt");
        Files.writeString(early, "sent as early data\n");
        try (InProcessServer server = InProcessServer.start(tmp)) {
            // s2nd takes no early data here, and its tickets say so: the client does not even offer it.
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--reconnect", "1",
                    "--early-data", early.toString(), "--send", "then this", "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("sent as early data\nthen this\n", run.out());
            assertEquals(List.of("NOT_REQUESTED", "NOT_REQUESTED"), all(EARLY, run.err()), run.err());
        }
    }

    @Test
    void wwwAnswersARequestSentAsEarlyData() throws Exception {
        Path early = tmp.resolve("get.txt");
        Files.writeString(early, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        try (InProcessServer server = InProcessServer.start(tmp, "--www", "--max-early-data", "4096")) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--reconnect", "1",
                    "--early-data", early.toString(), "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("HTTP/1.1 200"), run.out());
            assertEquals(List.of("NOT_REQUESTED", "ACCEPTED"), all(EARLY, run.err()), run.err());
        }
    }

    @Test
    void ticketOutThenTicketInResumesInTheNextRun() throws Exception {
        Path ticket = tmp.resolve("session.bin");
        try (InProcessServer server = InProcessServer.start(tmp)) {
            String port = Integer.toString(server.port());
            ToolRun first = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--ticket-out", ticket.toString(),
                    "--send", "one", "127.0.0.1", port);
            assertEquals(0, first.exitCode(), first.err());
            assertEquals(List.of("no"), all(RESUMED, first.err()));
            assertTrue(Files.size(ticket) > 0);
            ToolRun second = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--ticket-in", ticket.toString(),
                    "--send", "two", "127.0.0.1", port);
            assertEquals(0, second.exitCode(), second.err());
            assertEquals("two\n", second.out());
            assertEquals(List.of("yes"), all(RESUMED, second.err()), second.err());
        }
    }

    @Test
    void stkFileLetsTwoServersResumeEachOthersSessions() throws Exception {
        Path key = tmp.resolve("stk.key");
        Files.write(key, "a shared session ticket key, 32+".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path ticket = tmp.resolve("session.bin");
        Path dirA = Files.createDirectory(tmp.resolve("a"));
        Path dirB = Files.createDirectory(tmp.resolve("b"));
        try (InProcessServer a = InProcessServer.start(dirA, "--stk-file", key.toString());
             InProcessServer b = InProcessServer.start(dirB, "--stk-file", key.toString())) {
            ToolRun first = ToolRun.s2nc("--insecure", "--ticket-out", ticket.toString(), "--send", "a",
                    "127.0.0.1", Integer.toString(a.port()));
            assertEquals(0, first.exitCode(), first.err());
            ToolRun second = ToolRun.s2nc("--insecure", "--ticket-in", ticket.toString(), "--send", "b",
                    "127.0.0.1", Integer.toString(b.port()));
            assertEquals(0, second.exitCode(), second.err());
            assertEquals(List.of("yes"), all(RESUMED, second.err()), second.err());
        }
    }

    @Test
    void noSessionTicketOnEitherSideMeansFullHandshakes() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--no-session-ticket")) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--reconnect", "5", "--send", "x",
                    "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(List.of("no", "no", "no", "no", "no", "no"), all(RESUMED, run.err()));
        }
        Path dir = Files.createDirectory(tmp.resolve("second"));
        try (InProcessServer server = InProcessServer.start(dir)) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "-T", "-r", "5", "--send", "x",
                    "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(List.of("no", "no", "no", "no", "no", "no"), all(RESUMED, run.err()));
        }
    }

    @Test
    void badTicketOptionsAreUsageErrors() throws Exception {
        Path garbage = tmp.resolve("garbage.bin");
        Files.write(garbage, new byte[] {1, 2, 3});
        try (InProcessServer server = InProcessServer.start(tmp)) {
            String port = Integer.toString(server.port());
            ToolRun bad = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--ticket-in", garbage.toString(),
                    "127.0.0.1", port);
            assertEquals(Main.FAILURE, bad.exitCode(), bad.err());
            assertTrue(bad.err().contains("cannot use --ticket-in"), bad.err());
            ToolRun both = ToolRun.s2nc("-T", "--ticket-out", tmp.resolve("x").toString(), "127.0.0.1", port);
            assertEquals(Main.USAGE, both.exitCode(), both.err());
            ToolRun negative = ToolRun.s2nc("--reconnect", "-1", "127.0.0.1", port);
            assertEquals(Main.USAGE, negative.exitCode(), negative.err());
        }
        ToolRun server = ToolRun.s2nd("-T", "--stk-file", garbage.toString(), "0");
        assertEquals(Main.USAGE, server.exitCode(), server.err());
        ToolRun shortKey = ToolRun.s2nd("--stk-file", garbage.toString(), "0");
        assertEquals(Main.FAILURE, shortKey.exitCode(), shortKey.err());
        assertTrue(shortKey.err().contains("cannot use --stk-file"), shortKey.err());
    }
}
