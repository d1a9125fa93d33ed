package s2n.tls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resuming pairs {@link ResumedHandshakeRounds} times really resume, in both versions and both
 * libraries, and the paired-round statistics say what they should: so the resumed rows of the
 * report cannot be full handshakes, nor ratios of something else.
 */
class ResumptionHarnessTest {
    private static BenchPki ecdsa;

    @BeforeAll
    static void pki() {
        System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1");
        ecdsa = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
    }

    @Test
    void s2nPairResumesEveryHandshakeAfterTheFirst() throws Exception {
        for (TlsVersion version : TlsVersion.values()) {
            try (S2nPair pair = S2nPair.resuming(Scenario.handshake(version, "x25519", ecdsa.keyType()), ecdsa)) {
                pair.newConnections();
                pair.handshake();
                assertFalse(pair.client().isResumed(), version + ": the first handshake is a full one");
                for (int i = 0; i < 3; i++) {
                    pair.newConnections();
                    pair.handshake();
                    assertTrue(pair.client().isResumed(), version + " " + pair.client().handshakeTypeName());
                    assertTrue(pair.server().isResumed(), version + " " + pair.server().handshakeTypeName());
                    assertEquals(version.jsseName(), pair.client().actualProtocolVersion().protocolName());
                }
            }
        }
    }

    @Test
    void jdkPairResumesEveryHandshakeAfterTheFirst() throws Exception {
        for (TlsVersion version : TlsVersion.values()) {
            EnginePair pair = EnginePair.jdkResuming(Scenario.handshake(version, "x25519", ecdsa.keyType()), ecdsa);
            pair.newConnections();
            pair.handshake();
            assertEquals(1, pair.serverChainChecks(), version + ": the first handshake is a full one");
            for (int i = 0; i < 3; i++) {
                pair.newConnections();
                pair.handshake();
                assertEquals(version.jsseName(), pair.client().getSession().getProtocol());
            }
            assertEquals(1, pair.serverChainChecks(), version + ": the client checked a chain again, so it did not resume");
        }
    }

    @Test
    void aNonResumingJdkPairRunsFullHandshakes() throws Exception {
        EnginePair pair = EnginePair.jdk(Scenario.handshake(TlsVersion.TLS13, "x25519", ecdsa.keyType()), ecdsa);
        for (int i = 0; i < 3; i++) {
            pair.newConnections();
            pair.handshake();
        }
        assertEquals(3, pair.serverChainChecks(), "the count the resuming test relies on sees full handshakes");
    }

    @Test
    void pairedRatiosAreTakenPerRoundWithAnIntervalAroundTheMedian() throws Exception {
        PairedRounds rounds = new PairedRounds(List.of("fast", "slow"), 3);
        long[] sink = new long[1];
        PairedRounds.Op fast = () -> spin(sink, 20_000);
        PairedRounds.Op slow = () -> spin(sink, 80_000);
        for (int i = 0; i < 30; i++) {
            rounds.round(i, List.of(fast, slow), i >= 5);
        }
        assertEquals(25, rounds.rounds(), "warm-up rounds are not recorded");
        PairedRounds.Ratio r = rounds.ratio("fast", "slow");
        assertTrue(r.low() <= r.median() && r.median() <= r.high(), r.toString());
        assertEquals(25, r.rounds());
        // Unit tests assert no timings (how much faster "fast" is depends on the machine's load);
        // only that each arm was timed: a positive, finite rate.
        assertTrue(rounds.cpuRate("fast") > 0 && Double.isFinite(rounds.cpuRate("fast")));
        assertTrue(rounds.cpuRate("slow") > 0 && Double.isFinite(rounds.cpuRate("slow")));
    }

    @Test
    void theIntervalOfFixedRatiosIsThoseRanks() {
        double[] v = new double[25];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1; // 1..25, shuffled order does not matter
        }
        PairedRounds.Ratio r = PairedRounds.Ratio.of(v);
        assertEquals(13, r.median());
        // n = 25: ranks floor(12.5 - 4.9) = 7 and ceil(13.5 + 4.9) = 19.
        assertEquals(7, r.low());
        assertEquals(19, r.high());
    }

    private static void spin(long[] sink, int n) {
        long x = sink[0];
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink[0] = x;
    }
}
