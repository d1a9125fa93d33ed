package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.SecurityPolicy;

/**
 * #13 items 3 and 9, OCSP stapling with a real OCSP response: {@code openssl ocsp} signs one for a
 * leaf of an OpenSSL-made CA; {@code s_client -status} sees our server staple it ("Cert Status:
 * good"), and our client receives it from {@code s_server -status_file}, TLS 1.3 and TLS 1.2.
 */
@Timeout(90)
class InteropOcspTest {
    @TempDir
    Path dir;

    private Path ca;
    private Path leaf;
    private Path leafKey;
    private Path response;
    private Path revoked;

    @BeforeEach
    void ocspResponse() throws Exception {
        Peer.OPENSSL.require();
        ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca-key.pem");
        leaf = dir.resolve("leaf.pem");
        leafKey = dir.resolve("leaf-key.pem");
        Path csr = dir.resolve("leaf.csr");
        Path ext = dir.resolve("leaf.ext");
        response = dir.resolve("ocsp.der");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey.toString(),
                "-out", ca.toString(), "-subj", "/CN=OCSP Test CA", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", leafKey.toString(),
                "-out", csr.toString(), "-subj", "/CN=localhost");
        Files.writeString(ext, "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(), "-set_serial", "4660",
                "-out", leaf.toString(), "-days", "2", "-extfile", ext.toString());
        // The CA's index: serial 0x1234 valid (openssl ca's format: status, expiry, revocation, serial, file, subject).
        Path index = dir.resolve("index.txt");
        Files.writeString(index, "V\t301231235959Z\t\t1234\tunknown\t/CN=localhost\n");
        Path request = dir.resolve("ocsp-request.der");
        openssl("ocsp", "-issuer", ca.toString(), "-cert", leaf.toString(), "-no_nonce", "-reqout", request.toString());
        openssl("ocsp", "-index", index.toString(), "-CA", ca.toString(), "-rsigner", ca.toString(), "-rkey", caKey.toString(),
                "-reqin", request.toString(), "-respout", response.toString(), "-ndays", "1");
        assertTrue(Files.size(response) > 100, "openssl ocsp wrote a response");
        // The same certificate, revoked.
        Path revokedIndex = dir.resolve("index-revoked.txt");
        Files.writeString(revokedIndex, "R\t301231235959Z\t250101000000Z\t1234\tunknown\t/CN=localhost\n");
        revoked = dir.resolve("ocsp-revoked.der");
        openssl("ocsp", "-index", revokedIndex.toString(), "-CA", ca.toString(), "-rsigner", ca.toString(), "-rkey",
                caKey.toString(), "-reqin", request.toString(), "-respout", revoked.toString(), "-ndays", "1");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Peer.OPENSSL.program()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    }

    /** s_server's files: the OpenSSL-made leaf and key, the CA as its chain. */
    private PemFiles.Identity identity() {
        return new PemFiles.Identity(leaf.toString(), ca.toString(), leafKey.toString(), leaf.toString(), leafKey.toString());
    }

    /** Our client trusting the CA and asking for a staple (checked, the default). */
    private Config askingClient() throws IOException {
        return Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false)
                .trustPem(Files.readString(ca)).statusRequest(true).build();
    }

    private Config ourServer(String policy) throws IOException {
        CertificateChainAndKey chain = CertificateChainAndKey.fromPem(Files.readString(leaf), Files.readString(leafKey))
                .withOcspResponse(Files.readAllBytes(response));
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(SecurityPolicy.named(policy))
                .certificateChainAndKey(chain).build();
    }

    @ParameterizedTest(name = "s_client -status {0} sees our stapled response")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void openSslClientSeesOurStapledResponse(String version) throws Exception {
        OpenSsl.Versions versions = version.equals("-tls1_3") ? OpenSsl.Versions.TLS13_ONLY : OpenSsl.Versions.TLS12_ONLY;
        try (OurServer server = OurServer.start(ourServer("default"), Conversation.OUR_SERVER);
             PeerProcess client = OpenSsl.client(dir, versions, server.port(), ca.toString(), "-servername", "localhost",
                     "-status")) {
            client.explain(() -> {
                Conversation.openSslClient(client);
                assertTrue(client.stdout().contains("OCSP Response Status: successful"), "s_client read our staple");
                assertTrue(client.stdout().contains("Cert Status: good"), "for a good certificate");
            });
            Connection conn = server.awaitConnection();
            assertEquals(version.equals("-tls1_2"), conn.handshakeTypeName().contains("OCSP_STATUS"), conn.handshakeTypeName());
        }
    }

    /** Our client checks what it is stapled (s2n's default): a response saying revoked ends the handshake. */
    @ParameterizedTest(name = "our client refuses a revoked staple over {0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void ourClientRefusesARevokedStaple(String version) throws Exception {
        OpenSsl.Versions versions = version.equals("-tls1_3") ? OpenSsl.Versions.TLS13_ONLY : OpenSsl.Versions.TLS12_ONLY;
        PemFiles.Identity identity = identity();
        Config config = askingClient();
        try (OpenSsl.Server server = OpenSsl.server(dir, versions, identity, "-status_file", revoked.toString());
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                s2n.tls.TlsException e = org.junit.jupiter.api.Assertions.assertThrows(s2n.tls.TlsException.class,
                        () -> client.connection().negotiate());
                assertEquals(s2n.tls.Alert.CERTIFICATE_REVOKED, e.alert(), e.getMessage());
            });
        }
    }

    @ParameterizedTest(name = "our client gets s_server -status_file's response over {0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void ourClientGetsOpenSslServersStapledResponse(String version) throws Exception {
        OpenSsl.Versions versions = version.equals("-tls1_3") ? OpenSsl.Versions.TLS13_ONLY : OpenSsl.Versions.TLS12_ONLY;
        PemFiles.Identity identity = identity();
        Config config = askingClient();
        try (OpenSsl.Server server = OpenSsl.server(dir, versions, identity, "-status_file", response.toString());
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertArrayEquals(Files.readAllBytes(response), conn.ocspResponse());
                InteropOpenSslTest.closeWithServer(server.process(), client);
            });
        }
    }
}
