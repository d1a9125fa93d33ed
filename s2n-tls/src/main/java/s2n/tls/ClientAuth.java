package s2n.tls;

/**
 * Whether a client authenticates with a certificate (s2n's {@code s2n_cert_auth_type}), set with
 * {@link Config.Builder#clientAuth} or per connection with {@link Connection#setClientAuth}.
 *
 * <p>Unset, a server does not ask ({@link #NONE}) and a client answers a request
 * ({@link #OPTIONAL}), as in s2n.
 */
public enum ClientAuth {
    /**
     * Server: sends no CertificateRequest. Client: never presents a certificate; a server that
     * asks gets an empty Certificate (RFC 8446 §4.4.2, RFC 5246 §7.4.6).
     */
    NONE,
    /**
     * Server: asks for a certificate and verifies one if the client sends it; an empty Certificate
     * is accepted ({@code NO_CLIENT_CERT} in the handshake type). Client: presents its certificate
     * when asked, if one of its chains can sign with a scheme the request allows; otherwise an empty
     * Certificate.
     */
    OPTIONAL,
    /**
     * Server: asks and insists; an empty Certificate ends the handshake with certificate_required
     * (TLS 1.3, RFC 8446 §4.4.2.4) or handshake_failure (TLS 1.2, RFC 5246 §7.4.6). Client: fails
     * the handshake if the server does not ask, or if none of its chains fits the request.
     */
    REQUIRED
}
