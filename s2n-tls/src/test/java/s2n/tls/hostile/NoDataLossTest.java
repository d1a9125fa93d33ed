package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.Blocked;
import s2n.tls.Connection;
import s2n.tls.SendCallback;
import s2n.tls.TlsException;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.TestPair;

/**
 * Nothing the peer sent before it failed or closed is lost, and nothing is reported sent that
 * did not reach the channel.
 */
class NoDataLossTest {
    private static final byte[] DATA = "the last words before the end".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static RawPeer established() throws Exception {
        RawPeer peer = RawPeer.facingServer(Negative.serverConfig());
        peer.completeAsClient();
        return peer;
    }

    /** Reads with a small buffer, as an application would, until recv raises or returns -1. */
    private static byte[] readUntilEnd(Connection conn, ByteBuffer dst) throws TlsException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (true) {
            int n = conn.recv(dst.clear());
            if (n < 0) {
                return got.toByteArray();
            }
            if (n == 0) {
                throw new AssertionError("recv would block with data and the end both buffered");
            }
            got.write(dst.array(), 0, n);
        }
    }

    private static void assertDataThen(RawPeer peer, Class<? extends Throwable> expected, TlsException.Type type) {
        ByteBuffer small = ByteBuffer.allocate(4);
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        TlsException e = assertThrows(TlsException.class, () -> {
            while (true) {
                int n = peer.conn.recv(small.clear());
                if (n <= 0) {
                    throw new AssertionError("recv returned " + n + " before the failure surfaced");
                }
                got.write(small.array(), 0, n);
            }
        });
        assertTrue(expected.isInstance(e));
        assertEquals(type, e.type(), e.toString());
        assertArrayEquals(DATA, got.toByteArray(), "data before the failure");
    }

    @Test
    void dataBeforeAFatalAlertIsReadBeforeTheAlertSurfaces() throws Exception {
        try (RawPeer peer = established()) {
            peer.sendApplicationData(DATA).sendAlert(2, Alert.INTERNAL_ERROR);
            assertDataThen(peer, TlsException.class, TlsException.Type.ALERT);
        }
    }

    @Test
    void dataBeforeARecordThatFailsIsReadBeforeTheFailureSurfaces() throws Exception {
        try (RawPeer peer = established()) {
            peer.sendApplicationData(DATA).sendTampered(ContentType.APPLICATION_DATA, new byte[] {1});
            assertDataThen(peer, TlsException.class, TlsException.Type.PROTOCOL);
            assertEquals(Alert.BAD_RECORD_MAC, peer.alertReceived());
        }
    }

    @Test
    void dataBeforeAnEndOfStreamWithoutCloseNotifyIsReadBeforeTheTruncationError() throws Exception {
        try (RawPeer peer = established()) {
            peer.sendApplicationData(DATA);
            peer.toConn.close();
            assertDataThen(peer, TlsException.class, TlsException.Type.CLOSED);
        }
    }

    @Test
    void dataBeforeCloseNotifyIsReadThenMinusOne() throws Exception {
        try (RawPeer peer = established()) {
            peer.sendApplicationData(DATA).sendAlert(1, Alert.CLOSE_NOTIFY);
            assertArrayEquals(DATA, readUntilEnd(peer.conn, ByteBuffer.allocate(3)));
            assertEquals(-1, peer.conn.recv(ByteBuffer.allocate(3)));
        }
    }

    @Test
    void dataArrivingWithTheClientFinishedIsKeptForRecv() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.sendHandshake(peer.clientHello().encodeClientHello());
            peer.pump();
            peer.readServerHello();
            peer.readServerFlight();
            peer.sendChangeCipherSpec().sendHandshake(peer.clientFinished());
            peer.useClientApplicationKeys();
            peer.sendApplicationData(DATA).sendAlert(1, Alert.CLOSE_NOTIFY);
            assertEquals(Blocked.NOT_BLOCKED, peer.conn.negotiate());
            assertArrayEquals(DATA, readUntilEnd(peer.conn, ByteBuffer.allocate(5)));
        }
    }

    @Test
    void dataDecryptedBeforeASendFailureIsStillHandedOver() throws Exception {
        try (RawPeer peer = established()) {
            peer.sendApplicationData(DATA);
            ByteBuffer first = ByteBuffer.allocate(4);
            assertEquals(4, peer.conn.recv(first));
            peer.fromConn.fail(new IOException("connection reset by peer"));
            TlsException sendFailure = assertThrows(TlsException.class, () -> peer.conn.send(ByteBuffer.wrap(new byte[] {1})));
            assertEquals(TlsException.Type.IO, sendFailure.type());
            ByteBuffer rest = ByteBuffer.allocate(DATA.length);
            assertEquals(DATA.length - 4, peer.conn.recv(rest), "the rest of the decrypted record");
            assertArrayEquals(Arrays.copyOfRange(DATA, 4, DATA.length), Arrays.copyOf(rest.array(), rest.position()));
            assertSame(sendFailure, assertThrows(TlsException.class, () -> peer.conn.recv(rest.clear())));
        }
    }

    /** A send callback that takes at most {@code budget} bytes in all, then would block. */
    private static final class Throttle implements SendCallback {
        final java.io.ByteArrayOutputStream taken = new java.io.ByteArrayOutputStream();
        int budget;
        boolean failWhenSpent;

        @Override
        public int send(Object context, ByteBuffer src) throws IOException {
            int n = Math.min(budget, src.remaining());
            if (n == 0) {
                if (failWhenSpent) {
                    throw new IOException("broken pipe");
                }
                return 0;
            }
            byte[] b = new byte[n];
            src.get(b);
            taken.writeBytes(b);
            budget -= n;
            return n;
        }
    }

    @Test
    void sendReportsOnlyRecordsThatReachedTheChannel() throws Exception {
        try (TestPair pair = new TestPair(Negative.clientConfig(), Negative.serverConfig())) {
            pair.handshake();
            Throttle throttle = new Throttle();
            pair.client.setSendCallback(throttle);
            byte[] payload = new byte[40_000];
            new java.util.Random(7).nextBytes(payload);
            ByteBuffer src = ByteBuffer.wrap(payload);
            int record = 16384 + 5 + 1 + 16;
            throttle.budget = record + 100;
            int n = pair.client.send(src);
            assertEquals(16384, n, "one whole record reached the channel; the second only in part");
            assertEquals(Blocked.ON_WRITE, pair.client.blocked());
            assertEquals(16384, src.position());
            throttle.budget = Integer.MAX_VALUE;
            n = pair.client.send(src);
            assertEquals(payload.length - 16384, n);
            pair.clientToServer.inject(throttle.taken.toByteArray());
            assertArrayEquals(payload, readExactly(pair.server, payload.length));
        }
    }

    @Test
    void aSendThatFailsMidRecordCountsOnlyTheWholeRecordsBeforeIt() throws Exception {
        try (TestPair pair = new TestPair(Negative.clientConfig(), Negative.serverConfig())) {
            pair.handshake();
            Throttle throttle = new Throttle();
            throttle.failWhenSpent = true;
            throttle.budget = 16384 + 22 + 50;
            pair.client.setSendCallback(throttle);
            ByteBuffer src = ByteBuffer.wrap(new byte[40_000]);
            TlsException e = assertThrows(TlsException.class, () -> pair.client.send(src));
            assertEquals(TlsException.Type.IO, e.type());
            assertEquals(16384, src.position(), "only the record that reached the channel is consumed");
        }
    }

    private static byte[] readExactly(Connection conn, int length) throws TlsException {
        ByteBuffer dst = ByteBuffer.allocate(length);
        for (int i = 0; i < 100 && dst.hasRemaining(); i++) {
            conn.recv(dst);
        }
        return dst.array();
    }
}
