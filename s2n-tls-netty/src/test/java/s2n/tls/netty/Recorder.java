package s2n.tls.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The last handler of a test pipeline: keeps the plaintext that arrives (copied, the buffer
 * released), the user events, and what happened in order (a "data" entry per read, each event's
 * name, "inactive"), and completes {@link #received} once {@code expected} bytes are in.
 */
class Recorder extends ChannelInboundHandlerAdapter {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Object> events = new ArrayList<>();
    final List<String> order = new ArrayList<>();
    final CompletableFuture<byte[]> received = new CompletableFuture<>();
    final CompletableFuture<S2nHandshakeCompletionEvent> handshake = new CompletableFuture<>();
    final CompletableFuture<Void> closeNotify = new CompletableFuture<>();
    final CompletableFuture<Void> inactive = new CompletableFuture<>();
    final List<Throwable> exceptions = new ArrayList<>();
    private final int expected;

    Recorder(int expected) {
        this.expected = expected;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        ByteBuf b = (ByteBuf) msg;
        try {
            synchronized (this) {
                b.readBytes(bytes, b.readableBytes());
                order.add("data");
                if (bytes.size() >= expected) {
                    received.complete(bytes.toByteArray());
                }
            }
            onData(ctx);
        } finally {
            b.release();
        }
    }

    /** Called after each read; the default does nothing. */
    void onData(ChannelHandlerContext ctx) {}

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        synchronized (this) {
            events.add(evt);
            order.add(evt.getClass().getSimpleName());
        }
        if (evt instanceof S2nHandshakeCompletionEvent e) {
            handshake.complete(e);
        } else if (evt instanceof S2nCloseNotifyEvent) {
            closeNotify.complete(null);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        synchronized (this) {
            exceptions.add(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        synchronized (this) {
            order.add("inactive");
        }
        inactive.complete(null);
        super.channelInactive(ctx);
    }

    synchronized List<String> order() {
        return new ArrayList<>(order);
    }
}
