package s2n.tls.internal.handshake.message;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * EndOfEarlyData (RFC 8446 §4.5): the client's last early-data record has been sent;
 * from here on it uses handshake keys. Sent only when the server accepted early data.
 *
 * <pre>
 * struct {} EndOfEarlyData;
 * </pre>
 */
public record EndOfEarlyData() implements HandshakeMessage {
    /** Decodes the body, which must be empty. */
    public static EndOfEarlyData decode(Reader body) {
        body.expectEnd("EndOfEarlyData");
        return new EndOfEarlyData();
    }

    @Override
    public int messageType() {
        return HandshakeCodes.END_OF_EARLY_DATA;
    }

    /** Writes nothing: the body is empty. */
    @Override
    public void encodeBody(Writer w) {
        // The message is its header alone.
    }
}
