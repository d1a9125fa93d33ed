package s2n.tls.internal.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.TlsException;
import s2n.tls.testing.TestPki;

/**
 * The limits inside the handshake package, where their memory can be observed: the reassembly
 * buffer never grows past the message limit (a 16 MiB announcement is refused from its header,
 * before any body is buffered), and the certificate chain limit refuses a long chain unparsed.
 */
class HandshakeLimitsTest {

    private static ByteBuffer header(int type, int length) {
        return ByteBuffer.wrap(new byte[] {(byte) type, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    }

    @Test
    void aSixteenMebibyteAnnouncementIsRefusedBeforeItsBodyIsBuffered() {
        HandshakeReassembler r = new HandshakeReassembler();
        int before = r.capacity();
        ByteBuffer record = ByteBuffer.allocate(16384);
        record.put(header(11, 0xffffff)).position(0);
        TlsException e = assertThrows(TlsException.class, () -> r.append(record));
        assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert());
        assertEquals(0, record.position(), "nothing of the record was consumed");
        assertEquals(before, r.capacity(), "the buffer did not grow");
    }

    @Test
    void anOversizedMessageAfterAValidOneInTheSameRecordIsRefusedToo() {
        HandshakeReassembler r = new HandshakeReassembler(1024);
        ByteBuffer record = ByteBuffer.allocate(4 + 10 + 4);
        record.put(header(8, 10)).put(new byte[10]).put(header(11, 1025)).flip();
        assertThrows(TlsException.class, () -> r.append(record));
    }

    @Test
    void aMessageOfExactlyTheLimitIsAcceptedAndTheBufferStaysWithinOneRecordOfIt() throws TlsException {
        int limit = HandshakeReassembler.MAX_MESSAGE_LENGTH;
        HandshakeReassembler r = new HandshakeReassembler();
        byte[] message = new byte[4 + limit];
        message[0] = 11;
        message[1] = (byte) (limit >>> 16);
        message[2] = (byte) (limit >>> 8);
        message[3] = (byte) limit;
        message[message.length - 1] = 42;
        int maxCapacity = 0;
        for (int at = 0; at < message.length; at += 16384) {
            r.append(ByteBuffer.wrap(message, at, Math.min(16384, message.length - at)));
            maxCapacity = Math.max(maxCapacity, r.capacity());
        }
        assertArrayEquals(message, r.next());
        assertTrue(maxCapacity <= limit + 4 + 16384, "buffer grew to " + maxCapacity);
        assertNull(r.next());
        assertTrue(r.isEmpty());
    }

    @Test
    void theConfiguredLimitAppliesOneByteOverIt() throws TlsException {
        HandshakeReassembler r = new HandshakeReassembler(4096);
        r.append(header(8, 4096));
        assertThrows(TlsException.class, () -> new HandshakeReassembler(4096).append(header(8, 4097)));
        assertNull(r.next(), "the accepted message is still incomplete");
    }

    @Test
    void aChainLongerThanTheLimitIsRefusedUnparsedWithBadCertificate() throws TlsException {
        TestPki.Issued leaf = TestPki.shared(TestPki.KeyType.ECDSA_P256).issue(TestPki.KeyType.ECDSA_P256, "localhost");
        byte[] der;
        try {
            der = leaf.leaf().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
        List<byte[]> atLimit = new ArrayList<>(Collections.nCopies(PeerCertificates.MAX_CHAIN_LENGTH, der));
        assertEquals(PeerCertificates.MAX_CHAIN_LENGTH, PeerCertificates.parse(atLimit).size());
        List<byte[]> over = new ArrayList<>(Collections.nCopies(PeerCertificates.MAX_CHAIN_LENGTH + 1, new byte[] {0x30}));
        TlsException e = assertThrows(TlsException.class, () -> PeerCertificates.parse(over));
        assertEquals(Alert.BAD_CERTIFICATE, e.alert());
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }

    @Test
    void ignoredAlertsAreBoundedPerPhase() throws TlsException {
        Alerts alerts = new Alerts();
        for (int i = 0; i < Alerts.MAX_IGNORED_ALERTS; i++) {
            assertEquals(Alerts.IGNORED, alerts.receive(ByteBuffer.wrap(new byte[] {1, 90}), true));
        }
        TlsException e = assertThrows(TlsException.class, () -> alerts.receive(ByteBuffer.wrap(new byte[] {1, 90}), true));
        assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert());
        alerts.reset();
        assertEquals(Alerts.IGNORED, alerts.receive(ByteBuffer.wrap(new byte[] {1, 90}), true), "reset() forgets the count");
    }
}
