package s2n.tls.internal.handshake.extension;

import java.util.ArrayList;
import java.util.List;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The certificate_authorities extension (RFC 8446 §4.2.4): the distinguished names of the CAs
 * whose certificates the sender accepts. In a CertificateRequest it tells the client which of its
 * chains the server can verify.
 *
 * <pre>
 * opaque DistinguishedName&lt;1..2^16-1&gt;;
 * struct { DistinguishedName authorities&lt;3..2^16-1&gt;; } CertificateAuthoritiesExtension;
 * </pre>
 */
public final class CertificateAuthoritiesExtension {
    private CertificateAuthoritiesExtension() {}

    /** The extension data for {@code names} (DER-encoded X.500 names): at least one, each 1..65535 bytes. */
    public static byte[] encode(List<byte[]> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("certificate_authorities needs at least one name");
        }
        Writer w = new Writer();
        int mark = w.beginVector16();
        for (byte[] name : names) {
            if (name.length < 1 || name.length > 0xffff) {
                throw new IllegalArgumentException("a DistinguishedName is 1..65535 bytes, not " + name.length);
            }
            w.writeVector16(name);
        }
        w.endVector16(mark);
        return w.toByteArray();
    }

    /** The names in order (unmodifiable; at least one). */
    public static List<byte[]> decode(byte[] data) {
        Reader r = new Reader(data);
        Reader list = r.subVector16(3, 0xffff);
        r.expectEnd("certificate_authorities");
        List<byte[]> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(list.readVector16(1, 0xffff));
        }
        return List.copyOf(out);
    }
}
