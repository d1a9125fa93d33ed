package s2n.tls;

/**
 * Decides whether a name found in the peer's certificate (a subjectAltName DNS or IP entry, or
 * the subject CN when there is no subjectAltName) is acceptable (s2n's
 * {@code s2n_verify_host_fn}). Called once per name until one is accepted.
 *
 * <p>Without one, a client accepts a certificate whose name matches
 * {@link Connection#setServerName(String)} (wildcards only as the whole leftmost label), and a
 * server accepts any name on a client certificate that chains to its trust.
 */
@FunctionalInterface
public interface HostVerifier {
    /** @return {@code true} to accept the certificate on the strength of this name */
    boolean verifyHost(String nameInCertificate);
}
