package s2n.tls.internal.record;

import java.nio.ByteBuffer;
import javax.crypto.Cipher;
import s2n.tls.TlsException;

/**
 * Protection for one direction of the record layer: plaintext before keys are agreed, then an
 * AEAD. Sealing writes a whole record (header and protected body); opening works in place.
 */
public abstract class RecordProtection implements AutoCloseable {

    /** Whether records pass unprotected (no keys yet). */
    public abstract boolean isPlaintext();

    /** The most bytes sealing adds to a fragment, beyond the 5-byte header. */
    public abstract int overhead();

    /** The largest record body the peer may send under this protection (RFC 8446 §5.2, RFC 5246 §6.2). */
    public abstract int maxBodyLength();

    /**
     * Appends one record carrying {@code fragment} (all of its remaining bytes, at most 2^14) to
     * {@code out}, which has room for it plus {@link #overhead()} and the header.
     */
    public abstract void seal(int contentType, ByteBuffer fragment, ByteBuffer out) throws TlsException;

    /**
     * Opens the record in {@code record} (position at its header, limit at its end) in place. On
     * return {@code record}'s position and limit frame the plaintext.
     *
     * @return the record's (inner) content type
     */
    public abstract int open(ByteBuffer record) throws TlsException;

    /**
     * The room {@link #openInto} needs for a record whose body is {@code bodyLength} bytes: its
     * content plus, in TLS 1.3, the inner content type and padding; -1 if this protection cannot
     * open into another buffer.
     */
    public int openedRoom(int bodyLength) {
        return -1;
    }

    /**
     * Opens the application_data record at {@code record}'s position (header already checked,
     * whole record present) into {@code out} from {@code outOffset}, which has
     * {@link #openedRoom} bytes of room, instead of in place; {@code record}'s position moves past
     * it. The bytes of {@code out} after the content (TLS 1.3's inner type and padding) are
     * overwritten too.
     *
     * @return the content length shifted left by 8, or'ed with the inner content type
     * @throws TlsException as {@link #open}
     */
    public int openInto(ByteBuffer record, byte[] out, int outOffset) throws TlsException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " opens in place only");
    }

    /**
     * Like {@link #open}, but a record that does not authenticate is reported as -1 and leaves the
     * protection as it was (its sequence number included): trial decryption of early data the
     * server rejected (RFC 8446 §4.2.10).
     */
    public int trialOpen(ByteBuffer record) throws TlsException {
        return open(record);
    }

    /**
     * Refuses, from its header alone, a record this protection could never open, so that the
     * reader fails at once instead of waiting for a body that cannot help (#16: a fatal input
     * never waits for more bytes). {@link #open} still checks everything.
     */
    public void checkHeader(int contentType, int bodyLength) throws TlsException {}

    /** Adds every secret array this protection holds (live references), for tests that check zeroing. */
    public void collectSecrets(java.util.List<byte[]> out) {}

    /** Drops what can be rebuilt from the keys (JCA cipher objects), for an idle connection. */
    public void release() {}

    /** Gives up the JCA cipher object, if any, for reuse by the protection that replaces this one. */
    public Cipher surrenderCipher() {
        return null;
    }

    /** Takes over {@code c} (a cipher given up by earlier keys) if it fits; returns whether it did. */
    public boolean adoptCipher(Cipher c) {
        return false;
    }

    /** Forgets the keys. */
    @Override
    public abstract void close();

    /** Writes a record header. */
    static void putHeader(ByteBuffer out, int type, int version, int length) {
        out.put((byte) type);
        out.putShort((short) version);
        out.putShort((short) length);
    }
}
