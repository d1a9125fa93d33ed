package s2n.tls.internal.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.Cipher;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.IdleCiphers;
import s2n.tls.internal.io.Source;
import s2n.tls.internal.jfr.RecordStatisticsEvent;

/**
 * Reads records from a {@link Source} into one input buffer and opens them in place. Each call to
 * {@link #read} asks the source for as much as it has (one read per arrival where possible) and
 * returns as soon as one whole record is buffered; the rest stays for the next call.
 *
 * <p>The current record's plaintext is {@link #fragment()}, a view into the input buffer that the
 * caller consumes before calling {@code read} again. The buffer is allocated on first use, small
 * ({@link #INITIAL_CAPACITY}), grows once to the largest legal record when a record needs it, and
 * can be dropped when nothing is buffered ({@link #release()}); it is zeroed then, and the smaller
 * array when it grows, since they held plaintext.
 */
public final class RecordReader {
    /** {@link #read} found a record. */
    public static final int RECORD = 1;
    /** {@link #read} needs more bytes and the source has none now. */
    public static final int BLOCKED = 0;
    /** {@link #read} reached the end of the stream. */
    public static final int EOF = -1;

    /**
     * The input buffer's first size: a handshake's records and small application records fit, so a
     * connection that never receives a large record never holds a 16 KiB buffer; the first record
     * that does not fit grows it to {@link RecordLimits#MAX_RECORD}.
     */
    static final int INITIAL_CAPACITY = 4096 + RecordLimits.HEADER_LENGTH + 256;

    private byte[] array;
    private ByteBuffer buffer;
    private ByteBuffer fragment;
    private int start;
    private int end;
    private int contentType;
    // A cipher object given up by earlier keys, waiting for the next keys of this direction.
    private Cipher spareCipher;
    private RecordProtection protection = PlaintextProtection.TLS12;
    private long bytesIn;
    private boolean anyRecord;
    /** Bytes of rejected early data still to skip (RFC 8446 §4.2.10); 0 when not skipping. */
    private long skipBudget;
    private boolean openedProtected;
    private HeaderCheck headerCheck;
    private int directLength;

    /** What the reader's owner refuses from a record header in its current state (the handshake's rules). */
    @FunctionalInterface
    public interface HeaderCheck {
        void check(int contentType, int bodyLength) throws TlsException;
    }

    /** Installs (or, with null, removes) the owner's header check, run after the reader's own. */
    public void setHeaderCheck(HeaderCheck check) {
        this.headerCheck = check;
    }

    /**
     * Switches to new keys for the records that follow; the old protection is closed. Its JCA
     * cipher object passes to the new keys (handshake to application keys, KeyUpdate, and across
     * {@link #reset()} to the next connection's keys), so a connection builds one per direction.
     */
    public void setProtection(RecordProtection next) {
        RecordProtection old = protection;
        protection = next;
        if (old != next) {
            Cipher c = old.surrenderCipher();
            if (c != null) {
                spareCipher = c;
            }
            if (next.adoptCipher(spareCipher)) {
                spareCipher = null;
            }
            old.close();
        }
    }

    public RecordProtection protection() {
        return protection;
    }

    /**
     * Reads the next record, discarding whatever remains of the previous one.
     *
     * @return {@link #RECORD}, {@link #BLOCKED} or {@link #EOF}
     */
    public int read(Source source) throws IOException, TlsException {
        return read(source, null);
    }

