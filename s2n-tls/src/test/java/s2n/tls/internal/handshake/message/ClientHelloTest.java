package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;

/** ClientHello: round trips, the optional extensions block, and malformed bodies. */
class ClientHelloTest {
    private static final byte[] RANDOM = filled(32, 0x5a);

    static ClientHello sample() {
        Extensions ext = Extensions.builder()
                .add(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeClientHello(new int[] {0x0304, 0x0303}))
                .add(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0])
                .build();
        return new ClientHello(0x0303, RANDOM, filled(32, 7), new int[] {0x1301, 0xc02f}, new byte[] {0}, ext);
    }

    @Test
    void roundTripsThroughEncodeAndDecode() {
        ClientHello ch = sample();
        byte[] wire = ch.encode();
        assertEquals(HandshakeCodes.CLIENT_HELLO, wire[0]);
        ClientHello back = ClientHello.decode(Framing.body(wire, HandshakeCodes.CLIENT_HELLO));
        assertEquals(ch, back);
        assertEquals(ch.hashCode(), back.hashCode());
        assertArrayEquals(wire, back.encode());
    }

    @Test
    void equalityComparesArrayContents() {
        ClientHello a = sample();
        ClientHello b = sample();
        assertEquals(a, b);
        ClientHello other = new ClientHello(0x0303, filled(32, 0x5b), a.legacySessionId(), a.cipherSuites(),
                a.compressionMethods(), a.extensions());
        assertNotEquals(a, other);
        assertTrue(a.toString().contains("1301,c02f"), a.toString());
    }

    @Test
    void helloWithoutExtensionsBlockReEncodesWithoutIt() {
        ClientHello ch = new ClientHello(0x0303, RANDOM, new byte[0], new int[] {0xc02f}, new byte[] {0}, Extensions.empty(), false);
        byte[] body = Framing.bodyBytes(ch.encode());
        assertEquals(2 + 32 + 1 + 2 + 2 + 1 + 1, body.length, "ends after compression methods");
        ClientHello back = ClientHello.decode(new Reader(body));
        assertFalse(back.hasExtensionsBlock());
        assertTrue(back.extensions().isEmpty());
        assertEquals(ch, back);
        assertArrayEquals(ch.encode(), back.encode());
    }

    @Test
    void emptyButPresentExtensionsBlockIsKept() {
        ClientHello ch = new ClientHello(0x0303, RANDOM, new byte[0], new int[] {0xc02f}, new byte[] {0}, Extensions.empty());
        byte[] body = Framing.bodyBytes(ch.encode());
        assertArrayEquals(new byte[] {0, 0}, Arrays.copyOfRange(body, body.length - 2, body.length));
        ClientHello back = ClientHello.decode(new Reader(body));
        assertTrue(back.hasExtensionsBlock());
        assertNotEquals(new ClientHello(0x0303, RANDOM, new byte[0], new int[] {0xc02f}, new byte[] {0}, Extensions.empty(), false), back);
    }

    @Test
    void illegalButWellFormedValuesAreKeptForNegotiation() {
        byte[] body = rawHello(0x0300, 0, new byte[] {0x13, 0x01, (byte) 0xab, (byte) 0xcd}, new byte[] {1, 0}, new byte[] {0, 0});
        ClientHello ch = ClientHello.decode(new Reader(body));
        assertEquals(0x0300, ch.legacyVersion());
        assertArrayEquals(new int[] {0x1301, 0xabcd}, ch.cipherSuites());
        assertArrayEquals(new byte[] {1, 0}, ch.compressionMethods());
    }

    @Test
    void sessionIdOf33BytesIsMalformed() {
        byte[] body = rawHello(0x0303, 33, new byte[] {0x13, 0x01}, new byte[] {0}, null);
        assertThrows(DecodeException.class, () -> ClientHello.decode(new Reader(body)));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHello(0x0303, RANDOM, new byte[33], new int[] {0x1301}, new byte[] {0}, Extensions.empty()));
    }

    @Test
    void sessionIdOf32BytesIsFine() {
        byte[] body = rawHello(0x0303, 32, new byte[] {0x13, 0x01}, new byte[] {0}, null);
        assertEquals(32, ClientHello.decode(new Reader(body)).legacySessionId().length);
    }

    @Test
    void oddCipherSuiteLengthIsMalformed() {
        byte[] body = rawHello(0x0303, 0, new byte[] {0x13, 0x01, 0x13}, new byte[] {0}, null);
        DecodeException e = assertThrows(DecodeException.class, () -> ClientHello.decode(new Reader(body)));
        assertTrue(e.getMessage().contains("cipher_suites"), e.getMessage());
    }

    @Test
    void emptyCipherSuitesAreMalformed() {
        byte[] body = rawHello(0x0303, 0, new byte[0], new byte[] {0}, null);
        assertThrows(DecodeException.class, () -> ClientHello.decode(new Reader(body)));
    }

    @Test
    void emptyCompressionMethodsAreMalformed() {
        byte[] body = rawHello(0x0303, 0, new byte[] {0x13, 0x01}, new byte[0], null);
        assertThrows(DecodeException.class, () -> ClientHello.decode(new Reader(body)));
    }

    @Test
    void trailingBytesAfterExtensionsAreMalformed() {
        byte[] body = Framing.bodyBytes(sample().encode());
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        DecodeException e = assertThrows(DecodeException.class, () -> ClientHello.decode(new Reader(longer)));
        assertEquals("ClientHello: 1 unexpected trailing bytes", e.getMessage());
    }

    @Test
    void oneByteWhereTheExtensionsBlockStartsIsMalformed() {
        byte[] body = rawHello(0x0303, 0, new byte[] {0x13, 0x01}, new byte[] {0}, new byte[] {0});
        assertThrows(DecodeException.class, () -> ClientHello.decode(new Reader(body)));
    }

    @Test
    void everyTruncationIsADecodeErrorExceptTheLegalExtensionlessCut() {
        byte[] body = Framing.bodyBytes(sample().encode());
        // Cutting right after legacy_compression_methods leaves a valid TLS 1.2-style hello.
        int extensionlessLength = 2 + 32 + 1 + 32 + 2 + 4 + 1 + 1;
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            if (n == extensionlessLength) {
                ClientHello ch = ClientHello.decode(new Reader(cut));
                assertFalse(ch.hasExtensionsBlock());
            } else {
                int length = n;
                assertThrows(DecodeException.class, () -> ClientHello.decode(new Reader(cut)), "truncated to " + length);
            }
        }
    }

    @Test
    void constructorRefusesWhatTheDecoderWouldReject() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHello(0x0303, new byte[31], new byte[0], new int[] {0x1301}, new byte[] {0}, Extensions.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHello(0x0303, RANDOM, new byte[0], new int[0], new byte[] {0}, Extensions.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHello(0x0303, RANDOM, new byte[0], new int[] {0x10000}, new byte[] {0}, Extensions.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHello(0x0303, RANDOM, new byte[0], new int[] {0x1301}, new byte[0], Extensions.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHello(0x0303, RANDOM, new byte[0], new int[] {0x1301}, new byte[] {0}, sample().extensions(), false));
    }

    /** A ClientHello body written field by field, so tests can break any one field. */
    static byte[] rawHello(int version, int sessionIdLength, byte[] suites, byte[] compression, byte[] tail) {
        Writer w = new Writer();
        w.writeUint16(version);
        w.writeBytes(RANDOM);
        w.writeVector8(new byte[sessionIdLength]);
        w.writeVector16(suites);
        w.writeVector8(compression);
        if (tail != null) {
            w.writeBytes(tail);
        }
        return w.toByteArray();
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
