package s2n.tls;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import s2n.tls.internal.crypto.SignatureScheme;

/**
 * One signature an {@link AsyncSigner} is asked for (s2n's {@code s2n_async_pkey_op} of type
 * sign): the exact bytes to sign (not hashed), the TLS signature scheme and its JCA algorithm,
 * and the certificate whose key must sign.
 */
public final class SigningRequest {
    private final SignatureScheme scheme;
    private final byte[] content;
    private final X509Certificate certificate;

    SigningRequest(SignatureScheme scheme, byte[] content, X509Certificate certificate) {
        this.scheme = scheme;
        this.content = content;
        this.certificate = certificate;
    }

    /** The TLS signature scheme, by its IANA name, e.g. {@code ecdsa_secp256r1_sha256}. */
    public String signatureScheme() {
        return scheme.name();
    }

    /**
     * The JCA {@code Signature} algorithm, e.g. {@code SHA256withECDSA}; {@code RSASSA-PSS} for the
     * PSS schemes, whose parameters are the scheme's hash for digest and MGF1 and a salt of the
     * hash's length (RFC 8446 §4.2.3).
     */
    public String jcaAlgorithm() {
        return scheme.jcaSignatureAlgorithm();
    }

    /** The bytes to sign, a copy. */
    public byte[] content() {
        return content.clone();
    }

    /** The leaf certificate whose private key must sign. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Signs with {@code key} here, as the library would: for signers that hold the key but want
     * to sign on their own threads or time.
     */
    public byte[] signWith(PrivateKey key) throws TlsException {
        return scheme.sign(key, content, new SecureRandom());
    }

    @Override
    public String toString() {
        return "SigningRequest[" + scheme.name() + ", " + content.length + " bytes, "
                + certificate.getSubjectX500Principal() + "]";
    }
}
