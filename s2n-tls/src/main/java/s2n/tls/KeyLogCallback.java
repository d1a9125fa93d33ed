package s2n.tls;

/**
 * Receives the connection's traffic secrets as key-log lines, to decrypt a capture of it in
 * Wireshark or tshark while debugging (s2n's {@code s2n_config_set_key_log_cb}). Each line is in
 * the NSS key log format that {@code SSLKEYLOGFILE} files use, without the newline:
 * {@code LABEL <client random hex> <secret hex>}. TLS 1.3 logs
 * {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET}, {@code SERVER_HANDSHAKE_TRAFFIC_SECRET},
 * {@code CLIENT_TRAFFIC_SECRET_0} and {@code SERVER_TRAFFIC_SECRET_0}; TLS 1.2 logs
 * {@code CLIENT_RANDOM} with the master secret.
 *
 * <pre>{@code
 * Path file = Path.of(System.getenv("SSLKEYLOGFILE"));
 * Config config = Config.builder()
 *         .keyLogCallback((connection, line) -> appendLine(file, line))
 *         .build();
 * }</pre>
 *
 * <p>Anyone who reads these lines can decrypt the connection: never enable this in production.
 * The callback runs on the thread that calls {@link Connection#negotiate()}, as the secrets are
 * derived; an exception it throws propagates out of {@code negotiate()}.
 */
@FunctionalInterface
public interface KeyLogCallback {
    /** One key-log line for {@code connection}. */
    void onKeyLog(Connection connection, String line);
}
