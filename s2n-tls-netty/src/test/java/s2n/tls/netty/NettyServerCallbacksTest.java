package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.Blocked;
import s2n.tls.ClientHelloCallback;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.EarlyDataStatus;
import s2n.tls.Mode;

/**
 * What a server's callbacks do through the handler: a client hello callback that pauses the
 * handshake is resumed by the application from another thread (the handler retries every
 * millisecond), and TLS 1.3 early data a server accepts reaches the pipeline once, before what the
 * client sent after the handshake; rejected early data never does, and the client's resend does.
 */
@ExtendWith(Leaks.class)
class NettyServerCallbacksTest {
    private static final Fixture NETTY = new Fixture();
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EARLY = "early request;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LATE = "after the handshake".getBytes(StandardCharsets.US_ASCII);

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    @Test
    void aPausedClientHelloIsResumedFromAnotherThread() throws Exception {
        ScheduledExecutorService app = Executors.newSingleThreadScheduledExecutor();
        AtomicBoolean resumedByTheApplication = new AtomicBoolean();
        CompletableFuture<String> seenServerName = new CompletableFuture<>();
        Config serverConfig = Fixture.serverConfig(Fixture.TLS13).clientHelloCallback((conn, hello) -> {
            seenServerName.complete(hello.serverName());
            // The application decides later, on its own thread (s2n's non-blocking callback mode).
            app.schedule(() -> {
                resumedByTheApplication.set(true);
                conn.clientHelloDone();
            }, 50, TimeUnit.MILLISECONDS);
            return ClientHelloCallback.Result.PAUSE;
        }).build();
        List<S2nSslHandler> servers = new ArrayList<>();
        Channel server = NETTY.echoServer(serverConfig, servers, new ArrayList<>());
        try {
            S2nSslHandler client = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
            Recorder recorder = new Recorder(PING.length);
            Channel ch = NETTY.client(Fixture.port(server), c -> c.pipeline().addLast(client, recorder));
            try {
                ch.writeAndFlush(Unpooled.wrappedBuffer(PING));
                assertArrayEquals(PING, recorder.received.get(10, TimeUnit.SECONDS));
                assertEquals("localhost", seenServerName.get(5, TimeUnit.SECONDS));
                S2nSslHandler serverTls;
                synchronized (servers) {
                    serverTls = servers.get(0);
                }
                assertTrue(serverTls.handshakeFuture().isSuccess());
                assertTrue(resumedByTheApplication.get(), "the handshake waited for clientHelloDone()");
            } finally {
                ch.close().sync();
            }
        } finally {
            server.close().sync();
            app.shutdownNow();
        }
    }

