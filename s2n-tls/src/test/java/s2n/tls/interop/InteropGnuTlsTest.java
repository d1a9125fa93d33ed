package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.params.provider.EnumSource;
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
 * GnuTLS as a separate process on 127.0.0.1, both directions: {@code gnutls-serv --echo} against
 * our client over a real {@code SocketChannel}, and {@code gnutls-cli} against our server. TLS 1.2
 * ({@code NORMAL:-VERS-ALL:+VERS-TLS1.2}) and TLS 1.3 ({@code +VERS-TLS1.3}), each with every
 * cipher (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305) x every group (x25519, P-256, P-384, P-521),
 * the certificate alternating between ECDSA P-256 and RSA-2048 so that each suite and each group
 * meets both; 40 KB of data each way and close_notify. GnuTLS reports the extended master secret
 * and safe renegotiation for TLS 1.2. Renegotiation as s2n handles it: gnutls-cli's attempt
 * ({@code --rehandshake}) gets unexpected_message from our server, gnutls-serv's HelloRequest is
 * ignored by our client (and under TLS 1.3 the same command is a KeyUpdate our client answers).
 */
@Timeout(60)
@DisplayNameGeneration(Peer.GnuTlsNames.class)
class InteropGnuTlsTest {
    private static final String[] CIPHERS = {"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"};
    private static final String[] GROUPS = {"x25519", "secp256r1", "secp384r1", "secp521r1"};
    private static final int PAYLOAD = 40_000;
    /** GnuTLS's report for a TLS 1.2 connection with RFC 7627 and RFC 5746 both negotiated. */
    private static final String TLS12_OPTIONS = "- Options: extended master secret, safe renegotiation";

    @TempDir
    Path dir;

    @BeforeEach
    void requireGnuTls() {
        Peer.GNUTLS_CLI.require();
        Peer.GNUTLS_SERV.require();
    }

