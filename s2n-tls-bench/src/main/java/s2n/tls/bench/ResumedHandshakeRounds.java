package s2n.tls.bench;

import java.io.IOException;
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
 * Resumed handshakes per second, s2n-tls-java beside the JDK's SSLEngine, as paired CPU-time
 * rounds ({@link PairedRounds}) in one JVM: each JMH invocation is one round in which both
 * libraries (and, in TLS 1.3, the resumption's public-key operations on raw JCA objects) run
 * {@link #OPS_PER_ROUND} resumed handshakes each, in memory, on this thread. The trial's teardown
 * reports each library's median CPU-time rate and the per-round ratios with their 95% intervals,
 * appended as one tab-separated line to the file named by {@code -Ds2n.bench.paired=FILE} ({@link PairedRounds#report})
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
public class ResumedHandshakeRounds extends PairedTrial {
    static final int OPS_PER_ROUND = 25;
    static final int WARMUP_ROUNDS = 60;
    static final int MEASURED_ROUNDS = 100;

    @Param({"jdk", "accp"})
    public String provider;

    @Param({"x25519", "secp256r1"})
    public String group;

    @Param({"TLS13", "TLS12"})
    public String version;

    private S2nPair ours;
    private EnginePair jdk;
    private KeyExchangeOps exchange;
    private long jdkFullHandshakesBefore;

    @Setup
    public void setUp() throws Exception {
        CryptoProviders.of(provider).install();
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        Scenario scenario = Scenario.handshake(TlsVersion.valueOf(version), group, pki.keyType());
        ours = S2nPair.resuming(scenario, pki);
        jdk = EnginePair.jdkResuming(scenario, pki);
        arm("s2n", () -> handshake(ours));
        arm("jdk", () -> handshake(jdk));
        if (version.equals("TLS13")) {
            exchange = new KeyExchangeOps(group);
            arm("limit", () -> {
                if (!exchange.exchange()) {
                    throw new IllegalStateException("the key exchange disagreed");
                }
            });
        }
        // The full handshakes that give each client its first session.
        handshake(ours);
        handshake(jdk);
        jdkFullHandshakesBefore = jdk.serverChainChecks();
    }

    @Override
    int opsPerRound() {
        return OPS_PER_ROUND;
    }

    private static void handshake(InMemoryPair pair) throws Exception {
        pair.newConnections();
        pair.handshake();
    }

    @TearDown
    public void tearDown() throws IOException {
        long full = jdk.serverChainChecks() - jdkFullHandshakesBefore;
        ours.close();
        jdk.close();
        if (full != 0) {
            throw new IllegalStateException("the JDK's client ran " + full + " full handshakes while resuming");
        }
        PairedRounds.report(summary("ResumedHandshakeRounds", "group=" + group + ",provider=" + provider + ",version=" + version));
    }
}
