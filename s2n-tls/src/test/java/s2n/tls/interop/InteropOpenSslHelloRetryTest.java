package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.SecurityPolicy;
import s2n.tls.TestPolicies;
import s2n.tls.testing.TestPki;

/**
 * HelloRetryRequest with OpenSSL as the peer, both directions (RFC 8446 §4.1.4): the client's
 * first key share is for a group the server will not use, the server names one it will, and the
 * client retries. OpenSSL sends a key share for its first configured group only, so its
 * {@code -groups} order steers who retries.
 */
@Timeout(60)
@DisplayNameGeneration(Peer.OpenSslNames.class)
class InteropOpenSslHelloRetryTest {
    private static final String HRR_HANDSHAKE = "NEGOTIATED|FULL_HANDSHAKE|HELLO_RETRY_REQUEST|MIDDLEBOX_COMPAT";

    @TempDir
    Path dir;

    @BeforeEach
    void requireOpenSsl() {
        Peer.OPENSSL.require();
    }

    /** s_client's first share is ffdhe2048, which we do not implement: our server asks for x25519. */
    @Test
    void ourServerRetriesOpenSslClientFfdheShare() throws Exception {
        openSslClientToOurServer(SecurityPolicy.named("default"), "ffdhe2048:x25519", "x25519");
    }

    /** s_client's first share is x25519, but our server's policy allows secp256r1 only. */
    @Test
    void ourServerRetriesOpenSslClientForItsOnlyGroup() throws Exception {
        openSslClientToOurServer(TestPolicies.group("secp256r1"), "x25519:secp256r1", "secp256r1");
    }

    /** Our client's first share is secp256r1 (the default policy's first group); s_server takes secp384r1 only. */
    @Test
    void openSslServerRetriesOurClient() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = InteropOpenSslTest.clientConfig(pki, SecurityPolicy.named("default"));
        try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-groups", "secp384r1");
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(HRR_HANDSHAKE, conn.handshakeTypeName());
                assertEquals("secp384r1", conn.keyExchangeGroup());
                String hello = OurClient.payload(1, 2000);
                OurClient.sendAll(conn, hello);
                server.process().awaitStdout(hello);
                String answer = OurClient.payload(2, 2000);
                server.process().write(answer);
                assertEquals(answer, OurClient.readExactly(conn, answer.length()));
                InteropOpenSslTest.closeWithServer(server.process(), client);
            });
        }
    }

    /** Runs the usual s_client conversation with {@code -groups clientGroups}; checks our server retried for {@code group}. */
    private void openSslClientToOurServer(SecurityPolicy serverPolicy, String clientGroups, String group) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = InteropOpenSslTest.serverConfig(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"), serverPolicy);
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = OpenSsl.client(dir, server.port(), root, "-servername", "localhost",
                     "-groups", clientGroups)) {
            client.explain(() -> {
                Conversation.openSslClient(client);
                Connection conn = server.awaitConnection();
                assertEquals(HRR_HANDSHAKE, conn.handshakeTypeName());
                assertEquals(group, conn.keyExchangeGroup());
                String temp = "Server Temp Key: " + OpenSsl.temporaryKeyName(group);
                assertTrue(client.stdout().contains(temp), "s_client reports " + temp);
            });
        }
    }
}
