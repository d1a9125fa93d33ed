package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Config;
import s2n.tls.EarlyDataStatus;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;
import s2n.tls.testing.OpenSslServer;
import s2n.tls.testing.TestCerts;

/**
 * Our Netty client against {@code openssl s_server -www}: an HTTP/1.0 request, written before the
 * handshake completes, gets the page in which OpenSSL describes the session it negotiated; and
 * against {@code s_server -early_data}, a resumed channel's first write goes as early data. A
 * missing openssl skips (fails under {@code S2N_REQUIRE_PEERS=1}).
 */
@ExtendWith(Leaks.class)
class NettyOpenSslInteropTest {
    private static final Fixture NETTY = new Fixture();

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    static Stream<Arguments> versions() {
        String peer = OpenSslServer.VERSION == null ? "openssl (absent)" : OpenSslServer.VERSION;
        return Stream.of(Arguments.of(peer, "-tls1_3", ProtocolVersion.TLS13, Fixture.TLS13),
                Arguments.of(peer, "-tls1_2", ProtocolVersion.TLS12, Fixture.TLS12));
    }

    @ParameterizedTest(name = "{2}: our Netty client, {0} s_server -www")
    @MethodSource("versions")
    void nettyClientToOpenSslServer(String peer, String versionFlag, ProtocolVersion version, String policy,
            @TempDir Path dir) throws Exception {
        OpenSslServer.require();
        try (OpenSslServer openssl = new OpenSslServer(dir, TestCerts.SERVER_EC, versionFlag)) {
            Recorder recorder = new Recorder(Integer.MAX_VALUE);
            S2nSslHandler[] client = new S2nSslHandler[1];
            Channel ch = NETTY.client(openssl.port, c -> {
                client[0] = new S2nSslHandler(Fixture.clientConfig(policy).build(), Mode.CLIENT, "localhost");
                c.pipeline().addLast(client[0], recorder);
            });
            ch.writeAndFlush(Unpooled.copiedBuffer("GET / HTTP/1.0\r\n\r\n", StandardCharsets.US_ASCII));
            // s_server -www writes the page and closes.
            assertTrue(ch.closeFuture().await(20, TimeUnit.SECONDS), "openssl did not close; got so far:\n"
                    + recorder.bytes.toString(StandardCharsets.ISO_8859_1));
            String page;
            synchronized (recorder) {
                page = recorder.bytes.toString(StandardCharsets.ISO_8859_1);
            }
            assertTrue(client[0].handshakeFuture().isSuccess(), "handshake: " + client[0].handshakeFuture().cause());
            assertTrue(page.startsWith("HTTP/1.0 200 ok"), page);
            String openSslName = version == ProtocolVersion.TLS13 ? "TLSv1.3" : "TLSv1.2";
            assertTrue(page.contains("Protocol  : " + openSslName), page);
            assertEquals(version, client[0].protocolVersion());
            if (version == ProtocolVersion.TLS13) {
                // TLS 1.3 suites have the same name in OpenSSL as in IANA's registry.
                assertTrue(page.contains("Cipher    : " + client[0].cipherSuite()), page);
            }
        }
    }

    /**
     * Our Netty client resumes with {@code openssl s_server -early_data} and sends its first write
     * as early data: s_server prints it as early data, once, and the client reports it accepted.
     */
    @Test
    void nettyClientSendsEarlyDataToOpenSslServer(@TempDir Path dir) throws Exception {
        OpenSslServer.require();
        Config config = Fixture.clientConfig(Fixture.TLS13).sessionTicketsEnabled(true).build();
        try (OpenSslServer openssl = OpenSslServer.printing(dir, TestCerts.SERVER_EC, "-tls1_3", "-early_data")) {
            S2nSslHandler first = new S2nSslHandler(config, Mode.CLIENT, "localhost");
            Channel ch = NETTY.client(openssl.port, c -> c.pipeline().addLast(first, new Recorder(Integer.MAX_VALUE)));
            ch.writeAndFlush(Unpooled.copiedBuffer("first connection\n", StandardCharsets.US_ASCII));
            awaitOutput(openssl, "first connection");
            // s_server sends its tickets right after the handshake; they arrive with its next records.
            Fixture.waitFor(() -> first.session() != null);
            byte[] session = first.session();
            assertNotNull(session, "s_server's ticket");
            ch.close().sync();

            String early = "early data from netty, once\n";
            S2nSslHandler second = new S2nSslHandler(config, Mode.CLIENT, "localhost").setSession(session).setEarlyData(true);
            Channel ch2 = NETTY.client(openssl.port, c -> c.pipeline().addLast(second, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer(early, StandardCharsets.US_ASCII));
                    ctx.fireChannelActive();
                }
            }, new Recorder(Integer.MAX_VALUE)));
            try {
                assertTrue(second.handshakeFuture().await(10, TimeUnit.SECONDS) && second.handshakeFuture().isSuccess(),
                        "handshake: " + second.handshakeFuture().cause() + "\n" + openssl.output());
                assertTrue(second.isResumed(), second.handshakeTypeName());
                assertEquals(EarlyDataStatus.ACCEPTED, second.earlyDataStatus(), openssl.output());
                awaitOutput(openssl, early.strip());
                String out = openssl.output();
                assertTrue(out.contains("Early data received:"), out);
                assertEquals(out.indexOf(early.strip()), out.lastIndexOf(early.strip()), "printed once: " + out);
            } finally {
                ch2.close().sync();
            }
        }
    }

    private static void awaitOutput(OpenSslServer openssl, String text) throws InterruptedException {
        assertTrue(Fixture.waitFor(() -> openssl.output().contains(text)), "s_server never printed " + text + ":\n" + openssl.output());
    }
}
