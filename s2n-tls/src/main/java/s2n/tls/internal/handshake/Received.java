package s2n.tls.internal.handshake;

import s2n.tls.internal.codec.Reader;

/**
 * A complete handshake message as received: its wire type and its bytes, header included (the
 * transcript hashes the whole message).
 */
record Received(int type, byte[] raw) {
    /**
     * What a flow receives in a TLS 1.2 change_cipher_spec slot: the record is not a handshake
     * message, so there is no body to read ({@link #body()} must not be called on it).
     */
    static final Received CHANGE_CIPHER_SPEC = new Received(-1, new byte[] {1});

    /** A reader over the body (the message without its 4-byte header). */
    Reader body() {
        return new Reader(raw, 4, raw.length - 4);
    }
}
