package s2n.tls.internal.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.Cipher;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.IdleCiphers;
import s2n.tls.internal.io.Sink;
import s2n.tls.internal.jfr.RecordStatisticsEvent;

/**
 * Protects records straight into one output buffer and flushes it to a {@link Sink}. A whole
 * handshake flight accumulates before the flush, so it leaves in one write call; application
 * data is sealed a record at a time. The buffer is allocated on first use, small
 * ({@link #INITIAL_CAPACITY}), grows to one full record when a record or flight needs it, and may be
 * dropped when empty ({@link #release()}).
 */
public final class RecordWriter {
    /**
     * The output buffer's first size: a client's flights, an ECDSA server's flight and small
     * records fit; anything larger grows it to {@link #ONE_RECORD} at least.
     */
    static final int INITIAL_CAPACITY = 4096 + 256;
    /** Room for one full record of either version; a buffer grown past it (a large flight) is dropped once flushed. */
    private static final int ONE_RECORD = RecordLimits.MAX_RECORD;

    private byte[] array;
    private ByteBuffer buffer;
    private ByteBuffer flushView;
    private int flushed;
    // A cipher object given up by earlier keys, waiting for the next keys of this direction.
    private Cipher spareCipher;
    private RecordProtection protection = PlaintextProtection.INITIAL;
    private int maxFragment = RecordLimits.MAX_PLAINTEXT;
    private long bytesOut;

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

    /** The largest fragment this writer puts in one record. */
    public int maxFragment() {
        return maxFragment;
    }

    public void setMaxFragment(int maxFragment) {
        if (maxFragment < 64 || maxFragment > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("fragment length must lie in [64, 16384]: " + maxFragment);
        }
        this.maxFragment = maxFragment;
    }

    /** The bytes a record with {@code n} plaintext bytes occupies on the wire. */
    public int recordSize(int n) {
        return RecordLimits.HEADER_LENGTH + n + protection.overhead();
    }

    /** Seals all of {@code data} into records of type {@code contentType}, appended to the buffer. */
    public void write(int contentType, ByteBuffer data) throws TlsException {
        // change_cipher_spec is never protected, in either version (RFC 8446 §5, RFC 5246 §7.1).
        RecordProtection p = contentType == ContentType.CHANGE_CIPHER_SPEC ? PlaintextProtection.TLS12 : protection;
        do {
            int n = Math.min(data.remaining(), maxFragment);
            ensureRoom(RecordLimits.HEADER_LENGTH + n + p.overhead());
            int limit = data.limit();
            data.limit(data.position() + n);
            p.seal(contentType, data, buffer);
            data.limit(limit);
            if (RecordStatisticsEvent.counting()) {
                RecordStatisticsEvent.sealed(n);
            }
        } while (data.hasRemaining());
    }

    /** Seals one record from at most {@code max} bytes of {@code data}; returns how many bytes it took. */
    public int writeOne(int contentType, ByteBuffer data, int max) throws TlsException {
        int n = Math.min(Math.min(data.remaining(), max), maxFragment);
        ensureRoom(recordSize(n));
        int limit = data.limit();
        data.limit(data.position() + n);
        protection.seal(contentType, data, buffer);
        data.limit(limit);
        if (RecordStatisticsEvent.counting()) {
            RecordStatisticsEvent.sealed(n);
        }
        return n;
    }

    private void ensureRoom(int n) {
        if (buffer == null) {
            array = new byte[n <= INITIAL_CAPACITY ? INITIAL_CAPACITY : Math.max(ONE_RECORD, n)];
            buffer = ByteBuffer.wrap(array);
            flushView = ByteBuffer.wrap(array);
            return;
        }
        if (buffer.remaining() < n) {
            // A large record, or a handshake flight larger than one record: grow (our own bytes, so
            // bounded by what we send), to one full record at least so that it happens once.
            int size = Math.max(ONE_RECORD, Math.max(array.length * 2, buffer.position() + n));
            byte[] bigger = Arrays.copyOf(array, size);
            int position = buffer.position();
            array = bigger;
            buffer = ByteBuffer.wrap(array);
            buffer.position(position);
            flushView = ByteBuffer.wrap(array);
        }
    }

    /** Whether sealed bytes are waiting to be written. */
    public boolean hasPending() {
        return buffer != null && buffer.position() > flushed;
    }

    /** How many sealed bytes are waiting to be written. */
    public int pendingBytes() {
        return buffer == null ? 0 : buffer.position() - flushed;
    }

    /**
     * Writes pending bytes until none are left or the sink would block.
     *
     * @return true if everything was written
     * @throws TlsException {@code CLOSED} if the sink reports the transport closed
     * @throws IOException if the sink failed
     */
    public boolean flush(Sink sink) throws IOException, TlsException {
        while (hasPending()) {
            flushView.limit(buffer.position()).position(flushed);
            int n = sink.write(flushView);
            if (n > 0) {
                flushed += n;
                bytesOut += n;
            } else if (n == 0) {
                return false;
            } else {
                throw ErrorCode.CLOSED.exception("the peer closed the connection; "
                        + pendingBytes() + " bytes could not be sent");
            }
        }
        if (buffer != null) {
            buffer.clear();
            flushed = 0;
            if (array.length > ONE_RECORD) {
                // Shrink back after a large handshake flight.
                dropBuffer();
            }
        }
        return true;
    }

    /** Total bytes written to the sink. */
    public long bytesOut() {
        return bytesOut;
    }

    /** Whether the output buffer is currently allocated. */
    public boolean isAllocated() {
        return array != null;
    }

    /** Drops the (empty) output buffer and the cipher objects, for an idle connection. */
    public void release() {
        dropBuffer();
        protection.release();
        IdleCiphers.retire(spareCipher);
        spareCipher = null;
    }

    private void dropBuffer() {
        if (hasPending()) {
            throw new IllegalStateException("output buffer still holds unsent records");
        }
        if (array != null) {
            Arrays.fill(array, (byte) 0);
        }
        array = null;
        buffer = null;
        flushView = null;
        flushed = 0;
    }

    /** Forgets everything for a new connection, keeping the (zeroed) buffer. */
    public void reset() {
        if (array != null) {
            Arrays.fill(array, (byte) 0);
            buffer.clear();
        }
        flushed = 0;
        setProtection(PlaintextProtection.INITIAL);
        // The cipher waits for the next connection's keys, re-keyed with zeros meanwhile (wipe() zeroes
        // every secret, the JCA's copies included).
        spareCipher = IdleCiphers.purged(spareCipher);
        maxFragment = RecordLimits.MAX_PLAINTEXT;
        bytesOut = 0;
    }

    /** Closes the keys and drops the buffer. */
    public void close() {
        protection.close();
        protection = PlaintextProtection.INITIAL;
        IdleCiphers.retire(spareCipher);
        spareCipher = null;
        if (array != null) {
            Arrays.fill(array, (byte) 0);
        }
        array = null;
        buffer = null;
        flushView = null;
        flushed = 0;
    }
}
