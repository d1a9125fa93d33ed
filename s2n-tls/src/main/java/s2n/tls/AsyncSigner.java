package s2n.tls;

import java.util.concurrent.CompletionStage;

/**
 * Signs the handshake for a server or client whose private key is elsewhere, or slow to use (s2n's
 * async private-key operations, {@code s2n_config_set_async_pkey_callback}): a KMS, an HSM, a
 * signing service. Every CertificateVerify (TLS 1.3, and a TLS 1.2 client's) and every TLS 1.2
 * ServerKeyExchange signature of a config with a signer comes from it. Until the stage completes,
 * {@link Connection#negotiate()} returns {@link Blocked#ON_APPLICATION_INPUT}; call it again once
 * it has. The signature is checked against the certificate before it is sent (s2n's validation
 * mode): a wrong one fails the handshake with internal_error rather than reaching the peer.
 *
 * <pre>{@code
 * Config.builder()
 *         .certificateChainAndKey(CertificateChainAndKey.withRemoteKey(chain))
 *         .asyncSigner((conn, request) -> kms.sign(keyId, request.jcaAlgorithm(), request.content()))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface AsyncSigner {
    /**
     * @param connection the connection whose handshake is signed
     * @param request what to sign, with which scheme, for which certificate
     * @return the signature, now or later; a stage completed exceptionally fails the handshake
     */
    CompletionStage<byte[]> sign(Connection connection, SigningRequest request);
}
