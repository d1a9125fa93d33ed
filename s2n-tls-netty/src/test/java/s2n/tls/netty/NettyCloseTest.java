package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import s2n.tls.Mode;
import s2n.tls.TlsException;

/**
 * Closing: {@code close()} sends what was written, then close_notify; the peer's handler passes the
 * data on, fires {@link S2nCloseNotifyEvent}, answers with its own close_notify and closes. Both
 * directions (client first, server first), with and without waiting for the answer.
 */
@ExtendWith(Leaks.class)
class NettyCloseTest {
    private static final Fixture NETTY = new Fixture();

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    /** Two ends of one connection. */
    private static final class Pair implements AutoCloseable {
        final Recorder serverSide = new Recorder(Integer.MAX_VALUE);
        final Recorder clientSide = new Recorder(Integer.MAX_VALUE);
        final S2nSslHandler[] serverTls = new S2nSslHandler[1];
        final S2nSslHandler clientTls;
        final Channel server;
        final Channel client;

        Pair(Consumer<S2nSslHandler> serverSetup, ChannelInboundHandlerAdapter serverApp, Consumer<S2nSslHandler> clientSetup)
                throws InterruptedException {
            server = NETTY.server(c -> {
                serverTls[0] = new S2nSslHandler(Fixture.serverConfig(Fixture.TLS13).build(), Mode.SERVER);
                serverSetup.accept(serverTls[0]);
                c.pipeline().addLast(serverTls[0], serverApp, serverSide);
            });
            S2nSslHandler[] tls = new S2nSslHandler[1];
            client = NETTY.client(Fixture.port(server), c -> {
                tls[0] = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
                clientSetup.accept(tls[0]);
                c.pipeline().addLast(tls[0], clientSide);
            });
            clientTls = tls[0];
        }

        @Override
        public void close() throws InterruptedException {
            client.close().sync();
            server.close().sync();
        }
    }

    private static ChannelInboundHandlerAdapter passThrough() {
        return new ChannelInboundHandlerAdapter();
    }

    @Test
    void clientClosesServerAnswers() throws Exception {
        try (Pair p = new Pair(s -> {}, passThrough(), c -> c.setCloseNotifyReadTimeout(Duration.ofSeconds(5)))) {
            assertTrue(p.clientTls.handshakeFuture().await(20, TimeUnit.SECONDS) && p.clientTls.handshakeFuture().isSuccess());
            // Written but not flushed: close() must send it before close_notify.
            ChannelFuture write = p.client.write(Unpooled.copiedBuffer("bye", StandardCharsets.US_ASCII));
            ChannelFuture closed = p.client.close();
            assertTrue(closed.await(20, TimeUnit.SECONDS) && closed.isSuccess(), "close: " + closed.cause());
            assertTrue(write.isSuccess(), "write: " + write.cause());
            // We waited for the server's close_notify before closing the channel.
            assertTrue(p.clientTls.isCloseNotifyReceived(), "the server's close_notify should have arrived first");
            p.clientSide.closeNotify.get(1, TimeUnit.SECONDS);
            p.serverSide.inactive.get(20, TimeUnit.SECONDS);
            assertEquals("bye", p.serverSide.bytes.toString(StandardCharsets.US_ASCII));
            assertEquals(List.of("S2nHandshakeCompletionEvent", "data", "S2nCloseNotifyEvent", "inactive"), p.serverSide.order());
            assertTrue(p.serverTls[0].isCloseNotifyReceived());
        }
    }

