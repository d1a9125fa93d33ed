package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import s2n.tls.testing.TestCerts;

/**
 * A context checks each key manager chain against its key once, not on every handshake, and
 * never caches a key that does not belong to its chain.
 */
class ChainCacheTest {
    @Test
    void theSameKeyAndChainAreCheckedOnce() {
        ChainCache cache = new ChainCache();
        TestCerts.Leaf ec = TestCerts.SERVER_EC;
        // A key manager may hand out a fresh array each time: equal chains hit the same entry.
        assertSame(cache.of(ec.key(), ec.chain()), cache.of(ec.key(), ec.chain().clone()));
        assertNotSame(cache.of(ec.key(), ec.chain()), cache.of(TestCerts.SERVER_RSA.key(), TestCerts.SERVER_RSA.chain()));
    }

    @Test
    void aKeyThatIsNotTheChainsIsRefusedEveryTime() {
        ChainCache cache = new ChainCache();
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalArgumentException.class,
                    () -> cache.of(TestCerts.CLIENT_EC.key(), TestCerts.SERVER_EC.chain()));
        }
    }
}
