package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;

/**
 * s2n's error blinding, Java-style: after a failure the peer caused, {@code delay()} says how
 * long to wait, the alert waits for {@code shutdown()} after it, and the library sleeps only
 * when the config asks. No test here sleeps longer than a 100 ms maximum delay.
 */
class BlindingTest {

    private static Config server(Duration max, boolean sleeps) {
        Config.Builder b = Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(Negative.LEAF.chainPem(), Negative.LEAF.keyPem()))
                .blindingSleeps(sleeps);
        if (max != null) {
            b.maxBlindingDelay(max);
        }
        return b.build();
    }

    /** Makes the server fail with a blinded error (a message out of order). */
    private static void failServer(RawPeer peer) {
        peer.sendHandshake(RawPeer.handshake(HandshakeCodes.FINISHED, new byte[32]));
        peer.pump();
    }

    @Test
    void byDefaultTheDelayLiesBetweenTenAndThirtySecondsAndTheAlertWaits() {
        try (RawPeer peer = RawPeer.facingServer(server(null, false))) {
            assertEquals(Duration.ZERO, peer.conn.delay(), "no delay before any failure");
            failServer(peer);
            assertEquals(Alert.UNEXPECTED_MESSAGE, peer.failure().alert());
            Duration delay = peer.conn.delay();
            assertTrue(delay.compareTo(Duration.ofSeconds(30)) <= 0 && delay.compareTo(Duration.ofSeconds(9)) > 0,
                    "delay " + delay);
            assertEquals(0, peer.fromConn.bytesWritten(), "the alert is withheld during the delay");
            IllegalStateException e = assertThrows(IllegalStateException.class, peer.conn::shutdown);
            assertTrue(e.getMessage().contains("Connection.delay()"), e.getMessage());
            assertEquals(0, peer.fromConn.bytesWritten());
        }
    }

    @Test
    void delaysAreSpreadOverTheThirdToTheMaximum() {
        Duration max = Duration.ofSeconds(3);
        Duration shortest = max;
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 40; i++) {
            try (RawPeer peer = RawPeer.facingServer(server(max, false))) {
                failServer(peer);
                Duration d = peer.conn.delay();
                shortest = d.compareTo(shortest) < 0 ? d : shortest;
                longest = d.compareTo(longest) > 0 ? d : longest;
            }
        }
        // Uniform on [1 s, 3 s]: 40 draws all in one half has probability 2^-39.
        assertTrue(shortest.compareTo(Duration.ofMillis(900)) > 0, "shortest " + shortest);
        assertTrue(longest.compareTo(max) <= 0, "longest " + longest);
        assertTrue(longest.minus(shortest).compareTo(Duration.ofMillis(500)) > 0, shortest + " .. " + longest);
    }

    @Test
    void afterTheDelayShutdownSendsTheAlert() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(server(Duration.ofMillis(100), false))) {
            failServer(peer);
            Duration delay = peer.conn.delay();
            assertTrue(delay.compareTo(Duration.ofMillis(100)) <= 0 && !delay.isZero(), "delay " + delay);
            assertNull(peer.alertReceived());
            Thread.sleep(delay.toMillis() + 1);
            assertEquals(Duration.ZERO, peer.conn.delay());
            assertEquals(Blocked.NOT_BLOCKED, peer.conn.shutdown());
            assertEquals(Alert.UNEXPECTED_MESSAGE, peer.alertReceived());
            assertEquals(Blocked.NOT_BLOCKED, peer.conn.shutdown(), "a second shutdown sends nothing more");
            assertEquals(7, peer.fromConn.bytesWritten());
        }
    }

    @Test
    void withBlindingSleepsTheFailingCallWaitsAndTheAlertIsOutWhenItReturns() {
        try (RawPeer peer = RawPeer.facingServer(server(Duration.ofMillis(60), true))) {
            failServer(peer);
            assertEquals(Duration.ZERO, peer.conn.delay());
            assertEquals(Alert.UNEXPECTED_MESSAGE, peer.alertReceived());
        }
    }

    @Test
    void zeroTurnsBlindingOff() {
        try (RawPeer peer = RawPeer.facingServer(server(Duration.ZERO, false))) {
            failServer(peer);
            assertEquals(Duration.ZERO, peer.conn.delay());
            assertEquals(Alert.UNEXPECTED_MESSAGE, peer.alertReceived());
        }
    }

    @Test
    void negotiationFailuresAreNotBlinded() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(server(null, false))) {
            RawHello h = peer.clientHello();
            h.cipherSuites = new int[] {0x1399};
            peer.sendHandshake(h.encodeClientHello());
            peer.pump();
            assertEquals(Alert.HANDSHAKE_FAILURE, peer.failure().alert());
            assertEquals(Duration.ZERO, peer.conn.delay());
            assertEquals(Alert.HANDSHAKE_FAILURE, peer.alertReceived(), "sent at once");
        }
    }

    @Test
    void thePeersOwnAlertIsNotBlinded() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(server(null, false))) {
            peer.completeAsClient();
            peer.sendAlert(2, Alert.DECODE_ERROR);
            peer.pump();
            assertEquals(TlsException.Type.ALERT, peer.failure().type());
            assertEquals(Duration.ZERO, peer.conn.delay());
            assertEquals(Blocked.NOT_BLOCKED, peer.conn.shutdown());
        }
    }

    @Test
    void wipeForgetsTheDelay() {
        try (RawPeer peer = RawPeer.facingServer(server(null, false))) {
            failServer(peer);
            assertTrue(!peer.conn.delay().isZero());
            peer.conn.wipe();
            assertEquals(Duration.ZERO, peer.conn.delay());
        }
    }

    @Test
    void aBadRecordMacAfterTheHandshakeIsBlinded() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(server(null, false))) {
            peer.completeAsClient();
            long before = peer.fromConn.bytesWritten();
            peer.sendTampered(ContentType.APPLICATION_DATA, new byte[] {1});
            peer.pump();
            assertEquals(Alert.BAD_RECORD_MAC, peer.failure().alert());
            assertTrue(!peer.conn.delay().isZero());
            assertEquals(before, peer.fromConn.bytesWritten());
        }
    }

    @Test
    void theBlindingColumnAgreesForCodesSharingAnAlert() {
        for (ErrorCode a : ErrorCode.values()) {
            for (ErrorCode b : ErrorCode.values()) {
                if (a.type() == b.type() && a.alert() != null && a.alert().equals(b.alert())) {
                    assertEquals(a.blinded(), b.blinded(), a + " and " + b + " share " + a.alert());
                }
            }
            assertEquals(a.blinded(), ErrorCode.isBlinded(a.exception("x")) && a.alert() != null, a.name());
        }
    }

    @Test
    void theMaximumIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> Config.builder().maxBlindingDelay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Config.builder().maxBlindingDelay(null));
        assertEquals(Duration.ofSeconds(30), Config.builder().build().maxBlindingDelay());
    }
}