    @Test
    void serverClosesClientAnswers() throws Exception {
        ChannelInboundHandlerAdapter goodbye = new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt == S2nHandshakeCompletionEvent.SUCCESS) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer("goodbye", StandardCharsets.US_ASCII));
                    ctx.close();
                }
                ctx.fireUserEventTriggered(evt);
            }
        };
        try (Pair p = new Pair(s -> s.setCloseNotifyReadTimeout(Duration.ofSeconds(5)), goodbye, c -> {})) {
            p.clientSide.inactive.get(20, TimeUnit.SECONDS);
            assertEquals("goodbye", p.clientSide.bytes.toString(StandardCharsets.US_ASCII));
            assertEquals(List.of("S2nHandshakeCompletionEvent", "data", "S2nCloseNotifyEvent", "inactive"), p.clientSide.order());
            assertTrue(p.clientTls.isCloseNotifyReceived());
            p.serverSide.inactive.get(20, TimeUnit.SECONDS);
            assertTrue(p.serverTls[0].isCloseNotifyReceived(), "the client should have answered with its close_notify");
            assertTrue(p.clientSide.exceptions.isEmpty() && p.serverSide.exceptions.isEmpty());
        }
    }

    @Test
    void peerHangingUpInsteadOfAnsweringCompletesTheClose() throws Exception {
        Recorder clientSide = new Recorder(Integer.MAX_VALUE);
        Channel server = NETTY.server(c -> {
            S2nSslHandler tls = new S2nSslHandler(Fixture.serverConfig(Fixture.TLS13).build(), Mode.SERVER);
            // In front of the server's TLS handler: once the handshake is done, the next bytes
            // (our close_notify) make it hang up without answering.
            c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (tls.handshakeFuture().isSuccess()) {
                        ReferenceCountUtil.release(msg);
                        ctx.close();
                    } else {
                        ctx.fireChannelRead(msg);
                    }
                }
            }, tls);
        });
        S2nSslHandler[] tls = new S2nSslHandler[1];
        Channel client = NETTY.client(Fixture.port(server), c -> {
            tls[0] = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost")
                    .setCloseNotifyReadTimeout(Duration.ofSeconds(30));
            c.pipeline().addLast(tls[0], clientSide);
        });
        try {
            assertTrue(tls[0].handshakeFuture().await(20, TimeUnit.SECONDS) && tls[0].handshakeFuture().isSuccess());
            clientSide.handshake.get(5, TimeUnit.SECONDS);
            // Let the server's session tickets arrive first, so the next bytes it reads are ours.
            Thread.sleep(100);
            ChannelFuture closed = client.close();
            assertTrue(closed.await(10, TimeUnit.SECONDS), "close() must complete when the peer hangs up, not wait 30 s");
            assertTrue(closed.isSuccess());
            assertFalse(tls[0].isCloseNotifyReceived());
        } finally {
            client.close().sync();
            server.close().sync();
        }
    }

    @Test
    void closeWithoutWaitingStillSendsCloseNotify() throws Exception {
        try (Pair p = new Pair(s -> {}, passThrough(), c -> {})) {
            assertTrue(p.clientTls.handshakeFuture().await(20, TimeUnit.SECONDS) && p.clientTls.handshakeFuture().isSuccess());
            assertTrue(p.client.close().await(20, TimeUnit.SECONDS));
            p.serverSide.closeNotify.get(20, TimeUnit.SECONDS);
            p.serverSide.inactive.get(20, TimeUnit.SECONDS);
            // (The server's answer may meet a socket already closed: only TLS failures count.)
            synchronized (p.serverSide) {
                assertTrue(p.serverSide.exceptions.stream().noneMatch(TlsException.class::isInstance),
                        p.serverSide.exceptions.toString());
            }
        }
    }

    @Test
    void closeBeforeTheHandshakeFailsItAndTheQueuedWrites() throws Exception {
        // A server that reads and drops everything: the handshake cannot finish before close(),
        // however fast the machine.
        Channel server = NETTY.server(c -> c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        }));
        S2nSslHandler[] tls = new S2nSslHandler[1];
        Recorder clientSide = new Recorder(Integer.MAX_VALUE);
        Channel client = NETTY.client(Fixture.port(server), c -> {
            tls[0] = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
            c.pipeline().addLast(tls[0], clientSide);
        });
        ChannelFuture[] write = new ChannelFuture[1];
        try {
            client.eventLoop().submit(() -> {
                write[0] = client.writeAndFlush(Unpooled.copiedBuffer("never", StandardCharsets.US_ASCII));
                assertFalse(tls[0].handshakeFuture().isDone());
                client.close();
            }).sync();
            assertTrue(tls[0].handshakeFuture().await(5, TimeUnit.SECONDS));
            TlsException e = assertInstanceOf(TlsException.class, tls[0].handshakeFuture().cause());
            assertEquals(TlsException.Type.CLOSED, e.type());
            assertTrue(write[0].await(5, TimeUnit.SECONDS));
            assertEquals(e, write[0].cause());
            assertEquals(0, clientSide.bytes.size());
        } finally {
            client.close().sync();
            server.close().sync();
        }
    }
}
