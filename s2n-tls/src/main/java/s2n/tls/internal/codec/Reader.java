package s2n.tls.internal.codec;

import java.util.Arrays;

/**
 * A bounded, forward-only reader over a slice of a byte array: the only way protocol code reads
 * wire bytes. Every read checks its bounds and throws {@link DecodeException} on overrun; vectors
 * come back as sub-readers over the same array, so decoding copies only what it keeps.
 *
 * <p>Multi-byte integers are big-endian (network order), as in RFC 8446 §3.3.
 */
public final class Reader {
    private final byte[] data;
    private final int limit;
    private int position;

    /** Reads all of {@code data}. */
    public Reader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code length} bytes of {@code data} starting at {@code offset}. */
    public Reader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + data.length);
        }
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    /** The absolute index of the next byte in the backing array. */
    public int position() {
        return position;
    }

    /** The backing array, for callers that hash or copy a range they have just read. */
    public byte[] array() {
        return data;
    }

    private void need(int n, String what) {
        if (n > limit - position) {
            throw new DecodeException(what + ": need " + n + " bytes, " + (limit - position) + " left");
        }
    }

    public int readUint8() {
        need(1, "uint8");
        return data[position++] & 0xff;
    }

    public int readUint16() {
        need(2, "uint16");
        int v = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
        position += 2;
        return v;
    }

    public int readUint24() {
        need(3, "uint24");
        int v = ((data[position] & 0xff) << 16) | ((data[position + 1] & 0xff) << 8) | (data[position + 2] & 0xff);
        position += 3;
        return v;
    }

    public long readUint32() {
        need(4, "uint32");
        long v = ((long) (data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return v;
    }

    public long readUint64() {
        long hi = readUint32();
        return (hi << 32) | readUint32();
    }

    /** Copies the next {@code n} bytes. */
    public byte[] readBytes(int n) {
        if (n < 0) {
            throw new DecodeException("negative length " + n);
        }
        need(n, "opaque[" + n + "]");
        byte[] out = Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** Skips the next {@code n} bytes. */
    public void skip(int n) {
        need(n, "skip");
        position += n;
    }

    /** Reads {@code opaque x<min..max>} with a one-byte length and returns a copy of the contents. */
    public byte[] readVector8(int min, int max) {
        return sub(readUint8(), min, max).readRest();
    }

    /** Reads {@code opaque x<min..max>} with a two-byte length and returns a copy of the contents. */
    public byte[] readVector16(int min, int max) {
        return sub(readUint16(), min, max).readRest();
    }

    /** Reads {@code opaque x<min..max>} with a three-byte length and returns a copy of the contents. */
    public byte[] readVector24(int min, int max) {
        return sub(readUint24(), min, max).readRest();
    }

    /** A reader over the contents of a one-byte-length vector whose length lies in [min, max]. */
    public Reader subVector8(int min, int max) {
        return sub(readUint8(), min, max);
    }

    /** A reader over the contents of a two-byte-length vector whose length lies in [min, max]. */
    public Reader subVector16(int min, int max) {
        return sub(readUint16(), min, max);
    }

    /** A reader over the contents of a three-byte-length vector whose length lies in [min, max]. */
    public Reader subVector24(int min, int max) {
        return sub(readUint24(), min, max);
    }

    /** A reader over the next {@code length} bytes, which this reader then skips. */
    public Reader sub(int length) {
        need(length, "vector");
        Reader r = new Reader(data, position, length);
        position += length;
        return r;
    }

    private Reader sub(int length, int min, int max) {
        if (length < min || length > max) {
            throw new DecodeException("vector length " + length + " outside [" + min + ", " + max + "]");
        }
        return sub(length);
    }

    /** Copies everything that is left. */
    public byte[] readRest() {
        return readBytes(remaining());
    }

    /** Fails with {@code what} unless every byte has been read: trailing data is rejected here, in one place. */
    public void expectEnd(String what) {
        if (position != limit) {
            throw new DecodeException(what + ": " + (limit - position) + " unexpected trailing bytes");
        }
    }
}
