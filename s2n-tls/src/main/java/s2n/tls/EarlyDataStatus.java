package s2n.tls;

/**
 * What became of TLS 1.3 early data (0-RTT, RFC 8446 §4.2.10) on a connection (s2n's
 * {@code s2n_early_data_status_t}, from {@code s2n_connection_get_early_data_status}).
 */
public enum EarlyDataStatus {
    /** No early data was offered: no session allowing it, or none asked for. */
    NOT_REQUESTED,
    /** The client offered early data and the server has not answered yet. */
    REQUESTED,
    /** The server accepted the early data: it was delivered before the handshake completed. */
    ACCEPTED,
    /**
     * The server did not accept it (its choice, a HelloRetryRequest, a full handshake, a replayed
     * ticket): the server never saw it, and a client must send it again with {@code send} once
     * the handshake completes.
     */
    REJECTED
}
