package s2n.tls.jsse;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * <p>A server context holds the ticket keys of the context's handshakes, in one config every
 * handshake's config shares them from ({@link Config.Builder#ticketKeysOf}): the core's random key,
 * made in this process and renewed as it ages (each seals for two hours and opens for thirteen
 * more, s2n's defaults). Sessions resume for the session timeout (the core's fifteen hours when it
 * is 0).
 */
final class S2NSessionContext implements SSLSessionContext {
    /** One peer's session to resume. */
    record Kept(byte[] session, X509Certificate[] peerCertificates, long storedMillis) {}

    private volatile int timeout = 86_400;
    private volatile int cacheSize = 20_480;
    private final Map<String, Kept> byPeer = new LinkedHashMap<>(16, 0.75f, true);
    /** A server context's holder of the ticket keys; made on first use. */
    private volatile Config ticketKeys;

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

    /** Turns tickets on in {@code b}, with this context's ticket keys. */
    void addTicketKeys(Config.Builder b, SecureRandom random) {
        Config keys = ticketKeys;
        if (keys == null) {
            synchronized (this) {
                keys = ticketKeys;
                if (keys == null) {
                    // A config for its ticket keys only: it never runs a handshake, so it trusts nothing.
                    keys = Config.builder().withSystemTrust(false).disableX509Verification().secureRandom(random)
                            .sessionTicketsEnabled(true).build();
                    ticketKeys = keys;
                }
            }
        }
        b.ticketKeysOf(keys);
        int t = timeout;
        if (t > 0) {
            b.sessionStateLifetime(Duration.ofSeconds(t));
        }
    }
}
