package s2n.tls.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.PendingWriteQueue;
import java.nio.ByteBuffer;
import s2n.tls.Connection;
import s2n.tls.EarlyDataStatus;
import s2n.tls.TlsException;

/**
 * A client handler's TLS 1.3 early data (0-RTT): the first write flushed before the handshake
 * completes goes out as early data, as far as the session allows, while it stays first in the
 * handler's queue. Once the handshake completes, what the server accepted is done with; what it
 * rejected is still queued and goes out as ordinary application data, so every byte arrives once.
 */
final class EarlyWrites {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final Connection conn;
    /** Bytes of the queue's first write sent as early data. */
    private int sent;

    EarlyWrites(Connection conn) {
        this.conn = conn;
    }

    /**
     * Starts the handshake with a ClientHello that offers early data.
     *
     * @return whether it does: false when the session allows none (nothing was sent then, or a
     *     ClientHello without the offer, which {@code negotiate} goes on from)
     */
    boolean offer() throws TlsException {
        conn.sendEarlyData(NOTHING);
        return conn.earlyDataStatus() == EarlyDataStatus.REQUESTED;
    }

    /** Sends what it may of the queue's first write as early data, while the server has not answered. */
    void sendFrom(PendingWriteQueue pending) throws TlsException {
        if (conn.earlyDataStatus() != EarlyDataStatus.REQUESTED || !(pending.current() instanceof ByteBuf)) {
            return;
        }
        ByteBuf first = (ByteBuf) pending.current();
        int unsent = first.readableBytes() - sent;
        if (unsent > 0) {
            sent += conn.sendEarlyData(first.nioBuffer(first.readerIndex() + sent, unsent));
        }
    }

    /**
     * The handshake completed: early data the server accepted leaves the queue (its write is
     * done, or the rest of it stays first); rejected, the whole write stays queued to go again.
     */
    void settle(PendingWriteQueue pending) {
        int n = sent;
        sent = 0;
        if (n == 0 || conn.earlyDataStatus() != EarlyDataStatus.ACCEPTED || !(pending.current() instanceof ByteBuf)) {
            return;
        }
        ByteBuf first = (ByteBuf) pending.current();
        if (n >= first.readableBytes()) {
            pending.remove().trySuccess();
        } else {
            first.skipBytes(n);
        }
    }
}
