package s2n.tls;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.handshake.Alerts;
import s2n.tls.internal.handshake.KeyUpdates;
import s2n.tls.internal.handshake.PostHandshake;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.io.Sink;
import s2n.tls.internal.record.ContentType;
import s2n.tls.internal.record.RecordReader;
import s2n.tls.internal.record.RecordWriter;
import s2n.tls.internal.record.Tls13Protection;

/**
 * Send, receive and close after the handshake: s2n's {@code s2n_send}, {@code s2n_recv} and
 * {@code s2n_shutdown}. The write side is guarded by a lock so that the receiving thread can queue
 * an alert while another thread sends.
 *
 * <p>KeyUpdates (TLS 1.3) go out as s2n sends them: just before the next application data record,
 * whatever made them due (the application, the peer's update_requested, the AEAD's record limit;
 * see {@link KeyUpdates}). They share the record's flush.
 *
 * <p>Send never reports bytes that have not reached the transport: a record sealed but not yet
 * flushed leaves the caller's buffer position alone, and the next call flushes it and then moves
 * the position past it without sealing those bytes again (s2n's {@code current_user_data_consumed}).
 */
final class ApplicationData {
    /**
     * Empty application-data records in a row we tolerate. They are legal (traffic analysis
     * padding) but cost us a decryption each while giving the application nothing.
     */
    static final int MAX_EMPTY_RECORDS = 32;

    private static final byte[] CLOSE_NOTIFY = {1, 0};

    private final Connection conn;
    private final RecordReader reader;
    private final RecordWriter writer;
    private final Alerts alerts = new Alerts();
    private final ReentrantLock writeLock = new ReentrantLock();
    private PostHandshake postHandshake;
    private volatile Alert pendingAlert;
    private long pendingPlaintext;
    private boolean appFragment;
    private int emptyRecords;
    private volatile boolean readClosed;
    // Read without the write lock by requestKeyUpdate(); written under it.
    private volatile boolean closeNotifySent;
    private final KeyUpdates keyUpdates = new KeyUpdates();
    private byte[] gather;
    // The one-element array send(ByteBuffer) passes on; used only while the write lock is held.
    private final ByteBuffer[] single = new ByteBuffer[1];

    ApplicationData(Connection conn, RecordReader reader, RecordWriter writer) {
        this.conn = conn;
        this.reader = reader;
        this.writer = writer;
    }

    /** {@code send} of one buffer, without allocating an array for it on every call. */
    int send(ByteBuffer src) throws TlsException {
        if (src == null) {
            throw new IllegalArgumentException("buffer must not be null");
        }
        writeLock.lock();
        try {
            single[0] = src;
            return (int) sendLocked(single, 0, 1);
        } finally {
            single[0] = null;
            writeLock.unlock();
        }
    }

    long send(ByteBuffer[] srcs, int offset, int length) throws TlsException {
        conn.checkOpen();
        if (srcs == null) {
            throw new IllegalArgumentException("buffers must not be null");
        }
        writeLock.lock();
        try {
            return sendLocked(srcs, offset, length);
        } finally {
            writeLock.unlock();
        }
    }

    /** {@code send} with the write lock held (taken once per call, not once per form). */
    private long sendLocked(ByteBuffer[] srcs, int offset, int length) throws TlsException {
        conn.checkOpen();
        try {
            conn.rethrowFailure();
            if (!conn.handshakeComplete()) {
                throw new IllegalStateException("send() before the handshake completed: call negotiate() until it returns NOT_BLOCKED");
            }
            if (closeNotifySent) {
                throw new IllegalStateException("send() after shutdown: this connection no longer sends");
            }
            long total = remaining(srcs, offset, length);
            if (pendingPlaintext > total) {
                throw new IllegalStateException("call send() again with the data not yet reported as sent: "
                        + pendingPlaintext + " bytes of it are already encrypted and waiting for the channel");
            }
            Sink sink = conn.transport().sink();
            long sent = 0;
            while (true) {
                if (writer.hasPending()) {
                    if (!writer.flush(sink)) {
                        conn.setBlocked(Blocked.ON_WRITE);
                        return sent;
                    }
                    advance(srcs, offset, length, pendingPlaintext);
                    sent += pendingPlaintext;
                    pendingPlaintext = 0;
                }
                if (remaining(srcs, offset, length) == 0) {
                    break;
                }
                sealDueKeyUpdates();
                pendingPlaintext = sealOneRecord(srcs, offset, length);
            }
            conn.setBlocked(Blocked.NOT_BLOCKED);
            return sent;
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw e;
        } catch (Throwable t) {
            throw conn.fail(t);
        }
    }

