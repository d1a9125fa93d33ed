package s2n.tls;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link SessionCache#inMemory(int)}: an access-ordered map under one lock, bounded and expiring. */
final class InMemorySessionCache implements SessionCache {
    private record Entry(byte[] state, long expiresMillis) {}

    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<ByteBuffer, Entry> entries;

    InMemorySessionCache(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a session cache holds at least one session, not " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Entry> eldest) {
                return size() > InMemorySessionCache.this.capacity;
            }
        };
    }

    @Override
    public synchronized void store(byte[] sessionId, byte[] state, Duration lifetime) {
        entries.put(ByteBuffer.wrap(sessionId.clone()), new Entry(state.clone(), clock.millis() + lifetime.toMillis()));
    }

    @Override
    public synchronized byte[] retrieve(byte[] sessionId) {
        ByteBuffer key = ByteBuffer.wrap(sessionId);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (clock.millis() >= e.expiresMillis()) {
            entries.remove(key);
            return null;
        }
        return e.state().clone();
    }

    @Override
    public synchronized void delete(byte[] sessionId) {
        entries.remove(ByteBuffer.wrap(sessionId));
    }

    synchronized int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "SessionCache.inMemory(" + capacity + ")";
    }
}
