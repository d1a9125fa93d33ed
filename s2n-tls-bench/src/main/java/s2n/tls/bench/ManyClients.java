package s2n.tls.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import s2n.tls.Blocked;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;

/**
 * The client child of {@link ManyConnectionsMain}: opens {@code count} TLS 1.3 connections to one
 * server from one thread with a selector, at most {@code concurrency} handshaking at a time, each
 * bound to the next source address of 127.0.0.2 … 127.0.0.{@code sources + 1}, and holds them idle
 * (s2n: after {@code freeHandshake()} and {@code releaseBuffers()}). Driven over standard input:
 *
 * <pre>
 * ready                      ← it has its configs; the parent takes the baseline heap
 * go                         → opens and handshakes
 * held N tls13 M failed F    ← every handshake is over; latencies are in LATENCY_FILE
 * check                      → counts connections the server has not closed
 * open K unexpected B        ← (B: application bytes received, 0 for idle connections)
 * close                      → closes them all and exits (so does end of input)
 * </pre>
 *
 * The latency file has one line per handshake: nanoseconds from {@code go} to its completion, and
 * microseconds from its connect to its completion, in completion order.
 */
public final class ManyClients {
    /**
     * The first source address's last byte. Not 127.0.0.1: a held connection keeps its local port
     * taken on its address, and servers that other programs start meanwhile on 127.0.0.1 (on a port
     * they chose themselves) then still find it free. A wildcard listener can still collide.
     */
    static final int FIRST_SOURCE = 2;
    private final boolean s2n;
    private final InetSocketAddress server;
    private final int count;
    private final int sources;
    private final int concurrency;
    private final Config s2nConfig;
    private final SSLContext jdkContext;
    private final EngineChannel.Buffers buffers = new EngineChannel.Buffers();
    private final ByteBuffer drain = ByteBuffer.allocate(16 * 1024);
    private final List<Client> clients = new ArrayList<>();
    private final StringBuilder latencies = new StringBuilder();
    private int handshaking;
    private int done;
    private int failed;
    private int tls13;
    private int closedByPeer;
    private long unexpectedBytes;

    private ManyClients(String library, int port, int count, int sources, int concurrency, PemPki pki) throws Exception {
        this.s2n = library.equals("s2n");
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.count = count;
        this.sources = sources;
        this.concurrency = concurrency;
        this.s2nConfig = s2n ? pki.s2nClientConfig() : null;
        this.jdkContext = s2n ? null : pki.jdkClientContext();
    }

