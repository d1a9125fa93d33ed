package s2n.tls.internal.handshake;

import s2n.tls.internal.resumption.TicketKeys;
import s2n.tls.internal.resumption.Tls13Session;

/**
 * What a handshake needs to resume and to issue tickets, fixed when it starts.
 *
 * @param ticketKeys a server's ticket keys; null when it neither issues nor accepts tickets
 * @param sessionStateLifetimeMillis how long after its full handshake a session may be resumed
 * @param ticketCount how many TLS 1.3 tickets a server sends after a handshake
 * @param keepTickets whether a client keeps the tickets it receives (and so the resumption secret)
 * @param offered the session a client offers to resume; null for none
 */
public record Resumption(TicketKeys ticketKeys, long sessionStateLifetimeMillis, int ticketCount, boolean keepTickets,
        Tls13Session offered) {
    /** No resumption at all. */
    public static final Resumption NONE = new Resumption(null, 0, 0, false, null);
}
