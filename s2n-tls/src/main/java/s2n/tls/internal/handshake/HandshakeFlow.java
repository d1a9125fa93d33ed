package s2n.tls.internal.handshake;

import s2n.tls.TlsException;

/**
 * One side of one protocol version's handshake ({@code Client13}, {@code Server13}, ...): it
 * writes the messages its side sends and reads the ones it receives, in the order the
 * {@link HandshakeTables} entry dictates. The driver ({@link Handshake}) only calls
 * {@link #send} for a message this side writes and {@link #receive} for one whose type matched.
 */
interface HandshakeFlow extends AutoCloseable {

    /** Writes {@code message}. */
    void send(Message message) throws TlsException;

    /** Processes {@code received}, which is the {@code message} the table expected. */
    void receive(Message message, Received received) throws TlsException;

    /**
     * Messages to send after the handshake, once, when it completes (a server's TLS 1.3
     * NewSessionTickets), encoded; empty for none. The flow forgets them once returned.
     */
    default byte[] postHandshakeMessages() {
        return new byte[0];
    }

    /** The handshake failed (a fatal error on either side): forget what it would have left behind. */
    default void failed() {}

    /** Adds every secret array the flow holds (live references), for tests that check zeroing. */
    void collectSecrets(java.util.List<byte[]> out);

    /** Zeroes every secret the flow holds. */
    @Override
    void close();
}
