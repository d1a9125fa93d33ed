package s2n.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * TLS 1.3 early data (0-RTT, RFC 8446 §4.2.10) between our own client and server: accepted once
 * per ticket, delivered before the handshake completes (and by {@code recv} if not read then),
 * rejected and skipped when the server says no (callback, replay, HelloRetryRequest, no early
 * data in its config, ALPN), and refused beyond the ticket's limit.
 */
class EarlyDataTest {
    private static final TestPki.Issued CERT = Tls12HandshakeTest.cert(TestPki.KeyType.ECDSA_P256);
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(US_ASCII);
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(US_ASCII);

    private static Config.Builder server() {
        return Config.builder().maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem()))
                .addTicketKey("k", KEY, Instant.now().minusSeconds(60));
    }

    private static Config client() {
        return Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false)
                .trustPem(TestPki.shared(TestPki.KeyType.ECDSA_P256).rootPem()).sessionTicketsEnabled(true).build();
    }

    /** A full handshake with {@code server}; the session its ticket gives. */
    private static byte[] session(Config server) throws TlsException {
        try (TestPair pair = new TestPair(client(), server)) {
            pair.handshake();
            TestPair.transfer(pair.server, pair.client, new byte[] {1});
            return pair.client.session();
        }
    }

    /** Client sends {@code early} as early data, both sides complete; returns what the server read as early data. */
    private static byte[] zeroRtt(TestPair pair, byte[] session, byte[] early) throws TlsException {
        pair.client.setSession(session);
        ByteBuffer src = ByteBuffer.wrap(early);
        int sent = pair.client.sendEarlyData(src);
        assertEquals(early.length, sent, "all of it fits the ticket's limit");
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        ByteBuffer dst = ByteBuffer.allocate(7); // small, to read it in pieces
        boolean clientDone = false;
        boolean serverDone = false;
        for (int i = 0; i < 100 && !(clientDone && serverDone); i++) {
            if (!serverDone) {
                int n;
                while ((n = pair.server.recvEarlyData(dst.clear())) > 0) {
                    read.write(dst.array(), 0, n);
                }
                serverDone = pair.server.isHandshakeComplete() || pair.server.negotiate() == Blocked.NOT_BLOCKED;
            }
            if (!clientDone) {
                clientDone = pair.client.negotiate() == Blocked.NOT_BLOCKED;
            }
        }
        assertTrue(clientDone && serverDone, "handshake did not complete");
        if (!serverDone) {
            pair.server.negotiate();
        }
        return read.toByteArray();
    }

    @Test
    void acceptedEarlyDataArrivesBeforeTheHandshakeCompletes() throws Exception {
        Config server = server().maxEarlyData(4096).build();
        byte[] session = session(server);
        try (TestPair pair = new TestPair(client(), server)) {
            byte[] read = zeroRtt(pair, session, REQUEST);
            assertArrayEquals(REQUEST, read);
            for (Connection c : new Connection[] {pair.client, pair.server}) {
                assertEquals(EarlyDataStatus.ACCEPTED, c.earlyDataStatus());
                assertTrue(c.isResumed());
                assertEquals("NEGOTIATED|MIDDLEBOX_COMPAT|WITH_EARLY_DATA|EARLY_CLIENT_CCS", c.handshakeTypeName());
            }
            // Data after the handshake flows as usual, both ways.
            byte[] more = "after".getBytes(US_ASCII);
            assertArrayEquals(more, TestPair.transfer(pair.client, pair.server, more));
            assertArrayEquals(more, TestPair.transfer(pair.server, pair.client, more));
        }
    }

    @Test
    void earlyDataNotReadDuringTheHandshakeComesFirstFromRecv() throws Exception {
        Config server = server().maxEarlyData(4096).build();
        byte[] session = session(server);
        try (TestPair pair = new TestPair(client(), server)) {
            pair.client.setSession(session);
            assertEquals(REQUEST.length, pair.client.sendEarlyData(ByteBuffer.wrap(REQUEST)));
            pair.handshake();
            assertEquals(EarlyDataStatus.ACCEPTED, pair.server.earlyDataStatus());
            assertEquals(REQUEST.length, pair.server.peek());
            byte[] after = "then this".getBytes(US_ASCII);
            pair.client.send(ByteBuffer.wrap(after));
            byte[] expected = new byte[REQUEST.length + after.length];
            System.arraycopy(REQUEST, 0, expected, 0, REQUEST.length);
            System.arraycopy(after, 0, expected, REQUEST.length, after.length);
            ByteBuffer dst = ByteBuffer.allocate(expected.length);
            for (int i = 0; i < 100 && dst.hasRemaining(); i++) {
                pair.server.recv(dst);
            }
            assertArrayEquals(expected, dst.array());
        }
    }

    @Test
    void aTicketGivesEarlyDataOnceThenOnlyResumption() throws Exception {
        Config server = server().maxEarlyData(4096).build();
        byte[] session = session(server);
        try (TestPair pair = new TestPair(client(), server)) {
            assertArrayEquals(REQUEST, zeroRtt(pair, session, REQUEST));
        }
        try (TestPair replay = new TestPair(client(), server)) {
            byte[] read = zeroRtt(replay, session, REQUEST);
            assertEquals(0, read.length, "a replayed ticket's early data is skipped, never delivered");
            assertEquals(EarlyDataStatus.REJECTED, replay.server.earlyDataStatus());
            assertEquals(EarlyDataStatus.REJECTED, replay.client.earlyDataStatus());
            assertTrue(replay.server.isResumed(), "the handshake itself still resumes");
            assertEquals("NEGOTIATED|MIDDLEBOX_COMPAT|EARLY_CLIENT_CCS", replay.server.handshakeTypeName());
            // The client sends it again after the handshake, as it must.
            assertArrayEquals(REQUEST, TestPair.transfer(replay.client, replay.server, REQUEST));
        }
    }

    @Test
    void theCallbackDecides() throws Exception {
        List<String> asked = new ArrayList<>();
        Config server = server().maxEarlyData(4096).earlyDataCallback((conn, alpn) -> {
            asked.add(String.valueOf(conn.serverName()));
            return false;
        }).build();
        byte[] session = session(server);
        try (TestPair pair = new TestPair(client(), server)) {
            assertEquals(0, zeroRtt(pair, session, REQUEST).length);
            assertEquals(EarlyDataStatus.REJECTED, pair.client.earlyDataStatus());
            assertEquals(List.of("localhost"), asked);
            assertArrayEquals(REQUEST, TestPair.transfer(pair.client, pair.server, REQUEST));
        }
    }

    @Test
    void aServerWithoutEarlyDataSkipsIt() throws Exception {
        Config withEarly = server().maxEarlyData(4096).build();
        byte[] session = session(withEarly);
        // The same keys, but this server takes no early data: it resumes, skips the early records.
        Config without = server().build();
        try (TestPair pair = new TestPair(client(), without)) {
            assertEquals(0, zeroRtt(pair, session, REQUEST).length);
            assertEquals(EarlyDataStatus.REJECTED, pair.client.earlyDataStatus());
            assertTrue(pair.server.isResumed());
        }
        // A server that cannot even resume the ticket: a full handshake, the early data skipped too.
        Config otherKeys = Config.builder().maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem()))
                .sessionTicketsEnabled(true).maxEarlyData(4096).build();
        try (TestPair pair = new TestPair(client(), otherKeys)) {
            assertEquals(0, zeroRtt(pair, session, REQUEST).length);
            assertEquals(EarlyDataStatus.REJECTED, pair.client.earlyDataStatus());
            assertTrue(pair.client.handshakeTypeName().contains("FULL_HANDSHAKE"));
        }
    }

    @Test
    void aHelloRetryRequestRejectsEarlyData() throws Exception {
        Config first = server().maxEarlyData(4096).build();
        byte[] session = session(first);
        // This server wants secp384r1, for which the client sends no share at first.
        Config retry = server().maxEarlyData(4096).securityPolicy(TestPolicies.group("secp384r1")).build();
        try (TestPair pair = new TestPair(client(), retry)) {
            assertEquals(0, zeroRtt(pair, session, REQUEST).length);
            assertEquals(EarlyDataStatus.REJECTED, pair.client.earlyDataStatus());
            assertTrue(pair.server.handshakeTypeName().contains("HELLO_RETRY_REQUEST"), pair.server.handshakeTypeName());
            assertArrayEquals(REQUEST, TestPair.transfer(pair.client, pair.server, REQUEST));
        }
    }

    @Test
    void theTicketsLimitBoundsWhatTheClientSends() throws Exception {
        Config server = server().maxEarlyData(100).build();
        byte[] session = session(server);
        try (TestPair pair = new TestPair(client(), server)) {
            pair.client.setSession(session);
            ByteBuffer big = ByteBuffer.wrap(new byte[300]);
            assertEquals(100, pair.client.sendEarlyData(big));
            assertEquals(0, pair.client.sendEarlyData(big), "the limit is reached");
            assertEquals(200, big.remaining());
            pair.handshake();
            assertEquals(EarlyDataStatus.ACCEPTED, pair.server.earlyDataStatus());
            assertEquals(100, pair.server.peek());
        }
    }

    /**
     * RFC 8446 §4.2.10: more early data than the server takes is an unexpected_message. The ticket
     * said 4096 bytes; the server (same keys) now takes 100.
     */
    @Test
    void moreEarlyDataThanTheServerTakesIsAnUnexpectedMessage() throws Exception {
        byte[] session = session(server().maxEarlyData(4096).build());
        Config stricter = server().maxEarlyData(100).build();
        try (TestPair pair = new TestPair(client(), stricter)) {
            pair.client.setSession(session);
            assertEquals(300, pair.client.sendEarlyData(ByteBuffer.wrap(new byte[300])));
            TlsException e = assertThrows(TlsException.class, () -> {
                for (int i = 0; i < 10; i++) {
                    pair.server.recvEarlyData(ByteBuffer.allocate(1000));
                    pair.server.negotiate();
                }
            });
            assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert(), e.getMessage());
            // The client completes once its Finished is out (RFC 8446 §4.4.4); the alert comes to its recv.
            TlsException peer = assertThrows(TlsException.class, () -> {
                for (int i = 0; i < 10; i++) {
                    if (pair.client.isHandshakeComplete()) {
                        pair.client.recv(ByteBuffer.allocate(16));
                    } else {
                        pair.client.negotiate();
                    }
                }
            });
            assertEquals(Alert.UNEXPECTED_MESSAGE, peer.alert(), peer.getMessage());
        }
    }

    @Test
    void noSessionMeansNoEarlyData() throws Exception {
        try (TestPair pair = new TestPair(client(), server().maxEarlyData(4096).build())) {
            assertEquals(0, pair.client.sendEarlyData(ByteBuffer.wrap(REQUEST)));
            assertEquals(0, pair.server.recvEarlyData(ByteBuffer.allocate(10)), "no ClientHello yet: blocked");
            assertEquals(Blocked.ON_READ, pair.server.blocked());
            pair.client.negotiate();
            assertEquals(-1, pair.server.recvEarlyData(ByteBuffer.allocate(10)), "a ClientHello without early data");
            pair.handshake();
            assertEquals(EarlyDataStatus.NOT_REQUESTED, pair.client.earlyDataStatus());
            assertEquals(EarlyDataStatus.NOT_REQUESTED, pair.server.earlyDataStatus());
        }
        byte[] noEarly = session(server().build());
        try (TestPair pair = new TestPair(client(), server().maxEarlyData(4096).build())) {
            pair.client.setSession(noEarly);
            assertEquals(0, pair.client.sendEarlyData(ByteBuffer.wrap(REQUEST)), "the ticket allows no early data");
        }
    }

    /**
     * s2n's max and remaining early data sizes: the maximum stays what the session and the server
     * allow, whatever happens; the remainder shrinks with what is sent and received, and is 0 once
     * early data was not offered, was rejected, or has ended.
     */
    @Test
    void earlyDataSizesFollowWhatIsSentAndReceived() throws Exception {
        Config server = server().maxEarlyData(1000).build();
        byte[] session = session(server);
        try (TestPair pair = new TestPair(client(), server)) {
            assertEquals(0, pair.client.maxEarlyDataSize(), "no session yet");
            assertEquals(0, pair.client.remainingEarlyDataSize());
            assertEquals(1000, pair.server.maxEarlyDataSize());
            assertEquals(1000, pair.server.remainingEarlyDataSize(), "nothing decided before the ClientHello");
            pair.client.setSession(session);
            assertEquals(1000, pair.client.maxEarlyDataSize());
            assertEquals(1000, pair.client.remainingEarlyDataSize());
            assertEquals(300, pair.client.sendEarlyData(ByteBuffer.wrap(new byte[300])));
            assertEquals(700, pair.client.remainingEarlyDataSize());
            ByteBuffer dst = ByteBuffer.allocate(1000);
            for (int i = 0; i < 10 && dst.position() < 300; i++) {
                pair.server.recvEarlyData(dst);
            }
            assertEquals(300, dst.position());
            assertEquals(700, pair.server.remainingEarlyDataSize());
            pair.handshake();
            assertEquals(EarlyDataStatus.ACCEPTED, pair.server.earlyDataStatus());
            for (Connection c : new Connection[] {pair.client, pair.server}) {
                assertEquals(0, c.remainingEarlyDataSize(), "ended with the handshake");
                assertEquals(1000, c.maxEarlyDataSize(), "the maximum stays");
            }
            pair.server.freeHandshake();
            assertEquals(1000, pair.server.maxEarlyDataSize());
            pair.server.wipe();
            pair.server.setConfig(server);
            assertEquals(1000, pair.server.remainingEarlyDataSize(), "a wiped connection starts again");
        }
        // The server's maximum is the lower of its own and the resumed ticket's.
        for (int ours : new int[] {100, 4096}) {
            try (TestPair pair = new TestPair(client(), server().maxEarlyData(ours).build())) {
                pair.client.setSession(session);
                pair.handshake();
                assertTrue(pair.server.isResumed());
                assertEquals(Math.min(ours, 1000), pair.server.maxEarlyDataSize());
                assertEquals(1000, pair.client.maxEarlyDataSize(), "the client's is its ticket's");
                assertEquals(EarlyDataStatus.NOT_REQUESTED, pair.server.earlyDataStatus());
            }
        }
    }

    @Test
    void rejectedOrUnrequestedEarlyDataLeavesNothing() throws Exception {
        Config refusing = server().maxEarlyData(4096).earlyDataCallback((conn, alpn) -> false).build();
        byte[] session = session(refusing);
        try (TestPair pair = new TestPair(client(), refusing)) {
            pair.client.setSession(session);
            assertEquals(REQUEST.length, pair.client.sendEarlyData(ByteBuffer.wrap(REQUEST)));
            assertEquals(Blocked.ON_READ, pair.server.negotiate(), "its flight out, waiting for the client's");
            assertEquals(0, pair.server.remainingEarlyDataSize(), "rejected");
            assertEquals(4096, pair.server.maxEarlyDataSize());
            pair.client.negotiate();
            assertEquals(EarlyDataStatus.REJECTED, pair.client.earlyDataStatus());
            assertEquals(0, pair.client.remainingEarlyDataSize());
            assertEquals(4096, pair.client.maxEarlyDataSize());
        }
        try (TestPair pair = new TestPair(client(), server().maxEarlyData(4096).build())) {
            pair.client.setSession(session);
            pair.client.negotiate(); // a ClientHello without early data
            assertEquals(0, pair.client.remainingEarlyDataSize());
            assertEquals(Blocked.ON_READ, pair.server.negotiate());
            assertEquals(0, pair.server.remainingEarlyDataSize(), "not requested");
        }
    }

    @Test
    void wrongSides() throws Exception {
        try (Connection server = new Connection(Mode.SERVER); Connection client = new Connection(Mode.CLIENT)) {
            assertThrows(IllegalStateException.class, () -> server.sendEarlyData(ByteBuffer.allocate(1)));
            assertThrows(IllegalStateException.class, () -> client.recvEarlyData(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void theAntiReplayStoreIsBounded() {
        InMemoryAntiReplay store = new InMemoryAntiReplay(2, java.time.Clock.systemUTC());
        assertTrue(store.claim(new byte[] {1}, Duration.ofMinutes(1)));
        assertEquals(false, store.claim(new byte[] {1}, Duration.ofMinutes(1)), "second use");
        assertTrue(store.claim(new byte[] {2}, Duration.ofMinutes(1)));
        assertEquals(false, store.claim(new byte[] {3}, Duration.ofMinutes(1)), "full of live claims: refuse");
        assertThrows(IllegalArgumentException.class, () -> AntiReplay.inMemory(0));
    }
}
