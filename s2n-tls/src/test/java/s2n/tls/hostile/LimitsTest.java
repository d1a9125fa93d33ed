package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.Config;
import s2n.tls.TlsException;
import s2n.tls.internal.handshake.Alerts;
import s2n.tls.internal.handshake.HandshakeReassembler;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.record.ContentType;
import s2n.tls.internal.record.RecordLimits;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;

/**
 * Every limit a peer can push against, through a real connection: at the limit the connection
 * carries on, one past it the connection fails with the limit's alert. (The memory side of the
 * handshake message limit is in {@code HandshakeLimitsTest}, where the buffer can be seen.)
 */
class LimitsTest {
    private static final byte[] EMPTY = new byte[0];

    private static RawPeer established() throws Exception {
        RawPeer peer = RawPeer.facingServer(Negative.serverConfig());
        peer.completeAsClient();
        return peer;
    }

    private static void assertFailed(RawPeer peer, Alert alert) {
        peer.pump();
        TlsException f = peer.failure();
        assertNotNull(f, "the connection did not fail");
        assertEquals(TlsException.Type.PROTOCOL, f.type());
        assertEquals(alert, f.alert(), f.getMessage());
        assertEquals(alert, peer.alertReceived());
    }

    private static void assertAlive(RawPeer peer) {
        peer.sendApplicationData(new byte[] {'o', 'k'});
        peer.pump();
        assertNull(peer.failure(), () -> "failed: " + peer.failure());
        assertArrayEquals(new byte[] {'o', 'k'}, peer.applicationDataReceived());
    }

