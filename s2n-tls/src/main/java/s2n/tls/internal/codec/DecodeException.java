package s2n.tls.internal.codec;

/**
 * A peer's bytes did not parse: a length ran past its vector, a value was out of its range, or
 * bytes were left over. The codec only says what was wrong; it never picks an alert. The record
 * and handshake layers turn this into a {@code decode_error} at one boundary.
 *
 * <p>Unchecked on purpose, so decoders read top to bottom like the RFC's structs. Every public
 * entry point of the library catches it; it never reaches the application.
 */
public final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message, null, false, false);
    }
}
