package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import s2n.tls.Alert;
import s2n.tls.Config;
import s2n.tls.Mode;
import s2n.tls.TlsException;
import s2n.tls.testing.TestCerts;

/**
 * Handshakes that fail: the handshake future fails with the core's TlsException (and the event
 * says so), the writes queued meanwhile fail with it rather than vanish, the alert reaches the peer,
 * the channel closes, and no buffer leaks (the {@link Leaks} check after each test).
 */
@ExtendWith(Leaks.class)
class NettyFailureTest {
    private static final Fixture NETTY = new Fixture();

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    /** A client whose handler writes {@code early} as soon as the channel is active, before any handshake. */
    private static final class EarlyClient {
        final Recorder recorder = new Recorder(Integer.MAX_VALUE);
        final CompletableFuture<ChannelFuture> write = new CompletableFuture<>();
        /** When the handshake failed and when the channel closed, taken on the event loop. */
        final CompletableFuture<Long> failedAt = new CompletableFuture<>();
        final CompletableFuture<Long> closedAt = new CompletableFuture<>();
        S2nSslHandler tls;
        Channel channel;

        EarlyClient(int port, Config config, Duration handshakeTimeout) throws InterruptedException {
            channel = NETTY.client(port, c -> {
                tls = new S2nSslHandler(config, Mode.CLIENT, "localhost");
                if (handshakeTimeout != null) {
                    tls.setHandshakeTimeout(handshakeTimeout);
                }
                c.closeFuture().addListener(f -> closedAt.complete(System.nanoTime()));
                c.pipeline().addLast(tls, new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        write.complete(ctx.writeAndFlush(Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII)));
                        ctx.fireChannelActive();
                    }
                }, recorder);
                tls.handshakeFuture().addListener(f -> failedAt.complete(System.nanoTime()));
            });
        }

        Throwable handshakeFailure() throws Exception {
            Future<?> f = tls.handshakeFuture();
            assertTrue(f.await(20, TimeUnit.SECONDS), "the handshake neither completed nor failed");
            assertFalse(f.isSuccess(), "the handshake should have failed");
            return f.cause();
        }

        /** The queued write failed with {@code cause}, the event carried it, and the channel closed. */
        void assertFailedCleanly(Throwable cause) throws Exception {
            ChannelFuture w = write.get(5, TimeUnit.SECONDS);
            assertTrue(w.await(5, TimeUnit.SECONDS));
            assertFalse(w.isSuccess(), "a write queued before a failed handshake must fail, not vanish");
            assertSame(cause, w.cause());
            S2nHandshakeCompletionEvent event = recorder.handshake.get(5, TimeUnit.SECONDS);
            assertFalse(event.isSuccess());
            assertSame(cause, event.cause());
            assertTrue(channel.closeFuture().await(5, TimeUnit.SECONDS), "the channel should close after the failure");
            assertEquals(0, recorder.bytes.size());
        }
    }

    private static Channel tlsServer(Config config, List<S2nSslHandler> handlers) throws InterruptedException {
        return NETTY.server(ch -> {
            S2nSslHandler tls = new S2nSslHandler(config, Mode.SERVER);
            synchronized (handlers) {
                handlers.add(tls);
            }
            ch.pipeline().addLast(tls);
        });
    }

    /** The first server handler, once the server has accepted the connection. */
    private static S2nSslHandler firstOf(List<S2nSslHandler> handlers) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            synchronized (handlers) {
                if (!handlers.isEmpty()) {
                    return handlers.get(0);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the server accepted no connection");
    }

    private static Config.Builder clientTrusting(TestCerts pki) {
        return Config.builder().securityPolicy(Fixture.TLS13).withSystemTrust(false).trustCertificates(pki.root)
                .maxBlindingDelay(Duration.ZERO);
    }

    @Test
    void untrustedServerFailsTheHandshakeWithUnknownCa() throws Exception {
        List<S2nSslHandler> servers = new ArrayList<>();
        Channel server = tlsServer(Fixture.serverConfig(Fixture.TLS13).build(), servers);
        try {
            EarlyClient client = new EarlyClient(Fixture.port(server), clientTrusting(TestCerts.untrusted()).build(), null);
            TlsException e = assertInstanceOf(TlsException.class, client.handshakeFailure());
            assertEquals(TlsException.Type.PROTOCOL, e.type());
            assertEquals(Alert.UNKNOWN_CA, e.alert());
            client.assertFailedCleanly(e);
            // The core's alert went out before the channel closed: the server read it.
            S2nSslHandler serverTls = firstOf(servers);
            assertTrue(serverTls.handshakeFuture().await(5, TimeUnit.SECONDS));
            TlsException seen = assertInstanceOf(TlsException.class, serverTls.handshakeFuture().cause());
            assertEquals(TlsException.Type.ALERT, seen.type(), seen.toString());
            assertEquals(Alert.UNKNOWN_CA, seen.alert());
        } finally {
            server.close().sync();
        }
    }

    @Test
    void blindedFailureWaitsBeforeTheAlertAndTheClose() throws Exception {
        CompletableFuture<Future<Channel>> serverHandshake = new CompletableFuture<>();
        CompletableFuture<Long> alertReadAt = new CompletableFuture<>();
        Channel server = NETTY.server(ch -> {
            S2nSslHandler tls = new S2nSslHandler(Fixture.serverConfig(Fixture.TLS13).build(), Mode.SERVER);
            ch.pipeline().addLast(tls);
            tls.handshakeFuture().addListener(f -> alertReadAt.complete(System.nanoTime()));
            serverHandshake.complete(tls.handshakeFuture());
        });
        try {
            Config blinded = clientTrusting(TestCerts.untrusted()).maxBlindingDelay(Duration.ofMillis(900)).build();
            EarlyClient client = new EarlyClient(Fixture.port(server), blinded, null);
            // Times are taken on the event loops as things happen, so a loaded machine only lengthens them.
            TlsException e = assertInstanceOf(TlsException.class, client.handshakeFailure());
            assertEquals(Alert.UNKNOWN_CA, e.alert());
            client.assertFailedCleanly(e);
            // The delay is uniform in [max/3, max]: at least 300 ms between the failure and the close.
            long minimum = TimeUnit.MILLISECONDS.toNanos(290);
            long failed = client.failedAt.get(5, TimeUnit.SECONDS);
            long closedAfter = client.closedAt.get(5, TimeUnit.SECONDS) - failed;
            assertTrue(closedAfter >= minimum, "closed " + closedAfter / 1_000_000 + " ms after the failure");
            long alertAfter = alertReadAt.get(5, TimeUnit.SECONDS) - failed;
            assertTrue(alertAfter >= minimum, "the alert arrived " + alertAfter / 1_000_000 + " ms after the failure");
            TlsException seen = assertInstanceOf(TlsException.class, serverHandshake.get(5, TimeUnit.SECONDS).cause());
            assertEquals(TlsException.Type.ALERT, seen.type(), seen.toString());
            assertEquals(Alert.UNKNOWN_CA, seen.alert());
        } finally {
            server.close().sync();
        }
    }

    @Test
    void silentServerTimesTheHandshakeOut() throws Exception {
        Channel server = NETTY.server(ch -> ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg); // reads the ClientHello and never answers
            }
        }));
        try {
            EarlyClient client = new EarlyClient(Fixture.port(server), Fixture.clientConfig(Fixture.TLS13).build(),
                    Duration.ofMillis(300));
            TlsException e = assertInstanceOf(TlsException.class, client.handshakeFailure());
            assertTrue(e.getMessage().contains("did not complete within 300 ms"), e.getMessage());
            client.assertFailedCleanly(e);
        } finally {
            server.close().sync();
        }
    }

    @Test
    void peerClosingMidHandshakeFailsItAsClosed() throws Exception {
        Channel server = NETTY.server(ch -> ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                ctx.close(); // hangs up on the ClientHello
            }
        }));
        try {
            EarlyClient client = new EarlyClient(Fixture.port(server), Fixture.clientConfig(Fixture.TLS13).build(), null);
            TlsException e = assertInstanceOf(TlsException.class, client.handshakeFailure());
            assertEquals(TlsException.Type.CLOSED, e.type(), e.toString());
            client.assertFailedCleanly(e);
        } finally {
            server.close().sync();
        }
    }

    @Test
    void forgedRecordAfterTheHandshakeIsBadRecordMacAndCloses() throws Exception {
        Recorder serverSide = new Recorder(Integer.MAX_VALUE);
        S2nSslHandler[] serverTls = new S2nSslHandler[1];
        Channel server = NETTY.server(c -> {
            serverTls[0] = new S2nSslHandler(Fixture.serverConfig(Fixture.TLS13).build(), Mode.SERVER);
            c.pipeline().addLast(serverTls[0], serverSide);
        });
        Recorder clientSide = new Recorder(Integer.MAX_VALUE);
        S2nSslHandler[] client = new S2nSslHandler[1];
        Channel ch = NETTY.client(Fixture.port(server), c -> {
            client[0] = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
            c.pipeline().addLast(client[0], clientSide);
        });
        try {
            assertTrue(client[0].handshakeFuture().await(20, TimeUnit.SECONDS) && client[0].handshakeFuture().isSuccess());
            serverSide.handshake.get(5, TimeUnit.SECONDS);
            // An application_data record whose tag cannot verify, written below the client's handler.
            ByteBuf forged = Unpooled.buffer().writeBytes(new byte[] {23, 3, 3, 0, 32}).writeZero(32);
            ch.pipeline().firstContext().writeAndFlush(forged).sync();
            serverSide.inactive.get(20, TimeUnit.SECONDS);
            clientSide.inactive.get(20, TimeUnit.SECONDS);
            synchronized (serverSide) {
                assertEquals(1, serverSide.exceptions.size(), serverSide.exceptions.toString());
                TlsException e = assertInstanceOf(TlsException.class, serverSide.exceptions.get(0));
                assertEquals(TlsException.Type.PROTOCOL, e.type());
                assertEquals(Alert.BAD_RECORD_MAC, e.alert());
            }
            // The server's alert reached the client, which fails with it and closes too.
            synchronized (clientSide) {
                assertEquals(1, clientSide.exceptions.size(), clientSide.exceptions.toString());
                TlsException e = assertInstanceOf(TlsException.class, clientSide.exceptions.get(0));
                assertEquals(TlsException.Type.ALERT, e.type());
                assertEquals(Alert.BAD_RECORD_MAC, e.alert());
            }
        } finally {
            ch.close().sync();
            server.close().sync();
        }
    }

    @Test
    void onlyByteBufsCanBeWritten() {
        EmbeddedChannel ch = new EmbeddedChannel();
        S2nSslHandler tls = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
        ch.pipeline().addLast(tls);
        ByteBuf hello = ch.readOutbound(); // the handshake started as soon as the handler was added
        assertNotNull(hello);
        assertEquals(22, hello.getByte(0), "a handshake record (the ClientHello)");
        hello.release();
        ChannelFuture f = ch.writeAndFlush("not a ByteBuf");
        assertInstanceOf(UnsupportedMessageTypeException.class, f.cause());
        ch.finishAndReleaseAll();
        assertInstanceOf(TlsException.class, tls.handshakeFuture().cause());
    }
}
