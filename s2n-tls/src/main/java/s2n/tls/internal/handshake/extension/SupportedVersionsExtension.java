package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The supported_versions extension (RFC 8446 §4.2.1). A ClientHello lists versions in preference
 * order; a ServerHello or HelloRetryRequest names the one selected.
 *
 * <pre>
 * struct {
 *     select (Handshake.msg_type) {
 *         case client_hello: ProtocolVersion versions&lt;2..254&gt;;
 *         case server_hello: ProtocolVersion selected_version;   // and HelloRetryRequest
 *     };
 * } SupportedVersions;
 * </pre>
 */
public final class SupportedVersionsExtension {
    private SupportedVersionsExtension() {
    }

    /** The ClientHello form: one or more two-byte versions, most preferred first. */
    public static byte[] encodeClientHello(int[] versions) {
        Writer w = new Writer(1 + 2 * versions.length);
        CodePointVectors.writeUint16Vector8(w, versions, 1, "supported_versions");
        return w.toByteArray();
    }

    /** The versions a client offers, in its order; unknown values are kept (GREASE among them). */
    public static int[] decodeClientHello(byte[] data) {
        Reader r = new Reader(data);
        int[] versions = CodePointVectors.readUint16Vector8(r, 2, 254, "supported_versions");
        r.expectEnd("supported_versions");
        return versions;
    }

    /** The ServerHello and HelloRetryRequest form: the selected version. */
    public static byte[] encodeServerHello(int version) {
        return new Writer(2).writeUint16(version).toByteArray();
    }

    /** The version a server selected; the caller checks it is one the client offered. */
    public static int decodeServerHello(byte[] data) {
        Reader r = new Reader(data);
        int version = r.readUint16();
        r.expectEnd("supported_versions");
        return version;
    }
}
