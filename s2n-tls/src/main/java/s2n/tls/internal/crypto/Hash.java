package s2n.tls.internal.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;

/**
 * The hash functions TLS uses for its PRF, HKDF and transcript (RFC 8446 §7.1, RFC 5246 §5),
 * named the way the JCA names them so whichever provider is installed first does the work.
 *
 * <pre>{@code
 * byte[] th = Hash.SHA256.digest(clientHelloBytes);
 * }</pre>
 */
public enum Hash {
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48),
    SHA512("SHA-512", "HmacSHA512", 64);

    private final String digestAlgorithm;
    private final String macAlgorithm;
    private final int length;
    // Computed on first use: the digest of the empty string is a constant of every key schedule.
    private volatile byte[] emptyHash;

    Hash(String digestAlgorithm, String macAlgorithm, int length) {
        this.digestAlgorithm = digestAlgorithm;
        this.macAlgorithm = macAlgorithm;
        this.length = length;
    }

    /** The JCA {@link MessageDigest} name, e.g. {@code SHA-256}. */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** The JCA {@link Mac} name of HMAC over this hash, e.g. {@code HmacSHA256}. */
    public String macAlgorithm() {
        return macAlgorithm;
    }

    /** The output length in bytes (the RFCs' {@code Hash.length} / {@code HashLen}). */
    public int length() {
        return length;
    }

    /**
     * A fresh digest from the first provider that has it.
     *
     * @throws IllegalStateException if no installed provider implements this hash
     */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(digestAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no installed JCA provider implements " + digestAlgorithm
                    + "; every JDK has it, so check the security provider configuration", e);
        }
    }

    /**
     * A fresh, uninitialised HMAC from the first provider that has it.
     *
     * @throws IllegalStateException if no installed provider implements HMAC with this hash
     */
    public Mac newMac() {
        try {
            return Mac.getInstance(macAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no installed JCA provider implements " + macAlgorithm
                    + "; every JDK has it, so check the security provider configuration", e);
        }
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    /** The digest of the empty string, {@code Hash("")} in RFC 8446 §7.1; a fresh copy each call. */
    public byte[] emptyHash() {
        byte[] h = emptyHash;
        if (h == null) {
            h = digest(new byte[0]);
            emptyHash = h;
        }
        return h.clone();
    }
}
