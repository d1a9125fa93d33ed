package s2n.tls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark harness completes a handshake and a transfer, negotiating exactly what its
 * scenario pins: so a benchmark run cannot time something other than it claims. Runs in
 * {@code mvn verify}; the benchmarks themselves do not.
 */
class HarnessSmokeTest {
    private static BenchPki ecdsa;
    private static BenchPki rsa;

    @BeforeAll
    static void pki() {
        // JDK 17 reads its groups once per JVM (JDK 20+ takes them per engine): cover every scenario here.
        System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1");
        ecdsa = BenchPki.create(BenchPki.KeyType.ECDSA_P256);
        rsa = BenchPki.create(BenchPki.KeyType.RSA_2048);
    }

    @Test
    void s2nPairNegotiatesEachPinnedGroupAndSuite() throws Exception {
        for (String group : new String[] {"x25519", "secp256r1"}) {
            for (BenchPki pki : new BenchPki[] {ecdsa, rsa}) {
                try (S2nPair pair = new S2nPair(Scenario.handshake(TlsVersion.TLS13, group, pki.keyType()), pki)) {
                    pair.newConnections();
                    pair.handshake();
                    assertEquals("TLSv1.3 TLS_AES_128_GCM_SHA256 " + group, pair.negotiated());
                    assertEquals(pki.keyType() == BenchPki.KeyType.ECDSA_P256 ? "ecdsa_secp256r1_sha256"
                            : "rsa_pss_rsae_sha256", pair.client().signatureScheme());
                }
            }
        }
        for (String suite : new String[] {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"}) {
            try (S2nPair pair = new S2nPair(Scenario.bulk(suite), ecdsa)) {
                pair.newConnections();
                pair.handshake();
                assertEquals("TLSv1.3 " + suite + " x25519", pair.negotiated());
                assertTransfers(pair);
            }
        }
    }

    @Test
    void s2nPairHandshakesAgainAfterWipe() throws Exception {
        try (S2nPair pair = new S2nPair(Scenario.handshake(TlsVersion.TLS13, "secp256r1", BenchPki.KeyType.ECDSA_P256), ecdsa)) {
            pair.newConnections();
            pair.handshake();
            for (int i = 0; i < 3; i++) {
                pair.wipeConnections();
                pair.handshake();
                assertTransfers(pair);
            }
            assertEquals("TLSv1.3 TLS_AES_128_GCM_SHA256 secp256r1", pair.negotiated());
        }
    }

    @Test
    void jdkEngineDoesFullHandshakesAndTransfers() throws Exception {
        checkEnginePair(EnginePair.jdk(Scenario.bulk("TLS_CHACHA20_POLY1305_SHA256"), ecdsa),
                "TLSv1.3 TLS_CHACHA20_POLY1305_SHA256");
        checkEnginePair(EnginePair.jdk(Scenario.handshake(TlsVersion.TLS13, "x25519", BenchPki.KeyType.RSA_2048), rsa),
                "TLSv1.3 TLS_AES_128_GCM_SHA256");
    }

    @Test
    void bouncyCastleEngineDoesFullHandshakesAndTransfers() throws Exception {
        checkEnginePair(EnginePair.bouncyCastle(Scenario.bulk("TLS_CHACHA20_POLY1305_SHA256"), ecdsa),
                "TLSv1.3 TLS_CHACHA20_POLY1305_SHA256");
        checkEnginePair(EnginePair.bouncyCastle(
                Scenario.handshake(TlsVersion.TLS13, "secp256r1", BenchPki.KeyType.RSA_2048), rsa),
                "TLSv1.3 TLS_AES_128_GCM_SHA256");
    }

    /** The TLS 1.2 scenario negotiates ECDHE-ECDSA-AES128-GCM with the pinned group on all three libraries. */
    @Test
    void tls12ScenarioNegotiatesEcdheEcdsaAes128GcmOnEveryLibrary() throws Exception {
        for (String group : new String[] {"x25519", "secp256r1"}) {
            try (S2nPair pair = new S2nPair(Scenario.handshake(TlsVersion.TLS12, group, BenchPki.KeyType.ECDSA_P256), ecdsa)) {
                for (int i = 0; i < 2; i++) {
                    pair.newConnections();
                    pair.handshake();
                    assertEquals("TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 " + group, pair.negotiated());
                    assertEquals("NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY",
                            pair.client().handshakeTypeName());
                }
            }
        }
        Scenario tls12 = Scenario.handshake(TlsVersion.TLS12, "x25519", BenchPki.KeyType.ECDSA_P256);
        checkEnginePair(EnginePair.jdk(tls12, ecdsa), "TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        checkEnginePair(EnginePair.bouncyCastle(tls12, ecdsa), "TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void cryptoLimitBenchmarksRunOneOperation() throws Exception {
        for (String suite : new String[] {"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"}) {
            AeadLimitBenchmark aead = new AeadLimitBenchmark();
            aead.provider = "jdk";
            aead.suite = suite;
            aead.size = 1024;
            aead.setUp();
            aead.sealAndOpen();
            aead.sealAndOpen();
        }
        for (String cert : new String[] {"ECDSA_P256", "RSA_2048"}) {
            for (String group : new String[] {"x25519", "secp256r1"}) {
                HandshakeCryptoLimitBenchmark pk = new HandshakeCryptoLimitBenchmark();
                pk.provider = "jdk";
                pk.cert = cert;
                pk.group = group;
                pk.setUp();
                assertTrue(pk.handshakePublicKeyOperations(), cert + " " + group);
            }
        }
        KeyScheduleLimitBenchmark ks = new KeyScheduleLimitBenchmark();
        ks.provider = "jdk";
        ks.setUp();
        assertEquals(32, ks.oneSideKeySchedule().length);
    }

    @Test
    void enginesNegotiateThePinnedGroupWithAnEcdsaCertificate() throws Exception {
        // x25519 with a P-256 certificate is the case BCJSSE needs secp256r1 listed for (see EnginePair).
        EnginePair bc = EnginePair.bouncyCastle(Scenario.handshake(TlsVersion.TLS13, "x25519", BenchPki.KeyType.ECDSA_P256), ecdsa);
        bc.recordServerHelloGroup();
        checkEnginePair(bc, "TLSv1.3 TLS_AES_128_GCM_SHA256");
        assertEquals(0x1d, bc.serverHelloGroup());
        EnginePair bcP256 = EnginePair.bouncyCastle(Scenario.handshake(TlsVersion.TLS13, "secp256r1", BenchPki.KeyType.ECDSA_P256), ecdsa);
        bcP256.recordServerHelloGroup();
        checkEnginePair(bcP256, "TLSv1.3 TLS_AES_128_GCM_SHA256");
        assertEquals(0x17, bcP256.serverHelloGroup());
        EnginePair jdk = EnginePair.jdk(Scenario.handshake(TlsVersion.TLS13, "x25519", BenchPki.KeyType.ECDSA_P256), ecdsa);
        jdk.recordServerHelloGroup();
        checkEnginePair(jdk, "TLSv1.3 TLS_AES_128_GCM_SHA256");
        assertEquals(0x1d, jdk.serverHelloGroup());
    }

    private static void checkEnginePair(EnginePair pair, String expected) throws Exception {
        try (pair) {
            for (int i = 1; i <= 2; i++) {
                pair.newConnections();
                pair.handshake();
                assertEquals(expected, pair.negotiated());
                // Every handshake is a full one: the server chose its certificate each time.
                assertEquals(i, pair.fullHandshakes());
            }
            assertTransfers(pair);
        }
    }

    private static void assertTransfers(InMemoryPair pair) throws Exception {
        for (int size : new int[] {16384, 1024, 40_000}) {
            ByteBuffer data = ByteBuffer.allocate(size);
            ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
            pair.transfer(data, sink);
            assertFalse(data.hasRemaining());
        }
    }
}