    /**
     * Version x cipher x group, with the certificate alternating so that every cipher and every
     * group meets both certificate types (both TLS 1.2 suites of each cipher): 12 cases per version.
     */
    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (ProtocolVersion version : new ProtocolVersion[] {ProtocolVersion.TLS12, ProtocolVersion.TLS13}) {
            for (int c = 0; c < CIPHERS.length; c++) {
                for (int g = 0; g < GROUPS.length; g++) {
                    TestPki.KeyType key = (c + g) % 2 == 0 ? TestPki.KeyType.ECDSA_P256 : TestPki.KeyType.RSA_2048;
                    out.add(Arguments.of(version, suite(version, CIPHERS[c], key), GROUPS[g], key));
                }
            }
        }
        return out.stream();
    }

    /** The IANA name of the suite with {@code cipher} for {@code version} and a {@code key} certificate. */
    private static String suite(ProtocolVersion version, String cipher, TestPki.KeyType key) {
        String hash = cipher.equals("AES_256_GCM") ? "SHA384" : "SHA256";
        if (version == ProtocolVersion.TLS13) {
            return "TLS_" + cipher + "_" + hash;
        }
        return "TLS_ECDHE_" + (key == TestPki.KeyType.RSA_2048 ? "RSA" : "ECDSA") + "_WITH_" + cipher + "_" + hash;
    }

    private static GnuTls.Versions only(ProtocolVersion version) {
        return version == ProtocolVersion.TLS13 ? GnuTls.Versions.TLS13_ONLY : GnuTls.Versions.TLS12_ONLY;
    }

    /**
     * The groups the client offers: RFC 8422 §5.1.1 lets a TLS 1.2 server use an ECDSA certificate
     * only on a curve the client offers, so P-256 goes along for the P-256 certificate, after the
     * group under test (which the server alone allows). TLS 1.3 ties the curve to the signature
     * scheme instead (RFC 8446 §4.2.3).
     */
    private static List<String> clientGroups(ProtocolVersion version, String group, TestPki.KeyType key) {
        boolean needsP256 = version == ProtocolVersion.TLS12 && key == TestPki.KeyType.ECDSA_P256 && !group.equals("secp256r1");
        return needsP256 ? List.of(group, "secp256r1") : List.of(group);
    }

    @ParameterizedTest(name = "{displayName} {0} {1} {2} {3}")
    @MethodSource("matrix")
    void ourClientToGnuTlsServer(ProtocolVersion version, String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        TestPki.Issued cert = pki.issue(key, "localhost");
        PemFiles.Identity identity = PemFiles.write(dir, "server", cert);
        Config config = InteropOpenSslTest.clientConfig(pki,
                TestPolicies.only(List.of(suite), clientGroups(version, group, key)));
        try (GnuTls.Server server = GnuTls.echoServer(dir, identity, GnuTls.priority(only(version), suite, List.of(group)));
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(version, conn.actualProtocolVersion());
                assertEquals(suite, conn.cipherSuite());
                assertEquals(group, conn.keyExchangeGroup());
                assertEquals(cert.chain(), conn.peerCertificates());
                // gnutls-serv asks for a client certificate by default; we have none to send.
                assertTrue(conn.handshakeTypeName().contains("|CLIENT_AUTH|NO_CLIENT_CERT"), conn.handshakeTypeName());
                echo(conn, OurClient.payload(1, PAYLOAD));
                assertGnuTlsSaw(server.process(), version, suite, group);
                assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
            });
        }
    }

    @ParameterizedTest(name = "{displayName} {0} {1} {2} {3}")
    @MethodSource("matrix")
    void gnuTlsClientToOurServer(ProtocolVersion version, String suite, String group, TestPki.KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = InteropOpenSslTest.serverConfig(pki.issue(key, "localhost"),
                TestPolicies.only(List.of(suite), List.of(group)));
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = GnuTls.client(dir, server.port(), root,
                     GnuTls.priority(only(version), suite, clientGroups(version, group, key)))) {
            client.explain(() -> {
                Conversation.gnuTlsClient(client);
                assertGnuTlsSaw(client, version, suite, group);
                Connection conn = server.awaitConnection();
                assertEquals(version, conn.actualProtocolVersion());
                assertEquals(suite, conn.cipherSuite());
                assertEquals(group, conn.keyExchangeGroup());
                assertEquals("localhost", conn.serverName());
            });
        }
    }

    /** What gnutls-cli or gnutls-serv prints about the connection: version, group, cipher, and for TLS 1.2 EMS and RFC 5746. */
    private static void assertGnuTlsSaw(PeerProcess peer, ProtocolVersion version, String suite, String group) {
        Matcher description = peer.awaitStdout(GnuTls.DESCRIPTION);
        assertEquals(version == ProtocolVersion.TLS13 ? "TLS1.3" : "TLS1.2", description.group(1), "GnuTLS's version");
        assertEquals(GnuTls.groupName(group), description.group(2), "GnuTLS's group");
        assertEquals(GnuTls.cipherName(suite), description.group(4), "GnuTLS's cipher");
        if (version == ProtocolVersion.TLS12) {
            peer.awaitStdout(TLS12_OPTIONS);
        }
    }

    /** Sends {@code text} to gnutls-serv --echo and reads it back. */
    private static void echo(Connection conn, String text) throws Exception {
        OurClient.sendAll(conn, text);
        assertEquals(text, OurClient.readExactly(conn, text.length()));
    }

    /**
     * gnutls-cli {@code --rehandshake} sends a second ClientHello right after the handshake. Our
     * server refuses it as s2n does (RFC 5746 leaves renegotiation to the server's discretion):
     * unexpected_message, which gnutls-cli reports as the alert it received.
     */
    @Test
    void gnuTlsClientRehandshakeIsRefusedByOurServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = InteropOpenSslTest.serverConfig(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"),
                SecurityPolicy.named(VersionMatrixInteropTest.TLS12_ONLY_POLICY));
        try (OurServer server = OurServer.start(config, conn -> {
                assertEquals(Blocked.NOT_BLOCKED, conn.negotiate());
                OurClient.readUntilClosed(conn);
            });
             PeerProcess client = GnuTls.client(dir, server.port(), root,
                     GnuTls.priority(GnuTls.Versions.TLS12_ONLY, null, null), "--rehandshake")) {
            client.explain(() -> {
                TlsException e = assertThrows(TlsException.class, server::awaitConnection);
                assertEquals(TlsException.Type.PROTOCOL, e.type());
                assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert());
                assertTrue(e.getMessage().contains("renegotiation refused"), e.getMessage());
                assertEquals(1, client.awaitExit(), "gnutls-cli exit code");
                assertTrue(client.stdout().contains(TLS12_OPTIONS), "the first handshake negotiated EMS and RFC 5746");
                assertTrue(client.stdout().contains("*** Received alert [10]: Unexpected message"),
                        "gnutls-cli reports our alert");
                assertTrue(client.stderr().contains("*** ReHandshake has failed"), "gnutls-cli's renegotiation failed");
            });
        }
    }

    /**
     * gnutls-serv's {@code **REHANDSHAKE**} command, sent by our client. Under TLS 1.2 gnutls-serv
     * sends a HelloRequest (RFC 5246 §7.4.1.1), which our client ignores as s2n does: no
     * renegotiation, no alert, data keeps flowing both ways. Under TLS 1.3 it sends
     * KeyUpdate(update_requested) instead (RFC 8446 §4.6.3), and our client switches its read keys
     * and answers with KeyUpdate(update_not_requested); gnutls-serv's debug log ({@code -d 4})
     * shows both messages.
     */
    @ParameterizedTest(name = "{displayName} {0}")
    @EnumSource(value = ProtocolVersion.class, names = {"TLS12", "TLS13"})
    void gnuTlsServerRehandshakeCommand(ProtocolVersion version) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = InteropOpenSslTest.clientConfig(pki, SecurityPolicy.named("default"));
        try (GnuTls.Server server = GnuTls.echoServer(dir, identity, GnuTls.priority(only(version), null, null), "-d", "4");
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(version, conn.actualProtocolVersion());
                echo(conn, OurClient.payload(1, 2000));
                OurClient.sendAll(conn, "**REHANDSHAKE**\n");
                String answer = "Successfully executed command\n";
                assertEquals(answer, OurClient.readExactly(conn, answer.length()));
                server.process().awaitStderr(Pattern.compile("\\*\\*\\* Sending rehandshake request"));
                echo(conn, OurClient.payload(2, PAYLOAD));
                assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                if (version == ProtocolVersion.TLS13) {
                    server.process().awaitStderr(Pattern.compile("sending key update \\(1\\)"));
                    server.process().awaitStderr(Pattern.compile("received TLS 1\\.3 key update \\(0\\)"));
                }
            });
        }
    }
}
