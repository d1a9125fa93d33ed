package s2n.tls;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.testing.JdkPeer;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPki;

/**
 * Renegotiation is refused exactly as s2n refuses it, shown with the JDK's own TLS 1.2, which
 * renegotiates when asked ({@code SSLEngine.beginHandshake()} on an established connection):
 * <ul>
 *   <li>a JDK server's HelloRequest is ignored by our client, which sends nothing in reply and
 *       goes on exchanging data (s2n's default: {@code s2n_client_hello_request_recv} ignores the
 *       request unless the application installed its unstable renegotiation callback);
 *   <li>a JDK client's renegotiation ClientHello makes our server fail with unexpected_message
 *       (s2n's {@code S2N_ERR_BAD_MESSAGE} for any ClientHello after the handshake).
 * </ul>
 */
class RenegotiationTest {
    private static final String[] TLS12 = {"TLSv1.2"};

    /** The peer, named with its version in each test name. */
    static Stream<String> jdk() {
        return Stream.of("JDK " + Runtime.version());
    }

    @ParameterizedTest(name = "{0} server's HelloRequest is ignored by our TLS 1.2 client")
    @MethodSource("jdk")
    void jdkServersHelloRequestIsIgnoredByOurClient(String peer) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        JdkPeer jdk = JdkPeer.server(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"), TLS12, null);
        Config config = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy("20240501").withSystemTrust(false).trustPem(pki.rootPem()).build();
        Connection client = new Connection(Mode.CLIENT).setConfig(config).setServerName("localhost");
        client.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        client.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);
        for (int i = 0; i < 100 && (client.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(ProtocolVersion.TLS12, client.actualProtocolVersion());

        jdk.engine().beginHandshake();
        jdk.pump();
        assertTrue(jdk.fromJdk.buffered() > 0, "the JDK sent its HelloRequest");
        ByteBuffer dst = ByteBuffer.allocate(100);
        assertEquals(0, client.recv(dst));
        assertEquals(Blocked.ON_READ, client.blocked());
        assertEquals(0, jdk.toJdk.buffered(), "no reply, not even a warning alert");
        assertEquals(SSLEngineResult.HandshakeStatus.NEED_UNWRAP, jdk.engine().getHandshakeStatus(),
                "the JDK still waits for a ClientHello that never comes");

        byte[] ping = "data after the HelloRequest".getBytes(StandardCharsets.UTF_8);
        jdk.send(ping);
        assertEquals(ping.length, client.recv(dst));
        assertArrayEquals(ping, java.util.Arrays.copyOf(dst.array(), ping.length));
        byte[] pong = "and back".getBytes(StandardCharsets.UTF_8);
        client.send(ByteBuffer.wrap(pong));
        jdk.pump();
        assertArrayEquals(pong, jdk.takeReceived());
    }

    @ParameterizedTest(name = "{0} client's renegotiation ClientHello is refused by our TLS 1.2 server")
    @MethodSource("jdk")
    void jdkClientsRenegotiationClientHelloIsRefusedByOurServer(String peer) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        JdkPeer jdk = JdkPeer.client(pki.root(), "localhost", TLS12, null);
        Config config = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy("20240501")
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
        Connection server = new Connection(Mode.SERVER).setConfig(config);
        server.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        server.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);
        jdk.pump();
        for (int i = 0; i < 100 && (server.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(ProtocolVersion.TLS12, server.actualProtocolVersion());

        jdk.engine().beginHandshake();
        jdk.pump();
        TlsException e = assertThrows(TlsException.class, () -> server.recv(ByteBuffer.allocate(100)));
        assertEquals(TlsException.Type.PROTOCOL, e.type());
        assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert());
        assertTrue(e.getMessage().contains("renegotiation refused"), e.getMessage());
        SSLException jdkSide = assertThrows(SSLException.class, jdk::pump);
        assertTrue(jdkSide.getMessage().contains("unexpected_message"), jdkSide.getMessage());
    }
}
