package s2n.tls.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Resumed handshakes per second, s2n-tls-java beside the JDK's SSLEngine, as paired CPU-time
 * rounds ({@link PairedRounds}) in one JVM: each JMH invocation is one round in which both
 * libraries (and, in TLS 1.3, the resumption's public-key operations on raw JCA objects) run
 * {@link #OPS_PER_ROUND} resumed handshakes each, in memory, on this thread. The trial's teardown
 * reports each library's median CPU-time rate and the per-round ratios with their 95% intervals,
 * appended as one tab-separated line to the file named by {@code -Ds2n.bench.paired=FILE}
 * ({@link SuiteRunner} sets it; {@link ReportWriter} reads it).
 *
 * <p>Both clients reconnect as real clients do: each new connection offers the session (TLS 1.3
 * ticket, TLS 1.2 ticket or session ID) its predecessor received, and reads the tickets behind
 * its handshake. The teardown fails the trial if any measured handshake was a full one.
 * TLS 1.3 resumes with {@code psk_dhe_ke}, so each handshake still does one (EC)DHE exchange;
 * a TLS 1.2 abbreviated handshake has no public-key operation at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = ResumedHandshakeRounds.WARMUP_ROUNDS)
@Measurement(iterations = ResumedHandshakeRounds.MEASURED_ROUNDS)
public class ResumedHandshakeRounds {
    static final int OPS_PER_ROUND = 25;
    static final int WARMUP_ROUNDS = 60;
    static final int MEASURED_ROUNDS = 100;
    /** The system property naming the file the trial's summary line is appended to. */
    static final String OUT_PROPERTY = "s2n.bench.paired";

    @Param({"jdk", "accp"})
    public String provider;

    @Param({"x25519", "secp256r1"})
    public String group;

    @Param({"TLS13", "TLS12"})
    public String version;

    private S2nPair ours;
    private EnginePair jdk;
    private KeyExchangeOps exchange;
    private List<String> arms;
    private List<PairedRounds.Op> ops;
    private PairedRounds rounds;
    private boolean measuring;
    private int round;
    private long jdkFullHandshakesBefore;

    @Setup
    public void setUp() throws Exception {
        CryptoProviders.of(provider).install();
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        Scenario scenario = Scenario.handshake(TlsVersion.valueOf(version), group, pki.keyType());
        ours = S2nPair.resuming(scenario, pki);
        jdk = EnginePair.jdkResuming(scenario, pki);
        arms = new ArrayList<>(List.of("s2n", "jdk"));
        ops = new ArrayList<>(List.of(() -> handshake(ours), () -> handshake(jdk)));
        if (version.equals("TLS13")) {
            exchange = new KeyExchangeOps(group);
            arms.add("limit");
            ops.add(() -> {
                if (!exchange.exchange()) {
                    throw new IllegalStateException("the key exchange disagreed");
                }
            });
        }
        // The full handshakes that give each client its first session.
        handshake(ours);
        handshake(jdk);
        jdkFullHandshakesBefore = jdk.serverChainChecks();
        rounds = new PairedRounds(arms, OPS_PER_ROUND);
    }

    private static void handshake(InMemoryPair pair) throws Exception {
        pair.newConnections();
        pair.handshake();
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    /** One round: every arm {@link #OPS_PER_ROUND} times, the first arm rotating. */
    @Benchmark
    public void round() throws Exception {
        rounds.round(round++, ops, measuring);
    }

    @TearDown
    public void tearDown() throws IOException {
        long full = jdk.serverChainChecks() - jdkFullHandshakesBefore;
        ours.close();
        jdk.close();
        if (full != 0) {
            throw new IllegalStateException("the JDK's client ran " + full + " full handshakes while resuming");
        }
        PairedRounds.Ratio vsJdk = rounds.ratio("s2n", "jdk");
        boolean hasLimit = arms.contains("limit");
        PairedRounds.Ratio vsLimit = hasLimit ? rounds.ratio("s2n", "limit") : null;
        // Columns: benchmark, params, CPU-time rates s2n / jdk / limit, wall-clock rates s2n / jdk,
        // s2n/jdk median low high, s2n/limit median low high, rounds ("" where there is no limit).
        String line = String.join("\t", "ResumedHandshakeRounds", "group=" + group + ",provider=" + provider + ",version=" + version,
                num(rounds.cpuRate("s2n")), num(rounds.cpuRate("jdk")), hasLimit ? num(rounds.cpuRate("limit")) : "",
                num(rounds.wallRate("s2n")), num(rounds.wallRate("jdk")),
                ratio(vsJdk.median()), ratio(vsJdk.low()), ratio(vsJdk.high()),
                hasLimit ? ratio(vsLimit.median()) : "", hasLimit ? ratio(vsLimit.low()) : "", hasLimit ? ratio(vsLimit.high()) : "",
                Integer.toString(rounds.rounds()));
        System.out.println("paired: " + line);
        String out = System.getProperty(OUT_PROPERTY);
        if (out != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
                w.println(line);
            }
        }
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
