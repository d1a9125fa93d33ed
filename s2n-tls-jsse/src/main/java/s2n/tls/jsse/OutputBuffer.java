package s2n.tls.jsse;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The engine's ciphertext on its way out: the connection's send callback appends to it (always all
 * of it, so the core never blocks on write and nothing is lost), {@code wrap} moves it into the
 * application's buffer. Ciphertext only: no secret or plaintext ever passes through here.
 */
final class OutputBuffer {
    private byte[] bytes = new byte[0];
    private int start;
    private int end;

    int pending() {
        return end - start;
    }

    /** The send callback: takes everything in {@code src}. */
    int append(ByteBuffer src) {
        int n = src.remaining();
        if (end + n > bytes.length) {
            if (pending() + n <= bytes.length && start > 0) {
                System.arraycopy(bytes, start, bytes, 0, pending());
            } else {
                bytes = Arrays.copyOfRange(bytes, start, Math.max(start + (bytes.length - start) * 2, end + n));
                // copyOfRange made the array start at the old start
            }
            end -= start;
            start = 0;
        }
        src.get(bytes, end, n);
        end += n;
        return n;
    }

    /** Puts {@code head} before everything pending. */
    void prepend(byte[] head) {
        byte[] joined = new byte[head.length + pending()];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(bytes, start, joined, head.length, pending());
        bytes = joined;
        start = 0;
        end = joined.length;
    }

    /** Moves as much as fits into {@code dst}; returns how many bytes. */
    int drainTo(ByteBuffer dst) {
        int n = Math.min(pending(), dst.remaining());
        dst.put(bytes, start, n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
            if (bytes.length > 64 * 1024) {
                bytes = new byte[0]; // a large handshake flight need not stay allocated
            }
        }
        return n;
    }
}
