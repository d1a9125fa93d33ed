package s2n.tls.interop;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;
import s2n.tls.TestPolicies;
import s2n.tls.testing.TestPki;

/**
 * OpenSSL as a separate process on 127.0.0.1, both directions: {@code openssl s_server} against
 * our client over a real {@code SocketChannel}, and {@code openssl s_client} against our server.
 * Every TLS 1.3 suite x {x25519, secp256r1, secp384r1} with an ECDSA P-256 certificate, plus an
 * RSA certificate; application data both ways (40 KB, several records), close_notify both ways,
 * record shapes (fragmented, padded, no middlebox compatibility), ALPN, SNI and KeyUpdate.
 * HelloRetryRequest is in {@link InteropOpenSslHelloRetryTest}.
 */
@Timeout(60)
@DisplayNameGeneration(Peer.OpenSslNames.class)
class InteropOpenSslTest {
    private static final int PAYLOAD = 40_000;
    /** OpenSSL's {@code -msg} trace of a KeyUpdate: handshake type 24, length 1, request_update 1 or 0. */
    private static final Pattern KEY_UPDATE_SENT_REQUESTED =
            Pattern.compile(">>> TLS 1.3, Handshake \\[length 0005\\], KeyUpdate\\s+18 00 00 01 01");
    private static final Pattern KEY_UPDATE_RECEIVED_NOT_REQUESTED =
            Pattern.compile("<<< TLS 1.3, Handshake \\[length 0005\\], KeyUpdate\\s+18 00 00 01 00");

    @TempDir
    Path dir;

    @BeforeEach
    void requireOpenSsl() {
        Peer.OPENSSL.require();
    }

