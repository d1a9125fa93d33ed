package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;

/** The TLS 1.2 ECDHE key exchange messages and the empty TLS 1.2 messages. */
class Tls12KeyExchangeMessagesTest {
    private static final byte[] P256_POINT = p256Point();

    static ServerKeyExchange12 sampleServerKeyExchange() {
        return new ServerKeyExchange12(ServerKeyExchange12.NAMED_CURVE, 0x0017, P256_POINT, 0x0403, ClientHelloTest.filled(70, 0x22));
    }

    @Test
    void serverKeyExchangeRoundTrips() {
        ServerKeyExchange12 ske = sampleServerKeyExchange();
        byte[] wire = ske.encode();
        assertEquals(4 + 1 + 2 + 1 + 65 + 2 + 2 + 70, wire.length);
        ServerKeyExchange12 back = ServerKeyExchange12.decode(Framing.body(wire, HandshakeCodes.SERVER_KEY_EXCHANGE));
        assertEquals(ske, back);
        assertEquals(ske.hashCode(), back.hashCode());
        assertArrayEquals(wire, back.encode());
    }

    @Test
    void signedParamsAreCurveTypeGroupAndPointExactlyAsOnTheWire() {
        ServerKeyExchange12 ske = sampleServerKeyExchange();
        byte[] params = ske.signedParams();
        // RFC 8422 §5.4: ServerECDHParams = curve_type(1) namedcurve(2) point<1..255>.
        assertEquals(1 + 2 + 1 + 65, params.length);
        assertArrayEquals(Framing.hex("03 0017 41"), Arrays.copyOf(params, 4));
        byte[] body = Framing.bodyBytes(ske.encode());
        assertArrayEquals(params, Arrays.copyOf(body, params.length), "the signed bytes are the body's prefix");
    }

    @Test
    void serverKeyExchangeWithExplicitCurveIsMalformed() {
        byte[] body = Framing.bodyBytes(sampleServerKeyExchange().encode());
        body[0] = 1; // explicit_prime: deprecated by RFC 8422 §5.4 and laid out differently
        DecodeException e = assertThrows(DecodeException.class, () -> ServerKeyExchange12.decode(new Reader(body)));
        assertTrue(e.getMessage().contains("curve_type 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ServerKeyExchange12(1, 0x17, P256_POINT, 0x0403, new byte[0]));
    }

    @Test
    void serverKeyExchangeMalformations() {
        byte[] body = Framing.bodyBytes(sampleServerKeyExchange().encode());
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            assertThrows(DecodeException.class, () -> ServerKeyExchange12.decode(new Reader(cut)));
        }
        assertThrows(DecodeException.class, () -> ServerKeyExchange12.decode(new Reader(Arrays.copyOf(body, body.length + 1))));
        assertThrows(DecodeException.class, () -> ServerKeyExchange12.decode(new Reader(Framing.hex("03 001d 00 0403 0000"))), "empty point");
    }

    @Test
    void clientKeyExchangeRoundTripsAndRejectsMalformedBodies() {
        ClientKeyExchange12 cke = new ClientKeyExchange12(P256_POINT);
        byte[] wire = cke.encode();
        assertArrayEquals(Framing.hex("10 000042 41"), Arrays.copyOf(wire, 5));
        ClientKeyExchange12 back = ClientKeyExchange12.decode(Framing.body(wire, HandshakeCodes.CLIENT_KEY_EXCHANGE));
        assertEquals(cke, back);
        assertArrayEquals(wire, back.encode());
        assertThrows(DecodeException.class, () -> ClientKeyExchange12.decode(new Reader(new byte[] {0})), "empty point");
        assertThrows(DecodeException.class, () -> ClientKeyExchange12.decode(new Reader(new byte[] {2, 1})), "short");
        assertThrows(DecodeException.class, () -> ClientKeyExchange12.decode(new Reader(new byte[] {1, 1, 1})), "trailing");
        assertThrows(IllegalArgumentException.class, () -> new ClientKeyExchange12(new byte[256]));
    }

    @Test
    void emptyMessagesAreTheirHeaderAlone() {
        assertArrayEquals(new byte[] {14, 0, 0, 0}, new ServerHelloDone().encode());
        assertArrayEquals(new byte[] {0, 0, 0, 0}, new HelloRequest().encode());
        assertEquals(new ServerHelloDone(), ServerHelloDone.decode(new Reader(new byte[0])));
        assertEquals(new HelloRequest(), HelloRequest.decode(new Reader(new byte[0])));
        assertThrows(DecodeException.class, () -> ServerHelloDone.decode(new Reader(new byte[] {0})));
        assertThrows(DecodeException.class, () -> HelloRequest.decode(new Reader(new byte[] {0})));
    }

    private static byte[] p256Point() {
        byte[] point = ClientHelloTest.filled(65, 0x44);
        point[0] = 4; // uncompressed
        return point;
    }
}
