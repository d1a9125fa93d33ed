package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The supported_groups extension (RFC 8446 §4.2.7, named elliptic_curves in RFC 4492): the key
 * exchange groups a client supports, most preferred first. In TLS 1.3 a server may also send its
 * own list in EncryptedExtensions.
 *
 * <pre>
 * struct { NamedGroup named_group_list&lt;2..2^16-1&gt;; } NamedGroupList;
 * </pre>
 */
public final class SupportedGroupsExtension {
    private SupportedGroupsExtension() {
    }

    /** The extension data for {@code groups} (at least one). */
    public static byte[] encode(int[] groups) {
        Writer w = new Writer(2 + 2 * groups.length);
        CodePointVectors.writeUint16Vector16(w, groups, 1, "supported_groups");
        return w.toByteArray();
    }

    /** The listed groups in order; unknown values are kept for the caller to skip. */
    public static int[] decode(byte[] data) {
        Reader r = new Reader(data);
        int[] groups = CodePointVectors.readUint16Vector16(r, 2, 0xffff, "supported_groups");
        r.expectEnd("supported_groups");
        return groups;
    }
}
