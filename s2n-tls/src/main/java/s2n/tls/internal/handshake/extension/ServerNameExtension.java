package s2n.tls.internal.handshake.extension;

import java.nio.charset.StandardCharsets;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The server_name extension (RFC 6066 §3, "SNI"): the host name a client wants to reach.
 *
 * <pre>
 * struct { NameType name_type; select (name_type) { case host_name: HostName; } name; } ServerName;
 * opaque HostName&lt;1..2^16-1&gt;;
 * struct { ServerName server_name_list&lt;1..2^16-1&gt; } ServerNameList;
 * </pre>
 *
 * <p>A server that used the name answers with an empty server_name extension; check for that
 * with {@link #isEmptyAcknowledgement} before calling {@link #decode}.
 */
public final class ServerNameExtension {
    /** NameType host_name. */
    public static final int HOST_NAME = 0;
    /** RFC 1035 §2.3.4: a DNS name is at most 255 octets, so a longer host name is malformed. */
    public static final int MAX_HOST_NAME_LENGTH = 255;

    private ServerNameExtension() {
    }

    /**
     * The ClientHello extension data for {@code hostName}: ASCII, 1..255 bytes, no trailing dot.
     * RFC 6066 §3 forbids IP literals here; callers send no server_name for those.
     */
    public static byte[] encode(String hostName) {
        byte[] name = hostName.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > MAX_HOST_NAME_LENGTH || !isPrintableAscii(name)
                || !new String(name, StandardCharsets.US_ASCII).equals(hostName)) {
            throw new IllegalArgumentException("not an ASCII host name of 1.." + MAX_HOST_NAME_LENGTH + " characters: " + hostName);
        }
        // RFC 6066 §3: "The hostname is represented as a byte string using ASCII encoding without a trailing dot."
        if (hostName.endsWith(".")) {
            throw new IllegalArgumentException("host name must not end with a dot: " + hostName);
        }
        Writer w = new Writer(name.length + 5);
        int list = w.beginVector16();
        w.writeUint8(HOST_NAME);
        w.writeVector16(name);
        w.endVector16(list);
        return w.toByteArray();
    }

    /** Whether this is a server's acknowledgement: the extension with empty data (RFC 6066 §3). */
    public static boolean isEmptyAcknowledgement(byte[] data) {
        return data.length == 0;
    }

    /**
     * The host name in a client's server_name extension, or {@code null} if the list names no
     * host_name (only other name types, which are skipped).
     *
     * @throws DecodeException if the list is malformed or empty, names two entries of one type
     *     (RFC 6066 §3), or the host name is not 1..255 printable ASCII bytes
     */
    public static String decode(byte[] data) {
        Reader r = new Reader(data);
        Reader list = r.subVector16(1, 0xffff);
        r.expectEnd("server_name");
        boolean[] seen = new boolean[256];
        String hostName = null;
        while (list.hasRemaining()) {
            int nameType = list.readUint8();
            // RFC 6066 §3: "The ServerNameList MUST NOT contain more than one name of the same name_type."
            if (seen[nameType]) {
                throw new DecodeException("server_name: more than one name of type " + nameType);
            }
            seen[nameType] = true;
            if (nameType == HOST_NAME) {
                byte[] name = list.readVector16(1, MAX_HOST_NAME_LENGTH);
                if (!isPrintableAscii(name)) {
                    throw new DecodeException("server_name: host name is not printable ASCII");
                }
                hostName = new String(name, StandardCharsets.US_ASCII);
            } else {
                // RFC 6066 §3: data of future name types "MUST begin with a 16-bit length field".
                list.subVector16(0, 0xffff);
            }
        }
        return hostName;
    }

    // RFC 6066 §3: "The hostname is represented as a byte string using ASCII encoding". Control
    // bytes and NUL are refused too: a NUL would truncate the name in C-based tools and logs.
    private static boolean isPrintableAscii(byte[] name) {
        for (byte b : name) {
            if (b < 0x21 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
