package s2n.tls.internal.handshake;

import java.nio.ByteBuffer;
import java.util.Arrays;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.handshake.message.HandshakeCodes;

/**
 * Reassembles handshake messages from handshake records: a message may span several records, and
 * one record may carry several messages (RFC 8446 §5.1). Bounded: a message longer than
 * {@link #MAX_MESSAGE_LENGTH} is refused before any of it is buffered.
 */
final class HandshakeReassembler {
    /**
     * The largest handshake message we accept (s2n's S2N_MAXIMUM_HANDSHAKE_MESSAGE_LENGTH). Large
     * enough for long certificate chains, small enough that a peer cannot make us buffer much.
     */
    static final int MAX_MESSAGE_LENGTH = 64 * 1024;

    private static final int HEADER = 4;

    private static final byte[] EMPTY = new byte[0];

    private byte[] buffer = EMPTY;
    private int length;

    /** Appends the remaining bytes of a handshake record's fragment (consuming them). */
    void append(ByteBuffer fragment) throws TlsException {
        int n = fragment.remaining();
        if (length + n > buffer.length) {
            int need = length + n;
            if (need > MAX_MESSAGE_LENGTH + HEADER + 2 * (1 << 14)) {
                throw ErrorCode.HANDSHAKE_TOO_LARGE.exception("too much unprocessed handshake data");
            }
            byte[] bigger = Arrays.copyOf(buffer, Math.max(need, Math.max(1024, buffer.length * 2)));
            Arrays.fill(buffer, (byte) 0);
            buffer = bigger;
        }
        fragment.get(buffer, length, n);
        length += n;
        checkHeader();
    }

    private void checkHeader() throws TlsException {
        if (length >= HEADER) {
            int bodyLength = ((buffer[1] & 0xff) << 16) | ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
            if (bodyLength > MAX_MESSAGE_LENGTH) {
                throw ErrorCode.HANDSHAKE_TOO_LARGE.exception(HandshakeCodes.name(buffer[0] & 0xff) + " of "
                        + bodyLength + " bytes exceeds the limit of " + MAX_MESSAGE_LENGTH);
            }
        }
    }

    /** The next complete message (header included), or null if none is complete yet. */
    byte[] next() throws TlsException {
        if (length < HEADER) {
            return null;
        }
        int bodyLength = ((buffer[1] & 0xff) << 16) | ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
        int total = HEADER + bodyLength;
        if (length < total) {
            return null;
        }
        byte[] message = Arrays.copyOf(buffer, total);
        System.arraycopy(buffer, total, buffer, 0, length - total);
        Arrays.fill(buffer, length - total, length, (byte) 0);
        length -= total;
        checkHeader();
        return message;
    }

    /** Whether no partial or unprocessed message is buffered. */
    boolean isEmpty() {
        return length == 0;
    }

    /** Zeroes and forgets what is buffered. */
    void wipe() {
        Arrays.fill(buffer, (byte) 0);
        length = 0;
    }

    /** Zeroes and drops the buffer (allocated again on the next message). */
    void release() {
        wipe();
        buffer = EMPTY;
    }
}
