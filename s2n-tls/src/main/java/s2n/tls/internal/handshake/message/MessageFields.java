package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What message records share about their fields: range checks for constructors, so that a
 * message we build always encodes to bytes our own decoder accepts; content equality for lists of
 * byte strings; and compact text for {@code toString}. Check failures are programming errors
 * ({@link IllegalArgumentException}), never peer errors: decoders enforce the same bounds first
 * and throw {@code DecodeException}.
 */
final class MessageFields {
    private MessageFields() {
    }

    static void uint8(int value, String what) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }

    static void uint16(int value, String what) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }

    static void uint16s(int[] values, String what) {
        Objects.requireNonNull(values, what);
        for (int value : values) {
            uint16(value, what);
        }
    }

    static void uint32(long value, String what) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }

    static void length(byte[] bytes, int min, int max, String what) {
        Objects.requireNonNull(bytes, what);
        if (bytes.length < min || bytes.length > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + " bytes: " + bytes.length);
        }
    }

    /** Checks every element of a list of opaque vectors, and the list itself for nulls. */
    static void lengths(List<byte[]> list, int min, int max, String what) {
        Objects.requireNonNull(list, what);
        for (byte[] bytes : list) {
            length(bytes, min, max, what);
        }
    }

    /** Code points as four hex digits each, comma separated: {@code 1301,1302}. */
    static String codePoints(int[] values) {
        HexFormat hex = HexFormat.of();
        StringBuilder sb = new StringBuilder();
        for (int value : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(hex.toHexDigits((short) value));
        }
        return sb.toString();
    }

    /** A list of byte strings as their lengths, {@code [812 bytes, 1022 bytes]}: certificates are too long to print. */
    static String sizes(List<byte[]> list) {
        StringBuilder sb = new StringBuilder("[");
        for (byte[] bytes : list) {
            sb.append(sb.length() == 1 ? "" : ", ").append(bytes.length).append(" bytes");
        }
        return sb.append(']').toString();
    }

    /** Element-wise equality of two lists of byte strings. */
    static boolean equalLists(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A hash consistent with {@link #equalLists}. */
    static int hashList(List<byte[]> list) {
        int h = 1;
        for (byte[] bytes : list) {
            h = 31 * h + Arrays.hashCode(bytes);
        }
        return h;
    }
}
