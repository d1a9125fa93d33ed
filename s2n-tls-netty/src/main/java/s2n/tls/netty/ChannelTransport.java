package s2n.tls.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import s2n.tls.Connection;
import s2n.tls.RecvCallback;
import s2n.tls.SendCallback;
import s2n.tls.TlsException;

/**
 * A handler's {@link Connection} transport: the receive callback reads the ciphertext Netty has
 * accumulated (lent for the length of a call into the connection), the send callback appends
 * records to a {@code ByteBuf} from the channel's allocator, which the handler takes and writes
 * to the next handler. It also seals the handler's queued plaintext writes, in batches.
 */
final class ChannelTransport {
    /** Plaintext buffers handed downstream, and plaintext batches, are at most this large: one full TLS record (RFC 8446 §5.1). */
    static final int PLAINTEXT_CHUNK = 16_384;
    /** Room for a record header and tag; a first guess for the ciphertext buffer, which grows as needed. */
    private static final int RECORD_OVERHEAD = 256;
    /** A TLS record's bytes beyond its plaintext, at most: header, TLS 1.2 explicit nonce or TLS 1.3 type, tag. */
    private static final int MAX_RECORD_EXPANSION = 5 + 8 + 16;
    /** The largest ciphertext buffer allocated up front for one batch; beyond it the buffer grows as it fills. */
    private static final int MAX_INITIAL_OUTPUT = 1 << 20;

    private static final SendCallback SEND = (context, src) -> ((ChannelTransport) context).collect(src);
    private static final RecvCallback RECV = (context, dst) -> ((ChannelTransport) context).feed(dst);

    private final Connection conn;
    private ChannelHandlerContext ctx;
    /** The ciphertext the connection's source is lent during a call into it; null otherwise. */
    private ByteBuf in;
    /** The records the connection wrote since the last time they were taken. */
    private ByteBuf out;

    /** Becomes {@code conn}'s transport. */
    ChannelTransport(Connection conn) {
        this.conn = conn;
        conn.setSendCallback(SEND).setSendContext(this).setRecvCallback(RECV).setRecvContext(this);
    }

    /** The handler's context, whose allocator the records come from. */
    void attach(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Lends {@code src} to the connection's receive callback until {@link #endLoan()}. */
    void lend(ByteBuf src) {
        in = src;
    }

    void endLoan() {
        in = null;
    }

    /** The records written since the last call, or null if none. */
    ByteBuf take() {
        ByteBuf o = out;
        out = null;
        return o;
    }

    /** Whether records wait to be taken. */
    boolean hasOutput() {
        return out != null;
    }

    /** Releases records nobody will take (the channel is gone). */
    void release() {
        if (out != null) {
            out.release();
            out = null;
        }
    }

    /** The send callback: takes every byte, so the connection never blocks on write. */
    private int collect(ByteBuffer src) {
        int n = src.remaining();
        if (out == null) {
            out = ctx.alloc().buffer(n + RECORD_OVERHEAD);
        }
        out.writeBytes(src);
        return n;
    }

    /** The receive callback: what Netty has accumulated; 0 (would block) when that is used up. */
    private int feed(ByteBuffer dst) {
        ByteBuf src = in;
        if (src == null || !src.isReadable()) {
            return 0;
        }
        int n = Math.min(src.readableBytes(), dst.remaining());
        int limit = dst.limit();
        dst.limit(dst.position() + n);
        src.readBytes(dst);
        dst.limit(limit);
        return n;
    }

    /**
     * Seals the queued writes in order while {@code open} holds. Small consecutive writes (together
     * at most one record's worth) go to one {@code send} call, so the core gathers them into one
     * record instead of a record each; each batch of records is written to the next handler with a
     * promise that completes the batch's writes' promises.
     *
     * @throws TlsException the connection failed; the promises of the batch it was sealing failed with it
     */
    void sealQueued(PendingWriteQueue pending, BooleanSupplier open) throws TlsException {
        List<ByteBuf> batch = new ArrayList<>();
        List<ChannelPromise> promises = new ArrayList<>();
        while (open.getAsBoolean() && !pending.isEmpty()) {
            long plaintext = 0;
            Object current;
            while ((current = pending.current()) != null) {
                ByteBuf msg = (ByteBuf) current;
                if (!batch.isEmpty() && plaintext + msg.readableBytes() > PLAINTEXT_CHUNK) {
                    break;
                }
                plaintext += msg.readableBytes();
                batch.add(msg.retain()); // remove() releases the queue's reference; ours lasts until sealed
                promises.add(pending.remove());
            }
            try {
                sendBatch(batch, plaintext);
            } catch (TlsException e) {
                for (ChannelPromise p : promises) {
                    p.tryFailure(e);
                }
                throw e;
            } finally {
                for (ByteBuf b : batch) {
                    b.release();
                }
                batch.clear();
            }
            ByteBuf o = take();
            ctx.write(o == null ? Unpooled.EMPTY_BUFFER : o, promiseFor(promises));
            promises.clear();
        }
    }

    private void sendBatch(List<ByteBuf> batch, long plaintext) throws TlsException {
        if (plaintext == 0) {
            return;
        }
        if (out == null) {
            // Room for all of it sealed, so the buffer does not grow record by record.
            long records = (plaintext + PLAINTEXT_CHUNK - 1) / PLAINTEXT_CHUNK;
            out = ctx.alloc().buffer((int) Math.min(plaintext + records * MAX_RECORD_EXPANSION + RECORD_OVERHEAD,
                    MAX_INITIAL_OUTPUT));
        }
        // Views of the ByteBufs' memory, not copies: the core reads them while it seals. The
        // transport takes every byte, so send() never returns early.
        ByteBuffer[] srcs;
        if (batch.size() == 1) {
            srcs = batch.get(0).nioBuffers();
        } else {
            List<ByteBuffer> views = new ArrayList<>();
            for (ByteBuf b : batch) {
                if (b.isReadable()) {
                    views.addAll(List.of(b.nioBuffers()));
                }
            }
            srcs = views.toArray(new ByteBuffer[0]);
        }
        conn.send(srcs);
    }

    /** One promise for the write of a batch: the single write's own, or one that completes them all. */
    private ChannelPromise promiseFor(List<ChannelPromise> promises) {
        if (promises.size() == 1) {
            return promises.get(0);
        }
        ChannelPromise[] each = promises.toArray(new ChannelPromise[0]);
        ChannelPromise all = ctx.newPromise();
        all.addListener(f -> {
            for (ChannelPromise p : each) {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }
        });
        return all;
    }
}
