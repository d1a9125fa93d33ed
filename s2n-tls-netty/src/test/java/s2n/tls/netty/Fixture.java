package s2n.tls.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Mode;
import s2n.tls.testing.TestCerts;

/**
 * What the Netty tests share: an event loop group (Netty 4.2's MultiThreadIoEventLoopGroup over
 * NIO) that a test class closes in {@code @AfterAll}, servers bound to 127.0.0.1 on a free port,
 * clients, and configs over {@link TestCerts}. Blinding is off unless a test turns it on, so a
 * failing handshake closes at once.
 */
final class Fixture implements AutoCloseable {
    static final String TLS13 = "default_tls13";
    /** s2n's 20240501 policy: TLS 1.2 only. */
    static final String TLS12 = "20240501";

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    static Config.Builder serverConfig(String policy) {
        TestCerts.Leaf leaf = TestCerts.SERVER_EC;
        return Config.builder().securityPolicy(policy)
                .certificateChainAndKey(CertificateChainAndKey.of(leaf.key(), List.of(leaf.chain())))
                .maxBlindingDelay(Duration.ZERO);
    }

    static Config.Builder clientConfig(String policy) {
        return Config.builder().securityPolicy(policy).withSystemTrust(false).trustCertificates(TestCerts.PKI.root)
                .maxBlindingDelay(Duration.ZERO);
    }

    /** A server on 127.0.0.1, a free port; each accepted channel gets {@code init}. */
    Channel server(Consumer<SocketChannel> init) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(initializer(init)).bind("127.0.0.1", 0).sync().channel();
    }

    /** An echo server: each channel gets an S2nSslHandler (kept in {@code handlers}), a recorder of its user events and {@link NettyEchoTest.Echo}. */
    Channel echoServer(Config config, List<S2nSslHandler> handlers, List<Object> events) throws InterruptedException {
        return echoServer(config, handlers, events, false);
    }

    Channel echoServer(Config config, List<S2nSslHandler> handlers, List<Object> events, boolean releaseBuffers)
            throws InterruptedException {
        return server(ch -> {
            S2nSslHandler tls = new S2nSslHandler(config, Mode.SERVER).setReleaseBuffersWhenIdle(releaseBuffers);
            synchronized (handlers) {
                handlers.add(tls);
            }
            ch.pipeline().addLast(tls, new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    synchronized (events) {
                        events.add(evt);
                    }
                }
            }, new NettyEchoTest.Echo());
        });
    }

    /** A client channel connected to {@code server}'s port (or {@code port}). */
    Channel client(int port, Consumer<SocketChannel> init) throws InterruptedException {
        return new Bootstrap().group(group).channel(NioSocketChannel.class).handler(initializer(init))
                .connect("127.0.0.1", port).sync().channel();
    }

    /** Waits up to 10 s for {@code condition}, checking every 10 ms; returns whether it held. */
    static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static ChannelHandler initializer(Consumer<SocketChannel> init) {
        return new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                init.accept(ch);
            }
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
