package s2n.tls.jsse;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import s2n.tls.CertificateChainAndKey;

/**
 * The chains a context's key manager hands out, each turned into a {@link CertificateChainAndKey}
 * once: that conversion parses the chain and proves the key belongs to it with a signature and
 * its verification, which per handshake would double a server's public-key work. Keyed by the
 * key and the chain (by value, since a key manager may rebuild them on every call), least recently
 * used first out, so a key manager that rotates its credentials gets the new ones at once and the
 * cache stays small.
 */
final class ChainCache {
    private static final int CAPACITY = 32;

    private final Map<Entry, CertificateChainAndKey> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Entry, CertificateChainAndKey> eldest) {
            return size() > CAPACITY;
        }
    };

    private record Entry(PrivateKey key, List<X509Certificate> chain) {}

    /**
     * The chain and key as the core takes them.
     *
     * @throws IllegalArgumentException if the key does not belong to the chain's leaf (not cached)
     */
    CertificateChainAndKey of(PrivateKey key, X509Certificate[] chain) {
        Entry e = new Entry(key, List.of(chain));
        synchronized (entries) {
            CertificateChainAndKey known = entries.get(e);
            if (known != null) {
                return known;
            }
        }
        CertificateChainAndKey made = CertificateChainAndKey.of(key, e.chain());
        synchronized (entries) {
            entries.put(e, made);
        }
        return made;
    }
}
