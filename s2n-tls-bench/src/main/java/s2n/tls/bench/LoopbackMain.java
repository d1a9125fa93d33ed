package s2n.tls.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;

/**
 * TLS over loopback sockets (issue #7 item 5), one library at both ends (the pair users would
 * deploy), blocking IO, a thread per connection on the server:
 *
 * <pre>
 * java -cp benchmarks.jar s2n.tls.bench.LoopbackMain s2n handshakes 4 10   # 4 clients, 10 s
 * java -cp benchmarks.jar s2n.tls.bench.LoopbackMain jdk throughput 1 256  # 1 connection, 256 MiB
 * </pre>
 *
 * {@code handshakes}: each client connects, completes a full handshake (ECDSA P-256, secp256r1,
 * TLS_AES_128_GCM_SHA256), sends close_notify and closes, in a loop; the server reads to the
 * close_notify. Prints handshakes per second over all clients. {@code throughput}: one connection
 * carries the given MiB client to server in 16 KiB writes; prints MB/s. Only 127.0.0.1 is used,
 * on a port the system picks; every thread and socket is gone when it returns. Client and server
 * share the machine's cores, so the figures are for the pair.
 */
public final class LoopbackMain {
    private static final int WRITE = 16 * 1024;

    private LoopbackMain() {}

    public static void main(String[] args) throws Exception {
        Library library = Library.of(args[0]);
        boolean handshakes = args[1].equals("handshakes");
        int clients = Integer.parseInt(args[2]);
        long amount = Long.parseLong(args[3]);
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        Scenario scenario = Scenario.handshake(TlsVersion.TLS13, "secp256r1", pki.keyType());
        Side side = library == Library.S2N ? new OurSide(scenario, pki) : new JdkSide(scenario, pki);
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            int port = side.startServer(pool);
            if (handshakes) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(amount);
                AtomicLong done = new AtomicLong();
                List<Future<?>> running = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < clients; i++) {
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            side.connect(port, 0);
                            done.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get(amount + 60, TimeUnit.SECONDS);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "loopback library=%s mode=handshakes clients=%d perSecond=%.1f%n",
                        args[0], clients, done.get() / seconds);
            } else {
                long bytes = amount * 1024 * 1024;
                long start = System.nanoTime();
                pool.submit(() -> {
                    side.connect(port, bytes);
                    return null;
                }).get(600, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "loopback library=%s mode=throughput megabytesPerSecond=%.1f%n",
                        args[0], bytes / seconds / 1e6);
            }
        } finally {
            side.stopServer();
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** One library's server and client. */
    private interface Side {
        /** Starts accepting on 127.0.0.1; returns the port. */
        int startServer(ExecutorService pool) throws IOException;

        /** One connection: handshake, {@code bytes} sent to the server, close_notify, close. */
        void connect(int port, long bytes) throws Exception;

        void stopServer() throws IOException;
    }

    private static final class OurSide implements Side {
        private final Config clientConfig;
        private final Config serverConfig;
        private ServerSocketChannel listener;

        OurSide(Scenario scenario, BenchPki pki) {
            S2nPair template = new S2nPair(scenario, pki);
            this.clientConfig = template.clientConfig();
            this.serverConfig = template.serverConfig();
        }

        @Override
        public int startServer(ExecutorService pool) throws IOException {
            listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            pool.submit(() -> {
                while (listener.isOpen()) {
                    SocketChannel ch = listener.accept();
                    pool.submit(() -> serve(ch));
                }
                return null;
            });
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        }

        private Void serve(SocketChannel ch) throws IOException {
            try (ch; Connection c = new Connection(Mode.SERVER)) {
                c.setConfig(serverConfig).setChannel(ch);
                c.negotiate();
                ByteBuffer buf = ByteBuffer.allocate(WRITE);
                while (c.recv(buf) >= 0) {
                    buf.clear();
                }
            }
            return null;
        }

        @Override
        public void connect(int port, long bytes) throws Exception {
            try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    Connection c = new Connection(Mode.CLIENT)) {
                c.setConfig(clientConfig).setServerName(BenchPki.HOST).setChannel(ch);
                c.negotiate();
                ByteBuffer data = ByteBuffer.allocate(WRITE);
                for (long sent = 0; sent < bytes; sent += WRITE) {
                    data.clear();
                    c.send(data);
                }
                c.shutdown(); // close_notify, then wait for the server's: all data has arrived
            }
        }

        @Override
        public void stopServer() throws IOException {
            listener.close();
        }
    }

    private static final class JdkSide implements Side {
        private final EnginePair contexts;
        private SSLServerSocket listener;

        JdkSide(Scenario scenario, BenchPki pki) throws Exception {
            this.contexts = EnginePair.jdk(scenario, pki);
        }

        @Override
        public int startServer(ExecutorService pool) throws IOException {
            listener = (SSLServerSocket) contexts.serverContext().getServerSocketFactory()
                    .createServerSocket(0, 128, InetAddress.getLoopbackAddress());
            listener.setSSLParameters(contexts.jdkParameters(listener.getSSLParameters(), false));
            pool.submit(() -> {
                while (!listener.isClosed()) {
                    SSLSocket s = (SSLSocket) listener.accept();
                    pool.submit(() -> serve(s));
                }
                return null;
            });
            return listener.getLocalPort();
        }

        private Void serve(SSLSocket s) throws IOException {
            try (s) {
                s.startHandshake();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[WRITE];
                while (in.read(buf) >= 0) {
                    // discard
                }
            }
            return null;
        }

        @Override
        public void connect(int port, long bytes) throws Exception {
            try (SSLSocket s = (SSLSocket) contexts.clientContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), port)) {
                s.setSSLParameters(contexts.jdkParameters(s.getSSLParameters(), true));
                s.startHandshake();
                OutputStream out = s.getOutputStream();
                byte[] data = new byte[WRITE];
                for (long sent = 0; sent < bytes; sent += WRITE) {
                    out.write(data);
                }
                out.flush();
                // No resumption: every loopback handshake is a full one, as on our side.
                s.getSession().invalidate();
                s.shutdownOutput(); // close_notify
                s.getInputStream().read(); // the server's close_notify (or end of stream): all data arrived
            }
        }

        @Override
        public void stopServer() throws IOException {
            listener.close();
        }
    }
}
