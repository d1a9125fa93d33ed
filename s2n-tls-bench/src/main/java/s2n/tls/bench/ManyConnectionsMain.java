package s2n.tls.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Many idle TLS connections over loopback (issue #15 item 4): opens {@code count} TLS 1.3
 * connections (x25519, ECDSA P-256) to a server child process, holds them idle, and reports the
 * retained heap per connection on both sides, the handshake rate while they are held, and the
 * handshake latency.
 *
 * <pre>
 * java -cp benchmarks.jar s2n.tls.bench.ManyConnectionsMain s2n 100000 --results many.tsv
 * java -cp benchmarks.jar s2n.tls.bench.ManyConnectionsMain jdk 10000
 * </pre>
 *
 * <p>s2n: the server is {@code s2nd --non-blocking} (one thread, one selector; it frees each
 * handshake and releases each idle connection's buffers), the clients s2n-tls-java connections
 * that do the same. jdk: {@link JdkSelectorServer} and JDK {@code SSLEngine} clients
 * ({@link EngineChannel}, buffers shared per thread). Both sides run in child JVMs
 * ({@code -XX:+UseSerialGC}) on this JVM's class path: the client children are {@link ManyClients}.
 *
 * <p>A process may have no more sockets than its open-file limit, which an unprivileged process
 * cannot raise past the hard limit. When {@code count} exceeds what one process can hold, the
 * connections are spread over several server/client pairs ("processes" in the report), started one
 * after the other, every earlier pair still holding its connections. Each source address of
 * 127.0.0.2 … 127.0.0.(N+1) has its own ephemeral ports, so N is chosen to need fewer than 20,000
 * each. While they are held, those ports are taken on those addresses: a program that meanwhile
 * listens on a port of the ephemeral range it picked itself on every address (0.0.0.0) may find
 * it in use.
 *
 * <p>Retained heap: {@code jcmd PID GC.class_histogram} (a full GC, then the live objects' bytes) of
 * each child before its connections and after they are all held. The handshake rate "while held"
 * is that of the last 10% of each pair's connections, when that server holds the other 90%.
 * Bounded: every step has a deadline; every child is stopped at the end, on failure too.
 */
public final class ManyConnectionsMain {
    /** Options: library, connection count, and how the run is shaped. */
    record Options(String library, int count, int perProcess, int sources, int concurrency, long timeoutSeconds,
            String heap, Path work) {}

    /** What a run measured; {@link #tsv()} is the line {@link ManyConnectionsReport} reads. */
    record Result(String library, String jdk, int requested, int reached, int tls13, int open, long unexpectedBytes,
            int processes, int perProcessLimit, int sources, int concurrency, long serverBytes, long clientBytes,
            long serverConnectionObjects, double rateAll, double rateHeld, double rateEmpty, double p50Millis,
            double p99Millis, long serverFds, double seconds) {

        double serverBytesPerConnection() {
            return reached == 0 ? 0 : (double) serverBytes / reached;
        }

        double clientBytesPerConnection() {
            return reached == 0 ? 0 : (double) clientBytes / reached;
        }

        String tsv() {
            return String.join("\t", "many", library, jdk, Integer.toString(requested), Integer.toString(reached),
                    Integer.toString(tls13), Integer.toString(open), Long.toString(unexpectedBytes),
                    Integer.toString(processes), Integer.toString(perProcessLimit), Integer.toString(sources),
                    Integer.toString(concurrency), Long.toString(serverBytes), Long.toString(clientBytes),
                    Long.toString(serverConnectionObjects), fmt(rateAll), fmt(rateHeld), fmt(rateEmpty),
                    fmt(p50Millis), fmt(p99Millis), Long.toString(serverFds), fmt(seconds));
        }

        static Result parse(String line) {
            String[] f = line.split("\t");
            return new Result(f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]), Long.parseLong(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9]),
                    Integer.parseInt(f[10]), Integer.parseInt(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                    Long.parseLong(f[14]), Double.parseDouble(f[15]), Double.parseDouble(f[16]),
                    Double.parseDouble(f[17]), Double.parseDouble(f[18]), Double.parseDouble(f[19]),
                    Long.parseLong(f[20]), Double.parseDouble(f[21]));
        }

        private static String fmt(double d) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
    }

    /** Descriptors a child needs beside its sockets: jars, the selector, pipes, the JVM's own. */
    static final int SPARE_DESCRIPTORS = 500;
    /** Ephemeral ports used per source address at most (Linux's default range has 28,232). */
    static final int PORTS_PER_SOURCE = 20_000;

    private ManyConnectionsMain() {}

    /**
     * {@code ManyConnectionsMain s2n|jdk COUNT [--concurrency C] [--per-process N] [--timeout SECONDS]
     * [--heap SIZE] [--results FILE] [--keep DIR]}: {@code --keep} keeps the children's output and heap
     * histograms in DIR (else they go to a temporary directory, removed after a complete run).
     */
    public static void main(String[] args) throws Exception {
        String library = args[0];
        int count = Integer.parseInt(args[1]);
        int concurrency = 16;
        int perProcess = Integer.MAX_VALUE;
        long timeout = 900;
        String heap = "1g";
        Path results = null;
        Path keep = null;
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--concurrency": concurrency = Integer.parseInt(args[i + 1]); break;
                case "--per-process": perProcess = Integer.parseInt(args[i + 1]); break;
                case "--timeout": timeout = Long.parseLong(args[i + 1]); break;
                case "--heap": heap = args[i + 1]; break;
                case "--results": results = Path.of(args[i + 1]); break;
                case "--keep": keep = Path.of(args[i + 1]); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("many-connections-");
        Result r = run(new Options(library, count, perProcess, 0, concurrency, timeout, heap, work));
        System.out.println(describe(r));
        if (results != null) {
            Files.writeString(results, r.tsv() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (r.reached() < r.requested() || r.open() < r.reached()) {
            System.err.println("kept the children's output and heap histograms in " + work);
            System.exit(1);
        }
        if (keep == null) {
            deleteTree(work);
        }
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "many library=%s jdk=%s reached=%d/%d tls13=%d open=%d processes=%d "
                        + "serverBytesPerConn=%.0f clientBytesPerConn=%.0f handshakesPerSecondHeld=%.1f all=%.1f "
                        + "empty=%.1f p50ms=%.2f p99ms=%.2f seconds=%.0f",
                r.library(), r.jdk(), r.reached(), r.requested(), r.tls13(), r.open(), r.processes(),
                r.serverBytesPerConnection(), r.clientBytesPerConnection(), r.rateHeld(), r.rateAll(),
                r.rateEmpty(), r.p50Millis(), r.p99Millis(), r.seconds());
    }

    /** Runs the whole measurement; every child process is gone when it returns or throws. */
    static Result run(Options o) throws Exception {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
        if (!o.library().equals("s2n") && !o.library().equals("jdk")) {
            throw new IllegalArgumentException("library is s2n or jdk, not " + o.library());
        }
        int fdLimit = openFileLimit();
        int perProcess = Math.min(o.perProcess(), fdLimit - SPARE_DESCRIPTORS);
        if (perProcess < 100) {
            throw new IllegalStateException("the open-file limit is " + fdLimit + ": too low to hold connections; "
                    + "raise it with ulimit -n (up to the hard limit, ulimit -Hn)");
        }
        int processes = (o.count() + perProcess - 1) / perProcess;
        int sources = o.sources() > 0 ? o.sources()
                : Math.max(2, (o.count() + PORTS_PER_SOURCE - 1) / PORTS_PER_SOURCE);
        PemPki pki = PemPki.write(BenchPki.create(BenchPki.KeyType.ECDSA_P256), o.work().resolve("pki"));
        List<Pair> pairs = new ArrayList<>();
        Thread cleanup = new Thread(() -> pairs.forEach(Pair::destroy), "many-connections-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            for (int p = 0; p < processes; p++) {
                int n = o.count() / processes + (p < o.count() % processes ? 1 : 0);
                Pair pair = new Pair(o, pki, p, n, sources, deadline);
                pairs.add(pair);
                pair.start();
                pair.hold();
            }
            for (Pair pair : pairs) {
                pair.check();
            }
            return summarize(o, pairs, fdLimit, perProcess, sources, (System.nanoTime() - started) / 1e9);
        } finally {
            // Servers first: their side then keeps the TIME_WAIT state, and the client ports are free at once.
            for (Pair pair : pairs) {
                pair.destroyServer();
            }
            for (Pair pair : pairs) {
                pair.destroy();
            }
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private static Result summarize(Options o, List<Pair> pairs, int fdLimit, int perProcess, int sources,
            double seconds) {
        int reached = 0, tls13 = 0, open = 0;
        long unexpected = 0, serverBytes = 0, clientBytes = 0, objects = 0, fds = 0;
        double heldCount = 0, heldNanos = 0;
        List<long[]> all = new ArrayList<>();
        for (Pair p : pairs) {
            reached += p.held;
            tls13 += p.tls13;
            open += p.open;
            unexpected += p.unexpected;
            serverBytes += p.serverAfter.bytes() - p.serverBase.bytes();
            clientBytes += p.clientAfter.bytes() - p.clientBase.bytes();
            objects += p.serverAfter.connections();
            fds += p.serverFds;
            int n = p.completions.length;
            int k = (int) (n * 0.9);
            if (n - 1 > k) {
                heldCount += n - 1 - k;
                heldNanos += p.completions[n - 1] - p.completions[k];
            }
            all.add(p.latencyMicros);
        }
        long[] first = pairs.get(0).completions;
        int k = Math.max(1, first.length / 10);
        double rateEmpty = first.length > k && first[k] > first[0] ? (k * 1e9) / (first[k] - first[0]) : 0;
        double allNanos = pairs.stream().mapToDouble(p -> p.completions.length == 0 ? 0 : p.completions[p.completions.length - 1]).sum();
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(o.library(), Runtime.version().feature() + "", o.count(), reached, tls13, open, unexpected,
                pairs.size(), perProcess, sources, o.concurrency(), serverBytes, clientBytes, objects,
                allNanos > 0 ? reached * 1e9 / allNanos : 0, heldNanos > 0 ? heldCount * 1e9 / heldNanos : 0, rateEmpty,
                percentile(latencies, 0.50) / 1000.0, percentile(latencies, 0.99) / 1000.0, fds, seconds);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The soft open-file limit of this process (children inherit it), from /proc/self/limits. */
    static int openFileLimit() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/limits"))) {
            String line = lines.filter(l -> l.startsWith("Max open files")).findFirst()
                    .orElseThrow(() -> new IOException("no 'Max open files' in /proc/self/limits"));
            String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
            return soft.equals("unlimited") ? Integer.MAX_VALUE : Integer.parseInt(soft);
        }
    }

    /** One server child and the client child that holds {@code n} connections to it. */
    private static final class Pair {
        private final Options o;
        private final PemPki pki;
        private final int index;
        private final int n;
        private final int sources;
        private final long deadline;
        private final Path dir;
        private Process server;
        private Process client;
        private final BlockingQueue<String> clientLines = new LinkedBlockingQueue<>();
        private OutputStream clientCommands;
        Heap serverBase, serverAfter, clientBase, clientAfter;
        int held, tls13, open;
        long unexpected, serverFds;
        long[] completions = new long[0];
        long[] latencyMicros = new long[0];

        Pair(Options o, PemPki pki, int index, int n, int sources, long deadline) throws IOException {
            this.o = o;
            this.pki = pki;
            this.index = index;
            this.n = n;
            this.sources = sources;
            this.deadline = deadline;
            this.dir = Files.createDirectories(o.work().resolve("pair-" + index));
        }

        void start() throws Exception {
            List<String> cmd = java(o.heap());
            if (o.library().equals("s2n")) {
                cmd.addAll(List.of("s2n.tls.tools.Main", "s2nd", "--non-blocking", "-c", PemPki.POLICY, "--groups",
                        PemPki.GROUP, "--cert", pki.leafFile().toString(), "--key", pki.keyFile().toString(),
                        "127.0.0.1", "0"));
            } else {
                cmd.addAll(List.of(JdkSelectorServer.class.getName(), pki.dir().toString(), "0"));
            }
            Path serverOut = dir.resolve("server.out");
            server = new ProcessBuilder(cmd).redirectOutput(serverOut.toFile())
                    .redirectError(dir.resolve("server.err").toFile()).start();
            int port = awaitPort(serverOut);
            serverBase = Heap.of(server.pid(), deadline, dir.resolve("server-before.histogram"));
            List<String> clientCmd = java(o.heap());
            clientCmd.addAll(List.of(ManyClients.class.getName(), o.library(), Integer.toString(port),
                    Integer.toString(n), Integer.toString(sources), Integer.toString(o.concurrency()),
                    pki.dir().toString(), dir.resolve("latencies.txt").toString()));
            client = new ProcessBuilder(clientCmd).redirectError(dir.resolve("client.err").toFile()).start();
            clientCommands = client.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        clientLines.add(line);
                    }
                } catch (IOException e) {
                    // The client is gone; awaitLine reports it.
                }
            }, "client-" + index);
            reader.setDaemon(true);
            reader.start();
            awaitLine("ready");
            clientBase = Heap.of(client.pid(), deadline, dir.resolve("client-before.histogram"));
        }

        /** Opens every connection and measures both sides once they are all held. */
        void hold() throws Exception {
            command("go");
            String[] held = awaitLine("held").split(" ");
            this.held = Integer.parseInt(held[1]);
            this.tls13 = Integer.parseInt(held[3]);
            List<String> lines = Files.readAllLines(dir.resolve("latencies.txt"));
            completions = new long[lines.size()];
            latencyMicros = new long[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split(" ");
                completions[i] = Long.parseLong(f[0]);
                latencyMicros[i] = Long.parseLong(f[1]);
            }
            serverAfter = Heap.of(server.pid(), deadline, dir.resolve("server-held.histogram"));
            clientAfter = Heap.of(client.pid(), deadline, dir.resolve("client-held.histogram"));
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(server.pid()), "fd"))) {
                serverFds = fds.count();
            }
        }

        /** Asks the client how many connections are still open, after every pair was measured. */
        void check() throws Exception {
            command("check");
            String[] f = awaitLine("open").split(" ");
            open = Integer.parseInt(f[1]);
            unexpected = Long.parseLong(f[3]);
        }

        private void command(String line) throws IOException {
            clientCommands.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            clientCommands.flush();
        }

        private String awaitLine(String prefix) throws Exception {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = clientLines.poll(Math.max(1, left), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException("client " + index + " said no '" + prefix + "' in time (see "
                            + dir.resolve("client.err") + ")");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        private int awaitPort(Path out) throws Exception {
            while (System.nanoTime() < deadline) {
                if (Files.exists(out)) {
                    for (String l : Files.readAllLines(out)) {
                        if (l.startsWith("listening on ")) {
                            return Integer.parseInt(l.substring(l.lastIndexOf(':') + 1).trim());
                        }
                    }
                }
                if (!server.isAlive()) {
                    throw new IllegalStateException("the server exited with " + server.exitValue() + ": "
                            + Files.readString(dir.resolve("server.err")));
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the server did not start listening in time");
        }

        void destroyServer() {
            if (server != null) {
                server.destroyForcibly();
                waitFor(server);
            }
        }

        void destroy() {
            destroyServer();
            if (client != null) {
                try {
                    command("close");
                    client.getOutputStream().close();
                } catch (IOException e) {
                    // Already gone.
                }
                try {
                    if (!client.waitFor(20, TimeUnit.SECONDS)) {
                        client.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    client.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
                waitFor(client);
            }
        }

        private static void waitFor(Process p) {
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static List<String> java(String heap) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx" + heap, "-Djdk.tls.namedGroups=" + PemPki.GROUP,
                    "-cp", System.getProperty("java.class.path")));
        }
    }

    /** Live heap of a process after a full GC, from {@code jcmd PID GC.class_histogram}. */
    record Heap(long bytes, long connections) {
        private static final List<String> CONNECTION_CLASSES = List.of("s2n.tls.Connection ", "sun.security.ssl.SSLEngineImpl ");

        /** Measures {@code pid} and keeps the whole histogram in {@code saveTo}, to see what the bytes are. */
        static Heap of(long pid, long deadline, Path saveTo) throws Exception {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
            String out;
            try {
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                long left = Math.max(1, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("jcmd " + pid + " GC.class_histogram failed: " + out);
                }
            } finally {
                p.destroyForcibly();
            }
            Files.writeString(saveTo, out);
            long total = -1, connections = 0;
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[0].equals("Total")) {
                    total = Long.parseLong(f[2]);
                } else if (f.length >= 4) {
                    for (String c : CONNECTION_CLASSES) {
                        if ((f[3] + " ").equals(c)) {
                            connections += Long.parseLong(f[1]);
                        }
                    }
                }
            }
            if (total < 0) {
                throw new IllegalStateException("no Total line from jcmd " + pid + " GC.class_histogram: " + out);
            }
            return new Heap(total, connections);
        }
    }
}
