package s2n.tls.tools;

import java.nio.ByteBuffer;

/**
 * What {@code s2nd} does with the application data a client sends once the handshake is done:
 * {@link #echo()} it back, or answer an HTTP request ({@link WwwPage}). One instance per
 * connection. It never touches the connection itself, so the blocking and the non-blocking
 * server drive the same responders.
 */
interface Responder {
    /**
     * Takes the bytes just received (all of {@code data}'s remaining bytes) and returns what to
     * send back, possibly nothing.
     */
    ByteBuffer received(ByteBuffer data);

    /** Whether this side is done talking: the server then shuts the connection down. */
    boolean finished();

    /** Sends every byte back as it arrives; finished only when the client closes. */
    static Responder echo() {
        return new Responder() {
            @Override
            public ByteBuffer received(ByteBuffer data) {
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
                return copy;
            }

            @Override
            public boolean finished() {
                return false;
            }
        };
    }
}
