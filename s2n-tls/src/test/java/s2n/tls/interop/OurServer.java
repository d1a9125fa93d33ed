package s2n.tls.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;

/**
 * Our server on a real socket: a {@link ServerSocketChannel} on 127.0.0.1, port chosen by the
 * kernel, that accepts one connection on a background thread and runs a test's session on a
 * server {@link Connection} over the blocking {@link SocketChannel}. The test meanwhile drives the
 * peer process, then collects the connection (or its failure) with {@link #awaitConnection()}.
 *
 * <pre>{@code
 * try (OurServer server = OurServer.start(config, conn -> {
 *         conn.negotiate();
 *         ...
 *     })) {
 *     // start "openssl s_client -connect 127.0.0.1:" + server.port()
 *     Connection conn = server.awaitConnection();   // the session's exception, if it threw
 * }
 * }</pre>
 */
final class OurServer implements AutoCloseable {
    /** 127.0.0.1 itself (not "localhost", which may resolve to ::1): every interop socket binds or connects here. */
    static final InetAddress LOOPBACK = ipv4Loopback();

    /** What the server does with the accepted connection (negotiate, exchange data, shut down). */
    interface Session {
        void run(Connection connection) throws Exception;
    }

    private final ServerSocketChannel listener;
    private final ExecutorService thread;
    private final Future<Connection> result;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private volatile SocketChannel accepted;

    private OurServer(Config config, Session session, int count) throws IOException {
        this.listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(LOOPBACK, 0), 1);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "our-server-" + port());
            t.setDaemon(true);
            return t;
        });
        this.result = thread.submit(() -> {
            Connection last = null;
            for (int i = 0; i < count; i++) {
                try (SocketChannel channel = listener.accept()) {
                    accepted = channel;
                    Connection conn = new Connection(Mode.SERVER).setConfig(config).setChannel(channel);
                    connections.add(conn);
                    session.run(conn);
                    last = conn;
                }
            }
            return last;
        });
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Listens on 127.0.0.1 and runs {@code session} on the first connection accepted. */
    static OurServer start(Config config, Session session) throws IOException {
        return new OurServer(config, session, 1);
    }

    /**
     * Listens on 127.0.0.1 and runs {@code session} on {@code count} connections, one after the
     * other, on the same port (a resuming client finds its session by host and port);
     * {@link #awaitConnection()} then waits for the last, {@link #connections()} lists them all.
     */
    static OurServer start(Config config, Session session, int count) throws IOException {
        return new OurServer(config, session, count);
    }

    /** The connections accepted so far, in order. */
    List<Connection> connections() {
        return connections;
    }

    /** The port the listener is bound to, for the peer's command line. */
    int port() {
        return ((InetSocketAddress) listenerAddress()).getPort();
    }

    private SocketAddress listenerAddress() {
        try {
            return listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("listener closed", e);
        }
    }

    /**
     * Waits for the session to end and returns its connection, or throws what the session threw
     * (a {@link s2n.tls.TlsException}, an {@link AssertionError}) unchanged, so a test can assert on it.
     */
    Connection awaitConnection() throws Exception {
        try {
            return result.get(PeerProcess.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("our server's session did not finish within "
                    + PeerProcess.TIMEOUT.toSeconds() + " s", e);
        }
    }

    /**
     * Closes the listener and the accepted socket (unblocking the session thread), waits for the
     * thread to end, then closes the connection (wiping its secrets). An interrupt while waiting
     * is kept by setting the flag again rather than thrown: a close() that throws
     * InterruptedException in try-with-resources is what javac's -Xlint:try warns about.
     */
    @Override
    public void close() throws IOException {
        try {
            listener.close();
            SocketChannel c = accepted;
            if (c != null) {
                c.close();
            }
        } finally {
            thread.shutdownNow();
            try {
                thread.awaitTermination(PeerProcess.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Connection conn : connections) {
                conn.close();
            }
        }
    }
}
