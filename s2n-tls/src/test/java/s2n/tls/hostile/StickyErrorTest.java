package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.Blocked;
import s2n.tls.TlsException;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawPeer;

/**
 * After a fatal error every call raises the same exception, nothing more is read, and nothing
 * more is written except the one alert.
 */
class StickyErrorTest {

    @Test
    void afterAFailureInTheHandshakeEveryCallRaisesTheSameExceptionAndOnlyTheAlertIsSent() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.sendHandshake(RawPeer.handshake(HandshakeCodes.FINISHED, new byte[32]));
            peer.pump();
            TlsException first = peer.failure();
            assertNotNull(first);
            long written = peer.fromConn.bytesWritten();
            assertEquals(7, written, "exactly one plaintext alert record (5-byte header, 2-byte alert)");

            // More input, valid or not, is never read again.
            peer.sendHandshake(peer.clientHello().encodeClientHello());
            long readCalls = peer.toConn.readCalls();
            assertSame(first, assertThrows(TlsException.class, peer.conn::negotiate));
            assertSame(first, assertThrows(TlsException.class, peer.conn::negotiate));
            assertSame(first, assertThrows(TlsException.class, () -> peer.conn.recv(ByteBuffer.allocate(10))));
            assertSame(first, assertThrows(TlsException.class, () -> peer.conn.send(ByteBuffer.wrap(new byte[] {1}))));
            assertEquals(readCalls, peer.toConn.readCalls(), "the transport was read after the failure");

            // shutdown() closes a failed connection without raising, and sends nothing more.
            assertEquals(Blocked.NOT_BLOCKED, peer.conn.shutdown());
            assertEquals(Blocked.NOT_BLOCKED, peer.conn.shutdownSend());
            assertEquals(written, peer.fromConn.bytesWritten(), "bytes written after the failure");
            assertEquals(Alert.UNEXPECTED_MESSAGE, peer.alertReceived());
            assertEquals(Alert.UNEXPECTED_MESSAGE, first.alert());
        }
    }

    @Test
    void afterAFailureInRecvEverySendAndRecvRaisesTheSameException() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.completeAsClient();
            long before = peer.fromConn.bytesWritten();
            peer.sendTampered(ContentType.APPLICATION_DATA, new byte[] {1, 2, 3});
            peer.pump();
            TlsException first = peer.failure();
            assertEquals(Alert.BAD_RECORD_MAC, first.alert());
            long afterAlert = peer.fromConn.bytesWritten();
            assertEquals(5 + 2 + 1 + 16, afterAlert - before, "one protected alert record and nothing else");

            peer.sendApplicationData(new byte[] {4, 5, 6});
            for (int i = 0; i < 3; i++) {
                assertSame(first, assertThrows(TlsException.class, () -> peer.conn.recv(ByteBuffer.allocate(10))));
                assertSame(first, assertThrows(TlsException.class, () -> peer.conn.send(ByteBuffer.wrap(new byte[] {7}))));
                assertSame(first, assertThrows(TlsException.class, peer.conn::negotiate));
            }
            assertEquals(0, peer.conn.peek(), "nothing decrypted after the failure");
            peer.conn.shutdown();
            assertEquals(afterAlert, peer.fromConn.bytesWritten(), "bytes written after the failure");
            assertEquals(Alert.BAD_RECORD_MAC, peer.alertReceived());
        }
    }

    @Test
    void aFatalAlertFromThePeerIsStickyAndAnsweredWithNothing() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.completeAsClient();
            long before = peer.fromConn.bytesWritten();
            peer.sendAlert(2, Alert.INTERNAL_ERROR);
            peer.pump();
            TlsException first = peer.failure();
            assertEquals(TlsException.Type.ALERT, first.type());
            assertEquals(Alert.INTERNAL_ERROR, peer.conn.alertReceived());
            assertSame(first, assertThrows(TlsException.class, () -> peer.conn.recv(ByteBuffer.allocate(10))));
            assertSame(first, assertThrows(TlsException.class, () -> peer.conn.send(ByteBuffer.wrap(new byte[] {1}))));
            peer.conn.shutdown();
            assertEquals(before, peer.fromConn.bytesWritten(), "nothing is sent in answer to a fatal alert");
        }
    }
}