    @Test
    void emptyApplicationDataRecordsInARow() throws Exception {
        int limit = 32;
        try (RawPeer peer = established()) {
            for (int i = 0; i < limit; i++) {
                peer.sendApplicationData(EMPTY);
            }
            assertAlive(peer);
            for (int i = 0; i <= limit; i++) {
                peer.sendApplicationData(EMPTY);
            }
            assertFailed(peer, Alert.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void keyUpdatesWithoutApplicationData() throws Exception {
        int limit = 32;
        try (RawPeer peer = established()) {
            for (int i = 0; i < limit; i++) {
                peer.sendHandshake(new KeyUpdate(KeyUpdate.UPDATE_NOT_REQUESTED).encode());
                peer.updateWriteKeys();
            }
            assertAlive(peer);
            for (int i = 0; i <= limit; i++) {
                peer.sendHandshake(new KeyUpdate(KeyUpdate.UPDATE_NOT_REQUESTED).encode());
                peer.updateWriteKeys();
            }
            assertFailed(peer, Alert.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void userCanceledAlertsAfterTheHandshake() throws Exception {
        try (RawPeer peer = established()) {
            for (int i = 0; i < Alerts.MAX_IGNORED_ALERTS; i++) {
                peer.sendAlert(1, Alert.USER_CANCELED);
            }
            assertAlive(peer);
            peer.sendAlert(1, Alert.USER_CANCELED);
            assertFailed(peer, Alert.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void changeCipherSpecRecordsDuringTheHandshake() throws Exception {
        try (RawPeer ok = RawPeer.facingServer(Negative.serverConfig())) {
            ok.sendHandshake(ok.clientHello().encodeClientHello());
            ok.pump();
            ok.readServerHello();
            ok.readServerFlight();
            for (int i = 0; i < 4; i++) {
                ok.sendChangeCipherSpec();
            }
            ok.sendHandshake(ok.clientFinished());
            ok.pump();
            assertNull(ok.failure());
            assertTrue(ok.conn.isHandshakeComplete(), "four change_cipher_spec records are tolerated");
        }
        // The fifth is refused: NegativeServerTest "five change_cipher_spec records".
    }

    /**
     * #16: no cap on the number of extensions below what the message holds (RFC 8446 §4.2 sets
     * none). A ClientHello filled to its 64 KiB extension block with unknown empty extensions is
     * answered; the same with one repeated type at the very end is refused (illegal_parameter).
     */
    @Test
    void extensionsPerMessage() throws Exception {
        try (RawPeer at = RawPeer.facingServer(Negative.serverConfig())) {
            RawHello h = fill(at.clientHello());
            at.sendHandshake(h.encodeClientHello());
            at.pump();
            assertNull(at.failure(), () -> "failed: " + at.failure());
            assertNotNull(at.readServerHello(), h.extensions.size() + " extensions are accepted");
        }
        try (RawPeer dup = RawPeer.facingServer(Negative.serverConfig())) {
            RawHello h = fill(dup.clientHello());
            h.extensions.remove(h.extensions.size() - 1);
            h.add(0x2000, EMPTY);
            dup.sendHandshake(h.encodeClientHello());
            assertFailed(dup, Alert.ILLEGAL_PARAMETER);
        }
    }

    /**
     * Adds unknown empty extensions (4 bytes each) until the ClientHello is as long as the default
     * handshake message limit allows (64 KiB of body), its extension block then nearly 64 KiB too.
     */
    private static RawHello fill(RawHello h) {
        int body = h.encodeClientHello().length - 4;
        for (int type = 0x2000; body + 4 <= HandshakeReassembler.MAX_MESSAGE_LENGTH && type <= 0xffff; type++) {
            if (h.get(type) == null) {
                h.add(type, EMPTY);
                body += 4;
            }
        }
        return h;
    }

    @Test
    void configuredHandshakeMessageSize() throws Exception {
        Config small = Config.builder().withSystemTrust(false).trustPem(Negative.PKI.rootPem())
                .maxBlindingDelay(Duration.ZERO).maxHandshakeMessageSize(4096).build();
        try (RawPeer peer = RawPeer.facingClient(small)) {
            peer.pump();
            ClientHello hello = peer.readClientHello();
            peer.sendServerHello(peer.serverHello(hello).encodeServerHello(), peer.clientShare(hello));
            peer.sendHandshake(RawPeer.handshake(HandshakeCodes.ENCRYPTED_EXTENSIONS, new byte[4097]));
            assertFailed(peer, Alert.UNEXPECTED_MESSAGE);
            assertTrue(peer.failure().getMessage().contains("4097 bytes exceeds the limit of 4096"), peer.failure().getMessage());
        }
        // At 4096 the size passes and the body itself is judged (here: a malformed extensions block).
        try (RawPeer peer = RawPeer.facingClient(small)) {
            peer.pump();
            ClientHello hello = peer.readClientHello();
            peer.sendServerHello(peer.serverHello(hello).encodeServerHello(), peer.clientShare(hello));
            peer.sendHandshake(RawPeer.handshake(HandshakeCodes.ENCRYPTED_EXTENSIONS, new byte[4096]));
            assertFailed(peer, Alert.DECODE_ERROR);
        }
    }

    @Test
    void configuredHandshakeMessageSizeIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> Config.builder().maxHandshakeMessageSize(1023));
        assertThrows(IllegalArgumentException.class,
                () -> Config.builder().maxHandshakeMessageSize(HandshakeReassembler.MAX_CONFIGURABLE_LENGTH + 1));
        assertEquals(HandshakeReassembler.MAX_MESSAGE_LENGTH, Config.builder().build().maxHandshakeMessageSize());
    }

    @Test
    void plaintextRecordSize() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            // 2^14 bytes of a ClientHello-to-be pass the record layer (the message stays incomplete).
            byte[] fragment = new byte[RecordLimits.MAX_PLAINTEXT];
            fragment[0] = 1;
            fragment[2] = 0x40;
            fragment[3] = 0x10;
            peer.sendRaw(Negative.handshakeRecord(fragment));
            peer.pump();
            assertNull(peer.failure());
            peer.sendRaw(Negative.handshakeRecord(new byte[RecordLimits.MAX_PLAINTEXT + 1]));
            assertFailed(peer, Alert.RECORD_OVERFLOW);
        }
    }

    @Test
    void protectedRecordSizes() throws Exception {
        try (RawPeer peer = established()) {
            peer.sendSealed(ContentType.APPLICATION_DATA, new byte[RecordLimits.MAX_PLAINTEXT]);
            peer.pump();
            assertNull(peer.failure());
            assertEquals(RecordLimits.MAX_PLAINTEXT, peer.applicationDataReceived().length);
            peer.sendSealed(ContentType.APPLICATION_DATA, new byte[RecordLimits.MAX_PLAINTEXT + 1]);
            assertFailed(peer, Alert.RECORD_OVERFLOW);
        }
        try (RawPeer peer = established()) {
            peer.sendRaw(RawPeer.record(ContentType.APPLICATION_DATA, 0x0303, new byte[RecordLimits.MAX_CIPHERTEXT_TLS13 + 1]));
            assertFailed(peer, Alert.RECORD_OVERFLOW);
        }
    }
}
