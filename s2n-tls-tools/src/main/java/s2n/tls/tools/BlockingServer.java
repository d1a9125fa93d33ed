package s2n.tls.tools;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import s2n.tls.Blocked;

/**
 * {@code s2nd} over blocking sockets: each connection's whole conversation is one
 * {@link ServerSession#advance()} call, run on the accepting thread (one client at a time, s2n's
 * default) or on a thread of its own ({@code --parallelize}).
 */
final class BlockingServer extends Server {
    private final boolean threadPerConnection;
    /** Sessions in progress, so {@link #close()} can end them by closing their sockets. */
    private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    BlockingServer(ServerSocketChannel listener, ServeSettings settings, boolean threadPerConnection) {
        super(listener, settings);
        this.threadPerConnection = threadPerConnection;
    }

    @Override
    void serve() throws IOException {
        int accepted = 0;
        try {
            while (!settings.limitReached(accepted)) {
                SocketChannel channel;
                try {
                    channel = listener.accept();
                } catch (ClosedChannelException e) {
                    if (isClosed()) {
                        return;
                    }
                    throw e;
                }
                accepted++;
                if (threadPerConnection) {
                    Thread thread = new Thread(() -> {
                        try {
                            run(channel);
                        } finally {
                            threads.remove(Thread.currentThread());
                        }
                    }, "s2nd-connection-" + accepted);
                    threads.add(thread);
                    thread.start();
                } else {
                    run(channel);
                }
            }
            // The limit is reached: refuse further clients instead of leaving them in the backlog.
            listener.close();
        } finally {
            awaitThreads();
        }
    }

    private void run(SocketChannel channel) {
        ServerSession session;
        try {
            session = new ServerSession(channel, settings);
        } catch (RuntimeException e) {
            // The client hung up between accept and now (the channel no longer has an address).
            settings.reportFailure(ServerSession.describe(null), e);
            closeQuietly(channel);
            return;
        }
        sessions.add(session);
        try {
            if (isClosed()) {
                return;
            }
            Blocked b = session.advance();
            if (b != Blocked.NOT_BLOCKED) {
                throw new IllegalStateException("a blocking socket left the session " + b);
            }
        } catch (Exception e) {
            if (!isClosed()) {
                settings.reportFailure(session.peer(), e);
            }
        } finally {
            sessions.remove(session);
            session.close();
        }
    }

    private void awaitThreads() {
        for (Thread thread : List.copyOf(threads)) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops accepting and ends every session by closing its socket under it; each session's own
     * thread then sees the closed channel, frees its connection and exits.
     */
    @Override
    public void close() throws IOException {
        super.close();
        for (ServerSession session : sessions) {
            closeQuietly(session.channel());
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Already broken: closing it is all we wanted.
        }
    }
}
