package s2n.tls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link BulkRounds} times is what its report says: both TLS arms negotiate the pinned
 * AES-128-GCM suite and deliver every write intact, both limit layouts seal and open records that
 * come back intact, the allocation figure is computed, and the report renders the row with its
 * verdicts. No timing is asserted.
 */
class BulkHarnessTest {
    private static BenchPki pki;

    @TempDir
    Path tmp;

    @BeforeAll
    static void pki() {
        System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1");
        pki = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
    }

    @ParameterizedTest
    @CsvSource({"TLS13, 16384", "TLS13, 1024", "TLS12, 16384", "TLS12, 1024"})
    void pairArmsDeliverEveryWriteIntact(TlsVersion version, int writeSize) throws Exception {
        Scenario scenario = BulkRounds.scenario(version);
        for (InMemoryPair pair : List.of(new S2nPair(scenario, pki), EnginePair.jdk(scenario, pki))) {
            try (pair) {
                pair.newConnections();
                pair.handshake();
                assertTrue(pair.negotiated().startsWith(version.jsseName() + " " + scenario.suite()), pair.negotiated());
                ByteBuffer data = BulkRounds.randomData(writeSize);
                ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
                AtomicInteger writes = new AtomicInteger();
                BulkRounds.send(pair, data, sink, BulkRounds.records(writeSize), (sent, received) -> {
                    assertEquals(writeSize, received.position(), pair.getClass().getSimpleName() + ": bytes delivered by one write");
                    assertEquals(sent.flip(), received.flip(), "the write's bytes, as sent");
                    writes.incrementAndGet();
                });
                assertEquals(BulkRounds.records(writeSize), writes.get());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"ARRAY, true, 16384", "DIRECT, true, 1024", "ARRAY, false, 1024", "DIRECT, false, 16384"})
    void limitSealsAndOpensWholeRecords(AeadRecordLimit.Layout layout, boolean tls13, int writeSize) throws Exception {
        AeadRecordLimit limit = new AeadRecordLimit(layout, tls13, writeSize);
        for (int i = 0; i < 3; i++) {
            assertEquals(tls13 ? writeSize + 1 : writeSize, limit.sealAndOpen());
            assertTrue(limit.lastRecordIntact());
        }
    }

    @Test
    void transportArmMovesWholeRecords() throws Exception {
        // It throws if a record's bytes do not all come out of the pipe.
        BulkRounds.transport(TlsVersion.TLS13, 16384, 3).run();
        BulkRounds.transport(TlsVersion.TLS12, 1024, 3).run();
    }

    @Test
    void allocationPerRecordIsMeasured() throws Exception {
        AeadRecordLimit limit = new AeadRecordLimit(AeadRecordLimit.Layout.ARRAY, true, 1024);
        double floor = BulkRounds.allocatedPerRecord(() -> limit.run(32), 4, 32);
        // Every JCA GCM init takes a fresh GCMParameterSpec (and its copy of the nonce): never zero.
        assertTrue(floor > 0 && Double.isFinite(floor), "floor " + floor);
        byte[][] held = new byte[64][];
        double allocating = BulkRounds.allocatedPerRecord(() -> {
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[1000];
            }
        }, 2, 64);
        assertTrue(allocating >= 1000, "an op allocating 1000 B per record measured as " + allocating);
    }

    @Test
    void reportRendersRowsAndVerdicts() throws Exception {
        List<String> arms = List.of("s2n", "jdk", "transport", "limit-array", "limit-direct");
        PairedRounds rounds = new PairedRounds(arms, 2);
        AeadRecordLimit limit = new AeadRecordLimit(AeadRecordLimit.Layout.ARRAY, true, 1024);
        List<PairedRounds.Op> ops = List.of(() -> limit.run(4), () -> limit.run(4), BulkRounds.transport(TlsVersion.TLS13, 1024, 8),
                () -> limit.run(2), () -> limit.run(3));
        for (int i = 0; i < 12; i++) {
            rounds.round(i, ops, true);
        }
        List<String> line = BulkRounds.summaryLine(rounds, "provider=jdk,version=TLS13,writeSize=1024", 1024, 128, arms,
                new double[] {300, 900, 0, 250, 260}, "SunJCE");
        assertEquals(BulkRounds.FIELDS, line.size());
        Files.writeString(tmp.resolve("paired-17.tsv"), String.join("\t", line) + "\n");
        Files.writeString(tmp.resolve("machine.txt"), "CPU: test\n");
        Files.writeString(tmp.resolve("command.txt"), "s2n-tls-bench/run.sh --bulk\n");
        String md = BulkReport.render(tmp, true, tmp.resolve("no-notes.md"));
        assertTrue(md.startsWith(BulkReport.BEGIN) && md.trim().endsWith(BulkReport.END), md);
        assertTrue(md.contains("| 17 | TLS 1.3 | jdk | 1 KiB |"), md);
        // 300 B against a floor of 250: 50 above it, within the 64 B margin.
        assertTrue(md.contains("| 300 / 900 / 250 | 50 | met ≤ 64 |"), md);
        assertTrue(md.contains("From its own run, `s2n-tls-bench/run.sh --bulk`"), md);
        assertEquals("met", BulkReport.verdict(0.96, 0.99, 0.95));
        assertEquals("missed", BulkReport.verdict(0.80, 0.90, 0.95));
        assertEquals("open", BulkReport.verdict(0.93, 0.97, 0.95));
        assertEquals("", BulkReport.render(Files.createDirectory(tmp.resolve("empty")), false, tmp.resolve("none")));
    }
}
