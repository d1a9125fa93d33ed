package s2n.tls.internal.handshake;

import java.nio.ByteBuffer;
import java.util.Arrays;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * One handshake's TLS 1.3 early data (RFC 8446 §4.2.10). On a server: the early data received
 * while it is accepted and not yet read by the application, held in one array that is zeroed
 * whenever it is handed on, outgrown or dropped (it is the application's plaintext). On a client:
 * how much more early data may be written while the handshake allows it.
 */
final class EarlyData {
    private static final byte[] NONE = new byte[0];
    /** The buffer's first size: most early data is one request. */
    private static final int INITIAL_CAPACITY = 1024;

    /** Server: application_data records are early data now (between ClientHello and EndOfEarlyData). */
    private boolean reading;
    /** Client: early data may be written now (after the ClientHello, before EndOfEarlyData). */
    private boolean writing;
    /** Server: how much more early data the client may send; client: how much more it may send. */
    private long remaining;
    private byte[] buffer = NONE;
    /** Server: bytes received into {@link #buffer}. */
    private int size;
    /** Server: how far the application has read into {@link #buffer}. */
    private int read;

    /** Server: application_data records from now until {@link #end} are early data, up to {@code limit} bytes. */
    void accept(long limit) {
        drop();
        reading = true;
        remaining = limit;
    }

    /** Client: early data may be written from now, up to {@code limit} bytes, until {@link #end}. */
    void allowWrites(long limit) {
        writing = true;
        remaining = limit;
    }

    /** EndOfEarlyData (or the handshake's end): no more early data is read or written. */
    void end() {
        reading = false;
        writing = false;
    }

    /** Server: whether application_data records are early data now. */
    boolean isReading() {
        return reading;
    }

    /** Client: whether early data may be written now (before the handshake completes). */
    boolean isWriting() {
        return writing;
    }

    /**
     * Server: keeps one early data record's plaintext for the application.
     *
     * @throws TlsException unexpected_message when it is more than the client may send (RFC 8446 §4.2.10)
     */
    void take(ByteBuffer fragment) throws TlsException {
        int n = fragment.remaining();
        if (n > remaining) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("the client sent more early data than the "
                    + (size + remaining) + " bytes it may");
        }
        ensureRoom(n);
        fragment.get(buffer, size, n);
        size += n;
        remaining -= n;
    }

    private void ensureRoom(int n) {
        if (buffer.length - size >= n) {
            return;
        }
        // size + n <= the accepted limit, which the server's own config bounds.
        int capacity = Math.max(INITIAL_CAPACITY, Math.max(size + n, 2 * buffer.length));
        byte[] bigger = Arrays.copyOf(buffer, capacity);
        Arrays.fill(buffer, (byte) 0);
        buffer = bigger;
    }

    /** Server: early data received and not yet read. */
    int available() {
        return size - read;
    }

    /** Server: copies what {@code dst} takes of the early data not yet read; returns how much. */
    int read(ByteBuffer dst) {
        int n = Math.min(available(), dst.remaining());
        dst.put(buffer, read, n);
        read += n;
        return n;
    }

    /** Server: the early data not yet read, handed over (a copy; ours is zeroed); empty if none. */
    byte[] takeUnread() {
        if (available() == 0) {
            return NONE;
        }
        byte[] rest = Arrays.copyOfRange(buffer, read, size);
        drop();
        return rest;
    }

    /** Client: how much more early data may be written. */
    long writable() {
        return writing ? remaining : 0;
    }

    /**
     * How much more early data this handshake carries: a server's accepted limit less what came, a
     * client's ticket limit less what it wrote; 0 when early data was not offered, not accepted, or
     * has ended.
     */
    long remaining() {
        return reading || writing ? remaining : 0;
    }

    /** Client: {@code n} bytes of early data were written. */
    void wrote(int n) {
        remaining -= n;
    }

    private void drop() {
        Arrays.fill(buffer, 0, size, (byte) 0);
        buffer = NONE;
        size = 0;
        read = 0;
    }

    /** Zeroes and drops what was received; the allowances stay as they are. */
    void close() {
        drop();
    }

    /** The buffer as it is now, for tests that check it is zeroed. */
    byte[] bufferForTest() {
        return buffer;
    }
}
