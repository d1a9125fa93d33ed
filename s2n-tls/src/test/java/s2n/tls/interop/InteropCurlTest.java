package s2n.tls.interop;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import s2n.tls.Alert;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.TlsException;
import s2n.tls.testing.TestPki;

/**
 * curl, a real HTTPS client, against our server: one GET over TLS 1.3 with ALPN http/1.1, and a
 * refusal of a certificate curl does not trust (curl exits 60, our server sees unknown_ca).
 */
@Timeout(60)
@DisplayNameGeneration(Peer.CurlNames.class)
class InteropCurlTest {
    private static final String BODY = OurClient.payload(7, 20_000);

    @TempDir
    Path dir;

    @BeforeEach
    void requireCurl() {
        Peer.CURL.require();
    }

    @Test
    void curlGetsFromOurServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        try (OurServer server = OurServer.start(serverConfig(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost")),
                InteropCurlTest::serveOneGet);
             PeerProcess curl = curl(server.port(), root)) {
            curl.explain(() -> {
                assertEquals(0, curl.awaitExit(), "curl exit code");
                assertEquals(BODY + "HTTP/1.1 200 verify=0", curl.stdout());
                Connection conn = server.awaitConnection();
                assertEquals("http/1.1", conn.applicationProtocol());
                assertEquals("localhost", conn.serverName());
            });
        }
    }

    @Test
    void curlRefusesUntrustedCertificate() throws Exception {
        TestPki trusted = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued stranger = TestPki.create(TestPki.KeyType.ECDSA_P256, "Curl Does Not Trust This Root")
                .issue(TestPki.KeyType.ECDSA_P256, "localhost");
        String root = PemFiles.writeRoot(dir, "root", trusted);
        try (OurServer server = OurServer.start(serverConfig(stranger), Connection::negotiate);
             PeerProcess curl = curl(server.port(), root)) {
            curl.explain(() -> {
                // curl's exit code 60: "Peer certificate cannot be authenticated with known CA certificates".
                assertEquals(60, curl.awaitExit(), "curl exit code");
                assertTrue(curl.stderr().contains("unable to get local issuer certificate"), "curl says why");
                TlsException e = assertThrows(TlsException.class, server::awaitConnection);
                assertEquals(TlsException.Type.ALERT, e.type(), e::toString);
                assertEquals(Alert.UNKNOWN_CA, e.alert(), e::toString);
            });
        }
    }

    /** HTTP/1.1 over TLS 1.3 only, to localhost resolved to 127.0.0.1, trusting {@code caFile} only. */
    private PeerProcess curl(int port, String caFile) {
        String url = "https://localhost:" + port + "/hello";
        return PeerProcess.start(dir, Peer.CURL.program(), "--silent", "--show-error", "--tlsv1.3", "--http1.1",
                "--cacert", caFile, "--resolve", "localhost:" + port + ":127.0.0.1",
                "--max-time", String.valueOf(PeerProcess.TIMEOUT.toSeconds()),
                "--write-out", "HTTP/%{http_version} %{http_code} verify=%{ssl_verify_result}", url);
    }

    /** Reads one request head, answers with {@link #BODY}, and closes as HTTP/1.1 "Connection: close" says. */
    private static void serveOneGet(Connection conn) throws Exception {
        assertEquals(Blocked.NOT_BLOCKED, conn.negotiate());
        StringBuilder head = new StringBuilder();
        ByteBuffer dst = ByteBuffer.allocate(4096);
        while (head.indexOf("\r\n\r\n") < 0) {
            int n = conn.recv(dst);
            assertTrue(n > 0, "request ended early: " + head);
            head.append(new String(dst.array(), 0, n, StandardCharsets.US_ASCII));
            dst.clear();
        }
        assertTrue(head.toString().startsWith("GET /hello HTTP/1.1\r\n"), head::toString);
        OurClient.sendAll(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + BODY.length()
                + "\r\nConnection: close\r\n\r\n" + BODY);
        assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
    }

    private static Config serverConfig(TestPki.Issued cert) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).applicationProtocols("http/1.1")
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
    }
}
