package s2n.tls.jsse;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import s2n.tls.Config;

/**
 * The session context of an S2N SSLContext: resumption state shared by the context's engines and
 * sockets.
 *
 * <p>A client context keeps, per peer (the host and port the engine or socket was made for, as
 * SunJSSE keys them), the latest session the core gave (a TLS 1.3 ticket, a TLS 1.2 ticket or
 * session ID) with the peer's certificate chain from the full handshake, so that a resumed
 * session still reports it. At most {@link #getSessionCacheSize()} peers (0: no bound), the least
 * recently used leaving first, each for {@link #getSessionTimeout()} seconds (0: no limit). A
 * replaced or dropped session is zeroed. The kept sessions are not JSSE session objects:
 * {@link #getIds()} is empty and {@link #getSession} finds nothing.
 *
 * <p>A server context holds the ticket keys of the context's handshakes: random, made in this
 * process, a new one every hour; the core seals with each for two hours and opens with it for
 * thirteen more (s2n's defaults), so a key is dropped fifteen hours after it came. Sessions
 * resume for the session timeout (the core's fifteen hours when it is 0).
 */
final class S2NSessionContext implements SSLSessionContext {
    /** How often the server makes a new ticket key: half of the core's two-hour sealing window, as s2n advises. */
    private static final Duration KEY_ROTATION = Duration.ofHours(1);
    /** A key's whole life in the core: two hours sealing, thirteen more opening. */
    private static final Duration KEY_LIFE = Duration.ofHours(15);

    /** One peer's session to resume. */
    record Kept(byte[] session, X509Certificate[] peerCertificates, long storedMillis) {}

    private record TicketKey(String name, byte[] key, Instant intro) {}

    private volatile int timeout = 86_400;
    private volatile int cacheSize = 20_480;
    private final Map<String, Kept> byPeer = new LinkedHashMap<>(16, 0.75f, true);
    private final List<TicketKey> ticketKeys = new ArrayList<>();
    private long ticketKeyCount;

    @Override
    public SSLSession getSession(byte[] sessionId) {
        if (sessionId == null) {
            throw new NullPointerException("sessionId");
        }
        return null;
    }

    @Override
    public Enumeration<byte[]> getIds() {
        return Collections.emptyEnumeration();
    }

    @Override
    public void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + seconds);
        }
        this.timeout = seconds;
    }

    @Override
    public int getSessionTimeout() {
        return timeout;
    }

    @Override
    public void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("cache size must not be negative: " + size);
        }
        this.cacheSize = size;
        synchronized (byPeer) {
            trim();
        }
    }

    @Override
    public int getSessionCacheSize() {
        return cacheSize;
    }

    // ---------------------------------------------------------------- client

    /** Keeps {@code session} (owned from now) as {@code peer}'s, zeroing the one before. */
    void keep(String peer, byte[] session, X509Certificate[] peerCertificates) {
        synchronized (byPeer) {
            Kept old = byPeer.put(peer, new Kept(session, peerCertificates, System.currentTimeMillis()));
            if (old != null && old.session() != session) {
                Arrays.fill(old.session(), (byte) 0);
            }
            trim();
        }
    }

    /** {@code peer}'s session if one is kept and has not timed out; null otherwise. */
    Kept find(String peer) {
        synchronized (byPeer) {
            Kept k = byPeer.get(peer);
            if (k == null) {
                return null;
            }
            int t = timeout;
            if (t > 0 && System.currentTimeMillis() - k.storedMillis() > t * 1000L) {
                forget(peer);
                return null;
            }
            return k;
        }
    }

    /** Drops {@code peer}'s session (it failed, or the server did not resume it). */
    void forget(String peer) {
        synchronized (byPeer) {
            Kept k = byPeer.remove(peer);
            if (k != null) {
                Arrays.fill(k.session(), (byte) 0);
            }
        }
    }

    private void trim() {
        int max = cacheSize;
        Iterator<Kept> it = byPeer.values().iterator();
        while (max > 0 && byPeer.size() > max && it.hasNext()) {
            Arrays.fill(it.next().session(), (byte) 0);
            it.remove();
        }
    }

    // ---------------------------------------------------------------- server

    /** Turns tickets on in {@code b} with this context's live keys, making a new key when the newest is an hour old. */
    void addTicketKeys(Config.Builder b, SecureRandom random) {
        Instant now = Instant.now();
        synchronized (ticketKeys) {
            ticketKeys.removeIf(k -> {
                boolean dead = k.intro().plus(KEY_LIFE).isBefore(now);
                if (dead) {
                    Arrays.fill(k.key(), (byte) 0);
                }
                return dead;
            });
            if (ticketKeys.isEmpty() || ticketKeys.get(ticketKeys.size() - 1).intro().plus(KEY_ROTATION).isBefore(now)) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                ticketKeys.add(new TicketKey("jsse-" + ticketKeyCount++, key, now));
            }
            for (TicketKey k : ticketKeys) {
                b.addTicketKey(k.name(), k.key(), k.intro());
            }
        }
        int t = timeout;
        if (t > 0) {
            b.sessionStateLifetime(Duration.ofSeconds(t));
        }
    }
}
