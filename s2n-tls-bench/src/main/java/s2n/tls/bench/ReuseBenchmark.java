package s2n.tls.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * s2n-tls-java's connection reuse (issue #4 item 6): a full handshake on two new connections
 * against the same on two wiped ones ({@code Connection.wipe()}). Run with {@code -prof gc}: the
 * wiped handshake must allocate less per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReuseBenchmark {
    private S2nPair pair;

    @Setup
    public void setUp() throws Exception {
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        pair = new S2nPair(Scenario.handshake(TlsVersion.TLS13, "secp256r1", pki.keyType()), pki);
        pair.newConnections();
        pair.handshake();
    }

    @Benchmark
    public S2nPair newConnections() throws Exception {
        pair.newConnections();
        pair.handshake();
        return pair;
    }

    @Benchmark
    public S2nPair wipedConnections() throws Exception {
        pair.wipeConnections();
        pair.handshake();
        return pair;
    }

    @TearDown
    public void tearDown() {
        pair.close();
    }
}
