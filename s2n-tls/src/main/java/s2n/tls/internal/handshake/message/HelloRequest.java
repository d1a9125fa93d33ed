package s2n.tls.internal.handshake.message;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * HelloRequest (RFC 5246 §7.4.1.1): a TLS 1.2 server asking the client to renegotiate. This
 * library refuses renegotiation; RFC 5246 §7.4.1.1 lets a client ignore the request or answer
 * with a no_renegotiation alert, and the message is decoded so the client can decide which.
 * It is not part of the transcript.
 *
 * <pre>
 * struct { } HelloRequest;
 * </pre>
 */
public record HelloRequest() implements HandshakeMessage {
    /** Decodes the body, which must be empty. */
    public static HelloRequest decode(Reader body) {
        body.expectEnd("HelloRequest");
        return new HelloRequest();
    }

    @Override
    public int messageType() {
        return HandshakeCodes.HELLO_REQUEST;
    }

    /** Writes nothing: the body is empty. */
    @Override
    public void encodeBody(Writer w) {
        // The message is its header alone.
    }
}
