package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.testing.MemoryPipe.Behavior;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * Client and server joined only by callbacks that move one byte per call, say "would block"
 * before every call, take partial writes, or all of that at once: every handshake still
 * completes, 1 MiB round-trips intact, and the blocked statuses are the ones the callbacks caused.
 */
class HostileIoTest {
    private static final int MIB = 1 << 20;

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Behavior behavior : new Behavior[] {Behavior.ONE_BYTE, Behavior.WOULD_BLOCK_FIRST, Behavior.PARTIAL_WRITES, Behavior.HOSTILE}) {
            for (String suite : new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"}) {
                out.add(Arguments.of(behavior, suite, false));
                out.add(Arguments.of(behavior, suite, true));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} helloRetry={2}")
    @MethodSource("matrix")
    void handshakeAndOneMebibyteRoundTrip(Behavior behavior, String suite, boolean helloRetry) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        // The client's policy sends a secp256r1 share; a server that only takes x25519 must ask again.
        Config client = Config.builder().securityPolicy(TestPolicies.only(List.of(suite), null))
                .withSystemTrust(false).trustPem(pki.rootPem()).build();
        Config server = Config.builder().securityPolicy(helloRetry ? TestPolicies.group("x25519") : TestPolicies.suite(suite))
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
        try (TestPair pair = new TestPair(client, server, behavior)) {
            pair.handshake();
            assertEquals(suite, pair.client.cipherSuite());
            assertEquals(helloRetry, pair.client.handshakeTypeName().contains("HELLO_RETRY_REQUEST"));
            assertEquals(helloRetry, pair.server.handshakeTypeName().contains("HELLO_RETRY_REQUEST"));
            checkStatuses(behavior, pair.clientBlocked, true);
            checkStatuses(behavior, pair.serverBlocked, true);

            byte[] data = new byte[MIB];
            new Random(42).nextBytes(data);
            List<Blocked> statuses = new ArrayList<>();
            byte[] echoed = echo(pair, data, statuses);
            assertArrayEquals(data, echoed);
            checkStatuses(behavior, statuses, false);
        }
    }

    /**
     * Only a callback returning 0 may produce a blocked status: ON_WRITE exactly when writes can
     * block; ON_READ whenever the peer has not written yet (always, during a handshake).
     */
    private static void checkStatuses(Behavior behavior, List<Blocked> seen, boolean handshake) {
        Set<Blocked> kinds = seen.isEmpty() ? EnumSet.noneOf(Blocked.class) : EnumSet.copyOf(seen);
        assertFalse(kinds.contains(Blocked.ON_APPLICATION_INPUT) || kinds.contains(Blocked.ON_EARLY_DATA), kinds.toString());
        boolean writesBlock = behavior == Behavior.WOULD_BLOCK_FIRST || behavior == Behavior.HOSTILE;
        assertEquals(writesBlock, kinds.contains(Blocked.ON_WRITE), "statuses " + kinds + " with " + behavior);
        if (handshake) {
            // Each side waits for the other's flight at least once.
            assertTrue(kinds.contains(Blocked.ON_READ), "statuses " + kinds);
        }
    }

    /** Client sends everything; server echoes what it receives; client reads it back. */
    private static byte[] echo(TestPair pair, byte[] data, List<Blocked> statuses) throws TlsException {
        ByteBuffer toSend = ByteBuffer.wrap(data);
        ByteBuffer atServer = ByteBuffer.allocate(64 * 1024);
        ByteBuffer back = ByteBuffer.allocate(data.length);
        for (int round = 0; back.hasRemaining(); round++) {
            if (round > 50_000_000) {
                throw new AssertionError("stuck at " + back.position());
            }
            if (toSend.hasRemaining()) {
                pair.client.send(toSend);
                statuses.add(pair.client.blocked());
            }
            if (atServer.position() == 0) {
                pair.server.recv(atServer);
                statuses.add(pair.server.blocked());
            }
            if (atServer.position() > 0) {
                atServer.flip();
                pair.server.send(atServer);
                statuses.add(pair.server.blocked());
                atServer.compact();
            }
            pair.client.recv(back);
            statuses.add(pair.client.blocked());
        }
        return back.array();
    }
}
