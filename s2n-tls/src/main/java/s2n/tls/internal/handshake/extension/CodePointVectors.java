package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * Vectors of code points, the most common shape in hello messages: {@code CipherSuite
 * cipher_suites<2..2^16-2>}, {@code NamedGroup named_group_list<2..2^16-1>},
 * {@code ProtocolVersion versions<2..254>}, {@code ECPointFormat ec_point_format_list<1..2^8-1>}.
 *
 * <p>Bounds are given in bytes, as the RFCs write them. A vector of two-byte values with an odd
 * byte length is malformed whatever its bounds say.
 */
public final class CodePointVectors {
    private CodePointVectors() {
    }

    /** Reads a vector with a two-byte length holding two-byte values; byte length in [minBytes, maxBytes]. */
    public static int[] readUint16Vector16(Reader r, int minBytes, int maxBytes, String what) {
        return readUint16s(r.subVector16(minBytes, maxBytes), what);
    }

    /** Reads a vector with a one-byte length holding two-byte values; byte length in [minBytes, maxBytes]. */
    public static int[] readUint16Vector8(Reader r, int minBytes, int maxBytes, String what) {
        return readUint16s(r.subVector8(minBytes, maxBytes), what);
    }

    /** Reads a vector with a one-byte length holding one-byte values; length in [min, max]. */
    public static int[] readUint8Vector8(Reader r, int min, int max) {
        Reader v = r.subVector8(min, max);
        int[] out = new int[v.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.readUint8();
        }
        return out;
    }

    private static int[] readUint16s(Reader v, String what) {
        if ((v.remaining() & 1) != 0) {
            throw new DecodeException(what + ": odd length " + v.remaining() + " for a list of two-byte values");
        }
        int[] out = new int[v.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.readUint16();
        }
        return out;
    }

    /** Writes two-byte values behind a two-byte length; {@code minCount} is the fewest the RFC allows. */
    public static void writeUint16Vector16(Writer w, int[] values, int minCount, String what) {
        checkCount(values, minCount, 0x7fff, what);
        int mark = w.beginVector16();
        for (int v : values) {
            w.writeUint16(v);
        }
        w.endVector16(mark);
    }

    /** Writes two-byte values behind a one-byte length; {@code minCount} is the fewest the RFC allows. */
    public static void writeUint16Vector8(Writer w, int[] values, int minCount, String what) {
        checkCount(values, minCount, 0x7f, what);
        int mark = w.beginVector8();
        for (int v : values) {
            w.writeUint16(v);
        }
        w.endVector8(mark);
    }

    /** Writes one-byte values behind a one-byte length; {@code minCount} is the fewest the RFC allows. */
    public static void writeUint8Vector8(Writer w, int[] values, int minCount, String what) {
        checkCount(values, minCount, 0xff, what);
        int mark = w.beginVector8();
        for (int v : values) {
            w.writeUint8(v);
        }
        w.endVector8(mark);
    }

    // Encoders refuse what the matching decoder would reject, so we never send a malformed list.
    private static void checkCount(int[] values, int minCount, int maxCount, String what) {
        if (values.length < minCount || values.length > maxCount) {
            throw new IllegalArgumentException(what + ": " + values.length + " values, need " + minCount + ".." + maxCount);
        }
    }
}
