package s2n.tls.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AEAD record ciphers of TLS 1.3 and TLS 1.2 (RFC 8446 §5.2, RFC 5288, RFC 7905), by JCA name.
 * All three use a 12-byte nonce and a 16-byte tag.
 *
 * <pre>{@code
 * if (AeadAlgorithm.CHACHA20_POLY1305.isAvailable()) { ... }
 * }</pre>
 */
public enum AeadAlgorithm {
    AES_128_GCM(16, "AES/GCM/NoPadding", "AES", Limits.AES_GCM_RECORDS),
    AES_256_GCM(32, "AES/GCM/NoPadding", "AES", Limits.AES_GCM_RECORDS),
    CHACHA20_POLY1305(32, "ChaCha20-Poly1305", "ChaCha20", Limits.SEQUENCE_NUMBERS);

    private static final int IV_LENGTH = 12;
    private static final int TAG_LENGTH = 16;

    /** RFC 8446 §5.5 record limits per key; a nested class because enum constants cannot refer forward to the enum's fields. */
    private static final class Limits {
        /**
         * RFC 8446 §5.5: "up to 2^24.5 full-size records (about 24 million) may be encrypted" under
         * one AES-GCM key (a 2^-57 margin for AE security). 2^24.5 rounded down: 23,726,566 records,
         * the KeyUpdate that retires the key included (s2n's S2N_TLS13_AES_GCM_MAXIMUM_RECORD_NUMBER
         * is this minus the KeyUpdate: it updates once 23,726,565 records are sealed, as we do).
         */
        static final long AES_GCM_RECORDS = 23_726_566L;
        /**
         * ChaCha20-Poly1305 (RFC 8446 §5.5): "the record sequence number would wrap before the safety
         * limit is reached". The limit is then the 64-bit sequence number itself: 2^64 - 1 records,
         * as an unsigned value (-1L); rekeying there is what RFC 8446 §5.3 asks instead of a wrap.
         */
        static final long SEQUENCE_NUMBERS = -1L;
    }

    private final int keyLength;
    private final String jcaTransformation;
    private final String keyAlgorithm;
    private final long recordLimit;
    // Probed once: null until then.
    private volatile Boolean available;

    AeadAlgorithm(int keyLength, String jcaTransformation, String keyAlgorithm, long recordLimit) {
        this.keyLength = keyLength;
        this.jcaTransformation = jcaTransformation;
        this.keyAlgorithm = keyAlgorithm;
        this.recordLimit = recordLimit;
    }

    /** The key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** The nonce (and per-connection IV) length in bytes: 12 for every TLS AEAD (RFC 8446 §5.3). */
    public int ivLength() {
        return IV_LENGTH;
    }

    /** The authentication tag length in bytes: 16. */
    public int tagLength() {
        return TAG_LENGTH;
    }

    /**
     * The most records one key may protect, as an unsigned 64-bit count (RFC 8446 §5.5):
     * 23,726,566 for AES-GCM; for ChaCha20-Poly1305 2^64 - 1 ({@code -1L}), where the sequence
     * number runs out first. TLS 1.3 changes the key with a KeyUpdate before the limit.
     */
    public long recordLimit() {
        return recordLimit;
    }

    /** The JCA {@link Cipher} transformation, e.g. {@code AES/GCM/NoPadding}. */
    public String jcaTransformation() {
        return jcaTransformation;
    }

    /** The JCA secret-key algorithm, e.g. {@code AES}. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * Whether an installed provider can run this AEAD at this key size; probed once by initialising
     * a cipher with a throwaway key, then cached.
     */
    public boolean isAvailable() {
        Boolean a = available;
        if (a == null) {
            a = probe();
            available = a;
        }
        return a;
    }

    /** The JCA parameters for one record's nonce. */
    AlgorithmParameterSpec parameters(byte[] nonce) {
        if (this == CHACHA20_POLY1305) {
            return new IvParameterSpec(nonce);
        }
        return new GCMParameterSpec(TAG_LENGTH * 8, nonce);
    }

    private boolean probe() {
        try {
            Cipher c = Cipher.getInstance(jcaTransformation);
            byte[] nonce = new byte[IV_LENGTH];
            nonce[0] = 1;
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[keyLength], keyAlgorithm), parameters(nonce));
            return c.doFinal(new byte[1]).length == 1 + TAG_LENGTH;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
