package s2n.tls.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Connection reuse over the long run (issue #4 item 6): one s2n-tls-java client+server pair does
 * wipe-and-handshake cycles and prints the heap in use after forced GCs every {@code every}
 * cycles; a flat series shows that wipe() leaks nothing.
 *
 * <pre>
 * java -XX:+UseSerialGC -cp benchmarks.jar s2n.tls.bench.ReuseSoakMain 100000 10000 accp
 * </pre>
 *
 * The provider argument ({@code jdk} or {@code accp}) only decides how fast the cycles go; the
 * handshake is ECDSA P-256, secp256r1, policy {@code default_tls13}. Prints
 * {@code soak cycles=... heapAfterGc=...} lines.
 */
public final class ReuseSoakMain {
    private ReuseSoakMain() {}

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        CryptoProviders.of(args.length > 2 ? args[2] : "jdk").install();
        BenchPki pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        try (S2nPair pair = new S2nPair(Scenario.handshake(TlsVersion.TLS13, "secp256r1", pki.keyType()), pki)) {
            pair.newConnections();
            pair.handshake();
            System.out.printf(Locale.ROOT, "soak cycles=0 heapAfterGc=%d provider=%s%n", heapAfterGc(),
                    CryptoProviders.describeFirst());
            long start = System.nanoTime();
            for (int i = 1; i <= cycles; i++) {
                pair.wipeConnections();
                pair.handshake();
                if (i % every == 0) {
                    System.out.printf(Locale.ROOT, "soak cycles=%d heapAfterGc=%d seconds=%.1f%n", i, heapAfterGc(),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
