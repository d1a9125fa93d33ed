package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import s2n.tls.CertificateChainAndKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import s2n.tls.Config;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;
import s2n.tls.testing.TestCerts;

/**
 * A Netty echo server and client, both with S2nSslHandler, over loopback: 1 MiB in chunks of mixed
 * sizes (heap, direct and composite buffers), all written before the handshake completes, must come
 * back byte for byte and in order, on TLS 1.3 and TLS 1.2.
 */
@ExtendWith(Leaks.class)
class NettyEchoTest {
    private static final Fixture NETTY = new Fixture();
    private static final int TOTAL = 1 << 20;

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    /** Writes back what it reads, flushing once per read burst. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    @ParameterizedTest(name = "{0}: 1 MiB echoed, mixed chunks written before the handshake; release buffers when idle: {2}")
    @CsvSource({"TLS13, " + Fixture.TLS13 + ", false", "TLS12, " + Fixture.TLS12 + ", false",
        "TLS13, " + Fixture.TLS13 + ", true", "TLS12, " + Fixture.TLS12 + ", true"})
    void echoesOneMebibyte(ProtocolVersion version, String policy, boolean releaseBuffers) throws Exception {
        List<S2nSslHandler> serverHandlers = new ArrayList<>();
        List<Object> serverEvents = new ArrayList<>();
        Channel server = NETTY.echoServer(Fixture.serverConfig(policy).build(), serverHandlers, serverEvents, releaseBuffers);
        byte[] data = new byte[TOTAL];
        new Random(7).nextBytes(data);
        Recorder recorder = new Recorder(TOTAL);
        S2nSslHandler[] client = new S2nSslHandler[1];
        List<ChannelFuture> writes = new ArrayList<>();
        CompletableFuture<Boolean> writtenBeforeHandshake = new CompletableFuture<>();
        Channel ch = NETTY.client(Fixture.port(server), c -> {
            client[0] = new S2nSslHandler(Fixture.clientConfig(policy).build(), Mode.CLIENT, "localhost")
                    .setReleaseBuffersWhenIdle(releaseBuffers);
            c.pipeline().addLast(client[0], new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    // Everything is written now, while the handshake has only just begun.
                    writtenBeforeHandshake.complete(!client[0].handshakeFuture().isDone());
                    Random sizes = new Random(11);
                    int kind = 0;
                    for (int off = 0; off < TOTAL; ) {
                        int n = Math.min(TOTAL - off, 1 + sizes.nextInt(sizes.nextBoolean() ? 100 : 70_000));
                        writes.add(ctx.writeAndFlush(chunk(ctx, data, off, n, kind++ % 3)));
                        off += n;
                    }
                    ctx.fireChannelActive();
                }
            }, recorder);
        });
        try {
            byte[] back = recorder.received.get(30, TimeUnit.SECONDS);
            assertTrue(writtenBeforeHandshake.get(), "the writes should have been queued before the handshake completed");
            assertArrayEquals(data, back);
            for (ChannelFuture w : writes) {
                assertTrue(w.await(5, TimeUnit.SECONDS) && w.isSuccess(), "a write failed: " + w.cause());
            }
            assertTrue(client[0].handshakeFuture().isSuccess());
            assertSame(S2nHandshakeCompletionEvent.SUCCESS, recorder.handshake.getNow(null));
            assertEquals(version, client[0].protocolVersion());
            assertNotNull(client[0].cipherSuite());
            assertEquals("localhost", client[0].serverName());
            assertEquals(TestCerts.SERVER_EC.chain()[0], client[0].peerCertificates().get(0));
            S2nSslHandler serverTls = serverHandlers.get(0);
            assertTrue(serverTls.handshakeFuture().await(5, TimeUnit.SECONDS) && serverTls.handshakeFuture().isSuccess());
            assertEquals(version, serverTls.protocolVersion());
            assertEquals(client[0].cipherSuite(), serverTls.cipherSuite());
            assertEquals("localhost", serverTls.serverName());
            synchronized (serverEvents) {
                assertEquals(List.of(S2nHandshakeCompletionEvent.SUCCESS), serverEvents);
            }
        } finally {
            ch.close().sync();
            server.close().sync();
        }
    }

    /** The same bytes as a heap, direct or composite (two-part) buffer. */
    private static ByteBuf chunk(ChannelHandlerContext ctx, byte[] data, int off, int n, int kind) {
        switch (kind) {
            case 0:
                return ctx.alloc().heapBuffer(n).writeBytes(data, off, n);
            case 1:
                return ctx.alloc().directBuffer(n).writeBytes(data, off, n);
            default:
                CompositeByteBuf c = ctx.alloc().compositeBuffer();
                int half = n / 2;
                c.addComponent(true, ctx.alloc().directBuffer(Math.max(half, 1)).writeBytes(data, off, half));
                c.addComponent(true, ctx.alloc().heapBuffer(n - half).writeBytes(data, off + half, n - half));
                return c;
        }
    }

