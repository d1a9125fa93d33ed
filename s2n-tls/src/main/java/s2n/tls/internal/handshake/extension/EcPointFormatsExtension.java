package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The ec_point_formats extension (RFC 8422 §5.1.2), TLS 1.2 only: the point encodings a peer can
 * parse. Only {@link #UNCOMPRESSED} is still defined; RFC 8422 deprecates the others.
 *
 * <pre>
 * enum { uncompressed (0), deprecated (1..2), reserved (248..255) } ECPointFormat;
 * struct { ECPointFormat ec_point_format_list&lt;1..2^8-1&gt; } ECPointFormatList;
 * </pre>
 */
public final class EcPointFormatsExtension {
    /** Uncompressed points, the one format every peer must support (RFC 8422 §5.1.2). */
    public static final int UNCOMPRESSED = 0;

    private EcPointFormatsExtension() {
    }

    /** The extension data for {@code formats} (at least one). */
    public static byte[] encode(int[] formats) {
        Writer w = new Writer(1 + formats.length);
        CodePointVectors.writeUint8Vector8(w, formats, 1, "ec_point_formats");
        return w.toByteArray();
    }

    /** The listed formats in order; the caller checks that {@link #UNCOMPRESSED} is among them. */
    public static int[] decode(byte[] data) {
        Reader r = new Reader(data);
        int[] formats = CodePointVectors.readUint8Vector8(r, 1, 255);
        r.expectEnd("ec_point_formats");
        return formats;
    }
}
