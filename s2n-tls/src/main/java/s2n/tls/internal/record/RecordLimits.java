package s2n.tls.internal.record;

/** Record sizes, RFC 8446 §5.1-5.2 and RFC 5246 §6.2. */
public final class RecordLimits {
    /** Every record starts with type(1) legacy_version(2) length(2). */
    public static final int HEADER_LENGTH = 5;

    /** RFC 8446 §5.1: TLSPlaintext.length MUST NOT exceed 2^14 bytes. */
    public static final int MAX_PLAINTEXT = 1 << 14;

    /** RFC 8446 §5.2: TLSCiphertext.length MUST NOT exceed 2^14 + 256 bytes. */
    public static final int MAX_CIPHERTEXT_TLS13 = MAX_PLAINTEXT + 256;

    /** RFC 5246 §6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048 bytes. */
    public static final int MAX_CIPHERTEXT_TLS12 = MAX_PLAINTEXT + 2048;

    /** The largest record either version allows, header included: the input buffer's size. */
    public static final int MAX_RECORD = HEADER_LENGTH + MAX_CIPHERTEXT_TLS12;

    private RecordLimits() {}
}
