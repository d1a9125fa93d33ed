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

    /**
     * One idle {@link Mac} per hash per thread. {@code Mac.getInstance} is a provider lookup and a
     * new object (with its own digest) every call, and a TLS 1.3 handshake runs about twenty HMACs
     * per side. A Mac given back is re-keyed with a constant key first, so an idle one never holds
     * key material derived from a secret.
     */
    private static final ThreadLocal<Mac[]> IDLE = ThreadLocal.withInitial(() -> new Mac[Hash.values().length]);
    private static final SecretKeySpec[] WIPE_KEYS = new SecretKeySpec[Hash.values().length];

    static {
        for (Hash h : Hash.values()) {
            WIPE_KEYS[h.ordinal()] = new SecretKeySpec(EMPTY_KEY_EQUIVALENT, h.macAlgorithm());
        }
    }

    private Hmac() {}

    /**
     * A {@link Mac} for {@code h} keyed with {@code key}, from this thread's idle one when there is
     * one. Hand it back with {@link #giveBack} when done (or drop it: that is safe, only slower).
     */
    static Mac borrow(Hash h, byte[] key) {
        Mac[] idle = IDLE.get();
        Mac mac = idle[h.ordinal()];
        if (mac == null) {
            return keyed(h, key);
        }
        idle[h.ordinal()] = null;
        init(mac, h, key);
        return mac;
    }

    /** Re-keys {@code mac} with a constant key, so no secret lingers in it, and keeps it for this thread. */
    static void giveBack(Hash h, Mac mac) {
        try {
            mac.init(WIPE_KEYS[h.ordinal()]);
        } catch (InvalidKeyException e) {
            return; // keyed with this key before; a provider that now refuses it just loses the reuse
        }
        IDLE.get()[h.ordinal()] = mac;
    }

    /** A {@link Mac} for {@code h} keyed with {@code key} (which may be empty). */
    static Mac keyed(Hash h, byte[] key) {
        Mac mac = h.newMac();
        init(mac, h, key);
        return mac;
    }

    private static void init(Mac mac, Hash h, byte[] key) {
        byte[] k = key.length == 0 ? EMPTY_KEY_EQUIVALENT : key;
        try {
            mac.init(new SecretKeySpec(k, h.macAlgorithm()));
        } catch (InvalidKeyException e) {
            // A raw HMAC key of any length is valid; a provider refusing one is misconfigured.
            throw new IllegalStateException(h.macAlgorithm() + " refused a " + k.length + "-byte key", e);
        }
    }

    /** HMAC-Hash(key, data). */
    static byte[] mac(Hash h, byte[] key, byte[] data) {
        Mac mac = borrow(h, key);
        byte[] out = mac.doFinal(data);
        giveBack(h, mac);
        return out;
    }
}
