package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.Writer;

/** Message type names and the common four-byte framing. */
class HandshakeCodesTest {
    @Test
    void namesFollowTheRfcStructs() {
        assertEquals("ClientHello", HandshakeCodes.name(HandshakeCodes.CLIENT_HELLO));
        assertEquals("ServerHello", HandshakeCodes.name(2));
        assertEquals("EncryptedExtensions", HandshakeCodes.name(8));
        assertEquals("CertificateVerify", HandshakeCodes.name(15));
        assertEquals("KeyUpdate", HandshakeCodes.name(24));
        assertEquals("MessageHash", HandshakeCodes.name(254));
        assertEquals("handshake(77)", HandshakeCodes.name(77));
    }

    @Test
    void codesAreTheIanaValues() {
        int[] codes = {HandshakeCodes.HELLO_REQUEST, HandshakeCodes.CLIENT_HELLO, HandshakeCodes.SERVER_HELLO,
            HandshakeCodes.NEW_SESSION_TICKET, HandshakeCodes.END_OF_EARLY_DATA, HandshakeCodes.ENCRYPTED_EXTENSIONS,
            HandshakeCodes.CERTIFICATE, HandshakeCodes.SERVER_KEY_EXCHANGE, HandshakeCodes.CERTIFICATE_REQUEST,
            HandshakeCodes.SERVER_HELLO_DONE, HandshakeCodes.CERTIFICATE_VERIFY, HandshakeCodes.CLIENT_KEY_EXCHANGE,
            HandshakeCodes.FINISHED, HandshakeCodes.CERTIFICATE_STATUS, HandshakeCodes.KEY_UPDATE, HandshakeCodes.MESSAGE_HASH};
        assertArrayEquals(new int[] {0, 1, 2, 4, 5, 8, 11, 12, 13, 14, 15, 16, 20, 22, 24, 254}, codes);
    }

    @Test
    void frameWritesTypeAndUint24Length() {
        byte[] body = new byte[0x10203];
        body[body.length - 1] = 9;
        byte[] framed = HandshakeMessage.frame(HandshakeCodes.CERTIFICATE, body);
        assertEquals(4 + body.length, framed.length);
        assertArrayEquals(new byte[] {11, 0x01, 0x02, 0x03}, java.util.Arrays.copyOf(framed, 4));
        assertEquals(9, framed[framed.length - 1]);
    }

    @Test
    void encodeIntoAWriterAppendsWholeMessagesForAFlight() {
        Writer flight = new Writer();
        new ServerHelloDone().encode(flight);
        new Finished(new byte[] {1, 2}).encode(flight);
        assertArrayEquals(new byte[] {14, 0, 0, 0, 20, 0, 0, 2, 1, 2}, flight.toByteArray());
    }
}
