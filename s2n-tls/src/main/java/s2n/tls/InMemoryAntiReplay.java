package s2n.tls;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** {@link AntiReplay#inMemory(int)}: claims with their expiry under one lock, swept when full. */
final class InMemoryAntiReplay implements AntiReplay {
    private final int capacity;
    private final Clock clock;
    private final Map<ByteBuffer, Long> claims = new HashMap<>();

    InMemoryAntiReplay(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an anti-replay store holds at least one claim, not " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized boolean claim(byte[] ticketId, Duration window) {
        long now = clock.millis();
        ByteBuffer key = ByteBuffer.wrap(ticketId.clone());
        Long expires = claims.get(key);
        if (expires != null && expires > now) {
            return false;
        }
        if (expires == null && claims.size() >= capacity) {
            sweep(now);
            if (claims.size() >= capacity) {
                return false;
            }
        }
        claims.put(key, now + window.toMillis());
        return true;
    }

    private void sweep(long now) {
        for (Iterator<Long> it = claims.values().iterator(); it.hasNext(); ) {
            if (it.next() <= now) {
                it.remove();
            }
        }
    }

    synchronized int size() {
        return claims.size();
    }

    @Override
    public String toString() {
        return "AntiReplay.inMemory(" + capacity + ")";
    }
}
