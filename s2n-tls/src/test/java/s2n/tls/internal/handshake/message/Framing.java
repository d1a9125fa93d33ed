package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import s2n.tls.internal.codec.Reader;

/** Test data plumbing: hex with spaces and line breaks (as RFCs print it), and message headers. */
final class Framing {
    private Framing() {
    }

    /** Bytes from hex that may contain spaces and newlines. */
    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    /** Checks the four-byte header of a whole handshake message and returns a reader over its body. */
    static Reader body(byte[] message, int expectedType) {
        Reader r = new Reader(message);
        assertEquals(expectedType, r.readUint8(), "msg_type");
        assertEquals(message.length - HandshakeMessage.HEADER_LENGTH, r.readUint24(), "length");
        return r;
    }

    /** The body of a whole handshake message, without its header. */
    static byte[] bodyBytes(byte[] message) {
        return java.util.Arrays.copyOfRange(message, HandshakeMessage.HEADER_LENGTH, message.length);
    }
}
