package s2n.tls;

/**
 * A server's look at each ClientHello before it answers (s2n's {@code s2n_config_set_client_hello_cb}):
 * runs once per connection, after the ClientHello is parsed and before anything is chosen from it
 * (not again for a second ClientHello after a HelloRetryRequest). It may swap the connection's
 * config ({@link Connection#setConfig}, e.g. per server name), reject the handshake, or pause it
 * until the application is ready ({@link Connection#clientHelloDone()}).
 *
 * <pre>{@code
 * Config.builder().clientHelloCallback((conn, hello) -> {
 *     if ("api.example.com".equals(hello.serverName())) {
 *         conn.setConfig(apiConfig);
 *     }
 *     return ClientHelloCallback.Result.CONTINUE;
 * })
 * }</pre>
 *
 * <p>It runs on the thread that called {@code negotiate}; it must not drive the connection.
 */
@FunctionalInterface
public interface ClientHelloCallback {
    /** What the handshake does next. */
    enum Result {
        /** Go on, with the config the connection has now. */
        CONTINUE,
        /** End the handshake with a handshake_failure alert (s2n's callback returning an error). */
        REJECT,
        /**
         * Wait: {@code negotiate} returns {@link Blocked#ON_APPLICATION_INPUT} until the
         * application calls {@link Connection#clientHelloDone()} (from any thread) and then
         * {@code negotiate} again (s2n's non-blocking callback mode and {@code s2n_client_hello_cb_done}).
         */
        PAUSE
    }

    /**
     * @param connection the server connection; {@link Connection#setConfig} may be called on it now
     * @param hello what the client sent
     */
    Result onClientHello(Connection connection, ClientHelloInfo hello);
}
