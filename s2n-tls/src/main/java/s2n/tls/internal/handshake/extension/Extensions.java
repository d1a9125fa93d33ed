package s2n.tls.internal.handshake.extension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The extensions block of a handshake message (RFC 8446 §4.2): an immutable, ordered list of
 * {@code (extension_type, extension_data)} pairs, kept exactly as received so that re-encoding
 * reproduces the peer's bytes.
 *
 * <p>Decoding checks only the framing. Duplicate types are legal bytes but illegal TLS
 * (RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type"), so they are
 * kept and reported by {@link #firstDuplicate()}; the caller raises {@code illegal_parameter}.
 *
 * <pre>{@code
 * Extensions ext = Extensions.builder()
 *         .add(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeClientHello(new int[] {0x0304}))
 *         .add(ExtensionType.SERVER_NAME, ServerNameExtension.encode("example.com"))
 *         .build();
 * byte[] sni = ext.get(ExtensionType.SERVER_NAME);
 * }</pre>
 *
 * <p>Extension data arrays are not copied defensively (this is internal code): callers must not
 * modify an array after handing it over, nor one they get back.
 */
public final class Extensions {
    /**
     * Up to this many extensions the duplicate scan compares pairs; above it, it marks types in a
     * bit set. No count is refused (RFC 8446 §4.2 sets none): the 64 KiB block holds at most
     * 16383 extensions, and with the scan linear every pass over them stays bounded by the block.
     */
    private static final int PAIRWISE_DUPLICATE_SCAN = 16;

    private static final Extensions EMPTY = new Extensions(List.of());

    private final List<Extension> list;

    private Extensions(List<Extension> list) {
        this.list = list;
    }

    /**
     * One extension: its type and its undecoded {@code extension_data}.
     *
     * @param type the IANA code point, 0..65535 (see {@link ExtensionType})
     * @param data the extension_data bytes (not copied), at most 65535 bytes
     */
    public record Extension(int type, byte[] data) {
        public Extension {
            if (type < 0 || type > 0xffff) {
                throw new IllegalArgumentException("extension type out of range: " + type);
            }
            Objects.requireNonNull(data, "data");
            if (data.length > 0xffff) {
                throw new IllegalArgumentException(ExtensionType.name(type) + " data too long: " + data.length);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extension other && type == other.type && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return ExtensionType.name(type) + "=" + HexFormat.of().formatHex(data);
        }
    }

    /** The absent or empty extensions block. */
    public static Extensions empty() {
        return EMPTY;
    }

    /** A builder that keeps extensions in the order they are added. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code Extension extensions<0..2^16-1>} from {@code r}. The caller handles a block
     * that is absent altogether (TLS 1.2 hellos may omit it); this reads one that is present.
     *
     * @throws DecodeException if the framing is broken
     */
    public static Extensions decode(Reader r) {
        Reader block = r.subVector16(0, 0xffff);
        if (!block.hasRemaining()) {
            return EMPTY;
        }
        List<Extension> out = new ArrayList<>();
        while (block.hasRemaining()) {
            int type = block.readUint16();
            byte[] data = block.readVector16(0, 0xffff);
            out.add(new Extension(type, data));
        }
        return new Extensions(List.copyOf(out));
    }

    /** Writes this block as {@code Extension extensions<0..2^16-1>}. */
    public void encode(Writer w) {
        int mark = w.beginVector16();
        for (Extension e : list) {
            w.writeUint16(e.type());
            w.writeVector16(e.data());
        }
        w.endVector16(mark);
    }

    /** The extensions in wire order (unmodifiable). */
    public List<Extension> list() {
        return list;
    }

    /** How many extensions there are, repeats included. */
    public int size() {
        return list.size();
    }

    /** Whether there are no extensions (the block may still have been present on the wire). */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** The data of the first extension of this type (not a copy), or {@code null} if there is none. */
    public byte[] get(int type) {
        for (Extension e : list) {
            if (e.type() == type) {
                return e.data();
            }
        }
        return null;
    }

    /** Whether an extension of this type is present. */
    public boolean contains(int type) {
        return get(type) != null;
    }

    /**
     * The type of the first extension that repeats an earlier one, or -1 if all types are
     * distinct. RFC 8446 §4.2 forbids repeats; the caller raises {@code illegal_parameter}.
     */
    public int firstDuplicate() {
        if (list.size() > PAIRWISE_DUPLICATE_SCAN) {
            java.util.BitSet seen = new java.util.BitSet(0x10000);
            for (Extension e : list) {
                if (seen.get(e.type())) {
                    return e.type();
                }
                seen.set(e.type());
            }
            return -1;
        }
        for (int i = 1; i < list.size(); i++) {
            int type = list.get(i).type();
            for (int j = 0; j < i; j++) {
                if (list.get(j).type() == type) {
                    return type;
                }
            }
        }
        return -1;
    }

    /**
     * The type of the last extension, or -1 if there are none. RFC 8446 §4.2.11: pre_shared_key
     * "MUST be the last extension in the ClientHello".
     */
    public int lastType() {
        return list.isEmpty() ? -1 : list.get(list.size() - 1).type();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extensions other && list.equals(other.list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Extensions[");
        for (int i = 0; i < list.size(); i++) {
            Extension e = list.get(i);
            sb.append(i == 0 ? "" : ", ").append(ExtensionType.name(e.type())).append('(').append(e.data().length).append(')');
        }
        return sb.append(']').toString();
    }

    /** Collects extensions in insertion order. Repeats are allowed, so tests can build illegal blocks. */
    public static final class Builder {
        private final List<Extension> list = new ArrayList<>();

        private Builder() {
        }

        /** Appends an extension; {@code data} is not copied. */
        public Builder add(int type, byte[] data) {
            list.add(new Extension(type, data));
            return this;
        }

        /** The extensions added so far, in order. */
        public Extensions build() {
            return list.isEmpty() ? EMPTY : new Extensions(List.copyOf(list));
        }
    }
}
