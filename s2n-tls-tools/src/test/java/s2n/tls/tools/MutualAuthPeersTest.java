package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * #13 item 9 with the tools themselves: {@code openssl s_client -cert} and {@code gnutls-cli
 * --x509certfile} authenticate to {@code s2nd -m}, and are refused without a certificate;
 * {@code s2nc --cert} authenticates to {@code openssl s_server -Verify 1}.
 */
class MutualAuthPeersTest {
    private static final long WAIT = 30_000;

    @TempDir
    Path tmp;

    private Path clientCert;
    private Path clientKey;

    private void clientIdentity() throws Exception {
        SelfSignedCertificate client = SelfSignedCertificate.generate("client.example");
        clientCert = Files.writeString(tmp.resolve("client.pem"), client.certificatePem());
        clientKey = Files.writeString(tmp.resolve("client-key.pem"), client.privateKeyPem());
    }

    private static ToolProcess run(List<String> cmd, String input) throws Exception {
        ToolProcess p = ToolProcess.program(cmd.toArray(new String[0]));
        p.input(input);
        p.awaitExit(WAIT);
        return p;
    }

    @ParameterizedTest(name = "openssl s_client {0} -cert -> s2nd -m")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void openSslClientCertificateIsAcceptedBys2nd(String version) throws Exception {
        Peers.find("openssl", "version").assumePresent();
        clientIdentity();
        try (InProcessServer server = InProcessServer.start(tmp, "-m", "--ca-file", clientCert.toString(), "--www")) {
            List<String> cmd = List.of("openssl", "s_client", version, "-connect", "127.0.0.1:" + server.port(),
                    "-servername", "localhost", "-cert", clientCert.toString(), "-key", clientKey.toString(), "-ign_eof");
            try (ToolProcess client = run(cmd, "GET / HTTP/1.0\r\n\r\n")) {
                assertTrue(client.out().contains("HTTP/1.1 200"), client.out() + client.err());
                assertTrue(client.out().contains("Client certificate: CN=client.example"), "s2nd's page names it: " + client.out());
            }
        }
    }

    @Test
    void openSslClientWithoutCertificateIsRefusedBys2nd() throws Exception {
        Peers.find("openssl", "version").assumePresent();
        clientIdentity();
        try (InProcessServer server = InProcessServer.start(tmp, "-m", "--ca-file", clientCert.toString(), "--www")) {
            List<String> cmd = List.of("openssl", "s_client", "-tls1_3", "-connect", "127.0.0.1:" + server.port(),
                    "-servername", "localhost", "-ign_eof");
            try (ToolProcess client = run(cmd, "GET / HTTP/1.0\r\n\r\n")) {
                assertTrue(!client.out().contains("HTTP/1.1 200"), client.out());
                assertTrue((client.out() + client.err()).contains("certificate required"), client.out() + client.err());
            }
            assertTrue(server.awaitErr("certificate_required", WAIT).contains("failed"), server.err());
        }
    }

    @Test
    void gnuTlsClientCertificateIsAcceptedBys2nd() throws Exception {
        Peers.find("gnutls-cli", "--version").assumePresent();
        Peers.find("openssl", "version").assumePresent();
        // An identity from openssl, its EC key in the traditional (SEC 1) form GnuTLS reads.
        clientCert = tmp.resolve("gnutls-client.pem");
        Path traditional = tmp.resolve("gnutls-client-key.pem");
        try (ToolProcess gen = ToolProcess.program("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", tmp.resolve("gnutls-client-pkcs8.pem").toString(),
                "-out", clientCert.toString(), "-subj", "/CN=client.example", "-days", "2",
                "-addext", "extendedKeyUsage=clientAuth")) {
            assertEquals(0, gen.awaitExit(WAIT), gen.err());
        }
        try (ToolProcess convert = ToolProcess.program("openssl", "ec", "-in", tmp.resolve("gnutls-client-pkcs8.pem").toString(),
                "-out", traditional.toString())) {
            assertEquals(0, convert.awaitExit(WAIT), convert.err());
        }
        try (InProcessServer server = InProcessServer.start(tmp, "-m", "--ca-file", clientCert.toString(), "--www")) {
            List<String> cmd = List.of("gnutls-cli", "--insecure", "--sni-hostname", "localhost", "--x509certfile",
                    clientCert.toString(), "--x509keyfile", traditional.toString(), "--port", Integer.toString(server.port()),
                    "127.0.0.1");
            try (ToolProcess client = run(cmd, "GET / HTTP/1.0\r\n\r\n")) {
                assertTrue(client.out().contains("Client certificate: CN=client.example"), client.out() + client.err());
            }
        }
    }

    @Test
    void jdkClientAuthenticatesTos2nd() throws Exception {
        SelfSignedCertificate client = SelfSignedCertificate.generate("client.example");
        clientCert = Files.writeString(tmp.resolve("client.pem"), client.certificatePem());
        try (InProcessServer server = InProcessServer.start(tmp, "-m", "--ca-file", clientCert.toString())) {
            JdkClient jdk = JdkClient.presenting(server.certificate(), client);
            try (javax.net.ssl.SSLSocket socket = jdk.connect(server.port())) {
                socket.getOutputStream().write("mutual\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                assertEquals("mutual\n", new String(JdkClient.readExactly(socket.getInputStream(), 7),
                        java.nio.charset.StandardCharsets.US_ASCII));
            }
            server.stop();
            assertTrue(server.out().contains("Client certificate: CN=client.example"), server.out());
        }
    }

    @ParameterizedTest(name = "s2nc {0} --cert -> openssl s_server -Verify 1")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void s2ncAuthenticatesToOpenSslServer(String version) throws Exception {
        Peers.find("openssl", "version").assumePresent();
        clientIdentity();
        Path cert = tmp.resolve("server.pem");
        Path key = tmp.resolve("server-key.pem");
        SelfSignedCertificate server = SelfSignedCertificate.generate("localhost");
        Files.writeString(cert, server.certificatePem());
        Files.writeString(key, server.privateKeyPem());
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", version, "-accept", "127.0.0.1:" + port,
                "-naccept", "1", "-www", "-cert", cert.toString(), "-key", key.toString(), "-Verify", "1",
                "-CAfile", clientCert.toString()));
        try (ToolProcess s = ToolProcess.program(cmd.toArray(new String[0]))) {
            long deadline = System.nanoTime() + WAIT * 1_000_000;
            while (!s.out().contains("ACCEPT") && System.nanoTime() < deadline && s.isAlive()) {
                Thread.sleep(20);
            }
            ToolRun run = ToolRun.s2nc("--ca-file", cert.toString(), "--name", "localhost", "--cert", clientCert.toString(),
                    "--key", clientKey.toString(), "--send", "GET / HTTP/1.0\r\n", "127.0.0.1", Integer.toString(port));
            assertEquals(0, run.exitCode(), run.err());
            Map<String, String> info = ToolRun.connectionInfo(run.err());
            assertTrue(info.get("Client certificate").startsWith("presented"), run.err());
            assertTrue(run.out().contains("Client certificate"), "s_server -www shows the certificate it got: " + run.out());
        }
    }
}
