package s2n.tls.internal.handshake.message;

import s2n.tls.internal.codec.Writer;

/**
 * A decoded handshake message: an immutable record whose {@code encodeBody} is the exact inverse
 * of its static {@code decode(Reader body)}. Framing is the same for every message
 * (RFC 8446 §4, RFC 5246 §7.4):
 *
 * <pre>
 * struct { HandshakeType msg_type; uint24 length; ... body ... } Handshake;
 * </pre>
 *
 * <pre>{@code
 * byte[] wire = clientHello.encode();   // type, uint24 length, body: ready for the transcript
 * }</pre>
 */
public interface HandshakeMessage {
    /** Bytes before the body: msg_type (1) and length (3). */
    int HEADER_LENGTH = 4;

    /** The {@link HandshakeCodes} value of this message. */
    int messageType();

    /** Writes the message body, without the four-byte header. */
    void encodeBody(Writer w);

    /** Appends the whole message, header included, to {@code out} (to coalesce a flight). */
    default void encode(Writer out) {
        out.writeUint8(messageType());
        int mark = out.beginVector24();
        encodeBody(out);
        out.endVector24(mark);
    }

    /** The whole message: msg_type, uint24 length, body. */
    default byte[] encode() {
        Writer w = new Writer();
        encode(w);
        return w.toByteArray();
    }

    /** Frames an already encoded body as a handshake message of type {@code type}. */
    static byte[] frame(int type, byte[] body) {
        Writer w = new Writer(HEADER_LENGTH + body.length);
        w.writeUint8(type);
        w.writeVector24(body);
        return w.toByteArray();
    }
}
