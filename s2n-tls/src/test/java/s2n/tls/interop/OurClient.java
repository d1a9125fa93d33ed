package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import s2n.tls.Blocked;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.TlsException;

/**
 * Our client on a real socket: a blocking {@link SocketChannel} to 127.0.0.1 with a client
 * {@link Connection} over it (the way an application uses the library), plus the data helpers
 * the interop tests share for either side of a connection.
 *
 * <pre>{@code
 * try (OurClient client = OurClient.connect(port, config, "localhost")) {
 *     client.connection().negotiate();
 *     OurClient.sendAll(client.connection(), OurClient.payload(1, 40_000));
 * }
 * }</pre>
 */
final class OurClient implements AutoCloseable {
    private final SocketChannel channel;
    private final Connection connection;

    private OurClient(SocketChannel channel, Connection connection) {
        this.channel = channel;
        this.connection = connection;
    }

    /** Connects to 127.0.0.1:{@code port}; the handshake is left to the test. */
    static OurClient connect(int port, Config config, String serverName) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(OurServer.LOOPBACK, port));
        Connection connection = new Connection(Mode.CLIENT).setConfig(config).setChannel(channel);
        if (serverName != null) {
            connection.setServerName(serverName);
        }
        return new OurClient(channel, connection);
    }

    Connection connection() {
        return connection;
    }

    /** Negotiates over the blocking channel: one call must finish the handshake. */
    Connection handshake() throws TlsException {
        assertEquals(Blocked.NOT_BLOCKED, connection.negotiate());
        return connection;
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } finally {
            channel.close();
        }
    }

    // ---------------------------------------------------------------- data helpers for both sides

    /**
     * {@code size} bytes of numbered lines, digits and dashes only: openssl s_server and s_client
     * read some stdin lines starting with a letter (Q, q, P, S, K, R, ...) as commands.
     */
    static String payload(int tag, int size) {
        StringBuilder sb = new StringBuilder(size + 80);
        for (int line = 0; sb.length() < size; line++) {
            sb.append(String.format("%06d-%d-", line, tag));
            while (sb.length() % 64 != 63) {
                sb.append((char) ('0' + sb.length() % 10));
            }
            sb.append('\n');
        }
        sb.setLength(size - 1);
        return sb.append('\n').toString();
    }

    /** Sends all of {@code text} (ASCII) over a blocking connection. */
    static void sendAll(Connection connection, String text) throws TlsException {
        ByteBuffer src = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (src.hasRemaining()) {
            connection.send(src);
        }
    }

    /** Receives exactly {@code length} bytes as text; fails if the peer closes first. */
    static String readExactly(Connection connection, int length) throws TlsException {
        ByteBuffer dst = ByteBuffer.allocate(length);
        while (dst.hasRemaining()) {
            int n = connection.recv(dst);
            assertTrue(n > 0, "recv returned " + n + " after " + dst.position() + " of " + length + " bytes");
        }
        return new String(dst.array(), StandardCharsets.US_ASCII);
    }

    /** Receives until the peer's close_notify and returns everything that arrived before it. */
    static String readUntilClosed(Connection connection) throws TlsException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer dst = ByteBuffer.allocate(16 * 1024);
        int n;
        while ((n = connection.recv(dst)) >= 0) {
            assertTrue(n > 0, "blocking recv returned 0");
            sb.append(new String(dst.array(), 0, n, StandardCharsets.US_ASCII));
            dst.clear();
        }
        return sb.toString();
    }
}