    /**
     * {@link #read(Source)}, opening a protected application_data record straight into
     * {@code direct} at its position when {@code direct} is a heap buffer with room for the whole
     * record's plaintext ({@link RecordProtection#openedRoom}): no copy through the input buffer, and
     * the provider's out-of-place path. {@code direct}'s position then moves past the content and
     * {@link #directLength()} says how much; the bytes after it up to the room are overwritten. A TLS
     * 1.3 record that turns out to hold a handshake message or an alert is moved back into the
     * input buffer as {@link #fragment()}, and {@code direct} is left as it was (zeroed beyond its
     * position).
     */
    public int read(Source source, ByteBuffer direct) throws IOException, TlsException {
        if (buffer == null) {
            allocate();
        }
        fragment.limit(0);
        directLength = 0;
        if (start == end) {
            // Nothing buffered: the next record starts at the front, so it is never split across a compaction.
            start = 0;
            end = 0;
        }
        while (true) {
            int available = end - start;
            if (available >= RecordLimits.HEADER_LENGTH && skipBudget > 0
                    && (array[start] & 0xff) == ContentType.APPLICATION_DATA) {
                int skipped = skipRejectedRecord(available);
                if (skipped == SKIPPED) {
                    continue;
                }
                if (skipped == RECORD) {
                    return RECORD;
                }
                // Not all here yet: read more below.
            } else if (available >= RecordLimits.HEADER_LENGTH) {
                int bodyLength = checkHeader();
                int recordLength = RecordLimits.HEADER_LENGTH + bodyLength;
                if (available >= recordLength) {
                    openRecord(recordLength, direct);
                    if (contentType == ContentType.HANDSHAKE) {
                        // The second ClientHello after a HelloRetryRequest: no early data follows it.
                        skipBudget = 0;
                    }
                    return RECORD;
                }
            }
            if (end == array.length) {
                if (start > 0) {
                    compact();
                } else {
                    // Full, and one record does not fit (its header passed checkHeader, so it fits
                    // in MAX_RECORD): grow, once per connection at most.
                    grow();
                }
            }
            buffer.limit(array.length).position(end);
            int n = source.read(buffer);
            if (n > 0) {
                end += n;
                bytesIn += n;
            } else if (n == 0) {
                return BLOCKED;
            } else {
                return EOF;
            }
        }
    }

    private static final int SKIPPED = 2;

