package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s2nc end to end against s2nd, both in this JVM through {@link Main#run}: the data path, the
 * printed connection info, and every failure turned into exit code 1 and a reason on stderr.
 */
class S2ncTest {
    @TempDir
    Path tmp;

    @Test
    void sendsTextPrintsEchoAndConnectionInfoInS2nOrder() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--alpn", "h2,http/1.1")) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--alpn", "h2,http/1.1",
                    "--name", "localhost", "--send", "hello from s2nc", "127.0.0.1", Integer.toString(server.port()));

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("hello from s2nc\n", run.out());
            Map<String, String> info = ToolRun.connectionInfo(run.err());
            assertEquals(ConnectionInfo.NAMES, List.copyOf(info.keySet()), run.err());
            assertEquals("TLSv1.3", info.get("Client protocol version"));
            assertEquals("TLSv1.3", info.get("Server protocol version"));
            assertEquals("TLSv1.3", info.get("Actual protocol version"));
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", info.get("Handshake type"));
            assertTrue(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256")
                    .contains(info.get("Cipher negotiated")), info.get("Cipher negotiated"));
            assertTrue(PolicyWarnings.isDefaultGroupOnThisRuntime(info.get("Curve")), info.get("Curve"));
            assertEquals(PolicyWarnings.forHybrids("s2nc", "default"), run.warnings());
            assertEquals("ecdsa_secp256r1_sha256", info.get("Signature scheme")); // s2nd's self-signed P-256 key
            assertEquals("h2", info.get("Application protocol"));
            assertEquals("localhost", info.get("Server name"));
            assertTrue(Long.parseLong(info.get("Wire bytes in")) > Long.parseLong(info.get("Wire bytes out")),
                    "the server's flight (certificate and all) is larger than the client's: " + info);

            // The server printed the same negotiation on its side, in the same order.
            server.stop();
            Map<String, String> serverInfo = ToolRun.connectionInfo(server.out());
            assertEquals(ConnectionInfo.NAMES, List.copyOf(serverInfo.keySet()), server.out());
            for (String name : List.of("Actual protocol version", "Handshake type", "Cipher negotiated", "Curve",
                    "Signature scheme", "Application protocol", "Server name")) {
                assertEquals(info.get(name), serverInfo.get(name), name);
            }
            assertEquals("", server.err());
            assertEquals(PolicyWarnings.forHybrids("s2nd", "default"), server.warnings());
        }
    }

    @Test
    void warnsOnlyWhenThePolicyNamesGroupsThisRuntimeCannotOffer() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--ciphers", "default_tls13")) {
            // default_tls13 has no hybrids: nothing to warn about on any runtime.
            assertEquals("", server.warnings());
            ToolRun tls13 = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--ciphers", "default_tls13",
                    "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, tls13.exitCode(), tls13.err());
            assertEquals("", tls13.warnings());
            // default_pq prefers them; where they are left out the handshake still succeeds on a curve.
            ToolRun pq = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--ciphers", "default_pq",
                    "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, pq.exitCode(), pq.err());
            assertEquals(PolicyWarnings.forHybrids("s2nc", "default_pq"), pq.warnings());
        }
    }

    @Test
    void sendsStandardInputUntilEofAndPrintsEverythingEchoed() throws Exception {
        // Several records' worth, so the echo comes back while stdin is still being sent.
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 100_000; i++) {
            text.append("line ").append(i).append(" of standard input\n");
        }
        byte[] input = text.toString().getBytes(StandardCharsets.UTF_8);
        try (InProcessServer server = InProcessServer.start(tmp)) {
            ToolRun run = ToolRun.s2ncWithInput(input, "--ca-file", server.certificate().toString(),
                    "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(text.toString(), run.out());
            Map<String, String> info = ToolRun.connectionInfo(run.err());
            assertEquals("none", info.get("Application protocol"));
            assertEquals("127.0.0.1", info.get("Server name")); // the host, verified against the IP SAN
        }
    }

    @Test
    void nonBlockingCorkedClientAgainstCorkedServer() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--corked-io", "--ciphers", "default_tls13")) {
            ToolRun run = ToolRun.s2nc("--non-blocking", "--corked-io", "--ciphers", "default_tls13",
                    "--ca-file", server.certificate().toString(), "--send", "over a selector",
                    "localhost", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("over a selector\n", run.out());
            assertEquals("TLSv1.3", ToolRun.connectionInfo(run.err()).get("Actual protocol version"));
        }
    }

    @Test
    void wrongNameFailsVerificationWithTheReason() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp)) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--name", "wrong.example",
                    "--send", "never sent", "127.0.0.1", Integer.toString(server.port()));
            assertEquals(1, run.exitCode());
            assertEquals("", run.out());
            assertTrue(run.err().startsWith("s2nc: handshake failed: "), run.err());
            assertTrue(run.err().contains("does not match host wrong.example (bad_certificate)"), run.err());
            assertTrue(ToolRun.connectionInfo(run.err()).isEmpty(), "no connection info after a failed handshake");
            String serverErr = server.awaitErr("failed: ", 10_000);
            assertTrue(serverErr.startsWith("s2nd: connection from 127.0.0.1:"), serverErr);
            assertTrue(serverErr.strip().endsWith("failed: peer sent fatal alert bad_certificate (42)"), serverErr);
        }
    }

    @Test
    void serverNotTrustedFailsWithUnknownCa() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp)) {
            ToolRun run = ToolRun.s2nc("--send", "x", "127.0.0.1", Integer.toString(server.port()));
            assertEquals(1, run.exitCode());
            assertTrue(run.err().startsWith("s2nc: handshake failed: "), run.err());
            assertTrue(run.err().strip().endsWith("(unknown_ca)"), run.err());
        }
    }

    @Test
    void insecureAcceptsAnUntrustedServer() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp)) {
            ToolRun run = ToolRun.s2nc("--insecure", "--name", "anything.example", "--send", "unverified",
                    "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("unverified\n", run.out());
        }
    }

    @Test
    void expiredServerCertificateFailsWithCertificateExpired() throws Exception {
        SelfSignedCertificate expired = SelfSignedCertificate.generate(Instant.now().minus(Duration.ofDays(60)),
                "localhost");
        Path cert = Files.writeString(tmp.resolve("expired.pem"), expired.certificatePem());
        Path key = Files.writeString(tmp.resolve("expired.key"), expired.privateKeyPem());
        try (InProcessServer server = InProcessServer.start(tmp, "--cert", cert.toString(), "--key", key.toString())) {
            ToolRun run = ToolRun.s2nc("--ca-file", cert.toString(), "--send", "x", "localhost",
                    Integer.toString(server.port()));
            assertEquals(1, run.exitCode());
            assertTrue(run.err().startsWith("s2nc: handshake failed: "), run.err());
            assertTrue(run.err().strip().endsWith("(certificate_expired)"), run.err());
        }
    }

    @Test
    void noCommonApplicationProtocolIsTheServersAlert() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--alpn", "http/1.1")) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--alpn", "h2", "--send", "x",
                    "localhost", Integer.toString(server.port()));
            assertEquals(1, run.exitCode());
            assertEquals("s2nc: handshake failed: peer sent fatal alert no_application_protocol (120)",
                    run.err().strip());
        }
    }

    @Test
    void refusedConnectionExitsOneWithTheReason() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort(); // free, and nobody listens once this closes
        }
        ToolRun run = ToolRun.s2nc("--send", "x", "127.0.0.1", Integer.toString(port));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("s2nc: cannot connect to 127.0.0.1:" + port + ": "), run.err());
    }

    @Test
    void missingCaFileExitsOneAndNamesTheFile() {
        ToolRun run = ToolRun.s2nc("--ca-file", tmp.resolve("absent.pem").toString(), "127.0.0.1", "1");
        assertEquals(1, run.exitCode());
        assertEquals("s2nc: cannot read --ca-file " + tmp.resolve("absent.pem") + ": no such file", run.err().strip());
    }

    @Test
    void unknownPolicyIsAUsageErrorListingTheKnownOnes() {
        ToolRun run = ToolRun.s2nc("--ciphers", "no_such_policy", "127.0.0.1", "1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("s2nc: unknown security policy \"no_such_policy\"; known policies: default, "),
                run.err());
        assertTrue(run.err().contains("Try 's2nc --help' for the options."), run.err());
    }

    @Test
    void portOutOfRangeIsAUsageError() {
        ToolRun run = ToolRun.s2nc("127.0.0.1", "65536");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("s2nc: port must be a number from 1 to 65535, not 65536"), run.err());
    }

    @Test
    void emptyServerNameIsAUsageErrorBeforeAnyConnection() {
        ToolRun run = ToolRun.s2nc("--name", "", "127.0.0.1", "1"); // nobody listens on port 1: not reached
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("s2nc: --name: a server name has 1 to 255 characters"), run.err());
    }

    @Test
    void missingHostIsAUsageError() {
        ToolRun run = ToolRun.s2nc();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("s2nc: Missing required parameter: 'host'"), run.err());
    }

    @Test
    void withoutAProgramNameMainSaysWhichExist() {
        ToolRun run = ToolRun.run(new byte[0], "s2nx");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no program named 's2nx'"), run.err());
        assertTrue(run.err().contains("s2nc [options] host [port]"), run.err());
    }
}