    @Test
    void asyncSignerCompletingLaterFinishesTheHandshake() throws Exception {
        TestCerts.Leaf leaf = TestCerts.SERVER_EC;
        ScheduledExecutorService signerThread = Executors.newSingleThreadScheduledExecutor();
        try {
            // The server holds no private key: each signature comes 50 ms later from another thread.
            Config remoteOnly = Config.builder().securityPolicy(Fixture.TLS13)
                    .certificateChainAndKey(CertificateChainAndKey.withRemoteKey(List.of(leaf.chain())))
                    .maxBlindingDelay(Duration.ZERO)
                    .asyncSigner((conn, request) -> {
                        CompletableFuture<byte[]> signature = new CompletableFuture<>();
                        signerThread.schedule(() -> {
                            try {
                                signature.complete(request.signWith(leaf.key()));
                            } catch (Exception e) {
                                signature.completeExceptionally(e);
                            }
                        }, 50, TimeUnit.MILLISECONDS);
                        return signature;
                    }).build();
            Channel server = NETTY.echoServer(remoteOnly, new ArrayList<>(), new ArrayList<>());
            Recorder recorder = new Recorder(5);
            S2nSslHandler[] client = new S2nSslHandler[1];
            Channel ch = NETTY.client(Fixture.port(server), c -> {
                client[0] = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
                c.pipeline().addLast(client[0], recorder);
            });
            try {
                ch.writeAndFlush(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
                assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), recorder.received.get(20, TimeUnit.SECONDS));
                assertTrue(client[0].handshakeFuture().isSuccess());
            } finally {
                ch.close().sync();
                server.close().sync();
            }
        } finally {
            signerThread.shutdownNow();
        }
    }

    @Test
    void smallWritesBetweenFlushesShareOneRecord() throws Exception {
        Channel server = NETTY.echoServer(Fixture.serverConfig(Fixture.TLS13).build(), new ArrayList<>(), new ArrayList<>());
        List<Integer> wireWrites = new ArrayList<>();
        Recorder recorder = new Recorder(1000);
        S2nSslHandler[] client = new S2nSslHandler[1];
        Channel ch = NETTY.client(Fixture.port(server), c -> {
            client[0] = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
            // Below the TLS handler: sees each ciphertext write.
            c.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                    synchronized (wireWrites) {
                        wireWrites.add(((ByteBuf) msg).readableBytes());
                    }
                    super.write(ctx, msg, promise);
                }
            }, client[0], recorder);
        });
        try {
            assertTrue(client[0].handshakeFuture().await(20, TimeUnit.SECONDS) && client[0].handshakeFuture().isSuccess());
            byte[] data = new byte[1000];
            new Random(1).nextBytes(data);
            List<ChannelFuture> writes = new ArrayList<>();
            int before;
            synchronized (wireWrites) {
                before = wireWrites.size();
            }
            ch.eventLoop().submit(() -> {
                for (int i = 0; i < 100; i++) {
                    writes.add(ch.write(Unpooled.wrappedBuffer(data, i * 10, 10)));
                }
                ch.flush();
            }).sync();
            assertArrayEquals(data, recorder.received.get(20, TimeUnit.SECONDS));
            for (ChannelFuture w : writes) {
                assertTrue(w.await(5, TimeUnit.SECONDS) && w.isSuccess());
            }
            synchronized (wireWrites) {
                // One TLS 1.3 record: 5-byte header, 1000 bytes, content type, 16-byte tag.
                assertEquals(List.of(5 + 1000 + 1 + 16), wireWrites.subList(before, wireWrites.size()));
            }
        } finally {
            ch.close().sync();
            server.close().sync();
        }
    }

    @Test
    void writesWaitingForTheHandshakeCountAgainstWritability() {
        EmbeddedChannel ch = new EmbeddedChannel();
        S2nSslHandler tls = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
        ch.pipeline().addLast(tls);
        ((ByteBuf) ch.readOutbound()).release(); // the ClientHello
        assertTrue(ch.isWritable());
        ChannelFuture w = ch.writeAndFlush(ch.alloc().buffer().writeZero(256 * 1024));
        assertFalse(w.isDone(), "the write waits for the handshake");
        assertFalse(ch.isWritable(), "256 KiB waiting must exceed the 64 KiB high water mark");
        ch.finishAndReleaseAll();
        assertFalse(w.isSuccess());
    }

    @Test
    void applicationProtocolIsNegotiated() throws Exception {
        List<S2nSslHandler> serverHandlers = new ArrayList<>();
        Channel server = NETTY.echoServer(Fixture.serverConfig(Fixture.TLS13).applicationProtocols("h2", "http/1.1").build(),
                serverHandlers, new ArrayList<>());
        S2nSslHandler[] client = new S2nSslHandler[1];
        Channel ch = NETTY.client(Fixture.port(server), c -> {
            client[0] = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).applicationProtocols("http/1.1").build(),
                    Mode.CLIENT, "localhost");
            c.pipeline().addLast(client[0]);
        });
        try {
            assertTrue(client[0].handshakeFuture().await(20, TimeUnit.SECONDS) && client[0].handshakeFuture().isSuccess(),
                    "handshake: " + client[0].handshakeFuture().cause());
            assertEquals("http/1.1", client[0].applicationProtocol());
            assertTrue(serverHandlers.get(0).handshakeFuture().await(5, TimeUnit.SECONDS));
            assertEquals("http/1.1", serverHandlers.get(0).applicationProtocol());
        } finally {
            ch.close().sync();
            server.close().sync();
        }
    }
}
