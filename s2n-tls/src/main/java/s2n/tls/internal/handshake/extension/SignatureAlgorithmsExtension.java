package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The signature_algorithms extension (RFC 8446 §4.2.3), and signature_algorithms_cert, which has
 * the same body: the signature schemes a peer accepts, most preferred first. In TLS 1.2 each
 * value is a SignatureAndHashAlgorithm pair (RFC 5246 §7.4.1.4.1), which has the same two bytes.
 *
 * <pre>
 * struct { SignatureScheme supported_signature_algorithms&lt;2..2^16-2&gt;; } SignatureSchemeList;
 * </pre>
 */
public final class SignatureAlgorithmsExtension {
    private SignatureAlgorithmsExtension() {
    }

    /** The extension data for {@code schemes} (at least one). */
    public static byte[] encode(int[] schemes) {
        Writer w = new Writer(2 + 2 * schemes.length);
        CodePointVectors.writeUint16Vector16(w, schemes, 1, "signature_algorithms");
        return w.toByteArray();
    }

    /** The listed schemes in order; unknown values are kept for the caller to skip. */
    public static int[] decode(byte[] data) {
        Reader r = new Reader(data);
        int[] schemes = CodePointVectors.readUint16Vector16(r, 2, 0xfffe, "signature_algorithms");
        r.expectEnd("signature_algorithms");
        return schemes;
    }
}
