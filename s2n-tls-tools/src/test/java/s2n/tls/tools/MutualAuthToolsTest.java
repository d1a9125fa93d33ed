package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutual TLS between the tools: {@code s2nd -m --ca-file} (or {@code --client-auth optional})
 * and {@code s2nc --cert --key}, in both protocol versions; the "Client certificate" line on
 * both sides; the refusals and the command lines that make no sense.
 */
class MutualAuthToolsTest {
    @TempDir
    Path tmp;

    private Path clientCert;
    private Path clientKey;

    private void writeClientIdentity() throws Exception {
        SelfSignedCertificate client = SelfSignedCertificate.generate("client.example");
        clientCert = Files.writeString(tmp.resolve("client.pem"), client.certificatePem());
        clientKey = Files.writeString(tmp.resolve("client-key.pem"), client.privateKeyPem());
    }

    @ParameterizedTest(name = "s2nc --cert -> s2nd -m, policy {0}")
    @CsvSource({
        "default_tls13, NEGOTIATED|FULL_HANDSHAKE|CLIENT_AUTH|MIDDLEBOX_COMPAT",
        "20240501, NEGOTIATED|FULL_HANDSHAKE|CLIENT_AUTH|TLS12_PERFECT_FORWARD_SECRECY",
    })
    void clientCertificateIsRequiredVerifiedAndReported(String policy, String handshakeType) throws Exception {
        writeClientIdentity();
        try (InProcessServer server = InProcessServer.start(tmp, "-m", "--ca-file", clientCert.toString(), "-c", policy)) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--cert", clientCert.toString(),
                    "--key", clientKey.toString(), "-c", policy, "--name", "localhost", "--send", "mutual",
                    "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("mutual\n", run.out());
            Map<String, String> info = ToolRun.connectionInfo(run.err());
            assertEquals(handshakeType, info.get("Handshake type"));
            assertEquals("presented (ecdsa_secp256r1_sha256)", info.get("Client certificate"));
            server.stop();
            Map<String, String> serverInfo = ToolRun.connectionInfo(server.out());
            assertEquals(handshakeType, serverInfo.get("Handshake type"));
            assertEquals("CN=client.example (ecdsa_secp256r1_sha256)", serverInfo.get("Client certificate"));
            assertEquals("", server.err());
        }
    }

    /**
     * TLS 1.2: the refusal arrives during s2nc's handshake (handshake_failure). TLS 1.3: s2nc's
     * handshake is over once it sent its (empty) Certificate and Finished (RFC 8446 §4.4.4), so the
     * certificate_required alert is the server's next record; s2nc reads it, or, when the
     * server's close already reset the connection under its first write, reports the reset.
     * Either way s2nd names the reason.
     */
    @ParameterizedTest(name = "s2nd -m refuses s2nc without a certificate, policy {0}")
    @CsvSource({"default_tls13, certificate_required", "20240501, handshake_failure"})
    void requiredServerRefusesAClientWithoutCertificate(String policy, String alert) throws Exception {
        writeClientIdentity();
        try (InProcessServer server = InProcessServer.start(tmp, "-m", "--ca-file", clientCert.toString(), "-c", policy)) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--name", "localhost",
                    "-c", policy, "--send", "x", "127.0.0.1", Integer.toString(server.port()));
            assertEquals(1, run.exitCode(), run.err());
            if (policy.equals("20240501")) {
                assertTrue(run.err().contains("s2nc: handshake failed: peer sent fatal alert " + alert), run.err());
            } else {
                assertTrue(run.err().contains("s2nc: connection failed: peer sent fatal alert " + alert)
                        || run.err().contains("s2nc: connection failed: the peer closed"),
                        run.err());
            }
            String err = server.awaitErr("client sent no certificate", 10_000);
            assertTrue(err.contains("client sent no certificate, and this server requires one (" + alert + ")"), err);
        }
    }

    @Test
    void untrustedClientCertificateIsRefused() throws Exception {
        writeClientIdentity();
        Path otherCa = Files.writeString(tmp.resolve("other.pem"),
                SelfSignedCertificate.generate("someone.else").certificatePem());
        try (InProcessServer server = InProcessServer.start(tmp, "-m", "--ca-file", otherCa.toString())) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--cert", clientCert.toString(),
                    "--key", clientKey.toString(), "--name", "localhost", "--send", "x",
                    "127.0.0.1", Integer.toString(server.port()));
            assertEquals(1, run.exitCode(), run.err());
            String err = server.awaitErr("failed", 10_000);
            assertTrue(err.contains("(unknown_ca)"), err);
        }
    }

    @ParameterizedTest(name = "--client-auth optional, client {0} a certificate")
    @ValueSource(booleans = {true, false})
    void optionalServerTakesWhatItGets(boolean withCertificate) throws Exception {
        writeClientIdentity();
        try (InProcessServer server = InProcessServer.start(tmp, "--client-auth", "optional", "--insecure",
                "-c", "default_tls13")) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                    "--ca-file", server.certificate().toString(), "--name", "localhost", "--send", "opt"));
            if (withCertificate) {
                args.addAll(java.util.List.of("--cert", clientCert.toString(), "--key", clientKey.toString()));
            }
            args.addAll(java.util.List.of("127.0.0.1", Integer.toString(server.port())));
            ToolRun run = ToolRun.s2nc(args.toArray(new String[0]));
            assertEquals(0, run.exitCode(), run.err());
            server.stop();
            Map<String, String> serverInfo = ToolRun.connectionInfo(server.out());
            assertEquals(withCertificate ? "NEGOTIATED|FULL_HANDSHAKE|CLIENT_AUTH|MIDDLEBOX_COMPAT"
                    : "NEGOTIATED|FULL_HANDSHAKE|CLIENT_AUTH|NO_CLIENT_CERT|MIDDLEBOX_COMPAT", serverInfo.get("Handshake type"));
            assertEquals(withCertificate ? "CN=client.example (ecdsa_secp256r1_sha256)" : "none",
                    serverInfo.get("Client certificate"));
        }
    }

    /** {@code -m MODE}: the mode when one follows, required otherwise (the port after it stays the port). */
    @Test
    void mutualAuthTakesAnOptionalMode() throws Exception {
        writeClientIdentity();
        try (InProcessServer server = InProcessServer.start(tmp, "-m", "optional", "--ca-file", clientCert.toString())) {
            ToolRun run = ToolRun.s2nc("--ca-file", server.certificate().toString(), "--name", "localhost",
                    "--send", "no certificate", "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), "optional: a client without a certificate is served: " + run.err());
            assertEquals("no certificate\n", run.out());
        }
    }

    @ParameterizedTest(name = "s2nd {0}")
    @CsvSource(delimiter = '|', value = {
        "-m 0|client authentication needs --ca-file FILE to verify client certificates against (or --insecure)",
        "--ca-file x.pem 0|--ca-file and --insecure only matter with --mutual-auth or --client-auth",
        "--client-auth sometimes --insecure 0|--client-auth is required or optional, not 'sometimes'",
        "-m --client-auth optional --insecure 0|--mutual-auth required and --client-auth optional disagree: choose one",
        "-m optional --client-auth required --insecure 0|--mutual-auth optional and --client-auth required disagree: choose one",
        "-m --ca-file x.pem --insecure 0|--ca-file and --insecure exclude each other: choose one",
    })
    void s2ndCommandLinesThatMakeNoSense(String args, String reason) {
        ToolRun run = ToolRun.s2nd(args.split(" "));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("s2nd: " + reason + "\nTry 's2nd --help' for the options.\n", run.err().replace("\r\n", "\n"));
    }

    @Test
    void s2ncCertWithoutKeyIsAUsageError() {
        ToolRun run = ToolRun.s2nc("--cert", "some.pem", "127.0.0.1", "1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--cert and --key go together: give both, or neither"), run.err());
    }
}
