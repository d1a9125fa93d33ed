package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The record_size_limit extension (RFC 8449 §4): the largest record plaintext a peer is willing
 * to receive. In TLS 1.3 the limit counts the content type byte and padding as well.
 *
 * <pre>
 * uint16 RecordSizeLimit;
 * </pre>
 *
 * <p>Values below 64 parse but are illegal (RFC 8449 §4: {@code illegal_parameter}); negotiation
 * judges that.
 */
public final class RecordSizeLimitExtension {
    /** RFC 8449 §4: "Endpoints MUST NOT send a "record_size_limit" extension with a value smaller than 64." */
    public static final int MIN_RECORD_SIZE_LIMIT = 64;

    private RecordSizeLimitExtension() {
    }

    /** The extension data for {@code limit} (64..65535). */
    public static byte[] encode(int limit) {
        if (limit < MIN_RECORD_SIZE_LIMIT || limit > 0xffff) {
            throw new IllegalArgumentException("record_size_limit must be 64..65535: " + limit);
        }
        return new Writer(2).writeUint16(limit).toByteArray();
    }

    /** The peer's limit, as sent. */
    public static int decode(byte[] data) {
        Reader r = new Reader(data);
        int limit = r.readUint16();
        r.expectEnd("record_size_limit");
        return limit;
    }
}
