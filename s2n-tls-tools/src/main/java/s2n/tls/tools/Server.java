package s2n.tls.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * The listening side of {@code s2nd}: accepts clients and runs a {@link ServerSession} for each,
 * one at a time (s2n's default), a thread each ({@code --parallelize}), or all on one thread with
 * a selector ({@code --non-blocking}).
 *
 * <pre>{@code
 * try (Server server = Server.open(new InetSocketAddress("127.0.0.1", 0), Server.Threading.ONE_AT_A_TIME, settings)) {
 *     System.out.println("listening on " + server.address());
 *     server.serve();                        // until close() or the connection limit
 * }
 * }</pre>
 */
abstract class Server implements AutoCloseable {
    /** How connections are spread over threads. */
    enum Threading {
        /** One connection at a time on the serving thread, as s2n's s2nd does by default. */
        ONE_AT_A_TIME,
        /** A thread per connection ({@code --parallelize}). */
        THREAD_PER_CONNECTION,
        /** Every connection on the serving thread, multiplexed by a selector ({@code --non-blocking}). */
        SELECTOR
    }

    final ServerSocketChannel listener;
    final ServeSettings settings;
    private volatile boolean closed;

    Server(ServerSocketChannel listener, ServeSettings settings) {
        this.listener = listener;
        this.settings = settings;
    }

    /**
     * Binds {@code address} (port 0 picks a free port) and returns a server ready to {@link #serve()}.
     *
     * @throws IOException if the address cannot be bound
     */
    static Server open(InetSocketAddress address, Threading threading, ServeSettings settings) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(address);
            return threading == Threading.SELECTOR
                    ? new SelectorServer(listener, settings)
                    : new BlockingServer(listener, settings, threading == Threading.THREAD_PER_CONNECTION);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** The bound address, with the real port when port 0 was asked for. */
    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    /**
     * Serves clients until {@link #close()} is called from another thread, or until the connection
     * limit is reached and those connections are over. A failed connection is reported and does
     * not stop the server.
     *
     * @throws IOException if accepting fails for a reason other than {@link #close()}
     */
    abstract void serve() throws IOException;

    /** Stops serving: closes the listening socket and every open connection. */
    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }

    boolean isClosed() {
        return closed;
    }
}