    /**
     * A server that rejected early data skips it (RFC 8446 §4.2.10): after a HelloRetryRequest
     * (plaintext expected) every application_data record; otherwise each record that does not
     * authenticate under the handshake keys. The first record that opens ends the skipping; more
     * than the budget is an unexpected_message.
     *
     * @return {@link #SKIPPED}, {@link #RECORD} (a record that opened), or {@link #BLOCKED} (incomplete)
     */
    private int skipRejectedRecord(int available) throws TlsException {
        int bodyLength = ((array[start + 3] & 0xff) << 8) | (array[start + 4] & 0xff);
        if (bodyLength > RecordLimits.MAX_CIPHERTEXT_TLS13) {
            throw ErrorCode.RECORD_OVERFLOW.exception("record of " + bodyLength + " bytes exceeds the limit of "
                    + RecordLimits.MAX_CIPHERTEXT_TLS13);
        }
        int recordLength = RecordLimits.HEADER_LENGTH + bodyLength;
        if (available < recordLength) {
            return BLOCKED;
        }
        if (!protection.isPlaintext()) {
            checkHeader();
            int recordStart = start;
            fragment.limit(recordStart + recordLength).position(recordStart);
            int type = protection.trialOpen(fragment);
            if (type >= 0) {
                anyRecord = true;
                openedProtected = true;
                start += recordLength;
                skipBudget = 0;
                if (!fragment.hasRemaining() && type != ContentType.APPLICATION_DATA) {
                    throw ErrorCode.UNEXPECTED_MESSAGE.exception("empty " + ContentType.name(type) + " record");
                }
                contentType = type;
                return RECORD;
            }
            fragment.limit(0);
            bodyLength = Math.max(0, bodyLength - protection.overhead());
        }
        start += recordLength;
        skipBudget -= bodyLength;
        if (skipBudget < 0) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("more rejected early data than the server skips");
        }
        return SKIPPED;
    }

    /**
     * Skips up to {@code bytes} of early data the server rejected (see {@link #skipRejectedRecord});
     * 0 stops skipping.
     */
    public void skipRejectedEarlyData(long bytes) {
        skipBudget = bytes;
    }

    private int checkHeader() throws TlsException {
        int type = array[start] & 0xff;
        int major = array[start + 1] & 0xff;
        int bodyLength = ((array[start + 3] & 0xff) << 8) | (array[start + 4] & 0xff);
        if (!ContentType.isKnown(type)) {
            if (!anyRecord && looksLikeHttp()) {
                throw ErrorCode.UNEXPECTED_MESSAGE.exception("peer does not speak TLS: it sent what looks like plain HTTP");
            }
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("unknown record type " + type);
        }
        if (major != 3) {
            throw ErrorCode.DECODE.exception(String.format("record header claims version 0x%02x%02x",
                    major, array[start + 2] & 0xff));
        }
        int max = type == ContentType.CHANGE_CIPHER_SPEC ? RecordLimits.MAX_PLAINTEXT : protection.maxBodyLength();
        if (bodyLength > max) {
            throw ErrorCode.RECORD_OVERFLOW.exception("record of " + bodyLength + " bytes exceeds the limit of " + max);
        }
        // From here on, what the header alone already condemns fails now, not after its body.
        if (bodyLength == 0 && type != ContentType.APPLICATION_DATA && type != ContentType.ALERT) {
            // RFC 8446 §5.1: no zero-length fragments of handshake or change_cipher_spec (an empty
            // alert is an alert of the wrong length: the protection's check says decode_error).
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("empty " + ContentType.name(type) + " record");
        }
        if (type == ContentType.CHANGE_CIPHER_SPEC) {
            // RFC 8446 §5, RFC 5246 §7.1: the one byte 01, never protected (we never renegotiate).
            if (bodyLength != 1) {
                throw ErrorCode.UNEXPECTED_MESSAGE.exception("malformed change_cipher_spec record of " + bodyLength + " bytes");
            }
        } else {
            if (type == ContentType.ALERT && openedProtected && protection instanceof Tls13Protection) {
                throw ErrorCode.UNEXPECTED_MESSAGE.exception("received an unprotected alert after keys were in use");
            }
            protection.checkHeader(type, bodyLength);
        }
        if (headerCheck != null) {
            headerCheck.check(type, bodyLength);
        }
        return bodyLength;
    }

    private boolean looksLikeHttp() {
        String head = new String(array, start, Math.min(4, end - start), java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.startsWith("GET ") || head.startsWith("POST") || head.startsWith("HEAD") || head.startsWith("PUT ")
                || head.startsWith("HTTP");
    }

    private void openRecord(int recordLength, ByteBuffer direct) throws TlsException {
        anyRecord = true;
        int recordStart = start;
        start += recordLength;
        fragment.limit(recordStart + recordLength).position(recordStart);
        int type = array[recordStart] & 0xff;
        int room = recordLength - RecordLimits.HEADER_LENGTH;
        if (direct != null && type == ContentType.APPLICATION_DATA && !protection.isPlaintext() && direct.hasArray()
                && (room = protection.openedRoom(room)) >= 0 && direct.remaining() >= room) {
            openInto(recordStart, room, direct);
            return;
        }
        if (type == ContentType.CHANGE_CIPHER_SPEC) {
            // Never protected, in either version (RFC 8446 §5, RFC 5246 §7.1).
            fragment.position(recordStart + RecordLimits.HEADER_LENGTH);
        } else {
            if (type == ContentType.ALERT && openedProtected && protection instanceof Tls13Protection) {
                // Tls13Protection reads a plaintext alert from a peer that never had keys; once the
                // peer has sent a protected record it has keys, and anyone can forge plaintext.
                throw ErrorCode.UNEXPECTED_MESSAGE.exception("received an unprotected alert after keys were in use");
            }
            type = protection.open(fragment);
            openedProtected |= !protection.isPlaintext();
        }
        if (RecordStatisticsEvent.counting()) {
            RecordStatisticsEvent.opened(fragment.remaining());
        }
        if (!fragment.hasRemaining() && type != ContentType.APPLICATION_DATA) {
            // RFC 8446 §5.1: no zero-length fragments of handshake, alert or change_cipher_spec.
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("empty " + ContentType.name(type) + " record");
        }
        contentType = type;
    }

    private void openInto(int recordStart, int room, ByteBuffer direct) throws TlsException {
        byte[] out = direct.array();
        int at = direct.arrayOffset() + direct.position();
        int opened;
        try {
            opened = protection.openInto(fragment, out, at);
        } catch (TlsException | RuntimeException e) {
            // Whatever the provider wrote before it refused the record is not the caller's.
            Arrays.fill(out, at, at + room, (byte) 0);
            throw e;
        }
        openedProtected = true;
        int type = opened & 0xff;
        int length = opened >>> 8;
        if (RecordStatisticsEvent.counting()) {
            RecordStatisticsEvent.opened(length);
        }
        contentType = type;
        if (type == ContentType.APPLICATION_DATA) {
            fragment.limit(0);
            directLength = length;
            Arrays.fill(out, at + length, at + room, (byte) 0);
            direct.position(direct.position() + length);
            return;
        }
        // A handshake message or an alert (TLS 1.3 hides the type inside): back into the input
        // buffer, where the record's ciphertext was, for the caller to read as usual.
        int bodyAt = recordStart + RecordLimits.HEADER_LENGTH;
        System.arraycopy(out, at, array, bodyAt, length);
        Arrays.fill(out, at, at + room, (byte) 0);
        fragment.limit(bodyAt + length).position(bodyAt);
        if (length == 0) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("empty " + ContentType.name(type) + " record");
        }
    }

    /** How many bytes of application data the last {@link #read(Source, ByteBuffer)} put straight into its buffer (0 if none). */
    public int directLength() {
        return directLength;
    }

    /** The content type of the record {@link #read} returned. */
    public int contentType() {
        return contentType;
    }

    /** The plaintext of the record {@link #read} returned; consume it by advancing its position. */
    public ByteBuffer fragment() {
        return fragment;
    }

    /** Whether any bytes are buffered: unread plaintext, or ciphertext of records not yet read. */
    public boolean hasBufferedData() {
        return buffer != null && (fragment.hasRemaining() || end > start);
    }

    /** Whether ciphertext of records not yet read is buffered. */
    public boolean hasBufferedRecords() {
        return buffer != null && end > start;
    }

    /** Total bytes received from the source. */
    public long bytesIn() {
        return bytesIn;
    }

    private void allocate() {
        array = new byte[INITIAL_CAPACITY];
        buffer = ByteBuffer.wrap(array);
        fragment = ByteBuffer.wrap(array);
        fragment.limit(0);
        start = 0;
        end = 0;
    }

    private void grow() {
        byte[] bigger = new byte[RecordLimits.MAX_RECORD];
        System.arraycopy(array, start, bigger, 0, end - start);
        Arrays.fill(array, (byte) 0);
        end -= start;
        start = 0;
        array = bigger;
        buffer = ByteBuffer.wrap(array);
        fragment = ByteBuffer.wrap(array);
        fragment.limit(0);
    }

    private void compact() {
        int unread = end - start;
        System.arraycopy(array, start, array, 0, unread);
        Arrays.fill(array, unread, end, (byte) 0);
        start = 0;
        end = unread;
    }

    /** Drops the input buffer (zeroed first). Only legal when {@link #hasBufferedData()} is false. */
    public void release() {
        if (hasBufferedData()) {
            throw new IllegalStateException("input buffer still holds data");
        }
        if (array != null) {
            Arrays.fill(array, (byte) 0);
        }
        array = null;
        buffer = null;
        fragment = null;
        start = 0;
        end = 0;
        protection.release();
        IdleCiphers.retire(spareCipher);
        spareCipher = null;
    }

    /** Whether the input buffer is currently allocated. */
    public boolean isAllocated() {
        return array != null;
    }

    /**
     * Forgets everything for a new connection: zeroes the buffer but keeps it, back to plaintext
     * protection, counters reset.
     */
    public void reset() {
        if (array != null) {
            Arrays.fill(array, (byte) 0);
            fragment.limit(0);
        }
        start = 0;
        end = 0;
        contentType = 0;
        setProtection(PlaintextProtection.TLS12);
        // The cipher waits for the next connection's keys, re-keyed with zeros meanwhile (wipe() zeroes
        // every secret, the JCA's copies included).
        spareCipher = IdleCiphers.purged(spareCipher);
        bytesIn = 0;
        anyRecord = false;
        openedProtected = false;
    }

    /** Closes the keys and drops the buffer, zeroed. */
    public void close() {
        protection.close();
        protection = PlaintextProtection.TLS12;
        openedProtected = false;
        IdleCiphers.retire(spareCipher);
        spareCipher = null;
        if (array != null) {
            Arrays.fill(array, (byte) 0);
        }
        array = null;
        buffer = null;
        fragment = null;
        start = 0;
        end = 0;
    }
}
