package s2n.tls;

import java.time.Duration;

/**
 * A TLS 1.2 server's store of sessions by session ID (RFC 5246 §7.4.1.2), after s2n's cache
 * callbacks ({@code s2n_config_set_cache_store_callback}, {@code _retrieve_callback},
 * {@code _delete_callback}). A server with a cache gives each full TLS 1.2 handshake a session ID
 * and stores its session; a client that offers the ID later resumes it.
 *
 * <p>What is stored is already sealed with the config's ticket keys (AES-256-GCM, as tickets
 * are), so a shared cache (memcached, Redis) holds nothing readable; servers that share a cache
 * must share ticket keys too ({@link Config.Builder#addTicketKey}). {@link #inMemory(int)} is a
 * bounded in-process default. Implementations must be thread-safe: every connection of a config
 * calls the same cache, from the threads that drive them.
 */
public interface SessionCache {
    /**
     * Keeps {@code state} under {@code sessionId} for at most {@code lifetime}; may drop it earlier
     * (a cache is allowed to forget). The arrays belong to the cache.
     */
    void store(byte[] sessionId, byte[] state, Duration lifetime);

    /** The state stored under {@code sessionId}, or null if there is none (any more). */
    byte[] retrieve(byte[] sessionId);

    /** Forgets {@code sessionId}, if it is there. */
    void delete(byte[] sessionId);

    /**
     * A thread-safe in-process cache of at most {@code capacity} sessions, least recently used
     * dropped first, each dropped when its lifetime ends (s2n's own tools keep 256).
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    static SessionCache inMemory(int capacity) {
        return new InMemorySessionCache(capacity, java.time.Clock.systemUTC());
    }
}
