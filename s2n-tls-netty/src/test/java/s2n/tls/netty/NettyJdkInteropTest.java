package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;
import s2n.tls.testing.TestCerts;

/**
 * Interop with the JDK's own TLS (SunJSSE), both directions: our Netty server with a blocking
 * {@code SSLSocket} client, and our Netty client with Netty's {@code SslHandler} (JDK provider) as
 * the server. TLS 1.3 and TLS 1.2; the JDK's close_notify must reach our handler.
 */
@ExtendWith(Leaks.class)
class NettyJdkInteropTest {
    private static final Fixture NETTY = new Fixture();
    private static final String JDK = "SunJSSE (Java " + Runtime.version().feature() + ")";

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    static Stream<Arguments> versions() {
        return Stream.of(Arguments.of(JDK, "TLSv1.3", ProtocolVersion.TLS13, Fixture.TLS13),
                Arguments.of(JDK, "TLSv1.2", ProtocolVersion.TLS12, Fixture.TLS12));
    }

    @ParameterizedTest(name = "{1}: our Netty server, {0} SSLSocket client")
    @MethodSource("versions")
    void jdkSocketClient(String peer, String jdkProtocol, ProtocolVersion version, String policy) throws Exception {
        List<S2nSslHandler> handlers = new ArrayList<>();
        Recorder serverSide = new Recorder(Integer.MAX_VALUE);
        Channel server = NETTY.server(ch -> {
            S2nSslHandler tls = new S2nSslHandler(Fixture.serverConfig(policy).build(), Mode.SERVER);
            synchronized (handlers) {
                handlers.add(tls);
            }
            ch.pipeline().addLast(tls, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ctx.writeAndFlush(msg);
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    ctx.fireUserEventTriggered(evt);
                }
            }, serverSide);
        });
        SSLContext jdk = SSLContext.getInstance("TLS");
        jdk.init(null, TestCerts.PKI.trustManagers(), null);
        byte[] data = new byte[256 * 1024];
        new Random(3).nextBytes(data);
        try (SSLSocket socket = (SSLSocket) jdk.getSocketFactory().createSocket("127.0.0.1", Fixture.port(server))) {
            socket.setSoTimeout(20_000);
            socket.setEnabledProtocols(new String[] {jdkProtocol});
            socket.startHandshake();
            assertEquals(jdkProtocol, socket.getSession().getProtocol());
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int off = 0; off < data.length; off += 10_000) {
                        out.write(data, off, Math.min(10_000, data.length - off));
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] back = new byte[data.length];
            new DataInputStream(socket.getInputStream()).readFully(back);
            writer.get(20, TimeUnit.SECONDS);
            assertArrayEquals(data, back);
            S2nSslHandler tls = handlers.get(0);
            assertEquals(version, tls.protocolVersion());
            assertEquals(socket.getSession().getCipherSuite(), tls.cipherSuite());
            // The JDK's close_notify: our server answers it and closes.
            socket.close();
            serverSide.closeNotify.get(20, TimeUnit.SECONDS);
            serverSide.inactive.get(20, TimeUnit.SECONDS);
            assertTrue(tls.isCloseNotifyReceived());
        } finally {
            server.close().sync();
        }
    }

    @ParameterizedTest(name = "{1}: our Netty client, Netty SslHandler server on {0}")
    @MethodSource("versions")
    void nettyJdkSslHandlerServer(String peer, String jdkProtocol, ProtocolVersion version, String policy) throws Exception {
        TestCerts.Leaf leaf = TestCerts.SERVER_EC;
        SslContext ssl = SslContextBuilder.forServer(leaf.key(), leaf.chain()).sslProvider(SslProvider.JDK)
                .protocols(jdkProtocol).build();
        List<SslHandler> serverHandlers = new ArrayList<>();
        Channel server = NETTY.server(ch -> {
            SslHandler h = ssl.newHandler(ch.alloc());
            synchronized (serverHandlers) {
                serverHandlers.add(h);
            }
            ch.pipeline().addLast(h, new NettyEchoTest.Echo());
        });
        byte[] data = new byte[300_000];
        new Random(5).nextBytes(data);
        Recorder recorder = new Recorder(data.length);
        S2nSslHandler[] client = new S2nSslHandler[1];
        Channel ch = NETTY.client(Fixture.port(server), c -> {
            client[0] = new S2nSslHandler(Fixture.clientConfig(policy).build(), Mode.CLIENT, "localhost");
            c.pipeline().addLast(client[0], recorder);
        });
        try {
            assertTrue(client[0].handshakeFuture().await(20, TimeUnit.SECONDS) && client[0].handshakeFuture().isSuccess(),
                    "handshake: " + client[0].handshakeFuture().cause());
            for (int off = 0; off < data.length; off += 30_000) {
                ch.write(ch.alloc().buffer().writeBytes(data, off, Math.min(30_000, data.length - off)));
            }
            ch.flush();
            assertArrayEquals(data, recorder.received.get(20, TimeUnit.SECONDS));
            assertEquals(version, client[0].protocolVersion());
            SslHandler jdkSide = serverHandlers.get(0);
            assertEquals(jdkProtocol, jdkSide.engine().getSession().getProtocol());
            assertEquals(jdkSide.engine().getSession().getCipherSuite(), client[0].cipherSuite());
            // Our close_notify reaches Netty's handler, which closes its side.
            ch.close().sync();
            assertTrue(jdkSide.sslCloseFuture().await(20, TimeUnit.SECONDS), "the SslHandler did not see our close_notify");
            assertTrue(jdkSide.sslCloseFuture().isSuccess(), "SslHandler close: " + jdkSide.sslCloseFuture().cause());
        } finally {
            ch.close().sync();
            server.close().sync();
        }
    }
}