    /** Seals up to one record of the callers' bytes without moving their positions; returns how many. */
    private int sealOneRecord(ByteBuffer[] srcs, int offset, int length) throws TlsException {
        int max = writer.maxFragment();
        int first = offset;
        while (!srcs[first].hasRemaining()) {
            first++;
        }
        ByteBuffer b = srcs[first];
        if (b.remaining() >= max || remaining(srcs, first + 1, offset + length - first - 1) == 0) {
            int position = b.position();
            int n = writer.writeOne(ContentType.APPLICATION_DATA, b, max);
            b.position(position);
            return n;
        }
        // Several small buffers: gather them into one record rather than sending a record each.
        if (gather == null) {
            gather = new byte[max];
        }
        int n = 0;
        for (int i = first; i < offset + length && n < max; i++) {
            ByteBuffer s = srcs[i];
            int take = Math.min(s.remaining(), max - n);
            s.get(s.position(), gather, n, take);
            n += take;
        }
        writer.writeOne(ContentType.APPLICATION_DATA, ByteBuffer.wrap(gather, 0, n), n);
        Arrays.fill(gather, 0, n, (byte) 0);
        return n;
    }

    /**
     * Seals the KeyUpdates due before the next application data record, switching our write key
     * after each (RFC 8446 §4.6.3, §7.2): s2n's {@code s2n_key_update_send}, which
     * {@code s2n_send} calls before each record. Nothing is due in TLS 1.2.
     */
    private void sealDueKeyUpdates() throws TlsException {
        for (KeyUpdate update : keyUpdates.due(writer.protection())) {
            writer.write(ContentType.HANDSHAKE, ByteBuffer.wrap(update.encode()));
            writer.setProtection(((Tls13Protection) writer.protection()).nextGeneration());
        }
    }

    /**
     * Marks a KeyUpdate to go out before our next application data record (s2n's
     * {@code s2n_connection_request_key_update}); see {@link Connection#requestKeyUpdate}.
     */
    void requestKeyUpdate(boolean peerMustUpdate) throws TlsException {
        conn.rethrowFailure();
        if (!conn.handshakeComplete()) {
            throw new IllegalStateException("requestKeyUpdate() before the handshake completed: "
                    + "call negotiate() until it returns NOT_BLOCKED");
        }
        if (conn.actualProtocolVersion() != ProtocolVersion.TLS13) {
            throw new IllegalStateException("requestKeyUpdate() needs TLS 1.3; this connection negotiated "
                    + conn.actualProtocolVersion().protocolName() + ", which has no KeyUpdate");
        }
        if (closeNotifySent) {
            throw new IllegalStateException("requestKeyUpdate() after shutdown: this connection no longer sends");
        }
        keyUpdates.request(peerMustUpdate);
    }

    KeyUpdates keyUpdates() {
        return keyUpdates;
    }

