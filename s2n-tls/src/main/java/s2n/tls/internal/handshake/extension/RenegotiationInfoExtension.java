package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The renegotiation_info extension (RFC 5746 §3.2), TLS 1.2 only. On an initial handshake it is
 * empty inside (one zero length byte), which is all this library ever sends: it refuses
 * renegotiation, but still signals secure-renegotiation support as RFC 5746 asks.
 *
 * <pre>
 * struct { opaque renegotiated_connection&lt;0..255&gt;; } RenegotiationInfo;
 * </pre>
 */
public final class RenegotiationInfoExtension {
    private RenegotiationInfoExtension() {
    }

    /** The extension data for {@code renegotiatedConnection} (empty on an initial handshake). */
    public static byte[] encode(byte[] renegotiatedConnection) {
        if (renegotiatedConnection.length > 0xff) {
            throw new IllegalArgumentException("renegotiated_connection longer than 255 bytes: " + renegotiatedConnection.length);
        }
        return new Writer(1 + renegotiatedConnection.length).writeVector8(renegotiatedConnection).toByteArray();
    }

    /** The renegotiated_connection bytes; the caller checks they are empty on an initial handshake. */
    public static byte[] decode(byte[] data) {
        Reader r = new Reader(data);
        byte[] renegotiatedConnection = r.readVector8(0, 0xff);
        r.expectEnd("renegotiation_info");
        return renegotiatedConnection;
    }
}
