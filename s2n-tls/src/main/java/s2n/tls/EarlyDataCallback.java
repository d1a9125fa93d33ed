package s2n.tls;

/**
 * A server's decision on a client's early data (s2n's {@code s2n_config_set_early_data_cb}),
 * asked only when everything else allows it: a resumed TLS 1.3 session issued with early data,
 * the same suite and ALPN, within {@link Config.Builder#maxEarlyData}, a ticket used for early data
 * for the first time ({@link AntiReplay}). Without a callback such early data is accepted.
 *
 * <p>Early data can be replayed by an attacker who recorded it (RFC 8446 §8, Appendix E.5):
 * accept it only for requests that are safe to process twice.
 */
@FunctionalInterface
public interface EarlyDataCallback {
    /**
     * @param connection the server connection; its server name and application protocol are known
     * @param applicationProtocol the ALPN protocol the early data is for, or null
     * @return true to accept the early data, false to have the client send it again after the handshake
     */
    boolean acceptEarlyData(Connection connection, String applicationProtocol);
}
