package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * #11 item 8 with the tools themselves: OpenSSL's s_client resumes against s2nd (TLS 1.3, TLS 1.2
 * by ticket and by session ID) and has its early data accepted; s2nc resumes against
 * {@code openssl s_server} and {@code gnutls-serv}; the JDK's client resumes against s2nd.
 */
class ResumptionPeersTest {
    private static final Pattern RESUMED = Pattern.compile("^Resumed session: (yes|no)$", Pattern.MULTILINE);
    private static final long WAIT = 30_000;
    private static final String GET = "GET / HTTP/1.0\r\n\r\n";

    @TempDir
    Path tmp;

    private static List<String> resumed(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = RESUMED.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static void requireOpenSsl() throws Exception {
        Peers.find("openssl", "version").assumePresent();
    }

    /** One s_client run against s2nd --www: the GET on stdin, -ign_eof so it reads until s2nd closes. */
    private String sClient(InProcessServer server, String version, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", version, "-connect", "127.0.0.1:" + server.port(),
                "-CAfile", server.certificate().toString(), "-verify_return_error", "-servername", "localhost", "-ign_eof"));
        cmd.addAll(List.of(extra));
        try (ToolProcess client = ToolProcess.program(cmd.toArray(new String[0]))) {
            client.input(GET);
            assertEquals(0, client.awaitExit(WAIT), client.out() + client.err());
            assertTrue(client.out().contains("HTTP/1.1 200"), client.out());
            return client.out();
        }
    }

    @ParameterizedTest(name = "s_client {0} {1} resumes against s2nd")
    @CsvSource({"-tls1_3, ticket", "-tls1_2, ticket", "-tls1_2, session ID"})
    void openSslClientResumesAgainstS2nd(String version, String how) throws Exception {
        requireOpenSsl();
        Path session = tmp.resolve("session.pem");
        String[] noTicket = how.equals("ticket") ? new String[0] : new String[] {"-no_ticket"};
        try (InProcessServer server = InProcessServer.start(tmp, "--www", "--ciphers", "default")) {
            String first = sClient(server, version, concat(noTicket, "-sess_out", session.toString()));
            assertTrue(first.contains("New, TLSv1."), first);
            String second = sClient(server, version, concat(noTicket, "-sess_in", session.toString()));
            assertTrue(second.contains("Reused, TLSv1." + (version.equals("-tls1_3") ? "3" : "2")), second);
            assertTrue(second.contains("Resumed session: yes"), "s2nd's page says so too: " + second);
            server.stop();
            assertEquals(List.of("no", "yes"), resumed(server.out()), server.out());
        }
    }

    @Test
    void openSslClientsEarlyDataIsAcceptedByS2nd() throws Exception {
        requireOpenSsl();
        Path session = tmp.resolve("session.pem");
        Path early = tmp.resolve("get.txt");
        Files.writeString(early, GET);
        try (InProcessServer server = InProcessServer.start(tmp, "--www", "--max-early-data", "4096")) {
            sClient(server, "-tls1_3", "-sess_out", session.toString());
            String second = sClient(server, "-tls1_3", "-sess_in", session.toString(), "-early_data", early.toString());
            assertTrue(second.contains("Early data was accepted"), second);
            assertTrue(second.contains("Early data status: ACCEPTED"), "s2nd's page answers the early request: " + second);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    @ParameterizedTest(name = "s2nc --reconnect 2 against openssl s_server {0}")
    @CsvSource({"-tls1_3", "-tls1_2"})
    void s2ncResumesAgainstOpenSslServer(String version) throws Exception {
        requireOpenSsl();
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        selfSigned(cert, key);
        int port = freePort();
        try (ToolProcess server = ToolProcess.program("openssl", "s_server", version, "-accept", "127.0.0.1:" + port,
                "-naccept", "3", "-www", "-cert", cert.toString(), "-key", key.toString())) {
            awaitAccept(server);
            ToolRun run = ToolRun.s2nc("--ca-file", cert.toString(), "--name", "localhost", "--reconnect", "2",
                    "--send", "GET / HTTP/1.0\r\n", "127.0.0.1", Integer.toString(port));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(List.of("no", "yes", "yes"), resumed(run.err()), run.err());
            assertTrue(run.out().contains("Reused, TLSv1." + (version.equals("-tls1_3") ? "3" : "2")), run.out());
        }
    }

    private static void awaitAccept(ToolProcess server) throws Exception {
        long deadline = System.nanoTime() + WAIT * 1_000_000;
        while (!server.out().contains("ACCEPT") && System.nanoTime() < deadline && server.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(server.out().contains("ACCEPT"), server.out() + server.err());
    }

    @ParameterizedTest(name = "s2nc --reconnect 2 against gnutls-serv {0}")
    @CsvSource({"+VERS-TLS1.3", "+VERS-TLS1.2"})
    void s2ncResumesAgainstGnuTlsServer(String version) throws Exception {
        Peers.find("gnutls-serv", "--version").assumePresent();
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        selfSigned(cert, key);
        int port = freePort();
        try (ToolProcess server = ToolProcess.program("gnutls-serv", "--echo", "--x509certfile", cert.toString(),
                "--x509keyfile", key.toString(), "--port", Integer.toString(port),
                "--priority", "NORMAL:-VERS-ALL:" + version)) {
            long deadline = System.nanoTime() + WAIT * 1_000_000;
            while (!server.err().contains("listening") && !server.out().contains("listening")
                    && System.nanoTime() < deadline && server.isAlive()) {
                Thread.sleep(20);
            }
            ToolRun run = ToolRun.s2nc("--ca-file", cert.toString(), "--name", "localhost", "--reconnect", "2",
                    "--send", "hello gnutls", "127.0.0.1", Integer.toString(port));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("hello gnutls\n", run.out());
            assertEquals(List.of("no", "yes", "yes"), resumed(run.err()), run.err());
        }
    }

    @Test
    void jdkClientResumesAgainstS2nd() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp)) {
            JdkClient jdk = JdkClient.trusting(server.certificate());
            for (int i = 0; i < 2; i++) {
                try (SSLSocket socket = jdk.connect(server.port())) {
                    OutputStream out = socket.getOutputStream();
                    out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = socket.getInputStream();
                    assertEquals("ping\n", new String(JdkClient.readExactly(in, 5), StandardCharsets.US_ASCII));
                }
            }
            server.stop();
            assertEquals(List.of("no", "yes"), resumed(server.out()), server.out());
        }
    }

    /** A self-signed P-256 certificate for localhost from openssl, for the peers' servers. */
    private static void selfSigned(Path cert, Path key) throws Exception {
        try (ToolProcess gen = ToolProcess.program("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-days", "2")) {
            assertEquals(0, gen.awaitExit(WAIT), gen.err());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
