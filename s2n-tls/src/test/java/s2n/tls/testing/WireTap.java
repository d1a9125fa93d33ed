package s2n.tls.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import s2n.tls.RecvCallback;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.ServerHello;

/**
 * A receive callback over a {@link MemoryPipe} that keeps a copy of every byte our connection
 * read, so a test can check what the peer put on the wire (the extensions of its hello, say).
 * Only the plaintext records at the start of a handshake can be parsed from it.
 */
public final class WireTap implements RecvCallback {
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    @Override
    public int recv(Object context, ByteBuffer dst) throws java.io.IOException {
        int start = dst.position();
        int n = ((MemoryPipe) context).read(dst);
        if (n > 0) {
            seen.write(dst.array(), dst.arrayOffset() + start, n);
        }
        return n;
    }

    /** Everything read so far. */
    public byte[] bytes() {
        return seen.toByteArray();
    }

    /** The peer's first handshake message, which must be a ServerHello, decoded from the plaintext records. */
    public ServerHello serverHello() {
        byte[] m = firstHandshakeMessage(bytes(), HandshakeCodes.SERVER_HELLO);
        return ServerHello.decode(new Reader(m, 4, m.length - 4));
    }

    /** The peer's first handshake message, which must be a ClientHello. */
    public ClientHello clientHello() {
        return clientHello(bytes());
    }

    /** The ClientHello the plaintext records in {@code wire} start with. */
    public static ClientHello clientHello(byte[] wire) {
        byte[] m = firstHandshakeMessage(wire, HandshakeCodes.CLIENT_HELLO);
        return ClientHello.decode(new Reader(m, 4, m.length - 4));
    }

    /**
     * The first handshake message in {@code wire} (records starting at offset 0), reassembled from
     * however many plaintext handshake records it spans.
     */
    public static byte[] firstHandshakeMessage(byte[] wire, int expectedType) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        int at = 0;
        while (at + 5 <= wire.length) {
            int type = wire[at] & 0xff;
            int length = ((wire[at + 3] & 0xff) << 8) | (wire[at + 4] & 0xff);
            if (type == 22) {
                handshake.write(wire, at + 5, Math.min(length, wire.length - at - 5));
            }
            at += 5 + length;
            byte[] h = handshake.toByteArray();
            if (h.length >= 4) {
                int bodyLength = ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
                if (h.length >= 4 + bodyLength) {
                    if ((h[0] & 0xff) != expectedType) {
                        throw new AssertionError("first handshake message is " + HandshakeCodes.name(h[0] & 0xff));
                    }
                    return Arrays.copyOf(h, 4 + bodyLength);
                }
            }
        }
        throw new AssertionError("no complete handshake message in " + wire.length + " bytes");
    }
}
