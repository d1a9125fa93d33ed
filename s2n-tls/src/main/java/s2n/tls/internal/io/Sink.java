package s2n.tls.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where ciphertext goes: a channel or the application's send callback. */
public interface Sink {
    /**
     * Writes from {@code src} (which has bytes remaining).
     *
     * @return bytes taken (&gt; 0), {@code 0} if none could be taken without blocking, {@code -1} if the
     *     transport is closed
     */
    int write(ByteBuffer src) throws IOException;
}
