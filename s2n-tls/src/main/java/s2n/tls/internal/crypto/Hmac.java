package s2n.tls.internal.crypto;

import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC (RFC 2104) through the JCA, shared by HKDF, the TLS 1.3 Finished and the TLS 1.2 PRF.
 * One quirk is handled here, in one place: the JCA refuses an empty key, but HMAC pads its key
 * with zeros to the block size, so an empty key and a one-byte zero key give the same MAC.
 */
final class Hmac {
    private static final byte[] EMPTY_KEY_EQUIVALENT = {0};

    private Hmac() {}

    /** A {@link Mac} for {@code h} keyed with {@code key} (which may be empty). */
    static Mac keyed(Hash h, byte[] key) {
        Mac mac = h.newMac();
        byte[] k = key.length == 0 ? EMPTY_KEY_EQUIVALENT : key;
        try {
            mac.init(new SecretKeySpec(k, h.macAlgorithm()));
        } catch (InvalidKeyException e) {
            // A raw HMAC key of any length is valid; a provider refusing one is misconfigured.
            throw new IllegalStateException(h.macAlgorithm() + " refused a " + k.length + "-byte key", e);
        }
        return mac;
    }

    /** HMAC-Hash(key, data). */
    static byte[] mac(Hash h, byte[] key, byte[] data) {
        return keyed(h, key).doFinal(data);
    }
}
