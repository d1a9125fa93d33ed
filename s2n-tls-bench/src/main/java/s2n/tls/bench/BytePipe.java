package s2n.tls.bench;

import java.nio.ByteBuffer;
import s2n.tls.RecvCallback;
import s2n.tls.SendCallback;

/**
 * One direction of an in-memory transport, for single-threaded benchmarks: what one side writes,
 * the other reads. Unsynchronised and allocation-free once grown, so the transport costs a copy
 * and nothing else.
 *
 * <p>Used through s2n-tls-java's public callback API with the pipe as the context
 * ({@link #RECV}, {@link #SEND}), and directly by the SSLEngine drivers. For the memory
 * measurements a pipe can drop its array whenever it is drained ({@code shrinkWhenEmpty}) and
 * reports what it retains ({@link #retainedBytes()}), so the transport can be subtracted.
 */
public final class BytePipe {
    /** The receive callback every pipe shares: the context is the pipe. */
    public static final RecvCallback RECV = (ctx, dst) -> ((BytePipe) ctx).read(dst);
    /** The send callback every pipe shares. */
    public static final SendCallback SEND = (ctx, src) -> ((BytePipe) ctx).write(src);

    private static final byte[] EMPTY = new byte[0];
    /** Object header + fields of a pipe, rounded up (64-bit JVM, compressed oops). */
    private static final int SHALLOW_SIZE = 32;
    /** Array header. */
    private static final int ARRAY_HEADER = 16;

    private final boolean shrinkWhenEmpty;
    private byte[] data;
    private int head;
    private int tail;

    /**
     * @param initialCapacity bytes to allocate now (0 to allocate on first write)
     * @param shrinkWhenEmpty drop the array whenever everything was read (memory measurements)
     */
    public BytePipe(int initialCapacity, boolean shrinkWhenEmpty) {
        this.data = initialCapacity == 0 ? EMPTY : new byte[initialCapacity];
        this.shrinkWhenEmpty = shrinkWhenEmpty;
    }

    /** Moves as much as fits into {@code dst}; 0 when empty ("would block"). */
    public int read(ByteBuffer dst) {
        int n = Math.min(tail - head, dst.remaining());
        if (n == 0) {
            return 0;
        }
        dst.put(data, head, n);
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
            if (shrinkWhenEmpty) {
                data = EMPTY;
            }
        }
        return n;
    }

    /** Takes everything in {@code src}; never blocks. */
    public int write(ByteBuffer src) {
        int n = src.remaining();
        ensure(n);
        src.get(data, tail, n);
        tail += n;
        return n;
    }

    /** Bytes written and not yet read. */
    public int available() {
        return tail - head;
    }

    /** Forgets anything buffered. */
    public void clear() {
        head = 0;
        tail = 0;
        if (shrinkWhenEmpty) {
            data = EMPTY;
        }
    }

    /** The heap this pipe holds: itself and its array (the shared empty array counts as nothing). */
    public long retainedBytes() {
        return SHALLOW_SIZE + (data == EMPTY ? 0 : align(ARRAY_HEADER + data.length));
    }

    private void ensure(int n) {
        if (tail + n <= data.length) {
            return;
        }
        int live = tail - head;
        if (live + n <= data.length) {
            System.arraycopy(data, head, data, 0, live);
        } else {
            byte[] bigger = new byte[Math.max(Math.max(64, data.length * 2), live + n)];
            System.arraycopy(data, head, bigger, 0, live);
            data = bigger;
        }
        head = 0;
        tail = live;
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }
}
