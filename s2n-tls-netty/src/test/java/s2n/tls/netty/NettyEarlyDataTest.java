package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.Config;
import s2n.tls.EarlyDataStatus;
import s2n.tls.Mode;

/**
 * A client handler's early data (0-RTT, {@link S2nSslHandler#setEarlyData}) against an
 * S2nSslHandler echo server that takes early data: the first write flushed before the handshake
 * completes goes as early data; accepted or rejected, the server's application reads every byte
 * once and in order, and the writes' promises succeed.
 */
@ExtendWith(Leaks.class)
class NettyEarlyDataTest {
    private static final Fixture NETTY = new Fixture();
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LATER = "and more after it".getBytes(StandardCharsets.US_ASCII);

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    @ParameterizedTest(name = "the server accepts early data: {0}")
    @ValueSource(booleans = {true, false})
    void theFirstWriteGoesAsEarlyDataAndArrivesOnce(boolean accept) throws Exception {
        Config serverConfig = Fixture.serverConfig(Fixture.TLS13).sessionTicketsEnabled(true).maxEarlyData(16_384)
                .earlyDataCallback((conn, alpn) -> accept).build();
        Config clientConfig = Fixture.clientConfig(Fixture.TLS13).sessionTicketsEnabled(true).build();
        List<S2nSslHandler> servers = new ArrayList<>();
        Channel server = NETTY.echoServer(serverConfig, servers, new ArrayList<>());
        try {
            byte[] session = firstSession(server, clientConfig);

            S2nSslHandler client = new S2nSslHandler(clientConfig, Mode.CLIENT, "localhost")
                    .setSession(session).setEarlyData(true);
            Recorder recorder = new Recorder(REQUEST.length + LATER.length);
            List<ChannelFuture> writes = new ArrayList<>();
            CompletableFuture<Boolean> wroteDuringHandshake = new CompletableFuture<>();
            Channel ch = NETTY.client(Fixture.port(server), c -> c.pipeline().addLast(client, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    // Right behind the ClientHello, long before the server can have answered.
                    writes.add(ctx.write(Unpooled.wrappedBuffer(REQUEST)));
                    writes.add(ctx.writeAndFlush(Unpooled.wrappedBuffer(LATER)));
                    wroteDuringHandshake.complete(!client.handshakeFuture().isDone());
                    ctx.fireChannelActive();
                }
            }, recorder));
            try {
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.write(REQUEST);
                expected.write(LATER);
                assertArrayEquals(expected.toByteArray(), recorder.received.get(10, TimeUnit.SECONDS),
                        "every byte once, in order");
                assertTrue(wroteDuringHandshake.get(5, TimeUnit.SECONDS));
                assertTrue(client.isResumed(), client.handshakeTypeName());
                assertEquals(accept ? EarlyDataStatus.ACCEPTED : EarlyDataStatus.REJECTED, client.earlyDataStatus());
                S2nSslHandler serverTls;
                synchronized (servers) {
                    serverTls = servers.get(1);
                }
                assertEquals(client.earlyDataStatus(), serverTls.earlyDataStatus());
                for (ChannelFuture w : writes) {
                    assertTrue(w.await(5, TimeUnit.SECONDS) && w.isSuccess(), String.valueOf(w.cause()));
                }
                // Nothing more than the two writes comes back (a resent early write would).
                ch.writeAndFlush(Unpooled.wrappedBuffer(PING)).sync();
                long total = REQUEST.length + LATER.length + PING.length;
                Fixture.waitFor(() -> recorder.bytes.size() >= total);
                synchronized (recorder) {
                    assertEquals(total, recorder.bytes.size());
                }
            } finally {
                ch.close().sync();
            }
        } finally {
            server.close().sync();
        }
    }

    @Test
    void withoutASessionThatAllowsItTheWritesWaitForTheHandshake() throws Exception {
        // Tickets without early data: the handler offers none and sends the write after the handshake.
        Config serverConfig = Fixture.serverConfig(Fixture.TLS13).sessionTicketsEnabled(true).build();
        Config clientConfig = Fixture.clientConfig(Fixture.TLS13).sessionTicketsEnabled(true).build();
        Channel server = NETTY.echoServer(serverConfig, new ArrayList<>(), new ArrayList<>());
        try {
            byte[] session = firstSession(server, clientConfig);
            S2nSslHandler client = new S2nSslHandler(clientConfig, Mode.CLIENT, "localhost")
                    .setSession(session).setEarlyData(true);
            Recorder recorder = new Recorder(REQUEST.length);
            Channel ch = NETTY.client(Fixture.port(server), c -> c.pipeline().addLast(client, recorder));
            try {
                ch.writeAndFlush(Unpooled.wrappedBuffer(REQUEST));
                assertArrayEquals(REQUEST, recorder.received.get(10, TimeUnit.SECONDS));
                assertTrue(client.isResumed());
                assertEquals(EarlyDataStatus.NOT_REQUESTED, client.earlyDataStatus());
            } finally {
                ch.close().sync();
            }
        } finally {
            server.close().sync();
        }
    }

    @Test
    void onlyAClientSendsEarlyDataAndOnlyBeforeThePipeline() throws Exception {
        S2nSslHandler server = new S2nSslHandler(Fixture.serverConfig(Fixture.TLS13).build(), Mode.SERVER);
        assertThrows(IllegalStateException.class, () -> server.setEarlyData(true));
    }

    /** A full handshake and one echo on a first channel; the session it leaves. */
    private static byte[] firstSession(Channel server, Config clientConfig) throws Exception {
        S2nSslHandler first = new S2nSslHandler(clientConfig, Mode.CLIENT, "localhost");
        Recorder recorder = new Recorder(PING.length);
        Channel ch = NETTY.client(Fixture.port(server), c -> c.pipeline().addLast(first, recorder));
        try {
            ch.writeAndFlush(Unpooled.wrappedBuffer(PING));
            assertArrayEquals(PING, recorder.received.get(10, TimeUnit.SECONDS));
        } finally {
            ch.close().sync();
        }
        byte[] session = first.session();
        assertNotNull(session, "the ticket came with the echo");
        return session;
    }
}
