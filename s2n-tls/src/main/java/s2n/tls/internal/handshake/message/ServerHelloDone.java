package s2n.tls.internal.handshake.message;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * ServerHelloDone (RFC 5246 §7.4.5): the end of a TLS 1.2 server's first flight.
 *
 * <pre>
 * struct { } ServerHelloDone;
 * </pre>
 */
public record ServerHelloDone() implements HandshakeMessage {
    /** Decodes the body, which must be empty. */
    public static ServerHelloDone decode(Reader body) {
        body.expectEnd("ServerHelloDone");
        return new ServerHelloDone();
    }

    @Override
    public int messageType() {
        return HandshakeCodes.SERVER_HELLO_DONE;
    }

    /** Writes nothing: the body is empty. */
    @Override
    public void encodeBody(Writer w) {
        // The message is its header alone.
    }
}
