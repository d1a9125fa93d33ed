package s2n.tls.internal.x509;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The little DER (ITU-T X.690 §10) this package needs: read the tag-length-value elements of a
 * private key or a distinguished name, and write the few structures used to re-wrap a key.
 *
 * <p>Input comes from files and from peers, so every length is checked against what is left and
 * every malformation is an {@link IllegalArgumentException}; nothing reads past its element.
 * Only single-byte tags and definite, minimally encoded lengths are accepted, as DER requires.
 */
final class Der {
    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int PRINTABLE_STRING = 0x13;
    static final int TELETEX_STRING = 0x14;
    static final int IA5_STRING = 0x16;
    static final int UNIVERSAL_STRING = 0x1c;
    static final int BMP_STRING = 0x1e;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    /** Constructed, context-specific tag {@code [n]}, as used for EXPLICIT and structured fields. */
    static int contextConstructed(int n) {
        return 0xa0 | n;
    }

    // Four length bytes allow 4 GiB; nothing we parse comes close, and it keeps the arithmetic in int.
    private static final int MAX_LENGTH_BYTES = 4;

    private Der() {}

    /** One element: its tag and where its contents lie in the backing array. */
    record Element(int tag, byte[] array, int headerOffset, int offset, int length) {
        /** A copy of the contents (the V of the TLV). */
        byte[] contents() {
            return Arrays.copyOfRange(array, offset, offset + length);
        }

        /** A copy of the whole encoding: tag, length and contents. */
        byte[] encoding() {
            return Arrays.copyOfRange(array, headerOffset, offset + length);
        }

        /** A reader over the contents, for constructed types (SEQUENCE, SET, [n]). */
        Reader reader() {
            return new Reader(array, offset, length);
        }
    }

    /** A forward-only reader over a run of DER elements. */
    static final class Reader {
        private final byte[] data;
        private final int end;
        private int position;

        /** Reads all of {@code data}. */
        Reader(byte[] data) {
            this(data, 0, data.length);
        }

        Reader(byte[] data, int offset, int length) {
            this.data = data;
            this.position = offset;
            this.end = offset + length;
        }

        boolean hasRemaining() {
            return position < end;
        }

        /** The tag of the next element, without consuming it; -1 at the end. */
        int peekTag() {
            return position < end ? data[position] & 0xff : -1;
        }

