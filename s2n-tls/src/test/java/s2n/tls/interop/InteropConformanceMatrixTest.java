package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;
import s2n.tls.testing.TestPki;

/**
 * Clients in non-default configurations against our server under the {@code default} policy,
 * one row each: record shapes (handshake messages split over small records, RFC 8446 §5.1 and
 * RFC 5246 §6.2.1; TLS 1.3 padding, §5.4), no middlebox compatibility (§D.4), no session ticket
 * or extended master secret extension, other groups and suites. Every row must complete the
 * handshake and the 40 KB exchange of {@link Conversation}.
 */
@Timeout(60)
@DisplayNameGeneration(Peer.OpenSslNames.class)
class InteropConformanceMatrixTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{displayName} openssl s_client {0} {1}")
    @CsvSource({
        "TLSv1.3, -max_send_frag 512",
        "TLSv1.3, -max_send_frag 512 -no_middlebox",
        "TLSv1.3, -record_padding 4096",
        "TLSv1.3, -no_ticket",
        "TLSv1.3, -groups P-384:X25519",
        "TLSv1.3, -sigalgs ECDSA+SHA256",
        "TLSv1.2, -max_send_frag 512",
        "TLSv1.2, -no_ticket -cipher ECDHE-ECDSA-AES256-GCM-SHA384",
        "TLSv1.2, -sigalgs ECDSA+SHA256",
    })
    void openSslClientRow(String version, String options) throws Exception {
        Peer.OPENSSL.require();
        List<String> extra = new ArrayList<>(List.of("-servername", "localhost"));
        extra.addAll(Arrays.asList(options.split(" ")));
        OpenSsl.Versions versions = version.equals("TLSv1.3") ? OpenSsl.Versions.TLS13_ONLY : OpenSsl.Versions.TLS12_ONLY;
        againstOurDefaultServer(version, (port, root) -> OpenSsl.client(dir, versions, port, root, extra.toArray(new String[0])),
                Conversation::openSslClient);
    }

    @ParameterizedTest(name = "{displayName} gnutls-cli {0} {1}")
    @CsvSource({
        "TLSv1.2, NORMAL:-VERS-ALL:+VERS-TLS1.2:%NO_SESSION_HASH:%NO_TICKETS",
        "TLSv1.2, NORMAL:-VERS-ALL:+VERS-TLS1.2:-ECDHE-RSA:-AES-128-GCM",
        "TLSv1.3, NORMAL:-VERS-ALL:+VERS-TLS1.3:%NO_TICKETS",
        "TLSv1.3, NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-SECP384R1",
    })
    void gnuTlsClientRow(String version, String priority) throws Exception {
        Peer.GNUTLS_CLI.require();
        againstOurDefaultServer(version, (port, root) -> GnuTls.client(dir, port, root, priority), Conversation::gnuTlsClient);
    }

    /** Starts a client process against our server (policy {@code default}, ECDSA P-256), given the port and the root file. */
    private interface ClientStart {
        PeerProcess start(int port, String rootFile);
    }

    /** One row: the client's conversation with our server, then the version our server negotiated. */
    private void againstOurDefaultServer(String version, ClientStart start, Consumer<PeerProcess> conversation)
            throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Config config = InteropOpenSslTest.serverConfig(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"),
                SecurityPolicy.named("default"));
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = start.start(server.port(), root)) {
            client.explain(() -> {
                conversation.accept(client);
                Connection conn = server.awaitConnection();
                assertEquals(version, conn.actualProtocolVersion().protocolName());
            });
        }
    }
}
