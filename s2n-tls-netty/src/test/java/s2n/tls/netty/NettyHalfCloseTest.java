package s2n.tls.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;
import s2n.tls.testing.TestCerts;

/**
 * Half-closing (RFC 8446 §6.1: a close_notify closes only its sender's write side):
 * {@link S2nSslHandler#closeOutbound()} sends close_notify and keeps reading; with
 * {@link S2nSslHandler#setAllowHalfClosure} a TLS 1.3 server goes on writing after the client's
 * close_notify. Between our own handlers, and with the JDK's {@code SSLSocket} (TLS 1.3
 * half-close) on the other end. TLS 1.2 ignores the half-closure and closes at once.
 */
@ExtendWith(Leaks.class)
class NettyHalfCloseTest {
    private static final Fixture NETTY = new Fixture();
    private static final byte[] REQUEST = "request".getBytes(US_ASCII);

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    /**
     * A server that, once the client's close_notify has come, waits a little (so the reply cannot
     * ride on the handler's own answer) and replies with what it read, then closes.
     */
    private static final class ReplyAfterCloseNotify extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream read = new ByteArrayOutputStream();
        final CompletableFuture<ChannelFuture> reply = new CompletableFuture<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            try {
                b.readBytes(read, b.readableBytes());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            } finally {
                b.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == S2nCloseNotifyEvent.INSTANCE) {
                ctx.executor().schedule(() -> {
                    ChannelFuture f = ctx.writeAndFlush(Unpooled.copiedBuffer("reply to " + read.toString(US_ASCII), US_ASCII));
                    reply.complete(f);
                    f.addListener(done -> ctx.close());
                }, 50, TimeUnit.MILLISECONDS);
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    private record Ends(Channel server, Channel client, S2nSslHandler serverTls, S2nSslHandler clientTls,
            ReplyAfterCloseNotify app, Recorder clientSide) {}

    private static Ends connect(String policy) throws Exception {
        S2nSslHandler[] serverTls = new S2nSslHandler[1];
        ReplyAfterCloseNotify app = new ReplyAfterCloseNotify();
        Channel server = NETTY.server(c -> {
            serverTls[0] = new S2nSslHandler(Fixture.serverConfig(policy).build(), Mode.SERVER).setAllowHalfClosure(true);
            c.pipeline().addLast(serverTls[0], app);
        });
        Recorder clientSide = new Recorder(Integer.MAX_VALUE);
        S2nSslHandler[] clientTls = new S2nSslHandler[1];
        Channel client = NETTY.client(Fixture.port(server), c -> {
            clientTls[0] = new S2nSslHandler(Fixture.clientConfig(policy).build(), Mode.CLIENT, "localhost");
            c.pipeline().addLast(clientTls[0], clientSide);
        });
        assertTrue(clientTls[0].handshakeFuture().await(20, TimeUnit.SECONDS) && clientTls[0].handshakeFuture().isSuccess());
        return new Ends(server, client, serverTls[0], clientTls[0], app, clientSide);
    }

    @Test
    void tls13ClientHalfClosesAndStillReadsTheReply() throws Exception {
        Ends e = connect(Fixture.TLS13);
        try {
            e.client().write(Unpooled.copiedBuffer(REQUEST));
            ChannelFuture half = e.clientTls().closeOutbound(); // sends the queued write first
            assertTrue(half.await(20, TimeUnit.SECONDS) && half.isSuccess(), "closeOutbound: " + half.cause());
            ChannelFuture late = e.client().writeAndFlush(Unpooled.copiedBuffer("late", US_ASCII));
            assertTrue(late.await(20, TimeUnit.SECONDS));
            assertInstanceOf(ClosedChannelException.class, late.cause(), "no writes after our close_notify");

            e.clientSide().inactive.get(20, TimeUnit.SECONDS);
            assertEquals("reply to request", e.clientSide().bytes.toString(US_ASCII));
            assertEquals(List.of("S2nHandshakeCompletionEvent", "data", "S2nCloseNotifyEvent", "inactive"),
                    e.clientSide().order());
            assertTrue(e.clientTls().isCloseNotifyReceived());
            assertTrue(e.serverTls().isCloseNotifyReceived());
            assertEquals(ProtocolVersion.TLS13, e.serverTls().protocolVersion());
            ChannelFuture reply = e.app().reply.get(1, TimeUnit.SECONDS);
            assertTrue(reply.isSuccess(), "the server's write after the client's close_notify: " + reply.cause());
            assertTrue(e.clientSide().exceptions.isEmpty(), e.clientSide().exceptions.toString());
        } finally {
            e.client().close().sync();
            e.server().close().sync();
        }
    }

    @Test
    void tls12AnswersAtOnceWhateverTheHalfClosureSetting() throws Exception {
        Ends e = connect(Fixture.TLS12);
        try {
            e.client().writeAndFlush(Unpooled.copiedBuffer(REQUEST));
            ChannelFuture half = e.clientTls().closeOutbound();
            assertTrue(half.await(20, TimeUnit.SECONDS) && half.isSuccess(), "closeOutbound: " + half.cause());
            e.clientSide().inactive.get(20, TimeUnit.SECONDS);
            assertTrue(e.clientTls().isCloseNotifyReceived(), "the server answered with its close_notify");
            assertEquals("", e.clientSide().bytes.toString(US_ASCII), "nothing after it");
            ChannelFuture reply = e.app().reply.get(20, TimeUnit.SECONDS);
            assertTrue(reply.await(20, TimeUnit.SECONDS));
            assertFalse(reply.isSuccess(), "RFC 5246 §7.2.1: the TLS 1.2 server closed at once");
        } finally {
            e.client().close().sync();
            e.server().close().sync();
        }
    }

    @Test
    void closeOutboundBeforeTheHandshakeFails() throws Exception {
        Channel server = NETTY.server(c -> {});
        S2nSslHandler[] tls = new S2nSslHandler[1];
        Channel client = NETTY.client(Fixture.port(server), c -> {
            tls[0] = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
            c.pipeline().addLast(tls[0]);
        });
        try {
            ChannelFuture f = tls[0].closeOutbound();
            assertTrue(f.await(20, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, f.cause());
        } finally {
            client.close().sync();
            server.close().sync();
        }
    }

    /** The JDK's TLS 1.3 server reads to our close_notify, then answers on its still-open side. */
    @Test
    void jdkServerAnswersAfterOurCloseOutbound() throws Exception {
        SSLContext jdk = SSLContext.getInstance("TLS");
        jdk.init(TestCerts.keyManagers(TestCerts.SERVER_EC), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) jdk.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(20_000);
                    String got = new String(s.getInputStream().readAllBytes(), US_ASCII); // to our close_notify
                    s.getOutputStream().write(("reply to " + got).getBytes(US_ASCII));
                    s.getOutputStream().flush();
                    return got;
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            Recorder clientSide = new Recorder(Integer.MAX_VALUE);
            S2nSslHandler[] tls = new S2nSslHandler[1];
            Channel client = NETTY.client(listener.getLocalPort(), c -> {
                tls[0] = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
                c.pipeline().addLast(tls[0], clientSide);
            });
            try {
                assertTrue(tls[0].handshakeFuture().await(20, TimeUnit.SECONDS) && tls[0].handshakeFuture().isSuccess());
                client.writeAndFlush(Unpooled.copiedBuffer(REQUEST));
                assertTrue(tls[0].closeOutbound().await(20, TimeUnit.SECONDS));
                assertEquals("request", served.get(20, TimeUnit.SECONDS));
                clientSide.inactive.get(20, TimeUnit.SECONDS);
                assertEquals("reply to request", clientSide.bytes.toString(US_ASCII));
                assertTrue(tls[0].isCloseNotifyReceived(), "the JDK closed its side with close_notify");
            } finally {
                client.close().sync();
            }
        }
    }

    /** The JDK's TLS 1.3 client half-closes (shutdownOutput); our server replies after it. */
    @Test
    void jdkClientHalfClosesAndReadsOurReply() throws Exception {
        ReplyAfterCloseNotify app = new ReplyAfterCloseNotify();
        Channel server = NETTY.server(c -> {
            // The JDK shuts down TCP's write side too: without this Netty closes the channel at the FIN.
            c.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
            c.pipeline().addLast(
                    new S2nSslHandler(Fixture.serverConfig(Fixture.TLS13).build(), Mode.SERVER).setAllowHalfClosure(true), app);
        });
        SSLContext jdk = SSLContext.getInstance("TLS");
        jdk.init(null, TestCerts.PKI.trustManagers(), null);
        try (SSLSocket socket = (SSLSocket) jdk.getSocketFactory().createSocket("127.0.0.1", Fixture.port(server))) {
            socket.setSoTimeout(20_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.getOutputStream().write(REQUEST);
            socket.getOutputStream().flush();
            socket.shutdownOutput(); // TLS 1.3: close_notify, the read side stays open
            InputStream in = socket.getInputStream();
            assertEquals("reply to request", new String(in.readAllBytes(), US_ASCII));
        } finally {
            server.close().sync();
        }
    }
}
