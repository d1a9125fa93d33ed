package s2n.tls.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import s2n.tls.Blocked;

/**
 * {@code s2nd --non-blocking}: every connection on one thread. Sockets are non-blocking and
 * registered with one {@link Selector}; each session runs until its connection reports
 * {@link Blocked#ON_READ} or {@link Blocked#ON_WRITE}, and the selector wakes it when its socket
 * becomes readable or writable. This is how s2n's connection model is meant to be driven at scale:
 * the sessions share one receive buffer (they run one at a time), free their handshake state when
 * it is done, and give back their record buffers while idle, so a held connection costs the
 * connection object, its socket and its selection key (see docs/performance.md, many connections).
 */
final class SelectorServer extends Server {
    private volatile Selector selector;
    /** Where every session receives (they run one at a time on this thread). */
    private final ByteBuffer received = ByteBuffer.allocate(ServerSession.RECEIVE_BUFFER);
    private int liveSessions;

    SelectorServer(ServerSocketChannel listener, ServeSettings settings) {
        super(listener, settings);
    }

    @Override
    void serve() throws IOException {
        Selector sel = Selector.open();
        selector = sel;
        try {
            if (isClosed()) {
                return;
            }
            listener.configureBlocking(false);
            SelectionKey acceptKey = listener.register(sel, SelectionKey.OP_ACCEPT);
            int accepted = 0;
            while (!isClosed() && (acceptKey.isValid() || liveSessions > 0)) {
                sel.select();
                Iterator<SelectionKey> ready = sel.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key == acceptKey) {
                        accepted = acceptReady(sel, accepted);
                        if (settings.limitReached(accepted)) {
                            acceptKey.cancel();
                            listener.close();
                        }
                    } else {
                        advance(key);
                    }
                }
            }
        } catch (ClosedChannelException e) {
            if (!isClosed()) {
                throw e;
            }
        } finally {
            for (SelectionKey key : sel.keys()) {
                if (key.attachment() instanceof ServerSession) {
                    ((ServerSession) key.attachment()).close();
                }
            }
            sel.close();
        }
    }

    /** Accepts every client waiting in the backlog (up to the limit) and starts its handshake. */
    private int acceptReady(Selector sel, int accepted) throws IOException {
        SocketChannel channel;
        while (!settings.limitReached(accepted) && (channel = listener.accept()) != null) {
            accepted++;
            ServerSession session;
            try {
                channel.configureBlocking(false);
                session = new ServerSession(channel, settings, received, true);
            } catch (IOException | RuntimeException e) {
                // The client hung up between accept and now; the others go on.
                settings.reportFailure(ServerSession.describe(null), e);
                channel.close();
                continue;
            }
            SelectionKey key = channel.register(sel, 0, session);
            liveSessions++;
            advance(key);
        }
        return accepted;
    }

    /** Runs one session as far as its socket allows, then waits for what it is blocked on. */
    private void advance(SelectionKey key) {
        ServerSession session = (ServerSession) key.attachment();
        try {
            Blocked b = session.advance();
            switch (b) {
                case NOT_BLOCKED:
                    finish(key, session);
                    break;
                case ON_READ:
                    key.interestOps(SelectionKey.OP_READ);
                    break;
                case ON_WRITE:
                    key.interestOps(SelectionKey.OP_WRITE);
                    break;
                default:
                    // No callback of ours ever makes a connection wait for the application.
                    throw new IllegalStateException("the connection is blocked " + b + ", which s2nd never asks for");
            }
        } catch (Exception e) {
            settings.reportFailure(session.peer(), e);
            finish(key, session);
        }
    }

    private void finish(SelectionKey key, ServerSession session) {
        key.cancel();
        session.close();
        liveSessions--;
    }

    /** Stops serving; the selecting thread wakes up, closes every connection and returns. */
    @Override
    public void close() throws IOException {
        super.close();
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
    }
}
