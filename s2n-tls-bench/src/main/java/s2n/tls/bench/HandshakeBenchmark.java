package s2n.tls.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Full handshakes per second: a new client and server connection (configs and contexts built
 * once), handshaken to completion in memory on one thread, per operation. Every library pins the
 * same version, suite and group, and the client verifies the server's chain and name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeBenchmark {
    @Param({"s2n", "jdk", "bcjsse"})
    public String library;

    @Param({"jdk", "accp"})
    public String provider;

    @Param({"ECDSA_P256", "RSA_2048"})
    public String cert;

    @Param({"x25519", "secp256r1"})
    public String group;

    /**
     * TLS 1.3, or TLS 1.2 with ECDHE-ECDSA/RSA-AES128-GCM-SHA256. {@link SuiteRunner} runs TLS 1.2 with
     * the ECDSA certificate only, to keep a full run inside its time budget.
     */
    @Param({"TLS13", "TLS12"})
    public String version;

    private InMemoryPair pair;

    @Setup
    public void setUp() throws Exception {
        CryptoProviders.of(provider).install();
        BenchPki pki = BenchPki.create(BenchPki.KeyType.valueOf(cert));
        pair = Library.of(library).newPair(Scenario.handshake(TlsVersion.valueOf(version), group, pki.keyType()), pki);
        // One handshake up front: fails the trial at once if the scenario does not negotiate.
        pair.newConnections();
        pair.handshake();
    }

    @Benchmark
    public InMemoryPair fullHandshake() throws Exception {
        pair.newConnections();
        pair.handshake();
        return pair;
    }

    @TearDown
    public void tearDown() {
        pair.close();
    }
}
