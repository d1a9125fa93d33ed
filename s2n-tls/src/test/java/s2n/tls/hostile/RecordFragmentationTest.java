package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.ProtocolVersion;
import s2n.tls.TlsException;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawPeer;

/**
 * #16 item 3, the record shapes a peer may legally send (RFC 8446 §5.1, RFC 5246 §6.2.1): every
 * handshake message split across records down to one byte each, several messages coalesced in
 * one record and then split again across message borders (so a 4-byte message header straddles
 * records), in TLS 1.3 and TLS 1.2, as client and as server; then zero-length application data
 * records (allowed in both versions, RFC 8446 §5.1 "may be sent", RFC 5246 §6.2.1), which must
 * neither end the stream nor deliver anything.
 */
class RecordFragmentationTest {
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "pong".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "TLS 1.3 client to our server, handshake records of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 100})
    void tls13ClientFragments(int size) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.fragmentHandshakes(size).completeAsClient();
            afterHandshake(peer, ProtocolVersion.TLS13, size);
        }
    }

    @ParameterizedTest(name = "TLS 1.3 server to our client, its flight coalesced, records of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 100, 0})
    void tls13ServerCoalescesAndFragments(int size) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            peer.fragmentHandshakes(size).coalesceHandshakes(true);
            peer.completeAsServer(Negative.LEAF, SignatureScheme.ECDSA_SECP256R1_SHA256);
            afterHandshake(peer, ProtocolVersion.TLS13, size);
        }
    }

    @ParameterizedTest(name = "TLS 1.2 client to our server, its messages coalesced, records of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 100})
    void tls12ClientFragments(int size) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.fragmentHandshakes(size).coalesceHandshakes(true);
            peer.tls12().completeAsClient();
            afterHandshake(peer, ProtocolVersion.TLS12, size);
        }
    }

    @ParameterizedTest(name = "TLS 1.2 server to our client, its first flight coalesced, records of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 100, 0})
    void tls12ServerCoalescesAndFragments(int size) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            peer.fragmentHandshakes(size).coalesceHandshakes(true);
            peer.tls12().completeAsServer(Negative.LEAF, SignatureScheme.ECDSA_SECP256R1_SHA256);
            afterHandshake(peer, ProtocolVersion.TLS12, size);
        }
    }

    /**
     * Three zero-length application data records, then "ping": the connection delivers exactly
     * "ping" and answers "pong"; nothing failed and no alert was sent.
     */
    private static void afterHandshake(RawPeer peer, ProtocolVersion version, int size) throws TlsException {
        assertEquals(version, peer.conn.actualProtocolVersion());
        // The shape was the one asked for: records of at most `size` bytes, or few whole ones.
        long bytes = peer.handshakeBytesSent();
        int records = peer.handshakeRecordsSent();
        if (size > 0) {
            assertTrue(records >= bytes / size, records + " handshake records for " + bytes + " bytes");
        } else {
            assertTrue(records <= 2, records + " handshake records: each flight should be one");
        }
        for (int i = 0; i < 3; i++) {
            peer.sendSealed(ContentType.APPLICATION_DATA, new byte[0]);
        }
        peer.pump();
        assertNull(peer.failure(), () -> "zero-length records: " + peer.failure());
        assertEquals(0, peer.applicationDataReceived().length);
        peer.sendApplicationData(PING).pump();
        assertNull(peer.failure(), () -> "after zero-length records: " + peer.failure());
        assertArrayEquals(PING, peer.applicationDataReceived());
        peer.conn.send(ByteBuffer.wrap(PONG));
        assertNull(peer.alertReceived(), "an alert from the connection");
        // The peer's buffer holds what the connection received, then what it read from the connection.
        assertEquals("pingpong", new String(peer.applicationDataReceived(), StandardCharsets.US_ASCII));
    }
}
