package s2n.tls.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import s2n.tls.RecvCallback;
import s2n.tls.SendCallback;

/**
 * One direction of an in-memory transport between two connections, driven through the public
 * callback API with the pipe as the context. {@link Behavior} makes the transport hostile: one
 * byte per call, "would block" before every successful call, partial writes.
 */
public final class MemoryPipe {
    /** How the pipe moves bytes. */
    public enum Behavior {
        /** Everything that fits, every call. */
        NORMAL,
        /** One byte per call, both directions. */
        ONE_BYTE,
        /** Every other call returns 0 ("would block") before doing any work. */
        WOULD_BLOCK_FIRST,
        /** Writes accept only part of what is offered (at most 7 bytes, or half); reads are normal. */
        PARTIAL_WRITES,
        /** All of the above at once. */
        HOSTILE
    }

    /** The one stateless receive callback every pipe uses: the context is the pipe. */
    public static final RecvCallback RECV = (ctx, dst) -> ((MemoryPipe) ctx).read(dst);
    /** The one stateless send callback every pipe uses. */
    public static final SendCallback SEND = (ctx, src) -> ((MemoryPipe) ctx).write(src);

    private final Behavior behavior;
    private byte[] data = new byte[64];
    private int head;
    private int tail;
    private boolean closed;
    private IOException failure;
    private boolean readBlockToggle;
    private boolean writeBlockToggle;
    private long reads;
    private long writes;
    private long bytesWritten;

    public MemoryPipe(Behavior behavior) {
        this.behavior = behavior;
    }

    public MemoryPipe() {
        this(Behavior.NORMAL);
    }

    public synchronized int read(ByteBuffer dst) throws IOException {
        reads++;
        if (failure != null) {
            throw failure;
        }
        if (blocks() && (readBlockToggle = !readBlockToggle)) {
            return 0;
        }
        int available = tail - head;
        if (available == 0) {
            return closed ? -1 : 0;
        }
        int n = Math.min(available, dst.remaining());
        if (behavior == Behavior.ONE_BYTE || behavior == Behavior.HOSTILE) {
            n = Math.min(n, 1);
        }
        dst.put(data, head, n);
        head += n;
        if (head == tail && data.length > 64) {
            // Idle pipes stay small: memory tests measure connections, not the test transport.
            data = new byte[64];
            head = 0;
            tail = 0;
        }
        return n;
    }

    public synchronized int write(ByteBuffer src) throws IOException {
        writes++;
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            return -1;
        }
        if (blocks() && (writeBlockToggle = !writeBlockToggle)) {
            return 0;
        }
        int n = src.remaining();
        if (behavior == Behavior.ONE_BYTE || behavior == Behavior.HOSTILE) {
            n = Math.min(n, 1);
        } else if (behavior == Behavior.PARTIAL_WRITES) {
            n = Math.max(1, Math.min(7, n / 2));
        }
        ensure(n);
        src.get(data, tail, n);
        tail += n;
        bytesWritten += n;
        return n;
    }

    private boolean blocks() {
        return behavior == Behavior.WOULD_BLOCK_FIRST || behavior == Behavior.HOSTILE;
    }

    private void ensure(int n) {
        if (tail + n > data.length) {
            int live = tail - head;
            if (live + n > data.length) {
                byte[] bigger = new byte[Math.max(data.length * 2, live + n)];
                System.arraycopy(data, head, bigger, 0, live);
                data = bigger;
            } else {
                System.arraycopy(data, head, data, 0, live);
            }
            head = 0;
            tail = live;
        }
    }

    /** Bytes written and not yet read. */
    public synchronized int buffered() {
        return tail - head;
    }

    /** Takes everything buffered, for tests that inspect or tamper with the bytes in flight. */
    public synchronized byte[] drain() {
        byte[] out = java.util.Arrays.copyOfRange(data, head, tail);
        head = tail;
        return out;
    }

    /** Puts bytes into the pipe as if the peer had written them. */
    public synchronized void inject(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, data, tail, bytes.length);
        tail += bytes.length;
    }

    /** The reader sees end of stream once the buffered bytes are read; writers see -1. */
    public synchronized void close() {
        closed = true;
    }

    /** Every later read and write throws {@code e}. */
    public synchronized void fail(IOException e) {
        failure = e;
    }

    public synchronized long writeCalls() {
        return writes;
    }

    public synchronized long readCalls() {
        return reads;
    }

    public synchronized long bytesWritten() {
        return bytesWritten;
    }
}
