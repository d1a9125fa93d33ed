package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;
import s2n.tls.testing.OpenSslServer;
import s2n.tls.testing.TestCerts;

/**
 * Our Netty client against {@code openssl s_server -www}: an HTTP/1.0 request, written before the
 * handshake completes, gets the page in which OpenSSL describes the session it negotiated. A
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
}
