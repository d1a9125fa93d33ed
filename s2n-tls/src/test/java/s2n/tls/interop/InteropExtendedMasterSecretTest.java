package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import s2n.tls.Alert;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;
import s2n.tls.TlsException;
import s2n.tls.testing.TestPki;

/**
 * GnuTLS without the extended master secret ({@code %NO_SESSION_HASH}: RFC 7627 off) in TLS 1.2,
 * both directions. Under a policy without the FIPS rule, as in s2n-tls and OpenSSL, the full
 * handshake completes on the RFC 5246 master secret and data flows; under a FIPS-rule policy our
 * server refuses with handshake_failure, which gnutls-cli reports.
 */
@Timeout(60)
@DisplayNameGeneration(Peer.GnuTlsNames.class)
class InteropExtendedMasterSecretTest {
    private static final String NO_EMS = GnuTls.priority(GnuTls.Versions.TLS12_ONLY, null, null) + ":%NO_SESSION_HASH";
    /** gnutls's report for TLS 1.2 with RFC 5746 but without RFC 7627. */
    private static final String OPTIONS_WITHOUT_EMS = "- Options: safe renegotiation,";
    /** A FIPS-rule policy that allows TLS 1.2. */
    private static final String FIPS_12 = "20230317";

    @TempDir
    Path dir;

    @BeforeEach
    void requireGnuTls() {
        Peer.GNUTLS_CLI.require();
        Peer.GNUTLS_SERV.require();
    }

    @Test
    void gnuTlsClientWithoutEmsToOurServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = InteropOpenSslTest.serverConfig(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"),
                SecurityPolicy.named("default"));
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = GnuTls.client(dir, server.port(), root, NO_EMS)) {
            client.explain(() -> {
                Conversation.gnuTlsClient(client);
                assertTrue(client.stdout().contains(OPTIONS_WITHOUT_EMS), "gnutls-cli negotiated RFC 5746 only");
                assertFalse(client.stdout().contains("extended master secret"), "gnutls-cli did not use EMS");
                assertEquals(ProtocolVersion.TLS12, server.awaitConnection().actualProtocolVersion());
            });
        }
    }

    @Test
    void fipsPolicyServerRefusesGnuTlsClientWithoutEms() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = InteropOpenSslTest.serverConfig(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"),
                SecurityPolicy.named(FIPS_12));
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = GnuTls.client(dir, server.port(), root, NO_EMS)) {
            client.explain(() -> {
                TlsException e = assertThrows(TlsException.class, server::awaitConnection);
                assertEquals(Alert.HANDSHAKE_FAILURE, e.alert(), e.getMessage());
                assertTrue(e.getMessage().contains("extended_master_secret"), e.getMessage());
                assertEquals(1, client.awaitExit(), "gnutls-cli exit code");
                assertTrue(client.stdout().contains("Handshake failed"), "gnutls-cli reports our alert");
            });
        }
    }

    @Test
    void ourClientToGnuTlsServerWithoutEms() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = InteropOpenSslTest.clientConfig(pki, SecurityPolicy.named("default"));
        try (GnuTls.Server server = GnuTls.echoServer(dir, identity, NO_EMS);
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(ProtocolVersion.TLS12, conn.actualProtocolVersion());
                String text = OurClient.payload(1, 20_000);
                OurClient.sendAll(conn, text);
                assertEquals(text, OurClient.readExactly(conn, text.length()));
                server.process().awaitStdout(OPTIONS_WITHOUT_EMS);
            });
        }
    }
}