    @ParameterizedTest(name = "the server accepts early data: {0}")
    @ValueSource(booleans = {true, false})
    void earlyDataReachesThePipelineOnceBeforeLaterData(boolean accept) throws Exception {
        Config serverConfig = Fixture.serverConfig(Fixture.TLS13).sessionTicketsEnabled(true).maxEarlyData(4096)
                .earlyDataCallback((conn, alpn) -> accept).build();
        Config clientConfig = Fixture.clientConfig(Fixture.TLS13).sessionTicketsEnabled(true).build();
        List<S2nSslHandler> servers = new ArrayList<>();
        Channel server = NETTY.echoServer(serverConfig, servers, new ArrayList<>());
        try {
            int port = Fixture.port(server);
            byte[] session = ticketFrom(port, clientConfig);

            try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                Connection client = sendEarly(socket, clientConfig, session);
                assertEquals(Blocked.NOT_BLOCKED, client.negotiate());
                assertTrue(client.isResumed(), client.handshakeTypeName());
                EarlyDataStatus status = client.earlyDataStatus();
                assertEquals(accept ? EarlyDataStatus.ACCEPTED : EarlyDataStatus.REJECTED, status);
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                if (status == EarlyDataStatus.REJECTED) {
                    // Rejected early data never reached the server's application: the client sends it again.
                    client.send(ByteBuffer.wrap(EARLY));
                }
                expected.write(EARLY);
                expected.write(LATE);
                byte[] echoed = echo(client, LATE, EARLY.length + LATE.length);
                assertArrayEquals(expected.toByteArray(), echoed, "each byte once, early data first");
                S2nSslHandler serverTls;
                synchronized (servers) {
                    serverTls = servers.get(1);
                }
                assertTrue(serverTls.isResumed());
                client.close();
            }
        } finally {
            server.close().sync();
        }
    }

    /**
     * 0-RTT's point: a server's application gets accepted early data while the handshake is still
     * waiting for the client's Finished, which this client withholds until the data has arrived.
     */
    @Test
    void acceptedEarlyDataArrivesBeforeTheHandshakeCompletes() throws Exception {
        Config serverConfig = Fixture.serverConfig(Fixture.TLS13).sessionTicketsEnabled(true).maxEarlyData(4096).build();
        Config clientConfig = Fixture.clientConfig(Fixture.TLS13).sessionTicketsEnabled(true).build();
        List<S2nSslHandler> servers = new ArrayList<>();
        List<Recorder> apps = new ArrayList<>();
        CompletableFuture<Boolean> handshakeDoneAtArrival = new CompletableFuture<>();
        Channel server = NETTY.server(ch -> {
            S2nSslHandler tls = new S2nSslHandler(serverConfig, Mode.SERVER);
            Recorder app = new Recorder(EARLY.length) {
                @Override
                void onData(io.netty.channel.ChannelHandlerContext ctx) {
                    handshakeDoneAtArrival.complete(tls.handshakeFuture().isDone());
                }
            };
            synchronized (servers) {
                servers.add(tls);
                apps.add(app);
            }
            ch.pipeline().addLast(tls, app);
        });
        try {
            int port = Fixture.port(server);
            byte[] session = ticketFrom(port, clientConfig);
            try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                Connection client = sendEarly(socket, clientConfig, session);
                // No Finished from us yet: the server's handshake cannot complete.
                assertTrue(Fixture.waitFor(() -> {
                    synchronized (servers) {
                        return apps.size() == 2;
                    }
                }));
                Recorder app;
                synchronized (servers) {
                    app = apps.get(1);
                }
                assertArrayEquals(EARLY, app.received.get(10, TimeUnit.SECONDS));
                assertEquals(false, handshakeDoneAtArrival.get(1, TimeUnit.SECONDS), "delivered during the handshake");
                S2nSslHandler serverTls;
                synchronized (servers) {
                    serverTls = servers.get(1);
                }
                assertEquals(EarlyDataStatus.ACCEPTED, serverTls.earlyDataStatus());
                assertEquals(Blocked.NOT_BLOCKED, client.negotiate());
                assertTrue(serverTls.handshakeFuture().await(10, TimeUnit.SECONDS) && serverTls.handshakeFuture().isSuccess());
                client.send(ByteBuffer.wrap(LATE));
                assertTrue(Fixture.waitFor(() -> app.bytes.size() >= EARLY.length + LATE.length));
                assertEquals(new String(EARLY, StandardCharsets.US_ASCII) + new String(LATE, StandardCharsets.US_ASCII),
                        app.bytes.toString(StandardCharsets.US_ASCII), "each byte once, in order");
                client.close();
            }
        } finally {
            server.close().sync();
        }
    }

    /** A full handshake with the server on {@code port}; the session its ticket gives (read after the handshake). */
    private static byte[] ticketFrom(int port, Config clientConfig) throws Exception {
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            Connection first = new Connection(Mode.CLIENT).setConfig(clientConfig).setServerName("localhost")
                    .setChannel(socket);
            assertEquals(Blocked.NOT_BLOCKED, first.negotiate());
            socket.configureBlocking(false);
            for (int i = 0; i < 500 && first.session() == null; i++) {
                first.recv(ByteBuffer.allocate(16));
                Thread.sleep(10);
            }
            byte[] session = first.session();
            assertNotNull(session, "a ticket after the handshake");
            first.close();
            return session;
        }
    }

    /** A client over {@code socket} resuming {@code session}, its ClientHello and EARLY (as early data) sent. */
    private static Connection sendEarly(SocketChannel socket, Config clientConfig, byte[] session) throws Exception {
        Connection client = new Connection(Mode.CLIENT).setConfig(clientConfig).setServerName("localhost")
                .setChannel(socket).setSession(session);
        assertEquals(EARLY.length, client.sendEarlyData(ByteBuffer.wrap(EARLY)));
        return client;
    }

    /** Sends {@code data} and reads until {@code expect} bytes came back. */
    private static byte[] echo(Connection conn, byte[] data, int expect) throws Exception {
        conn.send(ByteBuffer.wrap(data));
        ByteBuffer in = ByteBuffer.allocate(expect);
        while (in.hasRemaining()) {
            if (conn.recv(in) < 0) {
                break;
            }
        }
        return java.util.Arrays.copyOf(in.array(), in.position());
    }
}
