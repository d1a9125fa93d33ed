package s2n.tls.jsse;

import java.util.Collections;
import java.util.Enumeration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The session context of an S2N SSLContext. It keeps no sessions: JSSE-level resumption is not
 * offered by this provider (docs/jsse.md), so {@link #getIds()} is always empty. The cache size and
 * timeout are kept and returned, as the interface requires, and have no other effect.
 */
final class S2NSessionContext implements SSLSessionContext {
    private volatile int timeout = 86_400;
    private volatile int cacheSize = 20_480;

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
    }

    @Override
    public int getSessionCacheSize() {
        return cacheSize;
    }
}
