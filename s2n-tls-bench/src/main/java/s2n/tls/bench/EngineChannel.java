package s2n.tls.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * An {@link SSLEngine} over a non-blocking {@link SocketChannel}, driven from a selector thread,
 * as lean as SSLEngine's API allows: the packet and application buffers are the thread's
 * ({@link Buffers}, shared by every connection it drives), and a connection keeps bytes of its own
 * only while a record has arrived in part or a flight could not be written whole. This is the
 * best case for the JDK's engine in {@link ManyConnectionsMain}: what an idle connection keeps is
 * the engine, the socket and the selection key.
 */
final class EngineChannel {
    /** Buffers one selector thread lends to all its connections; sized for any TLS record. */
    static final class Buffers {
        final ByteBuffer netIn = ByteBuffer.allocate(2 * 18 * 1024);
        final ByteBuffer appIn = ByteBuffer.allocate(2 * 18 * 1024);
        final ByteBuffer netOut = ByteBuffer.allocate(2 * 18 * 1024);
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final SocketChannel channel;
    private final Buffers buffers;
    private ByteBuffer pendingIn;
    private ByteBuffer pendingOut;
    private boolean handshakeDone;
    private long applicationBytes;

    EngineChannel(SSLEngine engine, SocketChannel channel, Buffers buffers) {
        this.engine = engine;
        this.channel = channel;
        this.buffers = buffers;
    }

    SSLEngine engine() {
        return engine;
    }

    SocketChannel channel() {
        return channel;
    }

    /** Whether the handshake has completed (the engine stopped handshaking once). */
    boolean handshakeDone() {
        return handshakeDone;
    }

    /** Application bytes received; an idle connection of the harness never receives any. */
    long applicationBytes() {
        return applicationBytes;
    }

    /**
     * Runs the engine as far as the socket allows: the handshake, then whatever arrives after it
     * (a NewSessionTicket, a close_notify).
     *
     * @return the selection interest to wait for ({@link SelectionKey#OP_READ} or
     *     {@link SelectionKey#OP_WRITE}), or -1 once the peer closed the connection
     */
    int advance() throws IOException {
        while (true) {
            if (pendingOut != null) {
                channel.write(pendingOut);
                if (pendingOut.hasRemaining()) {
                    return SelectionKey.OP_WRITE;
                }
                pendingOut = null;
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                if (!wrap()) {
                    return -1;
                }
            } else {
                if (hs == HandshakeStatus.NOT_HANDSHAKING) {
                    handshakeDone = true;
                }
                int read = read();
                if (read <= 0) {
                    return read < 0 ? -1 : SelectionKey.OP_READ;
                }
            }
        }
    }

    /** Wraps one flight; what the socket does not take is kept. False once the engine closed. */
    private boolean wrap() throws IOException {
        ByteBuffer out = buffers.netOut;
        out.clear();
        SSLEngineResult r = engine.wrap(EMPTY, out);
        out.flip();
        channel.write(out);
        if (out.hasRemaining()) {
            pendingOut = ByteBuffer.allocate(out.remaining()).put(out).flip();
        }
        return r.getStatus() != Status.CLOSED || pendingOut != null;
    }

    /**
     * Reads what the socket has and unwraps every whole record of it.
     *
     * @return the bytes read (0: nothing arrived and nothing was left to unwrap), -1 at end of stream
     */
    private int read() throws IOException {
        ByteBuffer in = buffers.netIn;
        in.clear();
        boolean hadPending = pendingIn != null;
        if (hadPending) {
            in.put(pendingIn);
            pendingIn = null;
        }
        int n = channel.read(in);
        if (n < 0) {
            return -1;
        }
        in.flip();
        if (n == 0 && !hadPending) {
            return 0;
        }
        boolean progress = false;
        while (in.hasRemaining()) {
            ByteBuffer app = buffers.appIn;
            app.clear();
            SSLEngineResult r = engine.unwrap(in, app);
            applicationBytes += r.bytesProduced();
            if (r.getStatus() == Status.CLOSED) {
                return -1;
            }
            if (r.getStatus() == Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0) {
                break;
            }
            progress = true;
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK || r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                break;
            }
        }
        if (in.hasRemaining()) {
            pendingIn = ByteBuffer.allocate(in.remaining()).put(in).flip();
        }
        // A partial record alone is no progress: wait for the rest rather than spin.
        return progress ? Math.max(n, 1) : 0;
    }

    /** Closes the socket; the engine needs no more than that for a connection being dropped. */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // The peer may have gone already; nothing is left to release.
        }
    }
}
