package s2n.tls.internal.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Per-record AEAD nonces from a record sequence number, written as one 64-bit store. */
final class Nonces {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Nonces() {}

    /**
     * {@code nonce} = {@code iv} XOR (zeros || 64-bit big-endian {@code sequence}): RFC 8446 §5.3,
     * RFC 7905 §2. Both arrays have the IV's length (at least 8).
     */
    static void xorSequence(byte[] iv, long sequence, byte[] nonce) {
        int at = iv.length - 8;
        System.arraycopy(iv, 0, nonce, 0, at);
        LONG_BE.set(nonce, at, (long) LONG_BE.get(iv, at) ^ sequence);
    }

    /** {@code nonce} = {@code salt} || 64-bit big-endian {@code explicit} (RFC 5288 §3). */
    static void saltAndExplicit(byte[] salt, int saltLength, long explicit, byte[] nonce) {
        System.arraycopy(salt, 0, nonce, 0, saltLength);
        LONG_BE.set(nonce, saltLength, explicit);
    }
}
