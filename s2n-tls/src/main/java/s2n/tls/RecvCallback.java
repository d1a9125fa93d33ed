package s2n.tls;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads ciphertext for a {@link Connection} from wherever the application keeps it
 * (s2n's {@code s2n_recv_fn}). One stateless instance can serve every connection: the per-connection
 * state arrives as {@code context} (see {@link Connection#setRecvContext(Object)}).
 *
 * <pre>{@code
 * RecvCallback fromQueue = (ctx, dst) -> ((MyPeer) ctx).readInto(dst);
 * }</pre>
 */
@FunctionalInterface
public interface RecvCallback {
    /**
     * Moves up to {@code dst.remaining()} bytes into {@code dst}, advancing its position.
     *
     * @return the number of bytes read (fewer than asked is fine); {@code 0} if none are available
     *     yet (the connection then reports {@link Blocked#ON_READ}); {@code -1} if the transport is
     *     closed
     * @throws IOException if the transport failed; the connection fails with type {@code IO}
     */
    int recv(Object context, ByteBuffer dst) throws IOException;
}
