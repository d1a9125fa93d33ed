package s2n.tls.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where ciphertext comes from: a channel or the application's receive callback. One contract for
 * both, in s2n's terms: bytes read, {@code 0} for "would block", {@code -1} for "closed".
 */
public interface Source {
    /**
     * Reads into {@code dst} (which has room).
     *
     * @return bytes read (&gt; 0), {@code 0} if none are available without blocking, {@code -1} at end of stream
     */
    int read(ByteBuffer dst) throws IOException;
}
