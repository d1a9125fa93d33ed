package s2n.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import s2n.tls.internal.handshake.CertifiedKey;
import s2n.tls.internal.x509.Pem;

/**
 * A certificate chain and its private key, which a server (or a client, for client auth) presents
 * (s2n's {@code s2n_cert_chain_and_key}). Immutable; share one instance between configs.
 *
 * <pre>{@code
 * CertificateChainAndKey cert = CertificateChainAndKey.fromPem(
 *         Files.readString(Path.of("chain.pem")), Files.readString(Path.of("key.pem")));
 * Config config = Config.builder().certificateChainAndKey(cert).build();
 * }</pre>
 */
public final class CertificateChainAndKey {
    private final CertifiedKey key;

    private CertificateChainAndKey(CertifiedKey key) {
        this.key = key;
    }

    /**
     * Loads a chain (leaf first, then intermediates; one or more {@code CERTIFICATE} blocks) and
     * its private key ({@code PRIVATE KEY} PKCS#8, {@code RSA PRIVATE KEY} or
     * {@code EC PRIVATE KEY}) from PEM text.
     *
     * @throws IllegalArgumentException if either does not parse, the key is encrypted, or the key
     *     does not belong to the leaf certificate
     */
    public static CertificateChainAndKey fromPem(String chainPem, String keyPem) {
        List<X509Certificate> chain = Pem.readCertificates(chainPem);
        PrivateKey key = Pem.readPrivateKey(keyPem);
        return of(key, chain);
    }

    /**
     * A chain (leaf first) and the leaf's private key.
     *
     * @throws IllegalArgumentException if the chain is empty or the key does not belong to the leaf
     */
    public static CertificateChainAndKey of(PrivateKey privateKey, List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
        if (!CertifiedKey.keyMatches(privateKey, chain.get(0))) {
            throw new IllegalArgumentException("the private key does not belong to the leaf certificate "
                    + chain.get(0).getSubjectX500Principal());
        }
        return new CertificateChainAndKey(new CertifiedKey(chain, privateKey));
    }

    /**
     * A chain (leaf first) whose private key stays elsewhere (a KMS, an HSM): every signature
     * comes from the config's {@link Config.Builder#asyncSigner AsyncSigner}, and a config without
     * one fails such handshakes with internal_error.
     *
     * @throws IllegalArgumentException if the chain is empty
     */
    public static CertificateChainAndKey withRemoteKey(List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
        return new CertificateChainAndKey(new CertifiedKey(chain, null));
    }

    /**
     * The same chain and key with {@code ocspResponse} (a DER OCSPResponse for the leaf, as an OCSP
     * responder returns it) to staple when a client asks (s2n's {@code s2n_cert_chain_and_key_set_ocsp_data}):
     * in the leaf's CertificateEntry in TLS 1.3, in a CertificateStatus message in TLS 1.2. The
     * response is sent as given; refresh it (a new config) before it expires.
     *
     * @throws IllegalArgumentException if it is empty or longer than 2^24 - 1 bytes
     */
    public CertificateChainAndKey withOcspResponse(byte[] ocspResponse) {
        if (ocspResponse == null || ocspResponse.length == 0 || ocspResponse.length > 0xffffff) {
            throw new IllegalArgumentException("an OCSP response has 1 to 2^24 - 1 bytes");
        }
        return new CertificateChainAndKey(new CertifiedKey(key.chain(), key.privateKey(), ocspResponse.clone()));
    }

    /** The OCSP response this chain staples, a copy; null if none. */
    public byte[] ocspResponse() {
        return key.ocspResponse() == null ? null : key.ocspResponse().clone();
    }

    /** The chain, leaf first. */
    public List<X509Certificate> certificates() {
        return key.chain();
    }

    /** The leaf's private key; null for {@link #withRemoteKey}. */
    public PrivateKey privateKey() {
        return key.privateKey();
    }

    CertifiedKey certifiedKey() {
        return key;
    }

    @Override
    public String toString() {
        return "CertificateChainAndKey[" + key.leaf().getSubjectX500Principal() + ", " + key.chain().size()
                + " certificates, " + (key.privateKey() == null ? "remote" : key.privateKey().getAlgorithm()) + " key]";
    }
}
