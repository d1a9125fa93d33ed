package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.Blocked;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;
import s2n.tls.TestPolicies;
import s2n.tls.TlsException;
import s2n.tls.testing.TestPki;

/**
 * TLS 1.2 with OpenSSL as a separate process on 127.0.0.1, both directions ({@code -tls1_2}):
 * every TLS 1.2 suite we implement (ECDHE_ECDSA and ECDHE_RSA with AES-128-GCM, AES-256-GCM and
 * ChaCha20-Poly1305) x every group (x25519, P-256, P-384, P-521) x the certificate the suite needs
 * (ECDSA P-256 or RSA-2048), with 40 KB of data each way and close_notify both ways. s_client
 * reports the extended master secret (RFC 7627) and secure renegotiation (RFC 5746); s_server's
 * trace shows both in its ServerHello. Renegotiation is refused as s2n refuses it: s_server's
 * HelloRequest is ignored, s_client's renegotiation ClientHello gets unexpected_message.
 */
@Timeout(60)
@DisplayNameGeneration(Peer.OpenSslNames.class)
class InteropOpenSslTls12Test {
    private static final String HANDSHAKE_TYPE = "NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY";
    /** An extension in s_server's {@code -trace} of the ServerHello it sent, up to the next message. */
    private static final String SERVER_HELLO_EXTENSION =
            "Sent Record[\\s\\S]*?ServerHello, Length=\\d+[\\s\\S]*?extension_type=%s[\\s\\S]*?Certificate, Length";

    @TempDir
    Path dir;

    @BeforeEach
    void requireOpenSsl() {
        Peer.OPENSSL.require();
    }

