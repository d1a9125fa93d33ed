package s2n.tls.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD {@link Cipher} objects whose keys are gone, kept per thread for the next connection's keys:
 * {@code Cipher.getInstance} (a provider lookup, a transformation parse and fresh engine buffers) is
 * one of the larger protocol costs of a handshake with a fast provider, and a connection closed on a
 * thread is usually followed by another one on the same thread.
 *
 * <p>A cipher is <em>purged</em> before it is kept: re-initialised for encryption with an all-zero
 * key and a random nonce, so neither the expanded key schedule of the connection it served nor the
 * copy of the last encryption key that SunJCE keeps to refuse nonce reuse (it survives decryption
 * inits) stays in the heap. A cipher that cannot be purged is dropped. At most {@link #PER_THREAD} ciphers per
 * transformation and thread are kept; they are never shared between threads.
 *
 * <pre>{@code
 * Cipher c = IdleCiphers.take("AES/GCM/NoPadding");   // null when this thread has none
 * ...
 * IdleCiphers.retire(c);                              // purged, then kept or dropped
 * }</pre>
 */
public final class IdleCiphers {
    /**
     * Ciphers kept per transformation and thread: two directions of three connections, enough for
     * a thread that runs both ends (a proxy) while a session ticket is sealed or opened between.
     */
    static final int PER_THREAD = 6;

    private static final ThreadLocal<Shelf> SHELF = ThreadLocal.withInitial(Shelf::new);

    private IdleCiphers() {}

    /** A purged cipher for {@code transformation} kept by this thread, or null. */
    public static Cipher take(String transformation) {
        return SHELF.get().take(transformation);
    }

    /**
     * Purges {@code c} and keeps it for this thread's next {@link #take}, or drops it when the
     * shelf is full or the purge fails. Null is ignored.
     */
    public static void retire(Cipher c) {
        if (c != null && purge(c)) {
            SHELF.get().put(c);
        }
    }

    /**
     * {@code c} purged, for a connection that keeps it across {@code wipe()} for its next keys;
     * null if {@code c} is null or cannot be purged (drop it then).
     */
    public static Cipher purged(Cipher c) {
        return c != null && purge(c) ? c : null;
    }

    /**
     * Re-initialises {@code c} for encryption with an all-zero key and a random nonce (nothing is
     * ever encrypted under it), so that it no longer holds the key it was last used with.
     *
     * @return false if the provider refused: drop the cipher then
     */
    public static boolean purge(Cipher c) {
        AeadAlgorithm alg = algorithmOf(c);
        if (alg == null) {
            return false;
        }
        // Random, not fixed: providers refuse to encrypt twice under one key and nonce, and a cipher
        // may be purged twice in a row (taken, unused, retired again).
        byte[] nonce = new byte[alg.ivLength()];
        ThreadLocalRandom.current().nextBytes(nonce);
        try {
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[alg.keyLength()], alg.keyAlgorithm()),
                    alg.parameters(nonce));
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The algorithm of {@code c}'s transformation; for AES-GCM the 128-bit one, the cheaper key to purge with. */
    private static AeadAlgorithm algorithmOf(Cipher c) {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            if (a.jcaTransformation().equals(c.getAlgorithm())) {
                return a;
            }
        }
        return null;
    }

    /** One thread's idle ciphers: a small stack per transformation (there are two). */
    private static final class Shelf {
        private final String[] transformations = new String[2];
        private final Cipher[][] ciphers = new Cipher[2][PER_THREAD];
        private final int[] counts = new int[2];

        Cipher take(String transformation) {
            int i = index(transformation, false);
            if (i < 0 || counts[i] == 0) {
                return null;
            }
            Cipher c = ciphers[i][--counts[i]];
            ciphers[i][counts[i]] = null;
            return c;
        }

        void put(Cipher c) {
            int i = index(c.getAlgorithm(), true);
            if (i >= 0 && counts[i] < PER_THREAD) {
                ciphers[i][counts[i]++] = c;
            }
        }

        private int index(String transformation, boolean add) {
            for (int i = 0; i < transformations.length; i++) {
                if (transformation.equals(transformations[i])) {
                    return i;
                }
                if (transformations[i] == null) {
                    if (!add) {
                        return -1;
                    }
                    transformations[i] = transformation;
                    return i;
                }
            }
            return -1;
        }
    }
}
