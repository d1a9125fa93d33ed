package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.ClientAuth;
import s2n.tls.Config;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;
import s2n.tls.testing.TestCerts;

/**
 * Session resumption through the handler (a client's {@code session()} bytes offered on its next
 * channel with {@code setSession}) and mutual TLS (a server that requires a client certificate),
 * both over loopback between two S2nSslHandlers, TLS 1.3 and TLS 1.2.
 */
@ExtendWith(Leaks.class)
class NettySessionsAndClientAuthTest {
    private static final Fixture NETTY = new Fixture();
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    @ParameterizedTest(name = "{0}: the second channel resumes with the first one's session")
    @CsvSource({"TLS13, " + Fixture.TLS13, "TLS12, " + Fixture.TLS12})
    void aClientResumesWithTheSessionOfItsLastChannel(ProtocolVersion version, String policy) throws Exception {
        Config serverConfig = Fixture.serverConfig(policy).sessionTicketsEnabled(true).build();
        Config clientConfig = Fixture.clientConfig(policy).sessionTicketsEnabled(true).build();
        List<S2nSslHandler> servers = new ArrayList<>();
        Channel server = NETTY.echoServer(serverConfig, servers, new ArrayList<>());
        try {
            S2nSslHandler first = new S2nSslHandler(clientConfig, Mode.CLIENT, "localhost");
            echo(server, first);
            assertEquals(version, first.protocolVersion());
            assertFalse(first.isResumed());
            assertTrue(first.handshakeTypeName().contains("FULL_HANDSHAKE"), first.handshakeTypeName());
            byte[] session = first.session();
            assertNotNull(session, "the server's ticket should have arrived with the echo");

            S2nSslHandler second = new S2nSslHandler(clientConfig, Mode.CLIENT, "localhost").setSession(session);
            echo(server, second);
            assertEquals(version, second.protocolVersion());
            assertTrue(second.isResumed(), second.handshakeTypeName());
            assertFalse(second.handshakeTypeName().contains("FULL_HANDSHAKE"), second.handshakeTypeName());
            synchronized (servers) {
                assertTrue(servers.get(1).isResumed(), "the server resumed too");
            }
        } finally {
            server.close().sync();
        }
    }

    @Test
    void setSessionIsRefusedWhereItCannotWork() {
        Config config = Fixture.clientConfig(Fixture.TLS13).build();
        S2nSslHandler client = new S2nSslHandler(config, Mode.CLIENT, "localhost");
        assertThrows(IllegalArgumentException.class, () -> client.setSession(new byte[] {1, 2, 3}));
        S2nSslHandler server = new S2nSslHandler(Fixture.serverConfig(Fixture.TLS13).build(), Mode.SERVER);
        assertThrows(IllegalStateException.class, () -> server.setSession(new byte[] {1, 2, 3}));
    }

    @ParameterizedTest(name = "{0}: the server requires a client certificate and gets it")
    @ValueSource(strings = {Fixture.TLS13, Fixture.TLS12})
    void mutualTls(String policy) throws Exception {
        Config serverConfig = Fixture.serverConfig(policy).clientAuth(ClientAuth.REQUIRED).withSystemTrust(false)
                .trustCertificates(TestCerts.PKI.root).build();
        TestCerts.Leaf leaf = TestCerts.CLIENT_EC;
        Config clientConfig = Fixture.clientConfig(policy)
                .certificateChainAndKey(CertificateChainAndKey.of(leaf.key(), List.of(leaf.chain()))).build();
        List<S2nSslHandler> servers = new ArrayList<>();
        Channel server = NETTY.echoServer(serverConfig, servers, new ArrayList<>());
        try {
            S2nSslHandler client = new S2nSslHandler(clientConfig, Mode.CLIENT, "localhost");
            echo(server, client);
            assertTrue(client.handshakeTypeName().contains("CLIENT_AUTH"), client.handshakeTypeName());
            S2nSslHandler serverTls;
            synchronized (servers) {
                serverTls = servers.get(0);
            }
            assertEquals(leaf.chain()[0], serverTls.peerCertificates().get(0));

            // Without a certificate the server ends the handshake, and the client's future says so.
            S2nSslHandler anonymous = new S2nSslHandler(Fixture.clientConfig(policy).build(), Mode.CLIENT, "localhost");
            Recorder recorder = new Recorder(PING.length);
            Channel ch = NETTY.client(Fixture.port(server), c -> c.pipeline().addLast(anonymous, recorder));
            try {
                ch.writeAndFlush(Unpooled.wrappedBuffer(PING));
                assertTrue(recorder.inactive.get(10, TimeUnit.SECONDS) == null && !recorder.received.isDone(),
                        "nothing echoed to a client without a certificate");
                assertTrue(anonymous.handshakeFuture().await(5, TimeUnit.SECONDS));
                boolean clientFailed = !anonymous.handshakeFuture().isSuccess();
                boolean serverFailed;
                synchronized (servers) {
                    S2nSslHandler second = servers.get(1);
                    serverFailed = second.handshakeFuture().await(5, TimeUnit.SECONDS) && !second.handshakeFuture().isSuccess();
                }
                assertTrue(serverFailed, "the server refused the handshake without a client certificate");
                assertTrue(clientFailed || policy.equals(Fixture.TLS13),
                        "a TLS 1.2 client fails its handshake; a TLS 1.3 client may finish before the server's alert");
            } finally {
                ch.close().sync();
            }
        } finally {
            server.close().sync();
        }
    }

    /** One ping through the echo server on a new channel with {@code tls}; closes the channel. */
    private static void echo(Channel server, S2nSslHandler tls) throws Exception {
        Recorder recorder = new Recorder(PING.length);
        Channel ch = NETTY.client(Fixture.port(server), c -> c.pipeline().addLast(tls, recorder));
        try {
            ch.writeAndFlush(Unpooled.wrappedBuffer(PING));
            assertArrayEquals(PING, recorder.received.get(10, TimeUnit.SECONDS));
            assertTrue(tls.handshakeFuture().isSuccess());
        } finally {
            ch.close().sync();
        }
    }
}
