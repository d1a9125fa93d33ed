package s2n.tls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link FullHandshakeRounds} times is what its report says: our hybrid arm negotiates
 * X25519MLKEM768 (not a curve), the limit's ML-KEM half really encapsulates and decapsulates, every
 * limit arm agrees, and the report renders the hybrid table from the trial's summary line.
 */
class FullHandshakeHarnessTest {
    private static BenchPki ecdsa;

    @TempDir
    Path tmp;

    @BeforeAll
    static void pki() {
        System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1");
        ecdsa = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
    }

    private static void requireMlKem() {
        if (MlKemOps.available()) {
            return;
        }
        String reason = "Java " + System.getProperty("java.version") + " has no JCA ML-KEM";
        if (Runtime.version().feature() >= 24 || "1".equals(System.getenv("S2N_REQUIRE_MLKEM"))) {
            fail(reason + ", but JDK 24 and later ship it");
        }
        Assumptions.abort(reason + "; bin/test's JDK 25 run covers the hybrid arms");
    }

    @Test
    void hybridArmNegotiatesX25519MLKEM768() throws Exception {
        requireMlKem();
        try (S2nPair pair = new S2nPair(Scenario.handshake(TlsVersion.TLS13, HandshakeCryptoOps.HYBRID, ecdsa.keyType()), ecdsa)) {
            for (int i = 0; i < 2; i++) {
                pair.newConnections();
                pair.handshake();
                assertEquals(HandshakeCryptoOps.HYBRID, pair.client().keyExchangeGroup());
                assertEquals(HandshakeCryptoOps.HYBRID, pair.server().keyExchangeGroup());
                assertFalse(pair.client().isResumed());
            }
        }
    }

    @Test
    void limitArmsRunEveryOperation() throws Exception {
        for (String group : new String[] {"x25519", "secp256r1"}) {
            new HandshakeCryptoOps(group, ecdsa).handshake();
        }
        if (MlKemOps.available()) {
            assertTrue(new MlKemOps().exchange(), "ML-KEM-768's two sides must agree");
            new HandshakeCryptoOps(HandshakeCryptoOps.HYBRID, ecdsa).handshake();
        }
    }

    @Test
    void reportRendersTheHybridTableFromASummaryLine() throws Exception {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("command.txt"), "s2n-tls-bench/run.sh --paired\n");
        Files.writeString(dir.resolve("machine.txt"), "CPU: test\n");
        Files.writeString(dir.resolve("paired-25.tsv"), String.join("\t", "FullHandshakeRounds",
                "group=X25519MLKEM768,provider=jdk,version=TLS13", "500.0", "300.0", "700.0", "400.0", "250.0",
                "1.600", "1.500", "1.700", "0.710", "0.700", "0.720", "100", "620.0", "900.0", "0.800", "0.790", "0.810")
                + "\n" + String.join("\t", "FullHandshakeRounds", "group=x25519,provider=jdk,version=TLS13", "600.0",
                "300.0", "900.0", "500.0", "250.0", "2.000", "1.500", "2.500", "0.670", "0.660", "0.680", "100") + "\n");
        Path report = tmp.resolve("performance.md");
        Files.writeString(report, "# Performance\n\n## Retained heap per connection, bytes\n");
        ReportWriter.main(new String[] {"--splice-paired", dir.toString(), report.toString()});
        String md = Files.readString(report);
        assertTrue(md.contains("| 25 | TLS 1.3 | jdk | X25519MLKEM768 | 500 | 300 (x25519) | 700 | 1.60 [1.50, 1.70] **wide** | 0.71 [0.70, 0.72] | 1.60 | 100 |"), md);
        assertTrue(md.contains("| 25 | TLS 1.3 | jdk | x25519 | 600 | 300 | 900 | 2.00 [1.50, 2.50] **wide** |"), md);
        // ML-KEM's share of the limit: 1e6/700 - 1e6/900 = 317 µs.
        assertTrue(md.contains("| 25 | jdk | 500 | 620 | 0.80 [0.79, 0.81] | 700 | 900 | 317 | 100 |"), md);
        assertTrue(md.indexOf(ReportWriter.FULL_END) < md.indexOf("## Retained heap"), md);
    }
}
