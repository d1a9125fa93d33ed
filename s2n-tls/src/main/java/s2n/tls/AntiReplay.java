package s2n.tls;

import java.time.Duration;

/**
 * Single use of tickets for early data (RFC 8446 §8.1): a server accepts early data with a ticket
 * only the first time it sees that ticket. {@link #inMemory(int)} is the default, per process; a
 * fleet behind one name backs this with a store all its servers share (its {@code claim} must be
 * atomic across them), else a recorded ClientHello replayed to another server is accepted there.
 * Implementations must be thread-safe.
 */
public interface AntiReplay {
    /**
     * Claims {@code ticketId} (a hash of the ticket, unique per issued ticket) for early data.
     *
     * @param window how long the claim must be remembered: the ticket cannot be used after it
     * @return true the first time, false if it was claimed before (or the store cannot remember
     *     more claims: refusing is the safe answer)
     */
    boolean claim(byte[] ticketId, Duration window);

    /**
     * A thread-safe in-process store of at most {@code capacity} claims, each forgotten when its
     * window ends; when full of live claims it refuses (early data is then rejected, the
     * handshake goes on).
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    static AntiReplay inMemory(int capacity) {
        return new InMemoryAntiReplay(capacity, java.time.Clock.systemUTC());
    }
}
