package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Pipe;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPki;

/** Connections over channels: separate read and write channels, and one write call per flight. */
class ChannelIoTest {

    static Config serverConfig(TestPki.Issued cert, SecurityPolicy policy) {
        return Config.builder().securityPolicy(policy)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
    }

    static Config clientConfig(TestPki pki) {
        return Config.builder().withSystemTrust(false).trustPem(pki.rootPem()).build();
    }

    /** Two java.nio pipes as separate read and write channels, blocking, one thread per side. */
    @Test
    void twoPipesBlockingTwoThreads() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        Pipe clientToServer = Pipe.open();
        Pipe serverToClient = Pipe.open();
        byte[] request = new byte[300_000];
        new Random(7).nextBytes(request);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> server = pool.submit(() -> {
                Connection c = new Connection(Mode.SERVER).setConfig(serverConfig(cert, SecurityPolicy.named("default")));
                c.setReadChannel(clientToServer.source()).setWriteChannel(serverToClient.sink());
                assertEquals(Blocked.NOT_BLOCKED, c.negotiate());
                ByteBuffer in = ByteBuffer.allocate(request.length);
                while (in.hasRemaining()) {
                    assertTrue(c.recv(in) > 0);
                }
                in.flip();
                c.send(in);
                assertEquals(Blocked.NOT_BLOCKED, c.shutdown());
                return in.array();
            });
            Future<byte[]> client = pool.submit(() -> {
                Connection c = new Connection(Mode.CLIENT).setConfig(clientConfig(pki)).setServerName("localhost");
                c.setReadChannel(serverToClient.source()).setWriteChannel(clientToServer.sink());
                assertEquals(Blocked.NOT_BLOCKED, c.negotiate());
                assertEquals(request.length, c.send(ByteBuffer.wrap(request)));
                ByteBuffer back = ByteBuffer.allocate(request.length);
                while (back.hasRemaining()) {
                    assertTrue(c.recv(back) > 0);
                }
                assertEquals(-1, c.recv(ByteBuffer.allocate(1)));
                assertEquals(Blocked.NOT_BLOCKED, c.shutdown());
                return back.array();
            });
            assertArrayEquals(request, server.get(30, TimeUnit.SECONDS));
            assertArrayEquals(request, client.get(30, TimeUnit.SECONDS));
            assertTrue(clientToServer.sink().isOpen() && serverToClient.source().isOpen(),
                    "the library never closes a channel it did not open");
        } finally {
            pool.shutdownNow();
            clientToServer.sink().close();
            clientToServer.source().close();
            serverToClient.sink().close();
            serverToClient.source().close();
        }
    }

    /** A full handshake's server flight leaves in one write call, and so does the client's last flight. */
    @Test
    void oneWriteCallPerFlight() throws Exception {
        assertWriteCalls(SecurityPolicy.named("default"), 2, 1);
    }

    /** With HelloRetryRequest: CH1 | HRR+CCS | CCS+CH2 | SH..Finished | Finished. */
    @Test
    void oneWriteCallPerFlightWithHelloRetry() throws Exception {
        assertWriteCalls(TestPolicies.group("x25519"), 3, 2);
    }

    private static void assertWriteCalls(SecurityPolicy serverPolicy, int clientWrites, int serverWrites) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.RSA_2048);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.RSA_2048, "localhost");
        MemoryPipe up = new MemoryPipe();
        MemoryPipe down = new MemoryPipe();
        CountingChannel clientChannel = new CountingChannel(down, up);
        CountingChannel serverChannel = new CountingChannel(up, down);
        Connection client = new Connection(Mode.CLIENT).setConfig(clientConfig(pki)).setServerName("localhost");
        Connection server = new Connection(Mode.SERVER).setConfig(serverConfig(cert, serverPolicy));
        client.setChannel(clientChannel);
        server.setChannel(serverChannel);
        boolean clientDone = false;
        boolean serverDone = false;
        for (int i = 0; i < 20 && !(clientDone && serverDone); i++) {
            clientDone = clientDone || client.negotiate() == Blocked.NOT_BLOCKED;
            serverDone = serverDone || server.negotiate() == Blocked.NOT_BLOCKED;
        }
        assertTrue(clientDone && serverDone);
        assertEquals(clientWrites, clientChannel.writes, "client write calls");
        assertEquals(serverWrites, serverChannel.writes, "server write calls");
    }

    /** A non-blocking byte channel over two in-memory pipes that counts write calls. */
    static final class CountingChannel implements ByteChannel {
        private final MemoryPipe in;
        private final MemoryPipe out;
        int writes;

        CountingChannel(MemoryPipe in, MemoryPipe out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return in.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            writes++;
            return out.write(src);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
