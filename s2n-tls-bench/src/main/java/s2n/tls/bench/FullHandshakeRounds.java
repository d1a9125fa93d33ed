package s2n.tls.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * Full handshakes per second, s2n-tls-java beside the JDK's SSLEngine and beside the handshake's
 * crypto limit ({@link HandshakeCryptoOps}: key exchange, CertificateVerify signature and
 * verification, both key schedules), as paired CPU-time rounds ({@link PairedRounds}) in one JVM
 * on one thread, in memory, ECDSA P-256 server certificate. In TLS 1.2 there is no limit arm (its
 * key schedule is not the one {@link KeyScheduleOps} models).
 *
 * <p>For {@code X25519MLKEM768} (TLS 1.3 only, where the runtime has ML-KEM) the JDK cannot
 * negotiate the group (its TLS gets it in JDK 27), so its arm runs x25519, and two more arms show
 * what the hybrid costs: our own x25519 handshake, and the x25519 handshake's crypto limit. The
 * hybrid's limit minus the x25519 limit is ML-KEM-768's share.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = FullHandshakeRounds.WARMUP_ROUNDS)
@Measurement(iterations = FullHandshakeRounds.MEASURED_ROUNDS)
public class FullHandshakeRounds extends PairedTrial {
    static final int OPS_PER_ROUND = 10;
    static final int WARMUP_ROUNDS = 40;
    static final int MEASURED_ROUNDS = 100;

    @Param({"jdk", "accp"})
    public String provider;

    @Param({"x25519", "secp256r1", HandshakeCryptoOps.HYBRID})
    public String group;

    @Param({"TLS13", "TLS12"})
    public String version;

    private final List<InMemoryPair> pairs = new ArrayList<>();

    @Setup
    public void setUp() throws Exception {
        boolean hybrid = group.equals(HandshakeCryptoOps.HYBRID);
        if (hybrid && !version.equals("TLS13")) {
            throw new IllegalArgumentException(group + " is TLS 1.3 only");
        }
        CryptoProviders.of(provider).install();
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        TlsVersion v = TlsVersion.valueOf(version);
        S2nPair ours = new S2nPair(Scenario.handshake(v, group, pki.keyType()), pki);
        arm("s2n", ours);
        if (!ours.client().keyExchangeGroup().equals(group)) {
            throw new IllegalStateException("negotiated " + ours.client().keyExchangeGroup() + ", not " + group);
        }
        arm("jdk", EnginePair.jdk(Scenario.handshake(v, hybrid ? "x25519" : group, pki.keyType()), pki));
        if (v == TlsVersion.TLS13) {
            limit("limit", new HandshakeCryptoOps(group, pki));
        }
        if (hybrid) {
            arm("s2n-x25519", new S2nPair(Scenario.handshake(v, "x25519", pki.keyType()), pki));
            limit("limit-x25519", new HandshakeCryptoOps("x25519", pki));
        }
    }

    @Override
    int opsPerRound() {
        return OPS_PER_ROUND;
    }

    private void arm(String name, InMemoryPair pair) throws Exception {
        pairs.add(pair);
        PairedRounds.Op op = () -> {
            pair.newConnections();
            pair.handshake();
        };
        op.run(); // fails here, not in the rounds, if the pair cannot negotiate the scenario
        arm(name, op);
    }

    private void limit(String name, HandshakeCryptoOps crypto) throws Exception {
        crypto.handshake();
        arm(name, crypto::handshake);
    }

    @TearDown
    public void tearDown() throws IOException {
        for (InMemoryPair pair : pairs) {
            pair.close();
        }
        List<String> f = summary("FullHandshakeRounds", "group=" + group + ",provider=" + provider + ",version=" + version);
        // Then, for the hybrid: the CPU-time rates of our x25519 handshake and of its limit, and
        // s2n/s2n-x25519 median low high.
        if (hasArm("s2n-x25519")) {
            PairedRounds rounds = rounds();
            f.add(PairedRounds.rate(rounds.cpuRate("s2n-x25519")));
            f.add(PairedRounds.rate(rounds.cpuRate("limit-x25519")));
            f.addAll(PairedRounds.fields(rounds.ratio("s2n", "s2n-x25519")));
        }
        PairedRounds.report(f);
    }
}
