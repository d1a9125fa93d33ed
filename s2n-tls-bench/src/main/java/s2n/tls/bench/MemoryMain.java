package s2n.tls.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * Retained heap per connection (issue #4 item 5), per side, for one library per JVM:
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx6g -cp benchmarks.jar s2n.tls.bench.MemoryMain s2n 5000
 * java -XX:+UseSerialGC -Xmx6g -cp benchmarks.jar s2n.tls.bench.MemoryMain jdk 5000
 * </pre>
 *
 * N client+server pairs (ECDSA P-256 certificate, secp256r1, TLS_AES_128_GCM_SHA256: named
 * policy {@code default_tls13} on our side) are created and handshaken in lockstep, every pair one
 * {@code negotiate()} (or one SSLEngine step) per side per round, and the heap in use after forced
 * GCs ({@link MemoryMXBean}) is read (a) after creating the clients, then the servers, (b) after
 * every half round, (c) when all are established, then for s2n-tls-java (d) after
 * {@code freeHandshake()} and (e) {@code releaseBuffers()}, one side at a time. Last each side is
 * dropped, which gives its final size absolutely; the earlier established sizes follow back from
 * the per-side differences, the new and peak sizes forward from creation. The in-memory transport
 * (bytes in flight in the pipes) is subtracted; the SSLEngine driver's scratch buffers are shared
 * by all pairs, so the JDK's figures are the engine alone, without the packet and application
 * buffers (about 16 KiB each) its users must hold per connection while it is in use.
 *
 * <p>Prints one line per side: {@code memory library=... side=... new=... peak=... established=...
 * freeHandshake=... releaseBuffers=...} in bytes per connection.
 */
public final class MemoryMain {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private MemoryMain() {}

    public static void main(String[] args) throws Exception {
        Library library = Library.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        Scenario scenario = Scenario.handshake(TlsVersion.TLS13, "secp256r1", pki.keyType());
        Pairs pairs = library == Library.S2N ? new S2nPairs(scenario, pki, n) : new EnginePairs(library, scenario, pki, n);
        pairs.warmUp();
        long[] client = new long[5];
        long[] server = new long[5];
        long h0 = heap(pairs);
        pairs.create(true);
        long h1 = heap(pairs);
        pairs.create(false);
        long h2 = heap(pairs);
        long clientNow = h1 - h0;
        long serverNow = h2 - h1;
        client[0] = clientNow;
        server[0] = serverNow;
        long clientPeak = clientNow;
        long serverPeak = serverNow;
        long last = h2;
        for (int round = 0; round < 64 && !pairs.done(); round++) {
            for (boolean side : new boolean[] {true, false}) {
                pairs.step(side);
                long h = heap(pairs);
                if (side) {
                    clientNow += h - last;
                    clientPeak = Math.max(clientPeak, clientNow);
                } else {
                    serverNow += h - last;
                    serverPeak = Math.max(serverPeak, serverNow);
                }
                last = h;
            }
        }
        if (!pairs.done()) {
            throw new IllegalStateException("handshakes did not complete");
        }
        pairs.check();
        client[1] = clientPeak;
        server[1] = serverPeak;
        long established = heap(pairs);
        long afterFreeClient = established;
        long afterFreeServer = established;
        long afterReleaseClient = established;
        long afterReleaseServer = established;
        if (pairs instanceof S2nPairs) {
            S2nPairs ours = (S2nPairs) pairs;
            ours.freeHandshake(true);
            afterFreeClient = heap(pairs);
            ours.freeHandshake(false);
            afterFreeServer = heap(pairs);
            ours.releaseBuffers(true);
            afterReleaseClient = heap(pairs);
            ours.releaseBuffers(false);
            afterReleaseServer = heap(pairs);
        }
        pairs.drop(true);
        long withoutClients = heap(pairs);
        pairs.drop(false);
        long withoutEither = heap(pairs);
        long clientFinal = afterReleaseServer - withoutClients;
        long serverFinal = withoutClients - withoutEither;
        // Walk back from the final sizes through each side's own steps.
        client[4] = clientFinal;
        client[3] = clientFinal + (afterFreeServer - afterReleaseClient);
        client[2] = client[3] + (established - afterFreeClient);
        server[4] = serverFinal;
        server[3] = serverFinal + (afterReleaseClient - afterReleaseServer);
        server[2] = server[3] + (afterFreeClient - afterFreeServer);
        report(library, "client", client, n);
        report(library, "server", server, n);
    }

    private static void report(Library library, String side, long[] total, int n) {
        System.out.printf(Locale.ROOT, "memory library=%s side=%s pairs=%d new=%d peak=%d established=%d"
                + " freeHandshake=%d releaseBuffers=%d%n", library.name().toLowerCase(Locale.ROOT), side, n,
                total[0] / n, total[1] / n, total[2] / n, total[3] / n, total[4] / n);
    }

    /** Heap in use after GC, less the bytes the in-memory transport holds. */
    private static long heap(Pairs pairs) throws InterruptedException {
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            used = MEMORY.getHeapMemoryUsage().getUsed();
            if (i >= 2 && used >= previous) {
                break;
            }
            previous = used;
        }
        return used - pairs.transportBytes();
    }

    /** N pairs of one library, stepped in lockstep. */
    private interface Pairs {
        /** One whole handshake outside the measurement, so lazily built shared state is there before. */
        void warmUp() throws Exception;

        void create(boolean client) throws Exception;

        void step(boolean client) throws Exception;

        boolean done();

        /** Throws unless every pair negotiated the scenario. */
        void check();

        void drop(boolean client);

        long transportBytes();
    }

    private static final class S2nPairs implements Pairs {
        private final S2nPair template;
        private final S2nPair[] pairs;
        private final BytePipe[] pipes;
        private final boolean[][] done;

        S2nPairs(Scenario scenario, BenchPki pki, int n) {
            template = new S2nPair(scenario, pki);
            pairs = new S2nPair[n];
            pipes = new BytePipe[2 * n];
            done = new boolean[2][n];
            for (int i = 0; i < n; i++) {
                pipes[2 * i] = new BytePipe(0, true);
                pipes[2 * i + 1] = new BytePipe(0, true);
                pairs[i] = template.sharingConfigs(pipes[2 * i], pipes[2 * i + 1]);
            }
        }

        @Override
        public void warmUp() throws Exception {
            template.newConnections();
            template.handshake();
            template.close();
        }

        @Override
        public void create(boolean client) {
            for (S2nPair p : pairs) {
                if (client) {
                    p.newClient();
                } else {
                    p.newServer();
                }
            }
        }

        @Override
        public void step(boolean client) throws Exception {
            boolean[] d = done[client ? 0 : 1];
            for (int i = 0; i < pairs.length; i++) {
                if (!d[i]) {
                    d[i] = pairs[i].step(client);
                }
            }
        }

        @Override
        public boolean done() {
            for (boolean[] side : done) {
                for (boolean d : side) {
                    if (!d) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public void check() {
            for (S2nPair p : pairs) {
                if (!p.negotiated().equals("TLSv1.3 TLS_AES_128_GCM_SHA256 secp256r1")) {
                    throw new IllegalStateException("negotiated " + p.negotiated());
                }
            }
        }

        void freeHandshake(boolean client) {
            for (S2nPair p : pairs) {
                (client ? p.client() : p.server()).freeHandshake();
            }
        }

        void releaseBuffers(boolean client) {
            for (S2nPair p : pairs) {
                (client ? p.client() : p.server()).releaseBuffers();
            }
        }

        @Override
        public void drop(boolean client) {
            for (S2nPair p : pairs) {
                p.drop(client);
            }
        }

        @Override
        public long transportBytes() {
            long sum = 0;
            for (BytePipe p : pipes) {
                sum += p.retainedBytes();
            }
            return sum;
        }
    }

    /** SSLEngine pairs (the JDK's or BCJSSE) over pipes, with one set of scratch buffers for all. */
    private static final class EnginePairs implements Pairs {
        private final EnginePair factory;
        private final SSLEngine[][] engines;
        private final BytePipe[][] inbound; // [side][i]: what side reads
        private final boolean[][] done;
        private final ByteBuffer netIn = ByteBuffer.allocate(64 * 1024);
        private final ByteBuffer netOut = ByteBuffer.allocate(64 * 1024);
        private final ByteBuffer app = ByteBuffer.allocate(64 * 1024);
        private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

        EnginePairs(Library library, Scenario scenario, BenchPki pki, int n) throws Exception {
            factory = (EnginePair) library.newPair(scenario, pki);
            engines = new SSLEngine[2][n];
            inbound = new BytePipe[2][n];
            done = new boolean[2][n];
            for (int i = 0; i < n; i++) {
                inbound[0][i] = new BytePipe(0, true);
                inbound[1][i] = new BytePipe(0, true);
            }
        }

        @Override
        public void warmUp() throws Exception {
            factory.newConnections();
            factory.handshake();
            factory.close();
        }

        @Override
        public void create(boolean client) throws Exception {
            int side = client ? 0 : 1;
            for (int i = 0; i < engines[side].length; i++) {
                SSLEngine e = factory.newEngine(client);
                e.beginHandshake();
                engines[side][i] = e;
            }
        }

        @Override
        public void step(boolean client) throws Exception {
            int side = client ? 0 : 1;
            for (int i = 0; i < engines[side].length; i++) {
                if (!done[side][i] || inbound[side][i].available() > 0) {
                    done[side][i] = advance(engines[side][i], inbound[side][i], inbound[1 - side][i]);
                }
            }
        }

        /** As EnginePair's driver, with the pair's bytes parked in pipes between steps. */
        private boolean advance(SSLEngine engine, BytePipe in, BytePipe out) throws Exception {
            netIn.clear();
            in.read(netIn);
            netIn.flip();
            try {
                while (true) {
                    HandshakeStatus hs = engine.getHandshakeStatus();
                    if (hs == HandshakeStatus.NEED_TASK) {
                        Runnable task;
                        while ((task = engine.getDelegatedTask()) != null) {
                            task.run();
                        }
                    } else if (hs == HandshakeStatus.NEED_WRAP) {
                        netOut.clear();
                        engine.wrap(EMPTY, netOut);
                        netOut.flip();
                        out.write(netOut);
                    } else if (hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED) {
                        // Post-handshake records (a NewSessionTicket) are read as a client's first read would.
                        while (netIn.hasRemaining()) {
                            app.clear();
                            if (engine.unwrap(netIn, app).getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                                break;
                            }
                        }
                        return !netIn.hasRemaining();
                    } else {
                        app.clear();
                        SSLEngineResult r = engine.unwrap(netIn, app);
                        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                                || (r.bytesConsumed() == 0 && r.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP)) {
                            return false;
                        }
                    }
                }
            } finally {
                if (netIn.hasRemaining()) {
                    // Not a whole record yet: back into the pipe, ahead of anything newer (there is none).
                    in.write(netIn);
                }
            }
        }

        @Override
        public boolean done() {
            for (int side = 0; side < 2; side++) {
                for (int i = 0; i < done[side].length; i++) {
                    if (!done[side][i] || inbound[side][i].available() > 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public void check() {
            for (SSLEngine e : engines[0]) {
                if (!"TLS_AES_128_GCM_SHA256".equals(e.getSession().getCipherSuite())) {
                    throw new IllegalStateException("negotiated " + e.getSession().getCipherSuite());
                }
            }
        }

        @Override
        public void drop(boolean client) {
            java.util.Arrays.fill(engines[client ? 0 : 1], null);
        }

        @Override
        public long transportBytes() {
            long sum = 0;
            for (BytePipe[] side : inbound) {
                for (BytePipe p : side) {
                    sum += p.retainedBytes();
                }
            }
            return sum;
        }
    }
}
