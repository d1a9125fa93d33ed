package s2n.tls.internal.handshake.extension;

import java.util.ArrayList;
import java.util.List;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The pre_shared_key extension (RFC 8446 §4.2.11). In a ClientHello it is the last extension and
 * ends with the binders, which are computed over the ClientHello up to them:
 *
 * <pre>
 * struct { opaque identity&lt;1..2^16-1&gt;; uint32 obfuscated_ticket_age; } PskIdentity;
 * opaque PskBinderEntry&lt;32..255&gt;;
 * struct { PskIdentity identities&lt;7..2^16-1&gt;; PskBinderEntry binders&lt;33..2^16-1&gt;; } OfferedPsks;
 * </pre>
 *
 * In a ServerHello it is the {@code uint16 selected_identity}.
 */
public final class PreSharedKeyExtension {
    private PreSharedKeyExtension() {}

    /** One offered identity: a ticket (for resumption) and the obfuscated ticket age. */
    public record Identity(byte[] identity, long obfuscatedTicketAge) {}

    /**
     * A client's offer, decoded.
     *
     * @param bindersLength the length of the binders vector including its 2-byte length: the
     *     ClientHello without its last {@code bindersLength} bytes is what the binders cover
     */
    public record Offer(List<Identity> identities, List<byte[]> binders, int bindersLength) {}

    /** The ClientHello extension data; {@code binderLengths} binders of zeros, to be filled in by {@link #writeBinders}. */
    public static byte[] encodeClientHello(List<Identity> identities, int[] binderLengths) {
        Writer w = new Writer();
        int ids = w.beginVector16();
        for (Identity i : identities) {
            w.writeVector16(i.identity());
            w.writeUint32(i.obfuscatedTicketAge());
        }
        w.endVector16(ids);
        int binders = w.beginVector16();
        for (int n : binderLengths) {
            w.writeVector8(new byte[n]);
        }
        w.endVector16(binders);
        return w.toByteArray();
    }

    /** The length of the binders vector (with its 2-byte length) for binders of these lengths. */
    public static int bindersLength(int[] binderLengths) {
        int n = 2;
        for (int b : binderLengths) {
            n += 1 + b;
        }
        return n;
    }

    /**
     * Writes {@code binders} over the zeroed binders at the end of an encoded ClientHello
     * ({@code message}), whose last extension is this one.
     */
    public static void writeBinders(byte[] message, List<byte[]> binders) {
        int at = message.length - bindersLength(lengths(binders)) + 2;
        for (byte[] b : binders) {
            message[at++] = (byte) b.length;
            System.arraycopy(b, 0, message, at, b.length);
            at += b.length;
        }
    }

    private static int[] lengths(List<byte[]> binders) {
        int[] out = new int[binders.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = binders.get(i).length;
        }
        return out;
    }

    /** Decodes a ClientHello's offer; as many binders as identities, or a DecodeException. */
    public static Offer decodeClientHello(byte[] data) {
        Reader r = new Reader(data);
        Reader ids = r.subVector16(7, 0xffff);
        List<Identity> identities = new ArrayList<>();
        while (ids.hasRemaining()) {
            byte[] identity = ids.readVector16(1, 0xffff);
            identities.add(new Identity(identity, ids.readUint32()));
        }
        int bindersStart = r.position();
        Reader b = r.subVector16(33, 0xffff);
        List<byte[]> binders = new ArrayList<>();
        while (b.hasRemaining()) {
            binders.add(b.readVector8(32, 255));
        }
        r.expectEnd("pre_shared_key");
        if (binders.size() != identities.size()) {
            throw new s2n.tls.internal.codec.DecodeException("pre_shared_key has " + identities.size()
                    + " identities but " + binders.size() + " binders");
        }
        return new Offer(identities, binders, data.length - bindersStart);
    }

    /** The ServerHello extension data. */
    public static byte[] encodeServerHello(int selectedIdentity) {
        return new Writer(2).writeUint16(selectedIdentity).toByteArray();
    }

    /** The ServerHello's selected_identity. */
    public static int decodeServerHello(byte[] data) {
        Reader r = new Reader(data);
        int selected = r.readUint16();
        r.expectEnd("pre_shared_key");
        return selected;
    }
}
