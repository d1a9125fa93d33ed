package s2n.tls;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes a {@link Connection}'s ciphertext wherever the application wants it (s2n's
 * {@code s2n_send_fn}). One stateless instance can serve every connection: the per-connection
 * state arrives as {@code context} (see {@link Connection#setSendContext(Object)}).
 */
@FunctionalInterface
public interface SendCallback {
    /**
     * Moves up to {@code src.remaining()} bytes out of {@code src}, advancing its position.
     *
     * @return the number of bytes taken (fewer than offered is fine); {@code 0} if none can be
     *     taken now (the connection then reports {@link Blocked#ON_WRITE}); {@code -1} if the
     *     transport is closed
     * @throws IOException if the transport failed; the connection fails with type {@code IO}
     */
    int send(Object context, ByteBuffer src) throws IOException;
}
