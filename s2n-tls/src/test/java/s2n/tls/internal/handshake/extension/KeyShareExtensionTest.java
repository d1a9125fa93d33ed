package s2n.tls.internal.handshake.extension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.handshake.extension.ExtensionsTest.hex;

import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.handshake.extension.KeyShareExtension.KeyShareEntry;

/** key_share (RFC 8446 §4.2.8) in its ClientHello, ServerHello and HelloRetryRequest forms. */
class KeyShareExtensionTest {
    private static final KeyShareEntry X25519 = new KeyShareEntry(0x001d, filled(32, 0x11));
    private static final KeyShareEntry P256 = new KeyShareEntry(0x0017, filled(65, 0x04));

    @Test
    void clientHelloFormRoundTripsInOrder() {
        byte[] data = KeyShareExtension.encodeClientHello(List.of(X25519, P256));
        assertEquals(2 + 4 + 32 + 4 + 65, data.length);
        assertEquals(List.of(X25519, P256), KeyShareExtension.decodeClientHello(data));
    }

    @Test
    void clientHelloMayOfferNoSharesToAskForARetry() {
        byte[] data = KeyShareExtension.encodeClientHello(List.of());
        assertArrayEquals(new byte[] {0, 0}, data);
        assertTrue(KeyShareExtension.decodeClientHello(data).isEmpty());
    }

    @Test
    void repeatedGroupsDecodeForNegotiationToJudge() {
        byte[] data = KeyShareExtension.encodeClientHello(List.of(X25519, X25519));
        assertEquals(2, KeyShareExtension.decodeClientHello(data).size());
    }

    @Test
    void serverHelloFormIsOneEntry() {
        byte[] data = KeyShareExtension.encodeServerHello(X25519);
        assertArrayEquals(hex("001d 0020"), java.util.Arrays.copyOf(data, 4));
        assertEquals(X25519, KeyShareExtension.decodeServerHello(data));
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeServerHello(KeyShareExtension.encodeClientHello(List.of(X25519))),
                "the ClientHello form is not a ServerHello share");
    }

    @Test
    void helloRetryRequestFormIsTheGroupAlone() {
        assertArrayEquals(hex("0017"), KeyShareExtension.encodeHelloRetryRequest(0x0017));
        assertEquals(0x0017, KeyShareExtension.decodeHelloRetryRequest(hex("0017")));
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeHelloRetryRequest(hex("00")));
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeHelloRetryRequest(hex("001700")));
    }

    @Test
    void malformedSharesAreDecodeErrors() {
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeClientHello(hex("0004 001d 0000")), "empty key_exchange");
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeClientHello(hex("0005 001d 0002 01")), "key past the list");
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeClientHello(hex("0003 001d 00")), "half a length");
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeClientHello(hex("0000 00")), "trailing");
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeServerHello(hex("001d 0001 01 02")), "trailing");
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeServerHello(hex("001d 0000")), "empty key_exchange");
        assertThrows(DecodeException.class, () -> KeyShareExtension.decodeServerHello(new byte[0]));
    }

    @Test
    void entriesCompareKeysByContentAndRefuseBadValues() {
        assertEquals(new KeyShareEntry(0x1d, new byte[] {1}), new KeyShareEntry(0x1d, new byte[] {1}));
        assertEquals(new KeyShareEntry(0x1d, new byte[] {1}).hashCode(), new KeyShareEntry(0x1d, new byte[] {1}).hashCode());
        assertNotEquals(new KeyShareEntry(0x1d, new byte[] {1}), new KeyShareEntry(0x1d, new byte[] {2}));
        assertNotEquals(new KeyShareEntry(0x1d, new byte[] {1}), new KeyShareEntry(0x17, new byte[] {1}));
        assertEquals("KeyShareEntry[group=0x001d, keyExchange=0102]", new KeyShareEntry(0x1d, new byte[] {1, 2}).toString());
        assertThrows(IllegalArgumentException.class, () -> new KeyShareEntry(0x1d, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new KeyShareEntry(0x10000, new byte[1]));
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
