package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import s2n.tls.Blocked;

/**
 * The fixed exchange between a client program ({@code openssl s_client}, {@code gnutls-cli}) and
 * our server: once the handshake is done, the client sends {@link #REQUEST} (typed into its
 * stdin), our server answers with {@link #RESPONSE} and closes with close_notify, and the client
 * (which prints what it received) closes too and exits 0. 40 KB each way: several full records.
 */
final class Conversation {
    static final String REQUEST = OurClient.payload(1, 40_000);
    static final String RESPONSE = OurClient.payload(2, 40_000);

    private Conversation() {}

    /** Our server's part: handshake, read the request, send the response, shut down. */
    static final OurServer.Session OUR_SERVER = conn -> {
        assertEquals(Blocked.NOT_BLOCKED, conn.negotiate());
        assertEquals(REQUEST, OurClient.readExactly(conn, REQUEST.length()));
        OurClient.sendAll(conn, RESPONSE);
        assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
    };

    /** s_client's part: wait for a verified handshake, send the request, see the response, exit 0. */
    static void openSslClient(PeerProcess client) {
        client.awaitStdout("Verify return code: 0 (ok)");
        client.write(REQUEST);
        client.awaitStdout(RESPONSE);
        assertEquals(0, client.awaitExit(), "s_client exit code");
        assertTrue(client.stdout().contains("closed"), "s_client saw our close_notify");
    }

    /** gnutls-cli's part: wait for the handshake, send the request, see the response and our close_notify, exit 0. */
    static void gnuTlsClient(PeerProcess client) {
        client.awaitStdout(GnuTls.HANDSHAKE_COMPLETED);
        client.write(REQUEST);
        client.awaitStdout(RESPONSE);
        assertEquals(0, client.awaitExit(), "gnutls-cli exit code");
        assertTrue(client.stdout().contains("- Peer has closed the GnuTLS connection"), "gnutls-cli saw our close_notify");
    }
}
