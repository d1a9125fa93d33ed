package s2n.tls;

/**
 * Receives each session ticket a client is given (s2n's {@code s2n_config_set_session_ticket_cb}).
 * In TLS 1.3 tickets arrive after the handshake, inside {@link Connection#recv} (a server may send
 * several, and more later), so a client that wants to resume keeps the latest one here or reads
 * {@link Connection#session()} after a {@code recv}.
 *
 * <pre>{@code
 * Config client = Config.builder()
 *         .sessionTicketCallback((conn, ticket) -> cache.put(conn.serverName(), ticket.session()))
 *         .build();
 * ...
 * byte[] session = cache.get("example.com");
 * if (session != null) {
 *     next.setSession(session);       // resumed if the server still accepts it, else a full handshake
 * }
 * }</pre>
 *
 * <p>The callback runs on the thread that called {@code recv}; it must not drive the connection.
 */
@FunctionalInterface
public interface SessionTicketCallback {
    /**
     * @param connection the connection the ticket arrived on
     * @param ticket the session it stands for, ready for {@link Connection#setSession(byte[])}
     */
    void onSessionTicket(Connection connection, SessionTicket ticket);
}
