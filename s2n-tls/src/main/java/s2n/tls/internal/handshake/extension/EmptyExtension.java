package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.DecodeException;

/**
 * Extensions whose presence is the whole message and whose data must be empty:
 * extended_master_secret (RFC 7627 §5.1), encrypt_then_mac (RFC 7366 §2), post_handshake_auth
 * (RFC 8446 §4.2.6), early_data in ClientHello and EncryptedExtensions (RFC 8446 §4.2.10), a
 * server's server_name acknowledgement (RFC 6066 §3), and an empty session_ticket.
 */
public final class EmptyExtension {
    private static final byte[] NONE = new byte[0];

    private EmptyExtension() {
    }

    /** Empty extension data. */
    public static byte[] encode() {
        return NONE;
    }

    /**
     * Checks that the extension data is empty.
     *
     * @throws DecodeException if it is not
     */
    public static void decode(byte[] data) {
        if (data.length != 0) {
            throw new DecodeException("extension must be empty, has " + data.length + " bytes");
        }
    }
}
