package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import s2n.tls.Alert;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.ClientAuth;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;
import s2n.tls.TlsException;
import s2n.tls.testing.TestPki;

/**
 * Mutual TLS with real peers, in both versions and both directions: {@code openssl s_client
 * -cert} and {@code gnutls-cli --x509certfile} authenticate to our REQUIRED server (and s_client
 * without a certificate is refused with the version's alert); our client presents its chain to
 * {@code openssl s_server -Verify 1} and {@code gnutls-serv --require-client-cert
 * --verify-client-cert}, which report it verified.
 */
@Timeout(60)
class InteropMutualAuthTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final TestPki.Issued SERVER = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");

    @TempDir
    Path dir;

    private static Config requiredServer() {
        return Config.builder().maxBlindingDelay(Duration.ZERO).clientAuth(ClientAuth.REQUIRED)
                .withSystemTrust(false).trustPem(PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(SERVER.chainPem(), SERVER.keyPem())).build();
    }

    private static Config clientWith(TestPki.Issued cert) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(SecurityPolicy.named("default"))
                .withSystemTrust(false).trustPem(PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
    }

    private static OpenSsl.Versions openSsl(ProtocolVersion version) {
        return version == ProtocolVersion.TLS13 ? OpenSsl.Versions.TLS13_ONLY : OpenSsl.Versions.TLS12_ONLY;
    }

    private static GnuTls.Versions gnuTls(ProtocolVersion version) {
        return version == ProtocolVersion.TLS13 ? GnuTls.Versions.TLS13_ONLY : GnuTls.Versions.TLS12_ONLY;
    }

    private static void assertClientAuthenticated(Connection conn, ProtocolVersion version, TestPki.Issued cert) {
        assertEquals(version, conn.actualProtocolVersion());
        assertTrue(conn.isClientCertificateUsed(), conn.handshakeTypeName());
        assertTrue(conn.handshakeTypeName().contains("|CLIENT_AUTH|") && !conn.handshakeTypeName().contains("NO_CLIENT_CERT"),
                conn.handshakeTypeName());
        if (conn.mode() == s2n.tls.Mode.SERVER) {
            assertEquals(cert.chain(), conn.peerCertificates());
        }
    }

    @ParameterizedTest(name = "openssl s_client with a {1} certificate -> our REQUIRED server, {0}")
    @CsvSource({"TLS13, ECDSA_P256", "TLS13, RSA_2048", "TLS12, ECDSA_P256", "TLS12, RSA_2048"})
    void openSslClientAuthenticatesToOurServer(ProtocolVersion version, TestPki.KeyType key) throws Exception {
        Peer.OPENSSL.require();
        TestPki.Issued cert = PKI.issueWithoutServerAuth(key, "client.example");
        PemFiles.Identity client = PemFiles.write(dir, "client", cert);
        String root = PemFiles.writeRoot(dir, "root", PKI);
        try (OurServer server = OurServer.start(requiredServer(), Conversation.OUR_SERVER);
             PeerProcess peer = OpenSsl.client(dir, openSsl(version), server.port(), root, "-servername", "localhost",
                     "-cert", client.leaf(), "-cert_chain", client.chain(), "-key", client.key())) {
            peer.explain(() -> {
                Conversation.openSslClient(peer);
                assertClientAuthenticated(server.awaitConnection(), version, cert);
            });
        }
    }

    /** RFC 8446 §4.4.2.4: certificate_required; RFC 5246 §7.4.6: handshake_failure. s_client prints the alert it read. */
    @ParameterizedTest(name = "openssl s_client without a certificate -> our REQUIRED server, {0}")
    @EnumSource(value = ProtocolVersion.class, names = {"TLS13", "TLS12"})
    void openSslClientWithoutCertificateIsRefused(ProtocolVersion version) throws Exception {
        Peer.OPENSSL.require();
        String root = PemFiles.writeRoot(dir, "root", PKI);
        try (OurServer server = OurServer.start(requiredServer(), conn -> conn.negotiate());
             PeerProcess peer = OpenSsl.client(dir, openSsl(version), server.port(), root, "-servername", "localhost")) {
            peer.explain(() -> {
                TlsException e = assertThrows(TlsException.class, server::awaitConnection);
                Alert alert = version == ProtocolVersion.TLS13 ? Alert.CERTIFICATE_REQUIRED : Alert.HANDSHAKE_FAILURE;
                assertEquals(alert, e.alert(), e.getMessage());
                peer.awaitStderr(java.util.regex.Pattern.compile(version == ProtocolVersion.TLS13
                        ? "alert certificate required" : "alert handshake failure"));
            });
        }
    }

    @ParameterizedTest(name = "gnutls-cli with a certificate -> our REQUIRED server, {0}")
    @EnumSource(value = ProtocolVersion.class, names = {"TLS13", "TLS12"})
    void gnuTlsClientAuthenticatesToOurServer(ProtocolVersion version) throws Exception {
        Peer.GNUTLS_CLI.require();
        TestPki.Issued cert = PKI.issueWithoutServerAuth(TestPki.KeyType.ECDSA_P256, "client.example");
        PemFiles.Identity client = PemFiles.write(dir, "client", cert);
        String root = PemFiles.writeRoot(dir, "root", PKI);
        try (OurServer server = OurServer.start(requiredServer(), Conversation.OUR_SERVER);
             PeerProcess peer = GnuTls.client(dir, server.port(), root, GnuTls.priority(gnuTls(version), null, null),
                     "--x509certfile", client.fullChain(), "--x509keyfile", client.traditionalKey())) {
            peer.explain(() -> {
                Conversation.gnuTlsClient(peer);
                assertClientAuthenticated(server.awaitConnection(), version, cert);
            });
        }
    }

    @ParameterizedTest(name = "our client with a {1} certificate -> openssl s_server -Verify 1, {0}")
    @CsvSource({"TLS13, ECDSA_P256", "TLS13, RSA_2048", "TLS12, ECDSA_P256", "TLS12, RSA_2048"})
    void ourClientAuthenticatesToOpenSslServer(ProtocolVersion version, TestPki.KeyType key) throws Exception {
        Peer.OPENSSL.require();
        TestPki.Issued cert = PKI.issueWithoutServerAuth(key, "client.example");
        PemFiles.Identity identity = PemFiles.write(dir, "server", SERVER);
        String root = PemFiles.writeRoot(dir, "root", PKI);
        try (OpenSsl.Server server = OpenSsl.server(dir, openSsl(version), identity, "-Verify", "1", "-CAfile", root);
             OurClient client = OurClient.connect(server.port(), clientWith(cert), "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertClientAuthenticated(conn, version, cert);
                InteropOpenSslTest.exchangeWithServer(server.process(), conn);
                // s_server verified the chain (depth 0 is our leaf) and prints the client certificate.
                server.process().awaitStderr(java.util.regex.Pattern.compile("depth=0 CN = client\\.example\\s+verify return:1"));
                server.process().awaitStdout("Client certificate");
                InteropOpenSslTest.closeWithServer(server.process(), client);
            });
        }
    }

    @ParameterizedTest(name = "our client with a certificate -> gnutls-serv --require-client-cert --verify-client-cert, {0}")
    @EnumSource(value = ProtocolVersion.class, names = {"TLS13", "TLS12"})
    void ourClientAuthenticatesToGnuTlsServer(ProtocolVersion version) throws Exception {
        Peer.GNUTLS_SERV.require();
        TestPki.Issued cert = PKI.issueWithoutServerAuth(TestPki.KeyType.ECDSA_P256, "client.example");
        PemFiles.Identity identity = PemFiles.write(dir, "server", SERVER);
        String root = PemFiles.writeRoot(dir, "root", PKI);
        try (GnuTls.Server server = GnuTls.echoServer(dir, identity, GnuTls.priority(gnuTls(version), null, null),
                     "--require-client-cert", "--verify-client-cert", "--x509cafile", root);
             OurClient client = OurClient.connect(server.port(), clientWith(cert), "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertClientAuthenticated(conn, version, cert);
                String line = OurClient.payload(1, 2000) + "\n";
                OurClient.sendAll(conn, line);
                assertEquals(line, OurClient.readExactly(conn, line.length()));
                server.process().awaitStdout("- Status: The certificate is trusted.");
                server.process().awaitStdout("Subject: CN=client.example");
                assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
            });
        }
    }
}
