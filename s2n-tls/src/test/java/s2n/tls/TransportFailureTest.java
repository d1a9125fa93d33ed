package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/** What the transport's failures become: CLOSED, IO with the cause, and never a hang. */
class TransportFailureTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final TestPki.Issued CERT = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");

    static TestPair pair() {
        return new TestPair(ChannelIoTest.clientConfig(PKI), ChannelIoTest.serverConfig(CERT, SecurityPolicy.named("default")));
    }

    @Test
    void recvCallbackClosedDuringHandshakeIsClosed() throws Exception {
        try (TestPair pair = pair()) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            pair.serverToClient.close();
            TlsException e = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(TlsException.Type.CLOSED, e.type());
            assertNull(e.alert());
            assertTrue(e.getMessage().contains("during the handshake"), e.getMessage());
            assertSame(e, assertThrows(TlsException.class, pair.client::negotiate), "the failure is sticky");
        }
    }

    @Test
    void sendCallbackClosedDuringHandshakeIsClosed() {
        try (TestPair pair = pair()) {
            pair.clientToServer.close();
            TlsException e = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(TlsException.Type.CLOSED, e.type());
            assertTrue(e.getMessage().contains("peer closed"), e.getMessage());
        }
    }

    @Test
    void endOfStreamWithoutCloseNotifyIsClosedNotMinusOne() throws Exception {
        try (TestPair pair = pair()) {
            pair.handshake();
            pair.server.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            pair.serverToClient.close();
            ByteBuffer dst = ByteBuffer.allocate(10);
            assertEquals(3, pair.client.recv(dst), "data before the end is still delivered");
            TlsException e = assertThrows(TlsException.class, () -> pair.client.recv(dst));
            assertEquals(TlsException.Type.CLOSED, e.type());
            assertTrue(e.getMessage().contains("without close_notify"), e.getMessage());
        }
    }

    @Test
    void closeNotifyIsMinusOne() throws Exception {
        try (TestPair pair = pair()) {
            pair.handshake();
            assertEquals(Blocked.NOT_BLOCKED, pair.server.shutdownSend());
            assertEquals(-1, pair.client.recv(ByteBuffer.allocate(10)));
            assertEquals(-1, pair.client.recv(ByteBuffer.allocate(10)), "and stays -1");
            // The client may still send after the server's half-close.
            assertEquals(2, pair.client.send(ByteBuffer.wrap(new byte[] {4, 5})));
            ByteBuffer dst = ByteBuffer.allocate(2);
            assertEquals(2, pair.server.recv(dst));
            assertEquals(Blocked.NOT_BLOCKED, pair.client.shutdown());
            assertEquals(Blocked.NOT_BLOCKED, pair.server.shutdown());
        }
    }

    @Test
    void callbackIOExceptionIsIoWithThatCause() throws Exception {
        try (TestPair pair = pair()) {
            pair.handshake();
            IOException boom = new IOException("disk on fire");
            pair.serverToClient.fail(boom);
            TlsException e = assertThrows(TlsException.class, () -> pair.client.recv(ByteBuffer.allocate(10)));
            assertEquals(TlsException.Type.IO, e.type());
            assertSame(boom, e.getCause());
            assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
        }
    }

    @Test
    void callbackIOExceptionDuringHandshakeIsIo() {
        try (TestPair pair = pair()) {
            IOException boom = new IOException("cable cut");
            pair.clientToServer.fail(boom);
            TlsException e = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(TlsException.Type.IO, e.type());
            assertSame(boom, e.getCause());
        }
    }

    /** The Java counterpart of the chapter's SIGPIPE note: a clean error, no hang, nothing else affected. */
    @Test
    void sendAfterThePeerWentAwayOverRealSockets() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                CompletableFuture<Void> serverSide = CompletableFuture.runAsync(() -> {
                    try (SocketChannel s = listener.accept()) {
                        Connection server = new Connection(Mode.SERVER)
                                .setConfig(ChannelIoTest.serverConfig(CERT, SecurityPolicy.named("default")));
                        server.setChannel(s);
                        server.negotiate();
                        // Leave abruptly: a reset, not a close_notify.
                        s.setOption(StandardSocketOptions.SO_LINGER, 0);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                try (SocketChannel socket = SocketChannel.open(listener.getLocalAddress())) {
                    Connection client = new Connection(Mode.CLIENT).setConfig(ChannelIoTest.clientConfig(PKI))
                            .setServerName("localhost");
                    client.setChannel(socket);
                    assertEquals(Blocked.NOT_BLOCKED, client.negotiate());
                    serverSide.get();
                    TlsException e = assertThrows(TlsException.class, () -> {
                        for (int i = 0; i < 10_000; i++) {
                            client.send(ByteBuffer.wrap(new byte[16_000]));
                        }
                    });
                    assertTrue(e.type() == TlsException.Type.IO || e.type() == TlsException.Type.CLOSED, e.toString());
                    assertTrue(e.getMessage().contains("peer closed"), e.getMessage());
                    assertTrue(socket.isOpen(), "our channel is still ours to close");
                }
            }
        });
    }
}
