package s2n.tls.internal.crypto;

import java.util.Arrays;

/**
 * A secret held in a byte array this object owns, zeroed by {@link #close()}: traffic secrets,
 * shared secrets, master secrets. Use it in try-with-resources for temporaries.
 *
 * <pre>{@code
 * try (SecretBytes shared = keyShare.agree(peerPublicKey)) {
 *     handshake = early.handshake(shared.bytes());
 * }
 * }</pre>
 *
 * <p>{@link #toString()} shows the length only, never the contents. Not thread-safe.
 */
public final class SecretBytes implements AutoCloseable {
    private final byte[] secret;
    private boolean destroyed;

    /** Takes ownership of {@code owned}: the caller must not use or zero it afterwards. */
    public SecretBytes(byte[] owned) {
        if (owned == null) {
            throw new IllegalArgumentException("secret is null");
        }
        this.secret = owned;
    }

    /** A holder of a copy of {@code b}; the caller still owns (and should zero) {@code b}. */
    public static SecretBytes copyOf(byte[] b) {
        return new SecretBytes(b.clone());
    }

    /**
     * The live array. Read it, pass it to a computation, but do not keep it: it is zeroed when this
     * holder is closed.
     *
     * @throws IllegalStateException if this secret was already closed
     */
    public byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("secret was already closed; derive it again instead of reusing it");
        }
        return secret;
    }

    /** A copy of the secret that the caller owns (and must zero). */
    public byte[] copyBytes() {
        return bytes().clone();
    }

    /** The secret's length in bytes; still answers after {@link #close()}. */
    public int length() {
        return secret.length;
    }

    /** Zero-fills the secret. Idempotent. */
    @Override
    public void close() {
        Arrays.fill(secret, (byte) 0);
        destroyed = true;
    }

    /** Whether {@link #close()} has run. */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** {@code SecretBytes[48 bytes]}: the length, never the contents. */
    @Override
    public String toString() {
        return "SecretBytes[" + secret.length + " bytes]";
    }

    /**
     * Whether every byte of {@code b} is zero: a check for tests that a wipe happened. Not
     * constant-time; never use it on a secret an attacker can probe.
     */
    public static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
