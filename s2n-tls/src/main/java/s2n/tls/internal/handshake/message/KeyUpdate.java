package s2n.tls.internal.handshake.message;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * KeyUpdate (RFC 8446 §4.6.3): the sender has moved to its next traffic secret, and may ask the
 * peer to do the same.
 *
 * <pre>
 * enum { update_not_requested(0), update_requested(1), (255) } KeyUpdateRequest;
 * struct { KeyUpdateRequest request_update; } KeyUpdate;
 * </pre>
 *
 * <p>The raw byte is kept. RFC 8446 §4.6.3: a value other than 0 or 1 must be answered with
 * {@code illegal_parameter} — the caller does that, using {@link #isValid()}.
 *
 * @param requestUpdate the request_update byte, 0..255
 */
public record KeyUpdate(int requestUpdate) implements HandshakeMessage {
    /** The peer need not update its own sending keys. */
    public static final int UPDATE_NOT_REQUESTED = 0;
    /** The peer must answer with its own KeyUpdate (update_not_requested). */
    public static final int UPDATE_REQUESTED = 1;

    /** Validates the range of the byte. */
    public KeyUpdate {
        MessageFields.uint8(requestUpdate, "request_update");
    }

    /** Decodes a KeyUpdate body (the message without its four-byte header). */
    public static KeyUpdate decode(Reader body) {
        int requestUpdate = body.readUint8();
        body.expectEnd("KeyUpdate");
        return new KeyUpdate(requestUpdate);
    }

    /** Whether the request_update value is one RFC 8446 §4.6.3 defines. */
    public boolean isValid() {
        return requestUpdate == UPDATE_NOT_REQUESTED || requestUpdate == UPDATE_REQUESTED;
    }

    @Override
    public int messageType() {
        return HandshakeCodes.KEY_UPDATE;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeUint8(requestUpdate);
    }
}
