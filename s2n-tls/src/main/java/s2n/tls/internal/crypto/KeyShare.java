package s2n.tls.internal.crypto;

import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * One side of an (EC)DHE exchange (RFC 8446 §4.2.8, §7.4; RFC 8422 §5.4): a private key and the
 * public share sent in a key_share extension or ServerKeyExchange. Close it as soon as the shared
 * secret is computed.
 *
 * <pre>{@code
 * try (KeyShare mine = NamedGroup.X25519.generateKeyShare(random);
 *      SecretBytes shared = mine.agree(peerShare)) {
 *     ...
 * }
 * }</pre>
 */
public interface KeyShare extends AutoCloseable {
    /** The group this share belongs to. */
    NamedGroup group();

    /**
     * The public share in wire form, a fresh copy: X25519/X448 the little-endian u-coordinate
     * (RFC 7748 §5); NIST curves the uncompressed point {@code 0x04 || X || Y} (RFC 8446 §4.2.8.2).
     */
    byte[] publicKey();

    /**
     * The shared secret with the peer's wire-form share: the X25519/X448 output, or the EC point's
     * X coordinate padded to the field size (RFC 8446 §7.4.2).
     *
     * @throws TlsException {@link ErrorCode#ILLEGAL_PARAMETER} if the peer's share has the wrong
     *     length or form, is not on the curve, or yields an all-zero X25519/X448 secret;
     *     {@link ErrorCode#INTERNAL} if the provider fails
     * @throws IllegalStateException if this share was closed
     */
    SecretBytes agree(byte[] peerPublicKey) throws TlsException;

    /** Forgets the private key. Idempotent. */
    @Override
    void close();
}
