package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The cookie extension (RFC 8446 §4.2.2): opaque state a server puts in a HelloRetryRequest and
 * the client echoes in its second ClientHello.
 *
 * <pre>
 * struct { opaque cookie&lt;1..2^16-1&gt;; } Cookie;
 * </pre>
 */
public final class CookieExtension {
    private CookieExtension() {
    }

    /** The extension data for {@code cookie} (1..65533 bytes, so the vector fits in an extension). */
    public static byte[] encode(byte[] cookie) {
        if (cookie.length < 1 || cookie.length > 0xffff - 2) {
            throw new IllegalArgumentException("cookie must be 1.." + (0xffff - 2) + " bytes: " + cookie.length);
        }
        return new Writer(2 + cookie.length).writeVector16(cookie).toByteArray();
    }

    /** The cookie bytes (a copy of the contents). */
    public static byte[] decode(byte[] data) {
        Reader r = new Reader(data);
        byte[] cookie = r.readVector16(1, 0xffff);
        r.expectEnd("cookie");
        return cookie;
    }
}
