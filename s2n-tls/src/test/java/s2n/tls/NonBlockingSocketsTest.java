package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.TestPki;

/**
 * 500 concurrent TLS connections over non-blocking loopback sockets: one selector thread serves
 * them all, one selector thread drives all the clients; every one handshakes and echoes. The
 * connections are driven only by their blocked status, as the Javadoc of negotiate() shows.
 */
class NonBlockingSocketsTest {
    private static final int CONNECTIONS = 500;

    @Test
    void fiveHundredConnectionsOneSelectorThreadEachSide() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        Config serverConfig = ChannelIoTest.serverConfig(cert, SecurityPolicy.named("default"));
        Config clientConfig = ChannelIoTest.clientConfig(pki);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger served = new AtomicInteger();
        AtomicInteger echoed = new AtomicInteger();

        try (ServerSocketChannel listener = ServerSocketChannel.open(); Selector serverSelector = Selector.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0), CONNECTIONS);
            listener.configureBlocking(false);
            listener.register(serverSelector, SelectionKey.OP_ACCEPT);
            // Two threads of our own: the common pool may have a single worker on a 2-core machine.
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                CompletableFuture<Void> server = CompletableFuture.runAsync(
                        () -> serve(listener, serverSelector, serverConfig, served, errors), threads);
                CompletableFuture<Void> clients = CompletableFuture.runAsync(
                        () -> runClients(listener, clientConfig, echoed, errors), threads);
                clients.get(120, TimeUnit.SECONDS);
                server.get(120, TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }
        }
        assertTrue(errors.isEmpty(), () -> "failures: " + errors);
        assertEquals(CONNECTIONS, echoed.get());
        assertEquals(CONNECTIONS, served.get());
    }

    /** One connection's state, attached to its selection key. */
    private static final class Peer {
        final Connection conn;
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(256);
        boolean handshakeDone;
        boolean closing;

        Peer(Connection conn, SocketChannel channel, ByteBuffer out) {
            this.conn = conn;
            this.channel = channel;
            this.out = out;
        }
    }

    private static void serve(ServerSocketChannel listener, Selector selector, Config config, AtomicInteger served,
            ConcurrentLinkedQueue<Throwable> errors) {
        try {
            while (served.get() < CONNECTIONS && errors.isEmpty()) {
                selector.select(1000);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isAcceptable()) {
                        SocketChannel ch;
                        while ((ch = listener.accept()) != null) {
                            ch.configureBlocking(false);
                            Connection c = new Connection(Mode.SERVER).setConfig(config);
                            c.setChannel(ch);
                            Peer p = new Peer(c, ch, ByteBuffer.allocate(256));
                            p.out.flip();
                            driveServer(ch.register(selector, SelectionKey.OP_READ, p), served);
                        }
                    } else {
                        driveServer(key, served);
                    }
                }
            }
        } catch (Throwable t) {
            errors.add(t);
        }
    }

    /** Handshake, then echo until the client's close_notify, then shut down. */
    private static void driveServer(SelectionKey key, AtomicInteger served) throws IOException {
        Peer p = (Peer) key.attachment();
        if (!p.handshakeDone) {
            Blocked b = p.conn.negotiate();
            if (b != Blocked.NOT_BLOCKED) {
                wait(key, b);
                return;
            }
            p.handshakeDone = true;
        }
        while (true) {
            if (p.closing) {
                Blocked b = p.conn.shutdown();
                if (b != Blocked.NOT_BLOCKED) {
                    wait(key, b);
                    return;
                }
                served.incrementAndGet();
                p.conn.close();
                key.cancel();
                p.channel.close();
                return;
            }
            if (p.out.hasRemaining()) {
                p.conn.send(p.out);
                if (p.out.hasRemaining()) {
                    wait(key, p.conn.blocked());
                    return;
                }
            }
            p.in.clear();
            int n = p.conn.recv(p.in);
            if (n < 0) {
                p.closing = true;
            } else if (n == 0) {
                wait(key, p.conn.blocked());
                return;
            } else {
                p.in.flip();
                p.out.clear();
                p.out.put(p.in).flip();
            }
        }
    }

    private static void runClients(ServerSocketChannel listener, Config config, AtomicInteger echoed,
            ConcurrentLinkedQueue<Throwable> errors) {
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < CONNECTIONS; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.connect(listener.getLocalAddress());
                Connection c = new Connection(Mode.CLIENT).setConfig(config).setServerName("localhost");
                c.setChannel(ch);
                byte[] message = ("hello from client " + i).getBytes(StandardCharsets.US_ASCII);
                ch.register(selector, SelectionKey.OP_CONNECT, new Peer(c, ch, ByteBuffer.wrap(message)));
            }
            int finished = 0;
            while (finished < CONNECTIONS && errors.isEmpty()) {
                selector.select(1000);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Peer p = (Peer) key.attachment();
                    if (key.isConnectable() && !p.channel.finishConnect()) {
                        continue;
                    }
                    if (driveClient(key, p)) {
                        finished++;
                        echoed.incrementAndGet();
                    }
                }
            }
        } catch (Throwable t) {
            errors.add(t);
        }
    }

    /** Handshake, send the message, read the echo, shut down. Returns true when this client is done. */
    private static boolean driveClient(SelectionKey key, Peer p) throws IOException {
        if (!p.handshakeDone) {
            Blocked b = p.conn.negotiate();
            if (b != Blocked.NOT_BLOCKED) {
                wait(key, b);
                return false;
            }
            p.handshakeDone = true;
        }
        if (p.out.hasRemaining()) {
            p.conn.send(p.out);
            if (p.out.hasRemaining()) {
                wait(key, p.conn.blocked());
                return false;
            }
        }
        while (!p.closing && p.in.position() < p.out.limit()) {
            if (p.conn.recv(p.in) == 0) {
                wait(key, p.conn.blocked());
                return false;
            }
        }
        if (!p.closing) {
            String sent = new String(p.out.array(), 0, p.out.limit(), StandardCharsets.US_ASCII);
            String back = new String(p.in.array(), 0, p.in.position(), StandardCharsets.US_ASCII);
            if (!sent.equals(back)) {
                throw new AssertionError("sent " + sent + ", echoed " + back);
            }
            p.closing = true;
        }
        Blocked b = p.conn.shutdown();
        if (b != Blocked.NOT_BLOCKED) {
            wait(key, b);
            return false;
        }
        p.conn.close();
        key.cancel();
        p.channel.close();
        return true;
    }

    private static void wait(SelectionKey key, Blocked b) {
        key.interestOps(b == Blocked.ON_WRITE ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }
}
