package s2n.tls.internal.handshake.extension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The application_layer_protocol_negotiation extension (RFC 7301 §3.1): the client's protocols in
 * preference order, or the one protocol the server selected.
 *
 * <pre>
 * opaque ProtocolName&lt;1..2^8-1&gt;;
 * struct { ProtocolName protocol_name_list&lt;2..2^16-1&gt; } ProtocolNameList;
 * </pre>
 *
 * <p>Protocol names are byte strings, not text. They map to Java strings one byte per char
 * (ISO-8859-1), so every byte value survives decoding and re-encoding unchanged.
 */
public final class AlpnExtension {
    /** RFC 7301 §3.1: a ProtocolName is 1..255 bytes. */
    public static final int MAX_PROTOCOL_NAME_LENGTH = 255;

    private AlpnExtension() {
    }

    /**
     * The extension data for {@code protocols}: at least one, each 1..255 chars in U+0000..U+00FF.
     * A server's reply is the same shape with exactly one name (RFC 7301 §3.1).
     */
    public static byte[] encode(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("application_layer_protocol_negotiation needs at least one protocol");
        }
        Writer w = new Writer();
        int mark = w.beginVector16();
        for (String protocol : protocols) {
            byte[] name = protocol.getBytes(StandardCharsets.ISO_8859_1);
            if (name.length < 1 || name.length > MAX_PROTOCOL_NAME_LENGTH
                    || !new String(name, StandardCharsets.ISO_8859_1).equals(protocol)) {
                throw new IllegalArgumentException("protocol name must be 1..255 one-byte characters: " + protocol);
            }
            w.writeVector8(name);
        }
        w.endVector16(mark);
        return w.toByteArray();
    }

    /** The protocol names in order (unmodifiable; at least one). */
    public static List<String> decode(byte[] data) {
        Reader r = new Reader(data);
        Reader list = r.subVector16(2, 0xffff);
        r.expectEnd("application_layer_protocol_negotiation");
        List<String> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(new String(list.readVector8(1, MAX_PROTOCOL_NAME_LENGTH), StandardCharsets.ISO_8859_1));
        }
        return List.copyOf(out);
    }
}
