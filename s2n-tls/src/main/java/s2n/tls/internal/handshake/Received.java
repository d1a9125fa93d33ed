package s2n.tls.internal.handshake;

import s2n.tls.internal.codec.Reader;

/**
 * A complete handshake message as received: its wire type and its bytes, header included (the
 * transcript hashes the whole message).
 */
record Received(int type, byte[] raw) {
    /** A reader over the body (the message without its 4-byte header). */
    Reader body() {
        return new Reader(raw, 4, raw.length - 4);
    }
}
