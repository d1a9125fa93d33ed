package s2n.tls.internal.handshake;

/**
 * What the connection's transport wants to hear from the handshake: s2n sets TCP_QUICKACK after
 * handshake reads and corks the socket while a flight is being written.
 */
public interface IoHooks {
    IoHooks NONE = new IoHooks() {};

    /** A handshake record was read. */
    default void afterHandshakeRead() {}

    /** We start writing a flight. */
    default void flightStarted() {}

    /** The flight is sealed and about to be flushed; we read next, or the handshake is over. */
    default void flightEnded() {}
}