    /** Every suite x group x the certificate type the suite authenticates with: 24 cases per direction. */
    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (TestPki.KeyType key : new TestPki.KeyType[] {TestPki.KeyType.ECDSA_P256, TestPki.KeyType.RSA_2048}) {
            String auth = key == TestPki.KeyType.RSA_2048 ? "RSA" : "ECDSA";
            for (String cipher : new String[] {"AES_128_GCM_SHA256", "AES_256_GCM_SHA384", "CHACHA20_POLY1305_SHA256"}) {
                for (String group : new String[] {"x25519", "secp256r1", "secp384r1", "secp521r1"}) {
                    out.add(Arguments.of("TLS_ECDHE_" + auth + "_WITH_" + cipher, group, key));
                }
            }
        }
        return out.stream();
    }

    /**
     * The groups a client offers so that {@code group} is used: RFC 8422 §5.1.1 lets a server use an
     * ECDSA certificate only on a curve the client offers, so P-256 goes along for the P-256
     * certificate, after {@code group}; the server is limited to {@code group} alone.
     */
    static List<String> clientGroups(String group, TestPki.KeyType key) {
        return key == TestPki.KeyType.ECDSA_P256 && !group.equals("secp256r1") ? List.of(group, "secp256r1") : List.of(group);
    }

    @ParameterizedTest(name = "{displayName} {0} {1} {2}")
    @MethodSource("matrix")
    void ourClientToOpenSslServer(String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        TestPki.Issued cert = pki.issue(key, "localhost");
        PemFiles.Identity identity = PemFiles.write(dir, "server", cert);
        // A TLS 1.2 suite alone makes our client TLS 1.2-only.
        Config config = InteropOpenSslTest.clientConfig(pki, TestPolicies.only(List.of(suite), clientGroups(group, key)));
        try (OpenSsl.Server server = OpenSsl.server(dir, OpenSsl.Versions.TLS12_ONLY, identity,
                "-cipher", OpenSsl.tls12CipherName(suite), "-groups", group);
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(ProtocolVersion.TLS12, conn.actualProtocolVersion());
                assertEquals(suite, conn.cipherSuite());
                assertEquals(group, conn.keyExchangeGroup());
                assertEquals(HANDSHAKE_TYPE, conn.handshakeTypeName());
                assertEquals(cert.chain(), conn.peerCertificates());
                server.process().awaitStdout("CIPHER is " + OpenSsl.tls12CipherName(suite));
                // Our client signals RFC 5746 support with the SCSV; s_server says it saw it.
                server.process().awaitStdout("Secure Renegotiation IS supported");
                InteropOpenSslTest.exchangeWithServer(server.process(), conn);
                InteropOpenSslTest.closeWithServer(server.process(), client);
            });
        }
    }

    @ParameterizedTest(name = "{displayName} {0} {1} {2}")
    @MethodSource("matrix")
    void openSslClientToOurServer(String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = InteropOpenSslTest.serverConfig(pki.issue(key, "localhost"),
                TestPolicies.only(List.of(suite), List.of(group)));
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = OpenSsl.client(dir, OpenSsl.Versions.TLS12_ONLY, server.port(), root,
                     "-servername", "localhost", "-cipher", OpenSsl.tls12CipherName(suite),
                     "-groups", String.join(":", clientGroups(group, key)))) {
            client.explain(() -> {
                Conversation.openSslClient(client);
                assertOpenSslClientSaw(client, suite, group);
                Connection conn = server.awaitConnection();
                assertEquals(ProtocolVersion.TLS12, conn.actualProtocolVersion());
                assertEquals(suite, conn.cipherSuite());
                assertEquals(group, conn.keyExchangeGroup());
                assertEquals("localhost", conn.serverName());
                assertEquals(HANDSHAKE_TYPE, conn.handshakeTypeName());
            });
        }
    }

    /** What s_client prints about a TLS 1.2 connection to our server. */
    private static void assertOpenSslClientSaw(PeerProcess client, String suite, String group) {
        String out = client.stdout();
        Matcher summary = OpenSsl.CLIENT_SUMMARY.matcher(out);
        assertTrue(summary.find(), "s_client's summary line");
        assertEquals("TLSv1.2", summary.group(1), "s_client's version");
        assertEquals(OpenSsl.tls12CipherName(suite), summary.group(2), "s_client's cipher");
        assertTrue(out.contains("Extended master secret: yes"), "s_client reports the extended master secret (RFC 7627)");
        assertTrue(out.contains("Secure Renegotiation IS supported"), "s_client reports secure renegotiation (RFC 5746)");
        String temp = "Server Temp Key: " + OpenSsl.temporaryKeyName(group);
        assertTrue(out.contains(temp), "s_client reports " + temp);
    }

    /**
     * s_server's {@code R} command (RFC 5246 §7.4.1.1: HelloRequest) while our client is connected.
     * Our client ignores it as s2n does (no new ClientHello, no alert) and data keeps flowing both
     * ways; s_server's trace shows the HelloRequest went out and nothing came back for it, and
     * that its ServerHello carried the extended master secret and renegotiation_info extensions.
     */
    @Test
    void openSslServerHelloRequestIsIgnoredByOurClient() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = InteropOpenSslTest.clientConfig(pki, SecurityPolicy.named(VersionMatrixInteropTest.TLS12_ONLY_POLICY));
        try (OpenSsl.Server server = OpenSsl.server(dir, OpenSsl.Versions.TLS12_ONLY, identity,
                "-trace", "-msgfile", "trace.txt");
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(ProtocolVersion.TLS12, conn.actualProtocolVersion());
                InteropOpenSslTest.exchangeWithServer(server.process(), conn);
                server.process().write("R\n");
                // s_server serves stdin before the socket when both are ready, so once it prints
                // this marker it has sent the HelloRequest (its own report of that is buffered).
                String marker = OurClient.payload(3, 100);
                OurClient.sendAll(conn, marker);
                server.process().awaitStdout(marker);
                String after = OurClient.payload(4, 2000);
                server.process().write(after);
                assertEquals(after, OurClient.readExactly(conn, after.length()));
                String reply = OurClient.payload(5, 2000);
                OurClient.sendAll(conn, reply);
                server.process().awaitStdout(reply);
                InteropOpenSslTest.closeWithServer(server.process(), client);
                assertTrue(server.process().stdout().contains("SSL_do_handshake -> 1"), "s_server's R command succeeded");
                String trace = Files.readString(dir.resolve("trace.txt"), StandardCharsets.ISO_8859_1);
                assertTrue(trace.contains("HelloRequest"), "s_server sent a HelloRequest");
                // Ignored means no second ClientHello and no alert (no_renegotiation included) in reply.
                assertEquals(1, Pattern.compile("ClientHello, Length=").matcher(trace).results().count(), "ClientHellos");
                assertFalse(Pattern.compile("description=(?!close notify)").matcher(trace).find(),
                        "an alert other than close_notify");
                assertTrue(Pattern.compile(String.format(SERVER_HELLO_EXTENSION, "extended_master_secret\\(23\\)"))
                        .matcher(trace).find(), "s_server's ServerHello accepts the extended master secret");
                assertTrue(Pattern.compile(String.format(SERVER_HELLO_EXTENSION, "renegotiate\\(65281\\)"))
                        .matcher(trace).find(), "s_server's ServerHello answers our SCSV with renegotiation_info");
            });
        }
    }

    /**
     * s_client's {@code R} command sends a renegotiation ClientHello under the connection's keys.
     * Our server refuses it as s2n does: a protocol error with unexpected_message, which s_client
     * reports as the alert it received.
     */
    @Test
    void openSslClientRenegotiationIsRefusedByOurServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = InteropOpenSslTest.serverConfig(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"),
                SecurityPolicy.named(VersionMatrixInteropTest.TLS12_ONLY_POLICY));
        String request = OurClient.payload(1, 2000);
        CountDownLatch requestRead = new CountDownLatch(1);
        try (OurServer server = OurServer.start(config, conn -> {
                assertEquals(Blocked.NOT_BLOCKED, conn.negotiate());
                assertEquals(request, OurClient.readExactly(conn, request.length()));
                requestRead.countDown();
                OurClient.readUntilClosed(conn);
            });
             PeerProcess client = OpenSsl.client(dir, OpenSsl.Versions.TLS12_ONLY, server.port(), root,
                     "-servername", "localhost")) {
            client.explain(() -> {
                client.awaitStdout("Verify return code: 0 (ok)");
                client.write(request);
                // s_client reads a command only at the start of what it reads from stdin at once.
                assertTrue(requestRead.await(PeerProcess.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                        "our server read the request");
                client.write("R\n");
                client.awaitStderr(Pattern.compile("RENEGOTIATING"));
                TlsException e = assertThrows(TlsException.class, server::awaitConnection);
                assertEquals(TlsException.Type.PROTOCOL, e.type());
                assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert());
                assertTrue(e.getMessage().contains("renegotiation refused"), e.getMessage());
                client.awaitStderr(Pattern.compile("alert unexpected message[^\\n]*SSL alert number 10"));
            });
        }
    }

    /** OpenSSL's names for the suites are the ones {@link OpenSsl#tls12CipherName} gives ({@code openssl ciphers -stdname}). */
    @Test
    void openSslNamesEverySuiteAsTheHarnessDoes() {
        try (PeerProcess ciphers = PeerProcess.start(dir, Peer.OPENSSL.program(), "ciphers", "-stdname", "-tls1_2", "ECDHE")) {
            ciphers.closeStdin();
            ciphers.explain(() -> {
                assertEquals(0, ciphers.awaitExit());
                for (Arguments a : matrix().toArray(Arguments[]::new)) {
                    String suite = (String) a.get()[0];
                    assertTrue(Pattern.compile("(?m)^" + suite + " +- " + OpenSsl.tls12CipherName(suite) + " ")
                            .matcher(ciphers.stdout()).find(), suite);
                }
            });
        }
    }
}
