package s2n.tls.internal.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable big-endian byte writer. Length prefixes are reserved first and back-filled when the
 * vector is closed, so encoders read like the RFC's structs:
 *
 * <pre>{@code
 * int ext = w.beginVector16();
 * w.writeUint16(0x0304);
 * w.endVector16(ext);
 * }</pre>
 *
 * <p>{@link #wipe()} zeroes everything ever written, for buffers that held secrets or plaintext.
 */
public final class Writer {
    private byte[] buf;
    private int size;

    public Writer() {
        this(256);
    }

    public Writer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            int want = Math.max(buf.length * 2, size + extra);
            byte[] bigger = Arrays.copyOf(buf, want);
            Arrays.fill(buf, (byte) 0);
            buf = bigger;
        }
    }

    public Writer writeUint8(int v) {
        checkRange(v, 0xff, "uint8");
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public Writer writeUint16(int v) {
        checkRange(v, 0xffff, "uint16");
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public Writer writeUint24(int v) {
        checkRange(v, 0xffffff, "uint24");
        ensure(3);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public Writer writeUint32(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("uint32 out of range: " + v);
        }
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public Writer writeUint64(long v) {
        writeUint32(v >>> 32);
        return writeUint32(v & 0xffffffffL);
    }

    public Writer writeBytes(byte[] b) {
        return writeBytes(b, 0, b.length);
    }

    public Writer writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public Writer writeVector8(byte[] b) {
        return writeUint8(b.length).writeBytes(b);
    }

    public Writer writeVector16(byte[] b) {
        return writeUint16(b.length).writeBytes(b);
    }

    public Writer writeVector24(byte[] b) {
        return writeUint24(b.length).writeBytes(b);
    }

    /** Reserves a one-byte length; pass the returned mark to {@link #endVector8}. */
    public int beginVector8() {
        ensure(1);
        size += 1;
        return size;
    }

    /** Reserves a two-byte length; pass the returned mark to {@link #endVector16}. */
    public int beginVector16() {
        ensure(2);
        size += 2;
        return size;
    }

    /** Reserves a three-byte length; pass the returned mark to {@link #endVector24}. */
    public int beginVector24() {
        ensure(3);
        size += 3;
        return size;
    }

    public void endVector8(int mark) {
        int len = size - mark;
        checkRange(len, 0xff, "vector8 length");
        buf[mark - 1] = (byte) len;
    }

    public void endVector16(int mark) {
        int len = size - mark;
        checkRange(len, 0xffff, "vector16 length");
        buf[mark - 2] = (byte) (len >>> 8);
        buf[mark - 1] = (byte) len;
    }

    public void endVector24(int mark) {
        int len = size - mark;
        checkRange(len, 0xffffff, "vector24 length");
        buf[mark - 3] = (byte) (len >>> 16);
        buf[mark - 2] = (byte) (len >>> 8);
        buf[mark - 1] = (byte) len;
    }

    private static void checkRange(int v, int max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }

    /** The backing array; only the first {@link #size()} bytes are meaningful. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Copies the written bytes into {@code dst}. */
    public void copyTo(ByteBuffer dst) {
        dst.put(buf, 0, size);
    }

    /** Forgets what was written, keeping the capacity (contents are zeroed). */
    public void reset() {
        Arrays.fill(buf, 0, size, (byte) 0);
        size = 0;
    }

    /** Zeroes the whole backing array and forgets what was written. */
    public void wipe() {
        Arrays.fill(buf, (byte) 0);
        size = 0;
    }
}
