package s2n.tls.internal.handshake;

import s2n.tls.AntiReplay;
import s2n.tls.SessionCache;
import s2n.tls.internal.resumption.TicketKeys;
import s2n.tls.internal.resumption.Tls12Session;
import s2n.tls.internal.resumption.Tls13Session;

/**
 * What a handshake needs to resume, to issue tickets and to send or take early data, fixed when
 * it starts.
 *
 * @param ticketKeys a server's keys for tickets and cache entries; null when it has neither
 * @param tickets whether a server issues and accepts tickets (TLS 1.3, and RFC 5077 in TLS 1.2)
 * @param cache a TLS 1.2 server's session cache; null for none
 * @param sessionStateLifetimeMillis how long after its full handshake a session may be resumed
 * @param ticketCount how many TLS 1.3 tickets a server sends after a handshake
 * @param keepTickets whether a client keeps the sessions it is given (and so their secrets)
 * @param offered13 the TLS 1.3 session a client offers to resume; null for none
 * @param offered12 the TLS 1.2 session a client offers to resume; null for none
 * @param maxEarlyData a server's early data limit (0: none, and tickets allow none)
 * @param earlyDecision a server's per-connection early data decision; null accepts
 * @param antiReplay a server's single-use store for early data tickets; null when it takes none
 * @param offerEarlyData whether a client offers early data with {@code offered13}
 */
public record Resumption(TicketKeys ticketKeys, boolean tickets, SessionCache cache, long sessionStateLifetimeMillis,
        int ticketCount, boolean keepTickets, Tls13Session offered13, Tls12Session offered12, int maxEarlyData,
        EarlyDecision earlyDecision, AntiReplay antiReplay, boolean offerEarlyData) {
    /** No resumption at all. */
    public static final Resumption NONE = new Resumption(null, false, null, 0, 0, false, null, null, 0, null, null, false);

    /** The application's early data callback, bound to its connection. */
    @FunctionalInterface
    public interface EarlyDecision {
        boolean accept(String applicationProtocol);
    }

    /** Whether a server can issue and accept TLS 1.3 tickets. */
    boolean issuesTls13Tickets() {
        return tickets && ticketKeys != null;
    }
}
