package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.handshake.message.Framing.hex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.handshake.extension.CookieExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;

/** ServerHello and HelloRetryRequest: round trips, the HRR random, downgrade sentinels, malformed bodies. */
class ServerHelloTest {
    private static final byte[] RANDOM = ClientHelloTest.filled(32, 0x33);

    static ServerHello sample() {
        Extensions ext = Extensions.builder()
                .add(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeServerHello(0x0304))
                .build();
        return new ServerHello(0x0303, RANDOM, ClientHelloTest.filled(32, 7), 0x1301, 0, ext);
    }

    @Test
    void roundTripsThroughEncodeAndDecode() {
        ServerHello sh = sample();
        byte[] wire = sh.encode();
        ServerHello back = ServerHello.decode(Framing.body(wire, HandshakeCodes.SERVER_HELLO));
        assertEquals(sh, back);
        assertEquals(sh.hashCode(), back.hashCode());
        assertArrayEquals(wire, back.encode());
    }

    @Test
    void helloRetryRequestRandomIsTheSha256OfHelloRetryRequest() throws Exception {
        // RFC 8446 §4.1.3: the constant is SHA-256("HelloRetryRequest").
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("HelloRetryRequest".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected, ServerHello.helloRetryRequestRandom());
        assertArrayEquals(hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"), ServerHello.helloRetryRequestRandom());
        assertNotSame(ServerHello.helloRetryRequestRandom(), ServerHello.helloRetryRequestRandom());
    }

    @Test
    void helloRetryRequestIsAServerHelloWithTheSpecialRandom() {
        byte[] sessionId = ClientHelloTest.filled(32, 9);
        Extensions ext = Extensions.builder()
                .add(ExtensionType.KEY_SHARE, KeyShareExtension.encodeHelloRetryRequest(0x0017))
                .add(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeServerHello(0x0304))
                .add(ExtensionType.COOKIE, CookieExtension.encode(new byte[] {1, 2, 3}))
                .build();
        ServerHello hrr = ServerHello.helloRetryRequest(0x1302, sessionId, ext);
        assertTrue(hrr.isHelloRetryRequest());
        assertEquals(0x0303, hrr.legacyVersion());
        assertEquals(0, hrr.compressionMethod());
        assertArrayEquals(sessionId, hrr.legacySessionIdEcho());

        byte[] wire = hrr.encode();
        assertEquals(HandshakeCodes.SERVER_HELLO, wire[0], "an HRR travels as a ServerHello");
        ServerHello back = ServerHello.decode(Framing.body(wire, HandshakeCodes.SERVER_HELLO));
        assertTrue(back.isHelloRetryRequest());
        assertEquals(0x0017, KeyShareExtension.decodeHelloRetryRequest(back.extensions().get(ExtensionType.KEY_SHARE)));
        assertTrue(back.toString().startsWith("HelloRetryRequest["), back.toString());
        assertFalse(sample().isHelloRetryRequest());
    }

    @Test
    void downgradeSentinelsAreDowngrdFollowedByOneOrZero() {
        assertArrayEquals(new byte[] {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01}, ServerHello.DOWNGRADE_TLS12_SENTINEL());
        assertArrayEquals(new byte[] {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x00}, ServerHello.DOWNGRADE_TLS11_SENTINEL());
        assertArrayEquals("DOWNGRD".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(ServerHello.DOWNGRADE_TLS12_SENTINEL(), 7));
        ServerHello.DOWNGRADE_TLS12_SENTINEL()[0] = 0;
        assertEquals(0x44, ServerHello.DOWNGRADE_TLS12_SENTINEL()[0], "callers get copies");
    }

    @Test
    void downgradeSentinelsAreDetectedInTheLastEightBytesOnly() {
        assertTrue(withRandomEnding(ServerHello.DOWNGRADE_TLS12_SENTINEL()).hasDowngradeSentinel12());
        assertFalse(withRandomEnding(ServerHello.DOWNGRADE_TLS12_SENTINEL()).hasDowngradeSentinel11());
        assertTrue(withRandomEnding(ServerHello.DOWNGRADE_TLS11_SENTINEL()).hasDowngradeSentinel11());
        assertFalse(withRandomEnding(ServerHello.DOWNGRADE_TLS11_SENTINEL()).hasDowngradeSentinel12());
        byte[] early = RANDOM.clone();
        System.arraycopy(ServerHello.DOWNGRADE_TLS12_SENTINEL(), 0, early, 0, 8);
        assertFalse(new ServerHello(0x0303, early, new byte[0], 0xc02f, 0, Extensions.empty()).hasDowngradeSentinel12());
        assertFalse(sample().hasDowngradeSentinel12());
    }

    @Test
    void tls12ServerHelloWithoutExtensionsReEncodesWithoutThem() {
        ServerHello sh = new ServerHello(0x0303, RANDOM, new byte[0], 0xc02f, 0, Extensions.empty(), false);
        byte[] body = Framing.bodyBytes(sh.encode());
        assertEquals(2 + 32 + 1 + 2 + 1, body.length);
        ServerHello back = ServerHello.decode(new Reader(body));
        assertFalse(back.hasExtensionsBlock());
        assertEquals(sh, back);
    }

    @Test
    void sessionIdEchoOf33BytesIsMalformed() {
        byte[] body = Framing.bodyBytes(new ServerHello(0x0303, RANDOM, new byte[32], 0x1301, 0, Extensions.empty()).encode());
        body[34] = 33;
        assertThrows(DecodeException.class, () -> ServerHello.decode(new Reader(body)));
    }

    @Test
    void trailingBytesAreMalformed() {
        byte[] body = Framing.bodyBytes(sample().encode());
        byte[] longer = Arrays.copyOf(body, body.length + 3);
        assertThrows(DecodeException.class, () -> ServerHello.decode(new Reader(longer)));
    }

    @Test
    void everyTruncationIsADecodeErrorExceptTheLegalExtensionlessCut() {
        byte[] body = Framing.bodyBytes(sample().encode());
        int extensionlessLength = 2 + 32 + 1 + 32 + 2 + 1;
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            if (n == extensionlessLength) {
                assertFalse(ServerHello.decode(new Reader(cut)).hasExtensionsBlock());
            } else {
                int length = n;
                assertThrows(DecodeException.class, () -> ServerHello.decode(new Reader(cut)), "truncated to " + length);
            }
        }
    }

    @Test
    void constructorRefusesWhatTheDecoderWouldReject() {
        assertThrows(IllegalArgumentException.class, () -> new ServerHello(0x0303, new byte[33], new byte[0], 0x1301, 0, Extensions.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ServerHello(0x0303, RANDOM, new byte[0], 0x1301, 256, Extensions.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ServerHello(0x0303, RANDOM, new byte[0], -1, 0, Extensions.empty()));
    }

    private static ServerHello withRandomEnding(byte[] sentinel) {
        byte[] random = RANDOM.clone();
        System.arraycopy(sentinel, 0, random, 24, 8);
        return new ServerHello(0x0303, random, new byte[0], 0xc02f, 0, Extensions.empty());
    }
}