        /** The next element, whatever its tag. */
        Element read() {
            int start = position;
            if (start >= end) {
                throw new IllegalArgumentException("DER: expected an element, found the end of the data");
            }
            int tag = data[start] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("DER: multi-byte tags are not supported");
            }
            int p = start + 1;
            if (p >= end) {
                throw new IllegalArgumentException("DER: element truncated before its length");
            }
            int first = data[p++] & 0xff;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7f;
                if (count == 0) {
                    throw new IllegalArgumentException("DER: indefinite length is not allowed");
                }
                if (count > MAX_LENGTH_BYTES || count > end - p) {
                    throw new IllegalArgumentException("DER: length field of " + count + " bytes is malformed");
                }
                long value = 0;
                for (int i = 0; i < count; i++) {
                    value = (value << 8) | (data[p++] & 0xff);
                }
                // X.690 §10.1: the length is encoded in the fewest bytes possible.
                if (value < 0x80 || (data[p - count] == 0)) {
                    throw new IllegalArgumentException("DER: length is not minimally encoded");
                }
                if (value > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("DER: length " + value + " is too large");
                }
                length = (int) value;
            }
            if (length > end - p) {
                throw new IllegalArgumentException(
                        "DER: element of " + length + " bytes overruns the " + (end - p) + " bytes left");
            }
            position = p + length;
            return new Element(tag, data, start, p, length);
        }

        /** The next element, which must carry {@code tag}; {@code what} names it in the error. */
        Element read(int tag, String what) {
            if (peekTag() != tag) {
                throw new IllegalArgumentException("DER: expected " + what + " (tag 0x" + Integer.toHexString(tag)
                        + "), found " + (hasRemaining() ? "tag 0x" + Integer.toHexString(peekTag()) : "the end"));
            }
            return read();
        }

        /** Fails unless every byte has been read: trailing data is a malformation. */
        void expectEnd(String what) {
            if (position != end) {
                throw new IllegalArgumentException("DER: " + (end - position) + " unexpected bytes after " + what);
            }
        }
    }

    /** The contents of an INTEGER that must be small and non-negative, e.g. a version number. */
    static int smallInteger(Element integer, String what) {
        if (integer.tag() != INTEGER || integer.length() < 1 || integer.length() > 3) {
            throw new IllegalArgumentException("DER: " + what + " is not a small INTEGER");
        }
        int value = integer.array()[integer.offset()];
        for (int i = 1; i < integer.length(); i++) {
            value = (value << 8) | (integer.array()[integer.offset() + i] & 0xff);
        }
        if (value < 0) {
            throw new IllegalArgumentException("DER: " + what + " is negative");
        }
        return value;
    }

    /** The dotted-decimal form of an OBJECT IDENTIFIER's contents (X.690 §8.19). */
    static String oidToString(Element oid) {
        if (oid.tag() != OBJECT_IDENTIFIER || oid.length() == 0) {
            throw new IllegalArgumentException("DER: not an OBJECT IDENTIFIER");
        }
        StringBuilder text = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (int i = 0; i < oid.length(); i++) {
            int b = oid.array()[oid.offset() + i] & 0xff;
            if (arc == 0 && b == 0x80) {
                throw new IllegalArgumentException("DER: OBJECT IDENTIFIER arc has a leading zero byte");
            }
            arc = (arc << 7) | (b & 0x7f);
            if (arc > 0xffff_ffffL) {
                throw new IllegalArgumentException("DER: OBJECT IDENTIFIER arc is too large");
            }
            if ((b & 0x80) != 0) {
                continue;
            }
            if (first) {
                // The first encoded arc packs the first two: 40 * x + y, with x in 0..2.
                long x = Math.min(arc / 40, 2);
                text.append(x).append('.').append(arc - 40 * x);
                first = false;
            } else {
                text.append('.').append(arc);
            }
            arc = 0;
        }
        if ((oid.array()[oid.offset() + oid.length() - 1] & 0x80) != 0) {
            throw new IllegalArgumentException("DER: OBJECT IDENTIFIER ends inside an arc");
        }
        return text.toString();
    }

    /** The text of a directory string (X.520): UTF8, Printable, IA5, Teletex, BMP or Universal. */
    static String directoryString(Element value) {
        byte[] bytes = value.contents();
        switch (value.tag()) {
            case UTF8_STRING:
                return new String(bytes, StandardCharsets.UTF_8);
            case PRINTABLE_STRING:
            case IA5_STRING:
                return new String(bytes, StandardCharsets.US_ASCII);
            case TELETEX_STRING:
                // T.61 in theory; in practice certificates put Latin-1 here.
                return new String(bytes, StandardCharsets.ISO_8859_1);
            case BMP_STRING:
                return new String(bytes, StandardCharsets.UTF_16BE);
            case UNIVERSAL_STRING:
                return new String(bytes, Charset.forName("UTF-32BE"));
            default:
                throw new IllegalArgumentException("DER: tag 0x" + Integer.toHexString(value.tag())
                        + " is not a directory string");
        }
    }

    // ---- writing ----

    /** One TLV: {@code tag}, the DER length of the concatenated parts, then the parts. */
    static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] header = header(tag, length);
        byte[] out = new byte[header.length + length];
        System.arraycopy(header, 0, out, 0, header.length);
        int p = header.length;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }

    /**
     * The tag and length bytes for contents of {@code length} bytes, so a caller holding a secret
     * can assemble the element in one array it later wipes, without intermediate copies.
     */
    static byte[] header(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int bytes = 1;
        while (bytes < 4 && (length >>> (8 * bytes)) != 0) {
            bytes++;
        }
        byte[] out = new byte[2 + bytes];
        out[0] = (byte) tag;
        out[1] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
        }
        return out;
    }

    static byte[] sequence(byte[]... parts) {
        return encode(SEQUENCE, parts);
    }

    /** A non-negative INTEGER small enough for an int, e.g. a version. */
    static byte[] integer(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative INTEGER " + value);
        }
        return encode(INTEGER, BigInteger.valueOf(value).toByteArray());
    }

    static byte[] octetString(byte[] contents) {
        return encode(OCTET_STRING, contents);
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    /** The encoding of a dotted-decimal OBJECT IDENTIFIER such as {@code 1.2.840.10045.2.1}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an OBJECT IDENTIFIER has at least two arcs: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeArc(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeArc(out, Long.parseLong(arcs[i]));
        }
        return encode(OBJECT_IDENTIFIER, out.toByteArray());
    }

    private static void writeArc(ByteArrayOutputStream out, long arc) {
        int groups = 1;
        while (groups < 9 && (arc >>> (7 * groups)) != 0) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int bits = (int) ((arc >>> (7 * g)) & 0x7f);
            out.write(g == 0 ? bits : bits | 0x80);
        }
    }
}
