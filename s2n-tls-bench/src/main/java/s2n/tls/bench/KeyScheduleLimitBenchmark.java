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

/** The symmetric limit of one side of a full TLS 1.3 handshake with SHA-256: {@link KeyScheduleOps}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyScheduleLimitBenchmark {
    @Param({"jdk", "accp"})
    public String provider;

    private KeyScheduleOps schedule;

    @Setup
    public void setUp() throws Exception {
        CryptoProviders.of(provider).install();
        schedule = new KeyScheduleOps();
    }

    @Benchmark
    public byte[] oneSideKeySchedule() throws Exception {
        return schedule.oneSide();
    }
}
