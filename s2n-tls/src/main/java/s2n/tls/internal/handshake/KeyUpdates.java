package s2n.tls.internal.handshake;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.record.RecordProtection;
import s2n.tls.internal.record.Tls13Protection;

/**
 * The TLS 1.3 KeyUpdates (RFC 8446 §4.6.3) one connection owes and has made, and the counts s2n
 * reports ({@code s2n_connection_get_key_update_counts}). Three things make one due:
 *
 * <ul>
 *   <li>the application asked ({@code Connection.requestKeyUpdate}), perhaps for the peer's keys too;
 *   <li>the peer sent update_requested: we owe it a KeyUpdate(update_not_requested) before our
 *       next application data record;
 *   <li>our sending key has sealed all the records its AEAD allows but one (RFC 8446 §5.5): the
 *       last is the KeyUpdate that retires it.
 * </ul>
 *
 * <p>What is due goes out as one KeyUpdate wherever one message does for all of it: the peer's
 * request is answered once however many arrived while we were silent (RFC 8446 §4.6.3), and the
 * application's wish that the peer update too is dropped when a KeyUpdate from the peer arrives
 * first, since the peer's sending keys have then changed after the wish. Only when the
 * application asks for the peer's update after a peer's request arrived do two go out: the
 * answer, which §4.6.3 says carries update_not_requested, then our request. A peer's answer
 * (update_not_requested) is never answered, so requests cannot loop.
 *
 * <p>Threads: the receiving thread calls {@link #received}, the application {@link #request}, and
 * the sending thread {@link #due} under the connection's write lock.
 */
public final class KeyUpdates {
    private static final KeyUpdate NOT_REQUESTED = new KeyUpdate(KeyUpdate.UPDATE_NOT_REQUESTED);
    private static final KeyUpdate REQUESTED = new KeyUpdate(KeyUpdate.UPDATE_REQUESTED);
    private static final List<KeyUpdate> ANSWER_THEN_REQUEST = List.of(NOT_REQUESTED, REQUESTED);
    private static final List<KeyUpdate> UPDATE = List.of(NOT_REQUESTED);
    private static final List<KeyUpdate> UPDATE_AND_REQUEST = List.of(REQUESTED);

    /** Pending bit: the peer asked us to update (we owe update_not_requested). */
    private static final int ANSWER = 1;
    /** Pending bit: the application asked us to update our sending keys. */
    private static final int OWN = 2;
    /** Pending bit: the application asked that the peer update its sending keys too. */
    private static final int REQUEST = 4;

    private final AtomicInteger pending = new AtomicInteger();
    // Each has one writer (the sending thread under the write lock, the receiving thread), so
    // volatile is enough for readers on other threads.
    private volatile long sent;
    private volatile long received;
    /** Records per key; 0: the AEAD's own limit. A test seam, see {@link #overrideRecordLimit}. */
    private long recordLimitOverride;

    /** The application asks for a KeyUpdate, with update_requested if {@code peerMustUpdate}. */
    public void request(boolean peerMustUpdate) {
        int bits = peerMustUpdate ? OWN | REQUEST : OWN;
        pending.accumulateAndGet(bits, (current, added) -> current | added);
    }

    /** The peer's KeyUpdate was read and our receiving keys have moved on. */
    public void received(boolean updateRequested) {
        received++;
        // The peer's sending keys changed after any request of ours still waiting: it is served.
        pending.accumulateAndGet(updateRequested ? ANSWER : 0, (current, answer) -> (current & ~REQUEST) | answer);
    }

    /**
     * The KeyUpdates to seal, in order, before the next application data record under
     * {@code writeKeys}; empty if none is due. Those returned are counted as sent and no longer
     * pending: the caller seals each and switches to the next key after each.
     */
    public List<KeyUpdate> due(RecordProtection writeKeys) {
        int owed = pending.get();
        boolean atLimit = writeKeys instanceof Tls13Protection && atRecordLimit((Tls13Protection) writeKeys);
        if (owed == 0 && !atLimit) {
            return List.of();
        }
        // Clear only what this call serves: a request arriving meanwhile waits for the next record.
        pending.accumulateAndGet(owed, (current, served) -> current & ~served);
        List<KeyUpdate> out;
        if ((owed & ANSWER) != 0 && (owed & REQUEST) != 0) {
            out = ANSWER_THEN_REQUEST;
        } else {
            out = (owed & REQUEST) != 0 ? UPDATE_AND_REQUEST : UPDATE;
        }
        sent += out.size();
        return out;
    }

    private boolean atRecordLimit(Tls13Protection keys) {
        long limit = recordLimitOverride != 0 ? recordLimitOverride : keys.recordLimit();
        return lastRecordUnder(keys.sequenceNumber(), limit);
    }

    /**
     * Whether a key that has sealed {@code sequence} records may seal only one more of its
     * {@code limit} (both unsigned): then that one must be the KeyUpdate (RFC 8446 §5.5).
     */
    static boolean lastRecordUnder(long sequence, long limit) {
        return Long.compareUnsigned(sequence, limit - 1) >= 0;
    }

    /** Whether a KeyUpdate the application or the peer asked for is waiting for our next record. */
    public boolean isPending() {
        return pending.get() != 0;
    }

    /** KeyUpdates we sealed (s2n's send_key_updates). */
    public long sentCount() {
        return sent;
    }

    /** KeyUpdates the peer sent and we applied (s2n's recv_key_updates). */
    public long receivedCount() {
        return received;
    }

    /**
     * Test seam: each sending key protects at most {@code records} records (at least 2: one of
     * data and its KeyUpdate) instead of its AEAD's limit, so a test reaches the limit quickly.
     */
    public void overrideRecordLimit(long records) {
        if (records < 2) {
            throw new IllegalArgumentException("a key must protect at least one record and its KeyUpdate: " + records);
        }
        recordLimitOverride = records;
    }

    /** Forgets what is pending and the counts, for a wiped connection (the test override stays). */
    public void reset() {
        pending.set(0);
        sent = 0;
        received = 0;
    }
}
