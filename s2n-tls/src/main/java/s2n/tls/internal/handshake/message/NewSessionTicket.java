package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.Extensions;

/**
 * The TLS 1.3 NewSessionTicket (RFC 8446 §4.6.1): a post-handshake message giving the client a
 * PSK identity for resumption. The TLS 1.2 form (RFC 5077) is {@link NewSessionTicket12}.
 *
 * <pre>
 * struct {
 *     uint32 ticket_lifetime;
 *     uint32 ticket_age_add;
 *     opaque ticket_nonce&lt;0..255&gt;;
 *     opaque ticket&lt;1..2^16-1&gt;;
 *     Extension extensions&lt;0..2^16-2&gt;;
 * } NewSessionTicket;
 * </pre>
 *
 * <p>A lifetime above 604800 seconds (seven days) parses but is illegal (RFC 8446 §4.6.1); the
 * caller judges it. The ticket is opaque to the client and already encrypted by the server, so
 * {@code toString} shows only its size. Arrays are not copied defensively (internal code).
 *
 * @param lifetime ticket_lifetime in seconds, a uint32
 * @param ageAdd ticket_age_add, a uint32
 * @param nonce ticket_nonce, 0..255 bytes
 * @param ticket the ticket, 1..65535 bytes
 * @param extensions the extensions (early_data), in wire order
 */
public record NewSessionTicket(long lifetime, long ageAdd, byte[] nonce, byte[] ticket, Extensions extensions)
        implements HandshakeMessage {

    /** RFC 8446 §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)." */
    public static final long MAX_LIFETIME_SECONDS = 604800;

    /** Validates ranges and rejects nulls. */
    public NewSessionTicket {
        MessageFields.uint32(lifetime, "ticket_lifetime");
        MessageFields.uint32(ageAdd, "ticket_age_add");
        MessageFields.length(nonce, 0, 0xff, "ticket_nonce");
        MessageFields.length(ticket, 1, 0xffff, "ticket");
        Objects.requireNonNull(extensions, "extensions");
    }

    /** Decodes a TLS 1.3 NewSessionTicket body (the message without its four-byte header). */
    public static NewSessionTicket decode(Reader body) {
        long lifetime = body.readUint32();
        long ageAdd = body.readUint32();
        byte[] nonce = body.readVector8(0, 0xff);
        byte[] ticket = body.readVector16(1, 0xffff);
        Extensions extensions = Extensions.decode(body);
        body.expectEnd("NewSessionTicket");
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket, extensions);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.NEW_SESSION_TICKET;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeUint32(lifetime);
        w.writeUint32(ageAdd);
        w.writeVector8(nonce);
        w.writeVector16(ticket);
        extensions.encode(w);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewSessionTicket other
                && lifetime == other.lifetime
                && ageAdd == other.ageAdd
                && Arrays.equals(nonce, other.nonce)
                && Arrays.equals(ticket, other.ticket)
                && extensions.equals(other.extensions);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(lifetime);
        h = 31 * h + Long.hashCode(ageAdd);
        h = 31 * h + Arrays.hashCode(nonce);
        h = 31 * h + Arrays.hashCode(ticket);
        return 31 * h + extensions.hashCode();
    }

    @Override
    public String toString() {
        return "NewSessionTicket[lifetime=" + lifetime + ", ageAdd=" + ageAdd + ", nonce=" + HexFormat.of().formatHex(nonce)
                + ", ticket=" + ticket.length + " bytes, extensions=" + extensions + "]";
    }
}
