package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.TestPki;

/**
 * Our KeyUpdates as they appear on the wire, read by a raw peer that holds the real keys and
 * moves its own read keys only when it reads a KeyUpdate: the exact message bytes (request_update
 * 0 or 1), how many go out for what was due (RFC 8446 §4.6.3), that the record after each one is
 * under the next key (RFC 8446 §7.2), and that the record limit puts one after exactly
 * {@code limit - 1} records (RFC 8446 §5.5). Both our server (facing a raw client) and our client.
 */
class KeyUpdateWireTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final TestPki.Issued LEAF = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");
    private static final byte[] NOT_REQUESTED = {24, 0, 0, 1, 0};
    private static final byte[] REQUESTED = {24, 0, 0, 1, 1};

    private static RawPeer established(Mode ours) throws TlsException {
        if (ours == Mode.SERVER) {
            return RawPeer.facingServer(KeyUpdateTest.server(SecurityPolicy.named("default"))).completeAsClient();
        }
        return RawPeer.facingClient(KeyUpdateTest.client(SecurityPolicy.named("default")))
                .completeAsServer(LEAF, SignatureScheme.ECDSA_SECP256R1_SHA256);
    }

    /** Our connection sends {@code text}, in one record. */
    private static void connSends(RawPeer peer, String text) throws TlsException {
        ByteBuffer src = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        assertEquals(src.remaining(), peer.conn.send(src));
    }

    /** The next KeyUpdate our connection wrote, after which the raw peer reads with the next key. */
    private static byte[] readKeyUpdate(RawPeer peer) throws TlsException {
        byte[] message = peer.readHandshake();
        if (message != null) {
            peer.updateReadKeys();
        }
        return message;
    }

    /**
     * Reads every record our connection wrote and returns the application data not returned before.
     * (The raw peer keeps what it read and what the connection received in one stream.)
     */
    private static String readData(RawPeer peer, ByteArrayOutputStream seen) {
        assertNull(peer.alertReceived(), "our connection sent an alert");
        byte[] all = peer.applicationDataReceived();
        String fresh = new String(all, seen.size(), all.length - seen.size(), StandardCharsets.US_ASCII);
        seen.writeBytes(fresh.getBytes(StandardCharsets.US_ASCII));
        return fresh;
    }

    /** The raw peer sends a KeyUpdate and switches its write key. */
    private static void peerSendsKeyUpdate(RawPeer peer, int request) throws TlsException {
        peer.sendHandshake(new KeyUpdate(request).encode());
        peer.updateWriteKeys();
    }

    /** The raw peer sends data; our connection reads it (and any KeyUpdate before it). */
    private static void peerSendsData(RawPeer peer, ByteArrayOutputStream seen, String text) {
        peer.sendApplicationData(text.getBytes(StandardCharsets.US_ASCII));
        peer.pump();
        peer.requireNoFailure();
        assertEquals(text, readData(peer, seen));
    }

    @ParameterizedTest(name = "our {0}")
    @EnumSource(Mode.class)
    void requestWithoutPeerUpdate(Mode ours) throws Exception {
        try (RawPeer peer = established(ours)) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            peer.conn.requestKeyUpdate(false);
            connSends(peer, "one");
            assertArrayEquals(NOT_REQUESTED, readKeyUpdate(peer));
            assertEquals("one", readData(peer, seen));
            connSends(peer, "two");
            assertNull(readKeyUpdate(peer), "one KeyUpdate per request");
            assertEquals("two", readData(peer, seen));
            assertEquals(1, peer.conn.keyUpdatesSent());
        }
    }

    /** update_requested; the raw peer's answer (update_not_requested) is applied and not answered. */
    @ParameterizedTest(name = "our {0}")
    @EnumSource(Mode.class)
    void requestWithPeerUpdate(Mode ours) throws Exception {
        try (RawPeer peer = established(ours)) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            peer.conn.requestKeyUpdate(true);
            connSends(peer, "one");
            assertArrayEquals(REQUESTED, readKeyUpdate(peer));
            assertEquals("one", readData(peer, seen));
            peerSendsKeyUpdate(peer, KeyUpdate.UPDATE_NOT_REQUESTED);
            peerSendsData(peer, seen, "answered");
            assertEquals(1, peer.conn.keyUpdatesReceived());
            connSends(peer, "two");
            assertNull(readKeyUpdate(peer), "an answer is not answered");
            assertEquals("two", readData(peer, seen));
            assertEquals(1, peer.conn.keyUpdatesSent());
        }
    }

    /** RFC 8446 §4.6.3: requests that arrive while we are silent get one answer, update_not_requested. */
    @ParameterizedTest(name = "{0} requests")
    @ValueSource(ints = {1, 3})
    void peerRequestsGetOneAnswer(int requests) throws Exception {
        try (RawPeer peer = established(Mode.SERVER)) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            for (int i = 0; i < requests; i++) {
                peerSendsKeyUpdate(peer, KeyUpdate.UPDATE_REQUESTED);
            }
            peerSendsData(peer, seen, "asks");
            assertEquals(requests, peer.conn.keyUpdatesReceived());
            assertEquals(0, peer.conn.keyUpdatesSent(), "the answer waits for our next record");
            connSends(peer, "answer");
            assertArrayEquals(NOT_REQUESTED, readKeyUpdate(peer));
            assertEquals("answer", readData(peer, seen));
            connSends(peer, "more");
            assertNull(readKeyUpdate(peer));
            assertEquals("more", readData(peer, seen));
            assertEquals(1, peer.conn.keyUpdatesSent());
        }
    }

    /**
     * We asked (update_requested) but had not sent it when the peer's KeyUpdate arrived: the peer's
     * key has changed since we asked, so one KeyUpdate goes out, update_not_requested, whether or
     * not the peer asked for it (if it did, that KeyUpdate is the answer).
     */
    @ParameterizedTest(name = "the peer's request_update {0}")
    @ValueSource(ints = {KeyUpdate.UPDATE_NOT_REQUESTED, KeyUpdate.UPDATE_REQUESTED})
    void aPeerKeyUpdateBeforeOursServesOurRequest(int peerRequest) throws Exception {
        try (RawPeer peer = established(Mode.SERVER)) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            peer.conn.requestKeyUpdate(true);
            peerSendsKeyUpdate(peer, peerRequest);
            peerSendsData(peer, seen, "crossing");
            connSends(peer, "one");
            assertArrayEquals(NOT_REQUESTED, readKeyUpdate(peer));
            assertEquals("one", readData(peer, seen));
            connSends(peer, "two");
            assertNull(readKeyUpdate(peer));
            assertEquals("two", readData(peer, seen));
            assertEquals(1, peer.conn.keyUpdatesSent());
            assertEquals(1, peer.conn.keyUpdatesReceived());
        }
    }

    /**
     * The peer's request is unanswered when we ask for the peer's update: the answer must say
     * update_not_requested, so it goes first, and our request follows under the next key.
     */
    @ParameterizedTest(name = "our {0}")
    @EnumSource(Mode.class)
    void answerThenRequest(Mode ours) throws Exception {
        try (RawPeer peer = established(ours)) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            peerSendsKeyUpdate(peer, KeyUpdate.UPDATE_REQUESTED);
            peerSendsData(peer, seen, "asks");
            peer.conn.requestKeyUpdate(true);
            connSends(peer, "both");
            assertArrayEquals(NOT_REQUESTED, readKeyUpdate(peer));
            assertArrayEquals(REQUESTED, readKeyUpdate(peer));
            assertEquals("both", readData(peer, seen));
            assertEquals(2, peer.conn.keyUpdatesSent());
            peerSendsKeyUpdate(peer, KeyUpdate.UPDATE_NOT_REQUESTED);
            peerSendsData(peer, seen, "answered");
            connSends(peer, "done");
            assertNull(readKeyUpdate(peer));
            assertEquals("done", readData(peer, seen));
            assertEquals(2, peer.conn.keyUpdatesSent());
            assertEquals(2, peer.conn.keyUpdatesReceived());
        }
    }

    /**
     * RFC 8446 §5.5 with a limit of 3 records per key: two records of data, then the KeyUpdate as
     * the key's third and last, then the data under the next key; four generations in a row.
     */
    @ParameterizedTest(name = "our {0}")
    @EnumSource(Mode.class)
    void theRecordLimitPutsAKeyUpdateAfterLimitMinusOneRecords(Mode ours) throws Exception {
        try (RawPeer peer = established(ours)) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            peer.conn.overrideRecordLimit(3);
            connSends(peer, "0a");
            connSends(peer, "0b");
            for (int generation = 1; generation <= 4; generation++) {
                assertNull(readKeyUpdate(peer), "no KeyUpdate before the limit");
                assertEquals((generation - 1) + "a" + (generation - 1) + "b", readData(peer, seen));
                connSends(peer, generation + "a");
                assertArrayEquals(NOT_REQUESTED, readKeyUpdate(peer), "generation " + generation);
                connSends(peer, generation + "b");
                assertEquals(generation, peer.conn.keyUpdatesSent());
            }
            assertEquals("4a4b", readData(peer, seen));
            assertEquals(0, peer.conn.keyUpdatesReceived());
            peerSendsData(peer, seen, "the other direction keeps its key");
            assertEquals(0, peer.conn.keyUpdatesReceived());
        }
    }

    /** The sticky failure: a connection that failed raises it from requestKeyUpdate too. */
    @ParameterizedTest(name = "our {0}")
    @EnumSource(Mode.class)
    void afterAFailure(Mode ours) throws Exception {
        try (RawPeer peer = established(ours)) {
            peer.sendHandshake(RawPeer.handshake(HandshakeCodes.KEY_UPDATE, new byte[] {2}));
            peer.pump();
            TlsException f = peer.failure();
            assertEquals(TlsException.Type.PROTOCOL, f.type());
            assertEquals(Alert.ILLEGAL_PARAMETER, f.alert());
            assertEquals(Alert.ILLEGAL_PARAMETER, peer.alertReceived());
            assertSame(f, assertThrows(TlsException.class, () -> peer.conn.requestKeyUpdate(false)));
        }
    }
}
