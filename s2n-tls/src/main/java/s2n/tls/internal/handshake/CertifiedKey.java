package s2n.tls.internal.handshake;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import s2n.tls.internal.crypto.SignatureScheme;

/** A certificate chain (leaf first) with the leaf's private key, ready to send. */
public final class CertifiedKey {
    private final List<X509Certificate> chain;
    private final List<byte[]> chainDer;
    private final PrivateKey privateKey;
    /** The DER OCSP response to staple for the leaf; null for none. */
    private final byte[] ocspResponse;

    public CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey) {
        this(chain, privateKey, null);
    }

    public CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey, byte[] ocspResponse) {
        this.ocspResponse = ocspResponse;
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                der.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate cannot be encoded: " + c.getSubjectX500Principal(), e);
            }
        }
        this.chainDer = Collections.unmodifiableList(der);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    /** The DER encodings, leaf first, as they go into the Certificate message. */
    public List<byte[]> chainDer() {
        return chainDer;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The OCSP response to staple (not a copy), or null. */
    public byte[] ocspResponse() {
        return ocspResponse;
    }

    public PublicKey publicKey() {
        return leaf().getPublicKey();
    }

    /** Whether this key can sign with {@code scheme} in the given protocol version. */
    public boolean canSign(SignatureScheme scheme, boolean tls13) {
        // A remote key (signed through the AsyncSigner) is judged by its certificate's public key.
        return scheme.isImplemented() && (privateKey == null || scheme.supportsKey(privateKey, tls13))
                && scheme.supportsKey(publicKey(), tls13);
    }

    /**
     * Whether {@code key} is the private key of {@code certificate}: signs a probe with a scheme
     * that fits the key and verifies it with the certificate's public key.
     */
    public static boolean keyMatches(PrivateKey key, java.security.cert.X509Certificate certificate) {
        PublicKey publicKey = certificate.getPublicKey();
        byte[] probe = "s2n-tls-java key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (SignatureScheme s : SignatureScheme.known()) {
            if (s.isImplemented() && s.supportsKey(key, false) && s.supportsKey(publicKey, false)) {
                try {
                    return s.verify(publicKey, probe, s.sign(key, probe, new java.security.SecureRandom()));
                } catch (s2n.tls.TlsException e) {
                    return false;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "CertifiedKey[" + leaf().getSubjectX500Principal() + ", "
                + (privateKey == null ? "remote" : privateKey.getAlgorithm()) + " key]";
    }
}
