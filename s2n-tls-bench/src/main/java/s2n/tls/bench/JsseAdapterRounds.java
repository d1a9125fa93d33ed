package s2n.tls.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * What our JSSE provider costs: s2n-tls-java through its own API ({@code s2n}), through
 * {@code SSLEngine} from the S2N provider ({@code s2n-jsse}), the JDK's SSLEngine and BCJSSE's, as
 * paired CPU-time rounds ({@link PairedRounds}) in one JVM on one thread, TLS 1.3, ECDSA P-256.
 * The JSSE engines are driven the same efficient way ({@link EnginePair}) and configured through
 * the same SSLParameters. Workloads: a full handshake per operation, or 256 KiB of application
 * data client to server in 16 KiB writes (TLS_AES_128_GCM_SHA256) per operation on one
 * established connection. Every server issues a TLS 1.3 ticket after its handshake, as JSSE
 * servers do by default ({@link S2nPair#issuingTickets}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = JsseAdapterRounds.WARMUP_ROUNDS)
@Measurement(iterations = JsseAdapterRounds.MEASURED_ROUNDS)
public class JsseAdapterRounds extends PairedTrial {
    static final int WARMUP_ROUNDS = 40;
    static final int MEASURED_ROUNDS = 100;
    static final int BULK_BYTES = 256 * 1024;
    static final int WRITE_SIZE = 16 * 1024;

    @Param({"jdk", "accp"})
    public String provider;

    @Param({"secp256r1", "x25519"})
    public String group;

    @Param({"handshake", "bulk"})
    public String workload;

    private final List<InMemoryPair> pairs = new ArrayList<>();
    private final ByteBuffer data = randomData();
    private final ByteBuffer sink = ByteBuffer.allocate(64 * 1024);

    @Setup
    public void setUp() throws Exception {
        CryptoProviders.of(provider).install();
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        Scenario scenario = Scenario.handshake(TlsVersion.TLS13, group, pki.keyType());
        // The JSSE servers (SunJSSE's, ours) send a ticket after each handshake; so does this one.
        arm("s2n", S2nPair.issuingTickets(scenario, pki));
        arm("jdk", EnginePair.jdk(scenario, pki));
        arm("s2n-jsse", EnginePair.s2nJsse(scenario, pki));
        arm("bcjsse", EnginePair.bouncyCastle(scenario, pki));
    }

    private void arm(String name, InMemoryPair pair) throws Exception {
        pairs.add(pair);
        PairedRounds.Op op;
        if (workload.equals("handshake")) {
            op = () -> {
                pair.newConnections();
                pair.handshake();
            };
        } else {
            pair.newConnections();
            pair.handshake();
            op = () -> {
                for (int sent = 0; sent < BULK_BYTES; sent += WRITE_SIZE) {
                    data.clear();
                    pair.transfer(data, sink);
                }
            };
        }
        op.run(); // fails here, not in the rounds, if the pair cannot do the scenario
        if (!pair.negotiated().startsWith("TLSv1.3 TLS_AES_128_GCM_SHA256")) {
            throw new IllegalStateException(name + " negotiated " + pair.negotiated());
        }
        arm(name, op);
    }

    @Override
    int opsPerRound() {
        return workload.equals("handshake") ? 10 : 4;
    }

    private static ByteBuffer randomData() {
        byte[] bytes = new byte[WRITE_SIZE];
        new Random(1).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    @TearDown
    public void tearDown() throws IOException {
        for (InMemoryPair pair : pairs) {
            pair.close();
        }
        // The common columns, then the CPU-time rates of s2n-jsse and bcjsse, s2n-jsse/s2n and
        // s2n-jsse/jdk (median low high each), and s2n-jsse's wall-clock rate.
        PairedRounds rounds = rounds();
        List<String> f = summary("JsseAdapterRounds", "group=" + group + ",provider=" + provider + ",workload=" + workload);
        f.add(PairedRounds.rate(rounds.cpuRate("s2n-jsse")));
        f.add(PairedRounds.rate(rounds.cpuRate("bcjsse")));
        f.addAll(PairedRounds.fields(rounds.ratio("s2n-jsse", "s2n")));
        f.addAll(PairedRounds.fields(rounds.ratio("s2n-jsse", "jdk")));
        f.add(PairedRounds.rate(rounds.wallRate("s2n-jsse")));
        PairedRounds.report(f);
    }
}
