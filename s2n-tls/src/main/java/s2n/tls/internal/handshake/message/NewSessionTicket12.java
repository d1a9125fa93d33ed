package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The TLS 1.2 NewSessionTicket (RFC 5077 §3.3), sent just before the server's ChangeCipherSpec.
 *
 * <pre>
 * struct { uint32 ticket_lifetime_hint; opaque ticket&lt;0..2^16-1&gt;; } NewSessionTicket;
 * </pre>
 *
 * <p>An empty ticket is legal: RFC 5077 §3.3 lets a server that promised a ticket send none. The
 * ticket is opaque to the client, so {@code toString} shows only its size; the array is not copied
 * defensively (internal code).
 *
 * @param lifetimeHint ticket_lifetime_hint in seconds (0: unspecified), a uint32
 * @param ticket the ticket, 0..65535 bytes
 */
public record NewSessionTicket12(long lifetimeHint, byte[] ticket) implements HandshakeMessage {
    /** Validates ranges. */
    public NewSessionTicket12 {
        MessageFields.uint32(lifetimeHint, "ticket_lifetime_hint");
        MessageFields.length(ticket, 0, 0xffff, "ticket");
    }

    /** Decodes a TLS 1.2 NewSessionTicket body (the message without its four-byte header). */
    public static NewSessionTicket12 decode(Reader body) {
        long lifetimeHint = body.readUint32();
        byte[] ticket = body.readVector16(0, 0xffff);
        body.expectEnd("NewSessionTicket");
        return new NewSessionTicket12(lifetimeHint, ticket);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.NEW_SESSION_TICKET;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeUint32(lifetimeHint);
        w.writeVector16(ticket);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewSessionTicket12 other && lifetimeHint == other.lifetimeHint && Arrays.equals(ticket, other.ticket);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(lifetimeHint) + Arrays.hashCode(ticket);
    }

    @Override
    public String toString() {
        return "NewSessionTicket12[lifetimeHint=" + lifetimeHint + ", ticket=" + ticket.length + " bytes]";
    }
}
