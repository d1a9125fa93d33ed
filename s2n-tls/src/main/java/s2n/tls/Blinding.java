package s2n.tls;

import java.security.SecureRandom;
import java.time.Duration;
import s2n.tls.internal.ErrorCode;

/**
 * s2n's error blinding (inventory §2.5), Java-style: after a failure the peer caused, the
 * connection waits a random delay before it sends its alert and closes, so that the time it took
 * to detect the fault cannot be measured. The delay is uniform in [max/3, max] (s2n: 10 to 30
 * seconds by default); its variance is what defeats averaging: with ((30 - 10) s)^2 / 12 it takes
 * trillions of attempts to see a 1 microsecond difference.
 *
 * <p>Time is {@link System#nanoTime()} (monotonic, immune to clock changes); randomness is the
 * config's {@link SecureRandom}. Thread-safe: a receiving thread may fail while another asks for
 * the delay. Nothing here sleeps unless {@link #sleep()} is called, which the
 * connection does only when the config asks for it ({@link Config.Builder#blindingSleeps}).
 */
final class Blinding {
    private long deadline;
    private boolean active;

    /**
     * Starts the delay for {@code failure} if it calls for one.
     *
     * @return whether a delay started
     */
    synchronized boolean start(TlsException failure, Duration max, SecureRandom random) {
        if (max.isZero() || !ErrorCode.isBlinded(failure)) {
            return false;
        }
        long maxNanos = saturatedNanos(max);
        long delay = random.nextLong(maxNanos / 3, maxNanos + 1);
        deadline = System.nanoTime() + delay;
        active = true;
        return true;
    }

    /** How long is left to wait; {@link Duration#ZERO} when no delay is running or it has passed. */
    synchronized Duration remaining() {
        if (!active) {
            return Duration.ZERO;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            active = false;
            return Duration.ZERO;
        }
        return Duration.ofNanos(left);
    }

    /**
     * Sleeps until the delay has passed. An interrupt ends the sleep early and stays set on the
     * thread: the caller asked to stop waiting, and the alert then goes out at once.
     */
    void sleep() {
        Duration left;
        while (!(left = remaining()).isZero()) {
            try {
                Thread.sleep(left.toMillis(), left.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reset();
                return;
            }
        }
    }

    /** Forgets any delay, for a wiped connection. */
    synchronized void reset() {
        active = false;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
