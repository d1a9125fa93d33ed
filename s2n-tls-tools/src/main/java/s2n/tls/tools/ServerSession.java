package s2n.tls.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import s2n.tls.Blocked;
import s2n.tls.Connection;
import s2n.tls.Mode;

/**
 * One client of {@code s2nd}, from handshake to close: negotiate, print what was negotiated, let
 * a {@link Responder} answer what arrives, shut down. It is written as a resumable state machine
 * driven by {@link Blocked}, so the same code serves a blocking channel (one {@link #advance()}
 * call runs the whole conversation) and a non-blocking one (each call goes as far as the channel
 * allows and says what to wait for).
 *
 * <p>A session that {@code releasesWhenIdle} (the selector's) frees its handshake state once the
 * handshake is done ({@code Connection.freeHandshake()}) and gives back its record buffers
 * whenever it waits for the client with nothing buffered ({@code releaseBuffers()}), so an idle
 * connection costs little; its receive buffer is the server's, shared by every session.
 */
final class ServerSession implements AutoCloseable {
    /** Bytes read per {@code recv}: one maximum-size TLS record's plaintext (RFC 8446 §5.1). */
    static final int RECEIVE_BUFFER = 16 * 1024;

    private enum Phase { HANDSHAKE, DATA, SHUTDOWN, DONE }

    private final SocketChannel channel;
    private final Connection conn;
    private final ServeSettings settings;
    private final String peer;
    private final ByteBuffer received;
    private final boolean releasesWhenIdle;
    private ByteBuffer toSend = ByteBuffer.allocate(0);
    private Responder responder;
    private Phase phase = Phase.HANDSHAKE;

    /** A session over {@code channel}, which is connected and in the blocking mode the server wants. */
    ServerSession(SocketChannel channel, ServeSettings settings) {
        this(channel, settings, ByteBuffer.allocate(RECEIVE_BUFFER), false);
    }

    /**
     * A session that receives into {@code received} (which only this thread's sessions share) and,
     * if {@code releasesWhenIdle}, frees what it holds between messages.
     */
    ServerSession(SocketChannel channel, ServeSettings settings, ByteBuffer received, boolean releasesWhenIdle) {
        this.channel = channel;
        this.received = received;
        this.releasesWhenIdle = releasesWhenIdle;
        this.settings = settings;
        this.peer = describe(remoteAddress(channel));
        this.conn = new Connection(Mode.SERVER).setConfig(settings.config()).setChannel(channel);
        if (settings.corkedIo()) {
            conn.useCorkedIo();
        }
    }

    /** The client's address as {@code host:port}, for messages. */
    String peer() {
        return peer;
    }

    SocketChannel channel() {
        return channel;
    }

    /**
     * Moves the conversation as far as the channel allows.
     *
     * @return {@link Blocked#NOT_BLOCKED} once the session is over (the channel may be closed),
     *     else what the channel must become ready for before the next call
     * @throws IOException if the handshake or the connection failed
     */
    Blocked advance() throws IOException {
        while (true) {
            switch (phase) {
                case HANDSHAKE: {
                    Blocked b = conn.negotiate();
                    if (b != Blocked.NOT_BLOCKED) {
                        return b;
                    }
                    List<String> info = ConnectionInfo.lines(conn);
                    settings.printConnectionInfo(ConnectionInfo.block(conn));
                    responder = settings.www() ? new WwwPage(info) : Responder.echo();
                    if (releasesWhenIdle) {
                        conn.freeHandshake();
                    }
                    phase = Phase.DATA;
                    break;
                }
                case DATA: {
                    if (toSend.hasRemaining()) {
                        conn.send(toSend);
                        if (toSend.hasRemaining()) {
                            // send() stopped early: only a full non-blocking channel does that.
                            return waitingFor(conn.blocked());
                        }
                    }
                    if (responder.finished()) {
                        phase = Phase.SHUTDOWN;
                        break;
                    }
                    received.clear();
                    int n = conn.recv(received);
                    if (n < 0) {
                        phase = Phase.SHUTDOWN; // the client's close_notify: nothing more will come
                        break;
                    }
                    if (n == 0) {
                        Blocked b = waitingFor(conn.blocked());
                        if (releasesWhenIdle && b == Blocked.ON_READ) {
                            releaseIdleBuffers();
                        }
                        return b;
                    }
                    received.flip();
                    toSend = responder.received(received);
                    break;
                }
                case SHUTDOWN: {
                    Blocked b = conn.shutdown();
                    if (b != Blocked.NOT_BLOCKED) {
                        return b;
                    }
                    phase = Phase.DONE;
                    return Blocked.NOT_BLOCKED;
                }
                default:
                    return Blocked.NOT_BLOCKED;
            }
        }
    }

    /**
     * Gives the record buffers back while the client is quiet. A record that arrived in part stays
     * buffered ({@code releaseBuffers()} refuses then), and the buffers go at the next quiet moment.
     */
    private void releaseIdleBuffers() {
        try {
            conn.releaseBuffers();
        } catch (IllegalStateException partialRecord) {
            // The rest of the record is on its way; keep the buffers until it has been read.
        }
    }

    /** Whether the session ran to its graceful end. */
    boolean isDone() {
        return phase == Phase.DONE;
    }

    /** Frees the connection (wiping its secrets) and closes the socket. */
    @Override
    public void close() {
        conn.close();
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a socket the client already dropped can fail; there is nothing left to do with it.
        }
    }

    private static Blocked waitingFor(Blocked b) {
        if (b == Blocked.NOT_BLOCKED) {
            throw new IllegalStateException("the connection returned early without being blocked");
        }
        return b;
    }

    private static SocketAddress remoteAddress(SocketChannel channel) {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code 127.0.0.1:40123} or {@code [::1]:40123}. */
    static String describe(SocketAddress address) {
        if (!(address instanceof InetSocketAddress)) {
            return String.valueOf(address);
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
}
