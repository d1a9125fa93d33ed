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
    AES_128_GCM(16, "AES/GCM/NoPadding", "AES"),
    AES_256_GCM(32, "AES/GCM/NoPadding", "AES"),
    CHACHA20_POLY1305(32, "ChaCha20-Poly1305", "ChaCha20");

    private static final int IV_LENGTH = 12;
    private static final int TAG_LENGTH = 16;

    private final int keyLength;
    private final String jcaTransformation;
    private final String keyAlgorithm;
    // Probed once: null until then.
    private volatile Boolean available;

    AeadAlgorithm(int keyLength, String jcaTransformation, String keyAlgorithm) {
        this.keyLength = keyLength;
        this.jcaTransformation = jcaTransformation;
        this.keyAlgorithm = keyAlgorithm;
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
