package s2n.tls.examples;

import java.util.ArrayDeque;
import java.util.Deque;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;

/**
 * Example: reuse connections instead of allocating one per handshake, as the "Connection Reuse"
 * section of the s2n usage guide recommends. {@code wipe()} zeroes every secret and forgets the
 * peer but keeps the buffers, so the next handshake allocates little.
 *
 * <pre>{@code
 * ConnectionPool pool = new ConnectionPool(Mode.SERVER, serverConfig, 64);
 * Connection conn = pool.take();
 * conn.setChannel(socket);
 * ... negotiate, recv, send, shutdown ...
 * pool.give(conn);          // wiped and kept, or closed if the pool is full
 * }</pre>
 */
public final class ConnectionPool {
    private final Mode mode;
    private final Config config;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private int created;

    public ConnectionPool(Mode mode, Config config, int maxIdle) {
        this.mode = mode;
        this.config = config;
        this.maxIdle = maxIdle;
    }

    /** A wiped connection from the pool, or a new one. The config is set; the transport is not. */
    public synchronized Connection take() {
        Connection c = idle.pollFirst();
        if (c == null) {
            c = new Connection(mode);
            created++;
        }
        return c.setConfig(config);
    }

    /** Returns a connection after use: wiped (secrets zeroed, buffers kept) and kept for the next taker. */
    public synchronized void give(Connection c) {
        if (idle.size() < maxIdle) {
            c.wipe();
            idle.addFirst(c);
        } else {
            c.close();
        }
    }

    /** How many Connection objects this pool ever allocated. */
    public synchronized int created() {
        return created;
    }
}
