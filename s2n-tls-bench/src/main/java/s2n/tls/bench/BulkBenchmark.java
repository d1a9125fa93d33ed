package s2n.tls.bench;

import java.nio.ByteBuffer;
import java.util.Random;
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
 * Bulk transfer one way on an established connection: per operation the client sends one write of
 * {@code writeSize} bytes and the server receives all of it. Throughput in bytes per second is
 * operations per second times {@code writeSize}; {@code -prof gc}'s bytes per operation is the
 * allocation per write (one record at 16 KiB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkBenchmark {
    @Param({"s2n", "jdk", "bcjsse"})
    public String library;

    @Param({"jdk", "accp"})
    public String provider;

    @Param({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    public String suite;

    @Param({"16384", "1024"})
    public int writeSize;

    private InMemoryPair pair;
    private ByteBuffer data;
    private ByteBuffer sink;

    @Setup
    public void setUp() throws Exception {
        CryptoProviders.of(provider).install();
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        pair = Library.of(library).newPair(Scenario.bulk(suite), pki);
        pair.newConnections();
        pair.handshake();
        byte[] bytes = new byte[writeSize];
        new Random(1).nextBytes(bytes);
        data = ByteBuffer.wrap(bytes);
        sink = ByteBuffer.allocate(64 * 1024);
    }

    @Benchmark
    public ByteBuffer transfer() throws Exception {
        data.clear();
        pair.transfer(data, sink);
        return sink;
    }

    @TearDown
    public void tearDown() {
        pair.close();
    }
}
