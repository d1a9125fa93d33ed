package s2n.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A custom check of the peer's certificate chain (s2n's {@code s2n_config_set_cert_validation_cb}),
 * run during the handshake right after the built-in checks (trust, dates, key usage, host name)
 * have passed, or in their place when {@link Config.Builder#disableX509Verification()} turned them
 * off. A client sees the server's chain; a server sees the client's, when one is sent.
 *
 * <pre>{@code
 * Config config = Config.builder()
 *         .clientAuth(ClientAuth.REQUIRED)
 *         .certificateValidationCallback((conn, chain) ->
 *                 chain.get(0).getSubjectX500Principal().getName().contains("OU=payments"))
 *         .build();
 * }</pre>
 *
 * <p>Returning false fails the handshake with a bad_certificate alert. An exception the callback
 * throws fails it with internal_error, its message in the {@link TlsException}'s cause.
 */
@FunctionalInterface
public interface CertificateValidationCallback {
    /**
     * @param connection the connection being negotiated; read its server name or mode, do not drive it
     * @param chain the peer's chain as sent, leaf first, never empty
     * @return whether to accept the chain
     */
    boolean accept(Connection connection, List<X509Certificate> chain);
}
