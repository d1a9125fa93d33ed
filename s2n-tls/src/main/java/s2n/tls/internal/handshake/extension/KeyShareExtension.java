package s2n.tls.internal.handshake.extension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The key_share extension (RFC 8446 §4.2.8): the client's (EC)DHE public keys, the server's
 * chosen one, or — in a HelloRetryRequest — the group the server wants a share for.
 *
 * <pre>
 * struct { NamedGroup group; opaque key_exchange&lt;1..2^16-1&gt;; } KeyShareEntry;
 * struct { KeyShareEntry client_shares&lt;0..2^16-1&gt;; } KeyShareClientHello;
 * struct { NamedGroup selected_group; } KeyShareHelloRetryRequest;
 * struct { KeyShareEntry server_share; } KeyShareServerHello;
 * </pre>
 *
 * <p>Decoding checks framing only. Whether shares repeat a group or follow supported_groups'
 * order (RFC 8446 §4.2.8, {@code illegal_parameter}), and whether a key is valid for its group,
 * are for negotiation and the crypto layer.
 */
public final class KeyShareExtension {
    private KeyShareExtension() {
    }

    /**
     * One public key for one group. The key bytes are public, so {@code toString} shows them;
     * they are not copied defensively.
     *
     * @param group the NamedGroup code point
     * @param keyExchange the encoded public key, 1..65535 bytes
     */
    public record KeyShareEntry(int group, byte[] keyExchange) {
        public KeyShareEntry {
            if (group < 0 || group > 0xffff) {
                throw new IllegalArgumentException("group out of range: " + group);
            }
            Objects.requireNonNull(keyExchange, "keyExchange");
            if (keyExchange.length < 1 || keyExchange.length > 0xffff) {
                throw new IllegalArgumentException("key_exchange must be 1..65535 bytes: " + keyExchange.length);
            }
        }

        private static KeyShareEntry decode(Reader r) {
            int group = r.readUint16();
            return new KeyShareEntry(group, r.readVector16(1, 0xffff));
        }

        private void encode(Writer w) {
            w.writeUint16(group);
            w.writeVector16(keyExchange);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyShareEntry other && group == other.group && Arrays.equals(keyExchange, other.keyExchange);
        }

        @Override
        public int hashCode() {
            return 31 * group + Arrays.hashCode(keyExchange);
        }

        @Override
        public String toString() {
            return "KeyShareEntry[group=0x" + String.format("%04x", group) + ", keyExchange=" + HexFormat.of().formatHex(keyExchange) + "]";
        }
    }

    /** The ClientHello form: the client's shares in preference order (may be empty, to ask for an HRR). */
    public static byte[] encodeClientHello(List<KeyShareEntry> shares) {
        Writer w = new Writer();
        int mark = w.beginVector16();
        for (KeyShareEntry share : shares) {
            share.encode(w);
        }
        w.endVector16(mark);
        return w.toByteArray();
    }

    /** The client's shares in its order (unmodifiable). */
    public static List<KeyShareEntry> decodeClientHello(byte[] data) {
        Reader r = new Reader(data);
        Reader shares = r.subVector16(0, 0xffff);
        r.expectEnd("key_share");
        List<KeyShareEntry> out = new ArrayList<>();
        while (shares.hasRemaining()) {
            out.add(KeyShareEntry.decode(shares));
        }
        return List.copyOf(out);
    }

    /** The ServerHello form: the one share the server chose. */
    public static byte[] encodeServerHello(KeyShareEntry share) {
        Writer w = new Writer(4 + share.keyExchange().length);
        share.encode(w);
        return w.toByteArray();
    }

    /** The server's share; the caller checks its group is one the client offered. */
    public static KeyShareEntry decodeServerHello(byte[] data) {
        Reader r = new Reader(data);
        KeyShareEntry share = KeyShareEntry.decode(r);
        r.expectEnd("key_share");
        return share;
    }

    /** The HelloRetryRequest form: the group the server asks the client to send a share for. */
    public static byte[] encodeHelloRetryRequest(int group) {
        return new Writer(2).writeUint16(group).toByteArray();
    }

    /** The group a HelloRetryRequest selects. */
    public static int decodeHelloRetryRequest(byte[] data) {
        Reader r = new Reader(data);
        int group = r.readUint16();
        r.expectEnd("key_share");
        return group;
    }
}