    /** 3 suites x 3 groups with ECDSA, plus RSA once: every code path without multiplying RSA key work. */
    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String suite : new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"}) {
            for (String group : new String[] {"x25519", "secp256r1", "secp384r1"}) {
                out.add(Arguments.of(suite, group, TestPki.KeyType.ECDSA_P256));
            }
        }
        out.add(Arguments.of("TLS_AES_128_GCM_SHA256", "x25519", TestPki.KeyType.RSA_2048));
        out.add(Arguments.of("TLS_AES_256_GCM_SHA384", "secp384r1", TestPki.KeyType.RSA_2048));
        return out.stream();
    }

    @ParameterizedTest(name = "{displayName} {0} {1} {2}")
    @MethodSource("matrix")
    void ourClientToOpenSslServer(String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        TestPki.Issued cert = pki.issue(key, "localhost");
        PemFiles.Identity identity = PemFiles.write(dir, "server", cert);
        Config config = clientConfig(pki, TestPolicies.only(List.of(suite), List.of(group)));
        try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-ciphersuites", suite, "-groups", group);
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(ProtocolVersion.TLS13, conn.actualProtocolVersion());
                assertEquals(suite, conn.cipherSuite());
                assertEquals(group, conn.keyExchangeGroup());
                assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", conn.handshakeTypeName());
                assertEquals(cert.chain(), conn.peerCertificates());
                server.process().awaitStdout("CIPHER is " + suite);
                exchangeWithServer(server.process(), conn);
                closeWithServer(server.process(), client);
            });
        }
    }

    @ParameterizedTest(name = "{displayName} {0} {1} {2}")
    @MethodSource("matrix")
    void openSslClientToOurServer(String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = serverConfig(pki.issue(key, "localhost"), TestPolicies.only(List.of(suite), List.of(group)));
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = OpenSsl.client(dir, server.port(), root, "-servername", "localhost",
                     "-ciphersuites", suite, "-groups", group)) {
            client.explain(() -> {
                Conversation.openSslClient(client);
                assertTrue(client.stdout().contains("New, TLSv1.3, Cipher is " + suite), "s_client's protocol and cipher");
                String temp = "Server Temp Key: " + OpenSsl.temporaryKeyName(group);
                assertTrue(client.stdout().contains(temp), "s_client reports " + temp);
                Connection conn = server.awaitConnection();
                assertEquals(ProtocolVersion.TLS13, conn.actualProtocolVersion());
                assertEquals(suite, conn.cipherSuite());
                assertEquals(group, conn.keyExchangeGroup());
                assertEquals("localhost", conn.serverName());
                assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", conn.handshakeTypeName());
            });
        }
    }

    /**
     * Record shapes OpenSSL can produce and we must accept: handshake messages split over
     * 512-byte records ({@code -max_send_frag}, RFC 8446 §5.1), TLS 1.3 records padded to a
     * multiple of 4096 bytes ({@code -record_padding}, RFC 8446 §5.4), and no middlebox
     * compatibility change_cipher_spec ({@code -no_middlebox}, RFC 8446 §D.4).
     */
    @ParameterizedTest(name = "{displayName} {0}")
    @ValueSource(strings = {"-max_send_frag 512", "-record_padding 4096", "-no_middlebox"})
    void recordShapesFromOpenSslServer(String options) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        try (OpenSsl.Server server = OpenSsl.server(dir, identity, options.split(" "));
             OurClient client = OurClient.connect(server.port(), clientConfig(pki, SecurityPolicy.named("default")),
                     "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                // Our client always offers a session id, so the handshake is MIDDLEBOX_COMPAT on our
                // side whether or not this server sends change_cipher_spec.
                assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", conn.handshakeTypeName());
                exchangeWithServer(server.process(), conn);
                closeWithServer(server.process(), client);
            });
        }
    }

    /** The same shapes from s_client; without middlebox compatibility s_client sends an empty session id. */
    @ParameterizedTest(name = "{displayName} {0}")
    @ValueSource(strings = {"-max_send_frag 512", "-record_padding 4096", "-no_middlebox"})
    void recordShapesFromOpenSslClient(String options) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = serverConfig(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"), SecurityPolicy.named("default"));
        List<String> args = new ArrayList<>(List.of("-servername", "localhost"));
        args.addAll(List.of(options.split(" ")));
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = OpenSsl.client(dir, server.port(), root, args.toArray(new String[0]))) {
            client.explain(() -> {
                Conversation.openSslClient(client);
                Connection conn = server.awaitConnection();
                String expected = options.equals("-no_middlebox") ? "NEGOTIATED|FULL_HANDSHAKE"
                        : "NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT";
                assertEquals(expected, conn.handshakeTypeName());
            });
        }
    }

    @Test
    void alpnOurClientToOpenSslServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false).trustPem(pki.rootPem())
                .applicationProtocols("h2", "http/1.1").build();
        try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-alpn", "http/1.1,spdy/3");
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals("http/1.1", conn.applicationProtocol());
                server.process().awaitStdout("ALPN protocols advertised by the client: h2, http/1.1");
                server.process().awaitStdout("ALPN protocols selected: http/1.1");
                exchangeWithServer(server.process(), conn);
                closeWithServer(server.process(), client);
            });
        }
    }

    @Test
    void alpnOpenSslClientToOurServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        Config config = Config.builder().maxBlindingDelay(Duration.ZERO).applicationProtocols("http/1.1", "h2")
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = OpenSsl.client(dir, server.port(), root, "-servername", "localhost",
                     "-alpn", "h2,http/1.1")) {
            client.explain(() -> {
                Conversation.openSslClient(client);
                assertTrue(client.stdout().contains("ALPN protocol: http/1.1"), "s_client's ALPN result");
                Connection conn = server.awaitConnection();
                assertEquals("http/1.1", conn.applicationProtocol());
            });
        }
    }

    /**
     * SNI as OpenSSL sees it: s_server's default certificate names example.org, and only a client
     * that sends server_name "localhost" is switched to the second one ({@code -servername},
     * {@code -cert2}), which our client trusts by itself. The handshake succeeding proves the name arrived.
     */
    @Test
    void sniOurClientToOpenSslServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity other = PemFiles.write(dir, "other", pki.issue(TestPki.KeyType.ECDSA_P256, "example.org"));
        TestPki.Issued localhost = TestPki.selfSigned(TestPki.KeyType.ECDSA_P256, "localhost");
        PemFiles.Identity named = PemFiles.write(dir, "named", localhost);
        Config config = Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false).trustPem(localhost.chainPem()).build();
        try (OpenSsl.Server server = OpenSsl.server(dir, other, "-servername", "localhost",
                "-cert2", named.leaf(), "-key2", named.key());
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(localhost.leaf(), conn.peerCertificates().get(0));
                server.process().awaitStdout("Hostname in TLS extension: \"localhost\"");
                server.process().awaitStdout("Switching server context.");
                exchangeWithServer(server.process(), conn);
                closeWithServer(server.process(), client);
            });
        }
    }

    /**
     * RFC 8446 §4.6.3: s_server's {@code K} command sends KeyUpdate(update_requested). Our client
     * must switch its read keys, answer with KeyUpdate(update_not_requested) before its next
     * record, and switch its write keys. s_server's message trace ({@code -msg}) shows both
     * KeyUpdates, and data both ways afterwards proves both sides switched keys.
     */
    @Test
    void keyUpdateRequestedByOpenSslServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-msg", "-msgfile", "msg.txt");
             OurClient client = OurClient.connect(server.port(), clientConfig(pki, SecurityPolicy.named("default")),
                     "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                exchangeWithServer(server.process(), conn);
                server.process().write("K\n");
                // s_server serves stdin before the socket when both are ready, so once it prints
                // this marker it has sent the KeyUpdate (it prints nothing else we could wait for).
                String marker = OurClient.payload(3, 100);
                OurClient.sendAll(conn, marker);
                server.process().awaitStdout(marker);
                String after = OurClient.payload(4, 1000);
                server.process().write(after);
                assertEquals(after, OurClient.readExactly(conn, after.length()));
                String reply = OurClient.payload(5, 1000);
                OurClient.sendAll(conn, reply);
                server.process().awaitStdout(reply);
                closeWithServer(server.process(), client);
                String trace = Files.readString(dir.resolve("msg.txt"), StandardCharsets.ISO_8859_1);
                assertTrue(KEY_UPDATE_SENT_REQUESTED.matcher(trace).find(), "s_server sent KeyUpdate(update_requested)");
                assertTrue(KEY_UPDATE_RECEIVED_NOT_REQUESTED.matcher(trace).find(),
                        "s_server received our KeyUpdate(update_not_requested)");
            });
        }
    }

    /** RFC 8446 §4.6.3 the other way: s_client's {@code K} command, then the usual conversation. */
    @Test
    void keyUpdateRequestedByOpenSslClient() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = serverConfig(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"), SecurityPolicy.named("default"));
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = OpenSsl.client(dir, server.port(), root, "-servername", "localhost", "-msg",
                     "-msgfile", "msg.txt")) {
            client.explain(() -> {
                client.awaitStdout("Verify return code: 0 (ok)");
                client.write("K\n");
                client.awaitStderr(Pattern.compile("KEYUPDATE"));
                Conversation.openSslClient(client);
                server.awaitConnection();
                String trace = Files.readString(dir.resolve("msg.txt"), StandardCharsets.ISO_8859_1);
                assertTrue(KEY_UPDATE_SENT_REQUESTED.matcher(trace).find(), "s_client sent KeyUpdate(update_requested)");
                assertTrue(KEY_UPDATE_RECEIVED_NOT_REQUESTED.matcher(trace).find(),
                        "s_client received our KeyUpdate(update_not_requested)");
            });
        }
    }

    /** Data both ways: ours -> s_server (it prints it), s_server's stdin -> ours. */
    static void exchangeWithServer(PeerProcess server, Connection conn) throws Exception {
        String fromClient = OurClient.payload(1, PAYLOAD);
        OurClient.sendAll(conn, fromClient);
        server.awaitStdout(fromClient);
        String fromServer = OurClient.payload(2, PAYLOAD);
        server.write(fromServer);
        assertEquals(fromServer, OurClient.readExactly(conn, fromServer.length()));
    }

    /**
     * Our close_notify; s_server answers with its own and, being {@code -naccept 1}, exits with 0.
     * We close the socket right away, as an application would: s_server lingers until the client
     * closes (up to half a second), which would slow every test down.
     */
    static void closeWithServer(PeerProcess server, OurClient client) throws Exception {
        assertEquals(Blocked.NOT_BLOCKED, client.connection().shutdown());
        client.close();
        assertEquals(0, server.awaitExit());
    }

    static Config clientConfig(TestPki pki, SecurityPolicy policy) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(policy).withSystemTrust(false).trustPem(pki.rootPem()).build();
    }

    static Config serverConfig(TestPki.Issued cert, SecurityPolicy policy) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(policy)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
    }
}
