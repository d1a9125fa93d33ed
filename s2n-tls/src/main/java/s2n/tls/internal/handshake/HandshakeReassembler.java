package s2n.tls.internal.handshake;

import java.nio.ByteBuffer;
import java.util.Arrays;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.handshake.message.HandshakeCodes;

/**
 * Reassembles handshake messages from handshake records: a message may span several records, and
 * one record may carry several messages (RFC 8446 §5.1). Bounded: a message longer than the limit
 * is refused as soon as its 4-byte header is seen, before any of its body is buffered, so the
 * buffer never holds more than one record beyond the limit.
 */
public final class HandshakeReassembler {
    /**
     * The default largest handshake message we accept (s2n's S2N_MAXIMUM_HANDSHAKE_MESSAGE_LENGTH,
     * 64 KiB). Large enough for long certificate chains, small enough that a peer cannot make us
     * buffer much; {@code Config.Builder.maxHandshakeMessageSize} changes it.
     */
    public static final int MAX_MESSAGE_LENGTH = 64 * 1024;

    /** The largest limit a config may set: the uint24 length field cannot say more. */
    public static final int MAX_CONFIGURABLE_LENGTH = (1 << 24) - 1;

    private static final int HEADER = 4;
    private static final int INITIAL_CAPACITY = 1024;

    private final int maxMessageLength;
    private static final byte[] EMPTY = new byte[0];

    /** Allocated on the first message, dropped by {@link #release()}: idle connections keep none. */
    private byte[] buffer = EMPTY;
    private int length;

    /** A reassembler with the default limit, {@link #MAX_MESSAGE_LENGTH}. */
    HandshakeReassembler() {
        this(MAX_MESSAGE_LENGTH);
    }

    /** A reassembler that refuses messages whose body is longer than {@code maxMessageLength}. */
    HandshakeReassembler(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    /** The longest message body this reassembler accepts. */
    int maxMessageLength() {
        return maxMessageLength;
    }

    /** Appends the remaining bytes of a handshake record's fragment (consuming them). */
    void append(ByteBuffer fragment) throws TlsException {
        checkHeaders(fragment);
        int n = fragment.remaining();
        if (length + n > buffer.length) {
            byte[] bigger = Arrays.copyOf(buffer, Math.max(length + n, Math.min(Math.max(INITIAL_CAPACITY, buffer.length * 2), maxMessageLength + HEADER)));
            Arrays.fill(buffer, (byte) 0);
            buffer = bigger;
        }
        fragment.get(buffer, length, n);
        length += n;
    }

    /**
     * Checks the length of every message header that the buffered bytes plus {@code fragment}
     * complete, without consuming the fragment: a too-long message is refused before its bytes
     * are copied.
     */
    private void checkHeaders(ByteBuffer fragment) throws TlsException {
        int total = length + fragment.remaining();
        int at = 0;
        while (at + HEADER <= total) {
            int type = byteAt(at, fragment);
            int bodyLength = (byteAt(at + 1, fragment) << 16) | (byteAt(at + 2, fragment) << 8) | byteAt(at + 3, fragment);
            if (bodyLength > maxMessageLength) {
                throw ErrorCode.HANDSHAKE_TOO_LARGE.exception(HandshakeCodes.name(type) + " of " + bodyLength
                        + " bytes exceeds the limit of " + maxMessageLength);
            }
            at += HEADER + bodyLength;
        }
    }

    /** Byte {@code i} of the buffered bytes followed by {@code fragment}'s remaining bytes. */
    private int byteAt(int i, ByteBuffer fragment) {
        return (i < length ? buffer[i] : fragment.get(fragment.position() + i - length)) & 0xff;
    }

    /** The next complete message (header included), or null if none is complete yet. */
    byte[] next() {
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
        return message;
    }

    /**
     * The type of the first buffered message when its header is here but not all of its body;
     * -1 otherwise. Lets the handshake refuse an unexpected message before waiting for its bytes.
     */
    int incompleteMessageType() {
        if (length < HEADER) {
            return -1;
        }
        int bodyLength = ((buffer[1] & 0xff) << 16) | ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
        return length < HEADER + bodyLength ? buffer[0] & 0xff : -1;
    }

    /** Whether no partial or unprocessed message is buffered. */
    boolean isEmpty() {
        return length == 0;
    }

    /** The size of the reassembly buffer, for tests that check it stays bounded. */
    int capacity() {
        return buffer.length;
    }

    /** Zeroes and forgets what is buffered. */
    void wipe() {
        Arrays.fill(buffer, (byte) 0);
        length = 0;
    }

    /** Zeroes and drops the buffer (allocated again for the next message). */
    void release() {
        wipe();
        buffer = EMPTY;
    }
}