    int recv(ByteBuffer dst) throws TlsException {
        conn.checkOpen();
        if (dst == null) {
            throw new IllegalArgumentException("buffer must not be null");
        }
        if (conn.failure() != null) {
            // Plaintext decrypted before the failure (which another thread's send may have hit)
            // is the application's: hand it over first, then the failure is sticky.
            int n = copyFragment(dst);
            if (n > 0) {
                return n;
            }
            conn.rethrowFailure();
        }
        if (!conn.handshakeComplete()) {
            throw new IllegalStateException("recv() before the handshake completed: call negotiate() until it returns NOT_BLOCKED");
        }
        try {
            while (true) {
                if (appFragment) {
                    int n = copyFragment(dst);
                    if (n > 0) {
                        return n;
                    }
                    if (!reader.fragment().hasRemaining()) {
                        appFragment = false;
                    }
                }
                if (readClosed) {
                    conn.setBlocked(Blocked.NOT_BLOCKED);
                    return -1;
                }
                if (!dst.hasRemaining()) {
                    conn.setBlocked(Blocked.NOT_BLOCKED);
                    return 0;
                }
                // Application data is opened straight into dst when it has room for the whole record.
                int status = reader.read(conn.transport().source(), dst);
                if (status == RecordReader.BLOCKED) {
                    conn.setBlocked(Blocked.ON_READ);
                    return 0;
                }
                if (status == RecordReader.EOF) {
                    throw ErrorCode.CLOSED.exception("the peer closed the connection without close_notify; "
                            + "the data may have been truncated");
                }
                processRecord();
                int direct = reader.directLength();
                if (direct > 0) {
                    conn.setBlocked(Blocked.NOT_BLOCKED);
                    return direct;
                }
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw conn.fail(t);
        }
    }

    /** Copies decrypted application data into {@code dst}; 0 if there is none or no room. */
    private int copyFragment(ByteBuffer dst) {
        if (!appFragment || !dst.hasRemaining()) {
            return 0;
        }
        ByteBuffer f = reader.fragment();
        int n = Math.min(f.remaining(), dst.remaining());
        if (n > 0) {
            int limit = f.limit();
            f.limit(f.position() + n);
            dst.put(f);
            f.limit(limit);
            conn.setBlocked(Blocked.NOT_BLOCKED);
        }
        return n;
    }

    private void processRecord() throws TlsException {
        ByteBuffer fragment = reader.fragment();
        switch (reader.contentType()) {
            case ContentType.APPLICATION_DATA:
                postHandshake().applicationDataReceived();
                if (reader.directLength() > 0) {
                    emptyRecords = 0;
                } else if (fragment.hasRemaining()) {
                    emptyRecords = 0;
                    appFragment = true;
                } else if (++emptyRecords > MAX_EMPTY_RECORDS) {
                    throw ErrorCode.LIMIT_EXCEEDED.exception("more than " + MAX_EMPTY_RECORDS + " empty records in a row");
                }
                break;
            case ContentType.HANDSHAKE:
                // A KeyUpdate(update_requested) is answered before our next application data (send()).
                postHandshake().receive(fragment, conn.mode(), reader);
                break;
            case ContentType.ALERT:
                if (alerts.receive(fragment, true) == Alerts.CLOSE_NOTIFY) {
                    readClosed = true;
                }
                break;
            default:
                throw ErrorCode.UNEXPECTED_MESSAGE.exception("change_cipher_spec after the handshake");
        }
    }

    /** Post-handshake message processing, created on first use with the config's message limit. */
    private PostHandshake postHandshake() {
        if (postHandshake == null) {
            postHandshake = new PostHandshake(conn.config().maxHandshakeMessageSize(), conn.ticketHandler(), keyUpdates);
        }
        return postHandshake;
    }

    int peek() {
        return appFragment ? reader.fragment().remaining() : 0;
    }

    Blocked shutdown(boolean waitForPeer) throws TlsException {
        writeLock.lock();
        try {
            if (conn.failure() != null) {
                return shutdownAfterFailure();
            }
            if (!closeNotifySent) {
                writer.write(ContentType.ALERT, ByteBuffer.wrap(CLOSE_NOTIFY));
                closeNotifySent = true;
            }
            if (writer.hasPending() && !writer.flush(conn.transport().sink())) {
                return Blocked.ON_WRITE;
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw conn.fail(t);
        } finally {
            writeLock.unlock();
        }
        if (!waitForPeer || !conn.handshakeComplete()) {
            return Blocked.NOT_BLOCKED;
        }
        try {
            while (!readClosed) {
                appFragment = false;
                int status = reader.read(conn.transport().source());
                if (status == RecordReader.BLOCKED) {
                    return Blocked.ON_READ;
                }
                if (status == RecordReader.EOF) {
                    // The peer hung up without its close_notify; ours is sent, so we are done too.
                    readClosed = true;
                    break;
                }
                processRecord();
            }
            appFragment = false;
            return Blocked.NOT_BLOCKED;
        } catch (Throwable t) {
            throw conn.fail(t);
        }
    }

    /**
     * After a failure only the withheld alert goes out (s2n_shutdown after an error), and only
     * once the blinding delay has passed. Called with the write lock held.
     */
    private Blocked shutdownAfterFailure() {
        Duration left = conn.delay();
        if (!left.isZero()) {
            throw new IllegalStateException("shutdown() must wait for the blinding delay after a failure: "
                    + left.toMillis() + " ms left; call it again once Connection.delay() is zero (or set "
                    + "Config.Builder.blindingSleeps(true), or maxBlindingDelay(Duration.ZERO) to turn blinding off)");
        }
        try {
            if (!conn.transport().canWrite()) {
                return Blocked.NOT_BLOCKED;
            }
            Alert alert = pendingAlert;
            pendingAlert = null;
            if (alert != null && !closeNotifySent) {
                closeNotifySent = true;
                writer.write(ContentType.ALERT, ByteBuffer.wrap(new byte[] {2, (byte) alert.code()}));
            }
            if (writer.hasPending() && !writer.flush(conn.transport().sink())) {
                return Blocked.ON_WRITE;
            }
        } catch (Exception e) {
            // The transport is gone: nothing more can be sent, and the failure is already known.
        }
        return Blocked.NOT_BLOCKED;
    }

    /** Keeps a fatal alert for {@link #shutdown} to send once the blinding delay has passed. */
    void queueFatalAlert(Alert alert) {
        pendingAlert = alert;
    }

    /**
     * Best effort: queue a fatal alert and try once to get it out. Never throws, never waits for
     * the lock: if another thread is sending, the alert is left for {@link #shutdown}.
     */
    void sendFatalAlert(Alert alert) {
        if (!writeLock.tryLock()) {
            pendingAlert = alert;
            return;
        }
        try {
            if (closeNotifySent || !conn.transport().canWrite()) {
                return;
            }
            closeNotifySent = true;
            writer.write(ContentType.ALERT, ByteBuffer.wrap(new byte[] {2, (byte) alert.code()}));
            writer.flush(conn.transport().sink());
        } catch (Exception e) {
            // The peer may be gone already; the failure being reported is what matters.
        } finally {
            writeLock.unlock();
        }
    }

    void releaseBuffers() {
        writeLock.lock();
        try {
            if (writer.hasPending()) {
                throw new IllegalStateException("unsent data remains in the output buffer: call send() or shutdown() "
                        + "until not blocked before releaseBuffers()");
            }
            if ((appFragment && reader.fragment().hasRemaining()) || reader.hasBufferedRecords()
                    || (postHandshake != null && !postHandshake.isEmpty())) {
                throw new IllegalStateException("unread data remains in the input buffer: call recv() until it returns 0 "
                        + "before releaseBuffers()");
            }
            appFragment = false;
            writer.release();
            reader.release();
            gather = null;
        } finally {
            writeLock.unlock();
        }
    }

    /** Forgets everything for a wiped or closed connection. */
    void reset() {
        if (postHandshake != null) {
            postHandshake.wipe();
            postHandshake = null;
        }
        alerts.reset();
        pendingAlert = null;
        pendingPlaintext = 0;
        appFragment = false;
        emptyRecords = 0;
        readClosed = false;
        closeNotifySent = false;
        keyUpdates.reset();
        if (gather != null) {
            Arrays.fill(gather, (byte) 0);
        }
    }

    private static long remaining(ByteBuffer[] srcs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += srcs[i].remaining();
        }
        return n;
    }

    private static void advance(ByteBuffer[] srcs, int offset, int length, long n) {
        for (int i = offset; i < offset + length && n > 0; i++) {
            int step = (int) Math.min(srcs[i].remaining(), n);
            srcs[i].position(srcs[i].position() + step);
            n -= step;
        }
    }
}
