package s2n.tls.bench;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk transfer at the speed of its AEAD: s2n-tls-java beside the JDK's SSLEngine and beside raw
 * JCA AES-128-GCM ({@link AeadRecordLimit}), as paired CPU-time rounds ({@link PairedRounds}) in
 * one JVM on one thread. One operation is {@link #records} writes of {@code writeSize} bytes from
 * client to server on one established connection, in memory: every record sealed by one side and
 * opened by the other, both on the measuring thread. The limit seals and opens the same records
 * (same plaintext and additional-data lengths) with array and with direct buffers; per round the
 * faster of the two is the limit, so no library can beat it by picking the other layout.
 *
 * <p>After the rounds, the bytes the thread allocated per record (HotSpot's per-thread allocation
 * counter) for each arm, the least of {@link #ALLOC_WINDOWS} windows of {@link #ALLOC_OPS}
 * operations: the lower of the two limit layouts is the JCA's own floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = BulkRounds.WARMUP_ROUNDS)
@Measurement(iterations = BulkRounds.MEASURED_ROUNDS)
public class BulkRounds extends PairedTrial {
    static final int WARMUP_ROUNDS = 100;
    static final int MEASURED_ROUNDS = 200;
    static final int OPS_PER_ROUND = 8;
    static final List<String> LIMITS = List.of("limit-array", "limit-direct");
    /** Operations per window of the allocation count after the rounds, and windows per arm. */
    static final int ALLOC_OPS = 64;
    static final int ALLOC_WINDOWS = 3;

    /** Called after each write with the sink holding what the server received of it (tests only; null when timing). */
    @FunctionalInterface
    interface Check {
        void received(ByteBuffer data, ByteBuffer sink);
    }

    @Param({"jdk", "accp"})
    public String provider;

    @Param({"TLS13", "TLS12"})
    public String version;

    @Param({"16384", "1024"})
    public int writeSize;

    private final List<InMemoryPair> pairs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<PairedRounds.Op> ops = new ArrayList<>();
    private ByteBuffer data;
    private final ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
    private String limitProvider;

    /** Writes per operation: 256 KiB in 16 KiB writes, 128 KiB in 1 KiB writes. */
    static int records(int writeSize) {
        return writeSize >= 16 * 1024 ? 16 : 128;
    }

    /** The scenario of a version: TLS_AES_128_GCM_SHA256, or TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256; x25519, ECDSA P-256. */
    static Scenario scenario(TlsVersion version) {
        return Scenario.handshake(version, "x25519", BenchPki.KeyType.ECDSA_P256);
    }

    @Setup
    public void setUp() throws Exception {
        CryptoProviders.of(provider).install();
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        TlsVersion v = TlsVersion.valueOf(version);
        data = randomData(writeSize);
        int records = records(writeSize);
        pairArm("s2n", new S2nPair(scenario(v), pki), v, records);
        pairArm("jdk", EnginePair.jdk(scenario(v), pki), v, records);
        PairedRounds.Op transport = transport(v, writeSize, records);
        transport.run();
        add("transport", transport);
        for (String name : LIMITS) {
            AeadRecordLimit limit = new AeadRecordLimit(name.endsWith("array") ? AeadRecordLimit.Layout.ARRAY
                    : AeadRecordLimit.Layout.DIRECT, v == TlsVersion.TLS13, writeSize);
            limit.run(records);
            limitProvider = limit.provider();
            add(name, () -> limit.run(records));
        }
    }

    private void pairArm(String name, InMemoryPair pair, TlsVersion v, int records) throws Exception {
        pairs.add(pair);
        pair.newConnections();
        pair.handshake();
        String expected = v.jsseName() + " " + scenario(v).suite();
        if (!pair.negotiated().startsWith(expected)) {
            throw new IllegalStateException(name + " negotiated " + pair.negotiated() + ", not " + expected);
        }
        PairedRounds.Op op = () -> send(pair, data, sink, records, null);
        op.run(); // fails here, not in the rounds, if the pair cannot move the data
        add(name, op);
    }

    private void add(String name, PairedRounds.Op op) {
        names.add(name);
        ops.add(op);
        arm(name, op);
    }

    /**
     * Sends {@code records} writes of all of {@code data} from the pair's client and receives each on
     * its server; {@code check} (if not null) sees each write's data and the sink it arrived in.
     */
    static void send(InMemoryPair pair, ByteBuffer data, ByteBuffer sink, int records, Check check) throws Exception {
        for (int i = 0; i < records; i++) {
            data.clear();
            sink.clear();
            pair.transfer(data, sink);
            if (check != null) {
                check.received(data, sink);
            }
        }
    }

    /**
     * What the in-memory transport alone costs the s2n arm: each record's bytes (header, body, tag)
     * written into a {@link BytePipe} from a buffer and read out of it into another, as the send
     * and receive callbacks do. The JDK's engines are driven without one (the engine wraps into the
     * buffer the other unwraps from), so this is the part of the s2n arm's time that is the
     * harness's rather than the library's.
     */
    static PairedRounds.Op transport(TlsVersion v, int writeSize, int records) {
        int recordLength = 5 + writeSize + (v == TlsVersion.TLS13 ? 1 + 16 : 8 + 16);
        BytePipe pipe = new BytePipe(32 * 1024, false);
        ByteBuffer out = randomData(recordLength);
        ByteBuffer in = ByteBuffer.allocate(RECORD_BUFFER);
        return () -> {
            for (int i = 0; i < records; i++) {
                out.clear();
                pipe.write(out);
                in.clear();
                if (pipe.read(in) != recordLength) {
                    throw new IllegalStateException("the pipe lost bytes");
                }
            }
        };
    }

    /** The size of a reader's buffer once it holds a full record (header, 2^14 + 256 body). */
    private static final int RECORD_BUFFER = 5 + 16384 + 256;

    static ByteBuffer randomData(int size) {
        byte[] bytes = new byte[size];
        new Random(1).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    int opsPerRound() {
        return OPS_PER_ROUND;
    }

    /**
     * Bytes the measuring thread allocates per record running {@code op}: over {@code ops}
     * operations of {@code records} records, after the rounds warmed it up.
     */
    static double allocatedPerRecord(PairedRounds.Op op, int ops, int records) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < ops; i++) {
            op.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        return (double) allocated / ((long) ops * records);
    }

    /** Per measured round: CPU time of the faster limit layout over that of {@code arm} (the arm's rate over the limit's). */
    static PairedRounds.Ratio overFastestLimit(PairedRounds rounds, String arm) {
        double[] t = rounds.cpuTimes(arm);
        double[] best = fastestLimit(rounds);
        double[] r = new double[t.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = best[i] / t[i];
        }
        return PairedRounds.Ratio.of(r);
    }

    /** Per measured round, the CPU time of the faster limit layout. */
    static double[] fastestLimit(PairedRounds rounds) {
        double[] best = null;
        for (String limit : LIMITS) {
            double[] t = rounds.cpuTimes(limit);
            if (best == null) {
                best = t.clone();
            } else {
                for (int i = 0; i < best.length; i++) {
                    best[i] = Math.min(best[i], t[i]);
                }
            }
        }
        return best;
    }

    @TearDown
    public void tearDown() throws Exception {
        int records = records(writeSize);
        double[] alloc = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            // The steady state: the least of a few windows (the first may still see the JIT at work).
            alloc[i] = Double.MAX_VALUE;
            for (int w = 0; w < ALLOC_WINDOWS; w++) {
                alloc[i] = Math.min(alloc[i], allocatedPerRecord(ops.get(i), ALLOC_OPS, records));
            }
        }
        for (InMemoryPair pair : pairs) {
            pair.close();
        }
        PairedRounds.report(summaryLine(rounds(), "provider=" + provider + ",version=" + version + ",writeSize=" + writeSize,
                writeSize, records, names, alloc, limitProvider));
    }

    /**
     * The trial's line for {@link ReportWriter}: benchmark, params, CPU-time MB/s of s2n, jdk and
     * the limit (median of the faster layout per round), s2n/jdk, s2n/limit, jdk/limit (median low
     * high each), rounds, the faster limit layout (by median), bytes allocated per record by s2n, jdk
     * and the floor (the lower limit layout), the JCA provider of the limit, wall-clock s2n/jdk,
     * s2n/(limit + transport) median low high.
     */
    static List<String> summaryLine(PairedRounds rounds, String params, int writeSize, int records, List<String> names,
            double[] alloc, String limitProvider) {
        double bytesPerOp = (double) writeSize * records;
        double limitTime = PairedRounds.median(fastestLimit(rounds));
        List<String> f = new ArrayList<>(List.of("BulkRounds", params,
                PairedRounds.rate(rounds.cpuRate("s2n") * bytesPerOp / 1e6),
                PairedRounds.rate(rounds.cpuRate("jdk") * bytesPerOp / 1e6),
                PairedRounds.rate(1e9 / limitTime * bytesPerOp / 1e6)));
        f.addAll(PairedRounds.fields(rounds.ratio("s2n", "jdk")));
        f.addAll(PairedRounds.fields(overFastestLimit(rounds, "s2n")));
        f.addAll(PairedRounds.fields(overFastestLimit(rounds, "jdk")));
        f.add(Integer.toString(rounds.rounds()));
        String faster = rounds.cpuRate(LIMITS.get(0)) >= rounds.cpuRate(LIMITS.get(1)) ? "array" : "direct";
        f.add(faster);
        double floor = Double.MAX_VALUE;
        for (String limit : LIMITS) {
            floor = Math.min(floor, alloc[names.indexOf(limit)]);
        }
        f.add(String.format(Locale.ROOT, "%.1f", alloc[names.indexOf("s2n")]));
        f.add(String.format(Locale.ROOT, "%.1f", alloc[names.indexOf("jdk")]));
        f.add(String.format(Locale.ROOT, "%.1f", floor));
        f.add(limitProvider);
        f.add(String.format(Locale.ROOT, "%.3f", rounds.wallRate("s2n") / rounds.wallRate("jdk")));
        f.addAll(PairedRounds.fields(overLimitAndTransport(rounds)));
        return f;
    }

    /** Per measured round: (faster limit + transport) CPU time over s2n's: the s2n arm against what its harness allows. */
    static PairedRounds.Ratio overLimitAndTransport(PairedRounds rounds) {
        double[] t = rounds.cpuTimes("s2n");
        double[] best = fastestLimit(rounds);
        double[] transport = rounds.cpuTimes("transport");
        double[] r = new double[t.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (best[i] + transport[i]) / t[i];
        }
        return PairedRounds.Ratio.of(r);
    }

    /** The field count of a {@link #summaryLine}. */
    static final int FIELDS = 24;
}
