package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;

/** Finished, EncryptedExtensions, EndOfEarlyData and the post-handshake messages. */
class PostHandshakeMessagesTest {
    static NewSessionTicket sampleTicket() {
        Extensions ext = Extensions.builder().add(ExtensionType.EARLY_DATA, new byte[] {0, 0, 0x40, 0}).build();
        return new NewSessionTicket(NewSessionTicket.MAX_LIFETIME_SECONDS, 0xfedcba98L, new byte[] {0, 1},
                ClientHelloTest.filled(100, 0x61), ext);
    }

    @Test
    void newSessionTicketRoundTrips() {
        NewSessionTicket nst = sampleTicket();
        byte[] wire = nst.encode();
        NewSessionTicket back = NewSessionTicket.decode(Framing.body(wire, HandshakeCodes.NEW_SESSION_TICKET));
        assertEquals(nst, back);
        assertEquals(nst.hashCode(), back.hashCode());
        assertEquals(0xfedcba98L, back.ageAdd(), "uint32 above 2^31 stays positive");
        assertArrayEquals(wire, back.encode());
        assertTrue(back.toString().contains("ticket=100 bytes"), back.toString());
    }

    @Test
    void newSessionTicketMalformations() {
        byte[] body = Framing.bodyBytes(sampleTicket().encode());
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            assertThrows(DecodeException.class, () -> NewSessionTicket.decode(new Reader(cut)));
        }
        assertThrows(DecodeException.class, () -> NewSessionTicket.decode(new Reader(Arrays.copyOf(body, body.length + 1))));
        // ticket<1..2^16-1>: an empty ticket is malformed in TLS 1.3.
        assertThrows(DecodeException.class, () -> NewSessionTicket.decode(new Reader(Framing.hex("00000e10 00000000 00 0000 0000"))));
        assertThrows(IllegalArgumentException.class,
                () -> new NewSessionTicket(1L << 32, 0, new byte[0], new byte[1], Extensions.empty()));
    }

    @Test
    void tls12NewSessionTicketRoundTripsAndAllowsAnEmptyTicket() {
        NewSessionTicket12 nst = new NewSessionTicket12(7200, ClientHelloTest.filled(50, 0x62));
        byte[] wire = nst.encode();
        NewSessionTicket12 back = NewSessionTicket12.decode(Framing.body(wire, HandshakeCodes.NEW_SESSION_TICKET));
        assertEquals(nst, back);
        assertArrayEquals(wire, back.encode());
        assertEquals(0, NewSessionTicket12.decode(new Reader(Framing.hex("00000000 0000"))).ticket().length);
        assertThrows(DecodeException.class, () -> NewSessionTicket12.decode(new Reader(Framing.hex("00000000 0002 01"))));
        assertThrows(DecodeException.class, () -> NewSessionTicket12.decode(new Reader(Framing.hex("00000000 0000 00"))));
    }

    @Test
    void keyUpdateKeepsTheRawValueForTheCallerToJudge() {
        assertArrayEquals(new byte[] {24, 0, 0, 1, 1}, new KeyUpdate(KeyUpdate.UPDATE_REQUESTED).encode());
        assertEquals(new KeyUpdate(0), KeyUpdate.decode(new Reader(new byte[] {0})));
        assertTrue(KeyUpdate.decode(new Reader(new byte[] {1})).isValid());
        KeyUpdate odd = KeyUpdate.decode(new Reader(new byte[] {7}));
        assertEquals(7, odd.requestUpdate());
        assertFalse(odd.isValid(), "RFC 8446 §4.6.3: illegal_parameter, raised by the caller");
        assertThrows(DecodeException.class, () -> KeyUpdate.decode(new Reader(new byte[0])));
        assertThrows(DecodeException.class, () -> KeyUpdate.decode(new Reader(new byte[] {0, 0})));
    }

    @Test
    void finishedTakesTheWholeBodyWhateverItsLength() {
        for (int length : new int[] {0, 12, 32, 48}) {
            Finished fin = new Finished(ClientHelloTest.filled(length, length));
            byte[] wire = fin.encode();
            assertEquals(HandshakeMessage.HEADER_LENGTH + length, wire.length);
            Finished back = Finished.decode(Framing.body(wire, HandshakeCodes.FINISHED));
            assertEquals(fin, back);
            assertEquals(length, back.verifyData().length);
        }
    }

    @Test
    void encryptedExtensionsRoundTripsAndRejectsMalformedBodies() {
        Extensions ext = Extensions.builder()
                .add(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, Framing.hex("0003 02 6832"))
                .add(ExtensionType.SERVER_NAME, new byte[0])
                .build();
        EncryptedExtensions ee = new EncryptedExtensions(ext);
        byte[] wire = ee.encode();
        EncryptedExtensions back = EncryptedExtensions.decode(Framing.body(wire, HandshakeCodes.ENCRYPTED_EXTENSIONS));
        assertEquals(ee, back);
        assertArrayEquals(wire, back.encode());
        assertArrayEquals(new byte[] {8, 0, 0, 2, 0, 0}, new EncryptedExtensions(Extensions.empty()).encode());
        assertThrows(DecodeException.class, () -> EncryptedExtensions.decode(new Reader(new byte[0])), "the block is not optional");
        assertThrows(DecodeException.class, () -> EncryptedExtensions.decode(new Reader(new byte[] {0, 0, 0})), "trailing");
    }

    @Test
    void endOfEarlyDataIsEmpty() {
        assertArrayEquals(new byte[] {5, 0, 0, 0}, new EndOfEarlyData().encode());
        assertEquals(new EndOfEarlyData(), EndOfEarlyData.decode(new Reader(new byte[0])));
        DecodeException e = assertThrows(DecodeException.class, () -> EndOfEarlyData.decode(new Reader(new byte[] {1})));
        assertEquals("EndOfEarlyData: 1 unexpected trailing bytes", e.getMessage());
    }
}