    /** {@code ManyClients s2n|jdk PORT COUNT SOURCES CONCURRENCY PKI_DIR LATENCY_FILE} */
    public static void main(String[] args) throws Exception {
        ManyClients m = new ManyClients(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]), PemPki.in(Path.of(args[5])));
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    commands.add(line.trim());
                }
            } catch (IOException e) {
                // Treated as end of input.
            }
            commands.add("close");
        }, "commands");
        reader.setDaemon(true);
        reader.start();
        System.out.println("ready");
        System.out.flush();
        if (!"go".equals(commands.take())) {
            return;
        }
        try (Selector selector = Selector.open()) {
            m.run(selector, commands, Path.of(args[6]));
        } finally {
            for (Client c : m.clients) {
                c.close();
            }
        }
    }

    private void run(Selector selector, BlockingQueue<String> commands, Path latencyFile) throws IOException {
        long go = System.nanoTime();
        int opened = 0;
        while (done + failed < count) {
            while (opened < count && handshaking < concurrency) {
                open(selector, opened++);
            }
            selector.select(100);
            serve(selector, go);
        }
        try (BufferedWriter w = Files.newBufferedWriter(latencyFile, StandardCharsets.US_ASCII)) {
            w.append(latencies);
        }
        latencies.setLength(0);
        System.out.println("held " + done + " tls13 " + tls13 + " failed " + failed);
        System.out.flush();
        while (true) {
            // Keep serving: late NewSessionTickets are read and the buffers given back again.
            selector.select(50);
            serve(selector, go);
            String command = commands.poll();
            if (command == null) {
                continue;
            }
            if (command.equals("check")) {
                selector.selectNow();
                serve(selector, go);
                System.out.println("open " + (done - closedByPeer) + " unexpected " + unexpectedBytes);
                System.out.flush();
            } else if (command.equals("close")) {
                return;
            }
        }
    }

    private void open(Selector selector, int index) throws IOException {
        long start = System.nanoTime();
        SocketChannel ch = SocketChannel.open();
        Client c;
        try {
            ch.configureBlocking(false);
            ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (FIRST_SOURCE + index % sources)}), 0));
            ch.connect(server);
            c = s2n ? new S2nClient(ch, start) : new JdkClient(ch, start);
        } catch (IOException e) {
            ch.close();
            System.err.println("ManyClients: connection " + index + " failed to open: " + e);
            failed++;
            return;
        }
        clients.add(c);
        handshaking++;
        ch.register(selector, SelectionKey.OP_CONNECT, c);
    }

    private void serve(Selector selector, long go) {
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            if (!key.isValid()) {
                continue;
            }
            Client c = (Client) key.attachment();
            boolean wasDone = c.handshakeDone();
            int interest;
            try {
                interest = key.isConnectable() && !c.channel.finishConnect() ? SelectionKey.OP_CONNECT : c.advance();
            } catch (IOException | RuntimeException e) {
                if (!wasDone) {
                    System.err.println("ManyClients: handshake failed: " + e);
                }
                interest = -1;
            }
            if (!wasDone && c.handshakeDone()) {
                handshaking--;
                done++;
                long now = System.nanoTime();
                latencies.append(now - go).append(' ').append((now - c.start) / 1000).append('\n');
                if (c.tls13()) {
                    tls13++;
                }
            }
            if (interest < 0) {
                key.cancel();
                c.close();
                if (c.handshakeDone()) {
                    closedByPeer++;
                } else {
                    handshaking--;
                    failed++;
                }
            } else {
                key.interestOps(interest);
            }
        }
    }

    /** One connection, of either library. */
    private abstract static class Client {
        final SocketChannel channel;
        final long start;

        Client(SocketChannel channel, long start) {
            this.channel = channel;
            this.start = start;
        }

        /** @return the interest to wait for, or -1 when the peer closed the connection */
        abstract int advance() throws IOException;

        abstract boolean handshakeDone();

        abstract boolean tls13();

        abstract void close();
    }

    private final class S2nClient extends Client {
        private final Connection conn;
        private boolean handshakeDone;

        S2nClient(SocketChannel ch, long start) {
            super(ch, start);
            conn = new Connection(Mode.CLIENT).setConfig(s2nConfig).setServerName(BenchPki.HOST).setChannel(ch);
        }

        @Override
        int advance() throws IOException {
            if (!handshakeDone) {
                Blocked b = conn.negotiate();
                if (b != Blocked.NOT_BLOCKED) {
                    return b == Blocked.ON_WRITE ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
                }
                handshakeDone = true;
                conn.freeHandshake();
            }
            // Idle: read what follows the handshake (the NewSessionTicket), then give the buffers back.
            while (true) {
                drain.clear();
                int n = conn.recv(drain);
                if (n < 0) {
                    return -1;
                }
                if (n == 0) {
                    break;
                }
                unexpectedBytes += n;
            }
            if (conn.blocked() == Blocked.ON_WRITE) {
                return SelectionKey.OP_WRITE;
            }
            try {
                conn.releaseBuffers();
            } catch (IllegalStateException partialRecord) {
                // Part of a record is buffered; the buffers go once the rest has been read.
            }
            return SelectionKey.OP_READ;
        }

        @Override
        boolean handshakeDone() {
            return handshakeDone;
        }

        @Override
        boolean tls13() {
            return conn.actualProtocolVersion() == ProtocolVersion.TLS13;
        }

        @Override
        void close() {
            conn.close();
            try {
                channel.close();
            } catch (IOException e) {
                // Already gone.
            }
        }
    }

    private final class JdkClient extends Client {
        private final EngineChannel engine;

        JdkClient(SocketChannel ch, long start) throws IOException {
            super(ch, start);
            // No peer host: the JDK client would resume from its cache otherwise (the s2n client never
            // resumes here either). SNI is still sent.
            SSLEngine e = jdkContext.createSSLEngine();
            e.setUseClientMode(true);
            e.setEnabledProtocols(new String[] {"TLSv1.3"});
            SSLParameters p = e.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(BenchPki.HOST)));
            e.setSSLParameters(p);
            e.beginHandshake();
            engine = new EngineChannel(e, ch, buffers);
        }

        @Override
        int advance() throws IOException {
            long before = engine.applicationBytes();
            int interest = engine.advance();
            unexpectedBytes += engine.applicationBytes() - before;
            return interest;
        }

        @Override
        boolean handshakeDone() {
            return engine.handshakeDone();
        }

        @Override
        boolean tls13() {
            return "TLSv1.3".equals(engine.engine().getSession().getProtocol());
        }

        @Override
        void close() {
            engine.close();
        }
    }
}
