package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.internal.record.RecordLimits;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * TLS 1.3 KeyUpdate between our own client and server (RFC 8446 §4.6.3, §5.5, §7.2): asked for
 * by either side with or without update_requested, by both at once, and forced by the record
 * limit; data must flow intact afterwards (a side that switched keys alone would meet
 * bad_record_mac) and the counts must match on both sides. What goes on the wire, byte by byte, is
 * in {@link KeyUpdateWireTest}.
 */
class KeyUpdateTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final TestPki.Issued CERT = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");

    static Config client(SecurityPolicy policy) {
        return Config.builder().withSystemTrust(false).trustPem(PKI.rootPem()).securityPolicy(policy)
                .maxBlindingDelay(Duration.ZERO).build();
    }

    static Config server(SecurityPolicy policy) {
        return Config.builder().certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem()))
                .securityPolicy(policy).maxBlindingDelay(Duration.ZERO).build();
    }

    private static TestPair established() throws TlsException {
        return established(MemoryPipe.Behavior.NORMAL);
    }

    private static TestPair established(MemoryPipe.Behavior behavior) throws TlsException {
        SecurityPolicy policy = SecurityPolicy.named("default");
        TestPair pair = new TestPair(new Connection(Mode.CLIENT), new Connection(Mode.SERVER), client(policy),
                server(policy), behavior);
        pair.handshake();
        assertEquals(ProtocolVersion.TLS13, pair.client.actualProtocolVersion());
        return pair;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Data one way and back, checked byte for byte. */
    private static void exchange(TestPair pair, int seed) throws TlsException {
        byte[] up = bytes(3000, seed);
        assertArrayEquals(up, TestPair.transfer(pair.client, pair.server, up));
        byte[] down = bytes(3000, seed + 1);
        assertArrayEquals(down, TestPair.transfer(pair.server, pair.client, down));
    }

    private static void assertCounts(Connection conn, long sent, long received) {
        assertEquals(sent, conn.keyUpdatesSent(), conn.mode() + " KeyUpdates sent");
        assertEquals(received, conn.keyUpdatesReceived(), conn.mode() + " KeyUpdates received");
    }

    private static Connection side(TestPair pair, Mode mode) {
        return mode == Mode.CLIENT ? pair.client : pair.server;
    }

    private static Connection other(TestPair pair, Mode mode) {
        return mode == Mode.CLIENT ? pair.server : pair.client;
    }

    /** Without update_requested: only the asking side's key changes; the peer does not answer. */
    @ParameterizedTest(name = "{0} asks")
    @EnumSource(Mode.class)
    void updateWithoutRequest(Mode mode) throws Exception {
        try (TestPair pair = established()) {
            Connection us = side(pair, mode);
            Connection peer = other(pair, mode);
            exchange(pair, 1);
            us.requestKeyUpdate(false);
            assertCounts(us, 0, 0);
            byte[] data = bytes(5000, 2);
            assertArrayEquals(data, TestPair.transfer(us, peer, data));
            assertCounts(us, 1, 0);
            assertCounts(peer, 0, 1);
            byte[] back = bytes(5000, 3);
            assertArrayEquals(back, TestPair.transfer(peer, us, back));
            exchange(pair, 4);
            assertCounts(us, 1, 0);
            assertCounts(peer, 0, 1);
        }
    }

    /** With update_requested: the peer answers once, before its next data; its answer is not answered. */
    @ParameterizedTest(name = "{0} asks")
    @EnumSource(Mode.class)
    void updateWithRequest(Mode mode) throws Exception {
        try (TestPair pair = established()) {
            Connection us = side(pair, mode);
            Connection peer = other(pair, mode);
            us.requestKeyUpdate(true);
            byte[] data = bytes(5000, 5);
            assertArrayEquals(data, TestPair.transfer(us, peer, data));
            assertCounts(us, 1, 0);
            assertCounts(peer, 0, 1);
            byte[] back = bytes(5000, 6);
            assertArrayEquals(back, TestPair.transfer(peer, us, back));
            assertCounts(peer, 1, 1);
            assertCounts(us, 1, 1);
            // Our side read the answer (update_not_requested): it owes nothing.
            exchange(pair, 7);
            exchange(pair, 8);
            assertCounts(pair.client, 1, 1);
            assertCounts(pair.server, 1, 1);
        }
    }

    /** Several calls before the next record make one KeyUpdate; the request wins over no request. */
    @Test
    void callsBeforeTheNextRecordMakeOneKeyUpdate() throws Exception {
        try (TestPair pair = established()) {
            pair.client.requestKeyUpdate(false);
            pair.client.requestKeyUpdate(true);
            pair.client.requestKeyUpdate(false);
            exchange(pair, 9);
            assertCounts(pair.client, 1, 1);
            assertCounts(pair.server, 1, 1);
        }
    }

    /**
     * Like s2n, the KeyUpdate waits for application data: a send with nothing to send, a recv and
     * close_notify do not carry it.
     */
    @Test
    void theKeyUpdateGoesOutWithTheNextApplicationData() throws Exception {
        try (TestPair pair = established()) {
            pair.client.requestKeyUpdate(true);
            long wire = pair.client.wireBytesOut();
            assertEquals(0, pair.client.send(ByteBuffer.allocate(0)));
            assertEquals(0, pair.client.recv(ByteBuffer.allocate(10)));
            assertEquals(wire, pair.client.wireBytesOut(), "nothing was written");
            assertCounts(pair.client, 0, 0);
            exchange(pair, 10);
            assertCounts(pair.client, 1, 1);
            assertCounts(pair.server, 1, 1);
        }
    }

    /**
     * Both sides ask (update_requested) and the requests cross in flight: each side then answers
     * the other's request, and each key moves two generations (RFC 8446 §4.6.3, last paragraph).
     */
    @Test
    void requestsThatCrossAreEachAnsweredOnce() throws Exception {
        try (TestPair pair = established()) {
            pair.client.requestKeyUpdate(true);
            pair.server.requestKeyUpdate(true);
            byte[] up = bytes(2000, 11);
            byte[] down = bytes(2000, 12);
            // Both send before either reads: both KeyUpdate(update_requested) are on the wire.
            assertEquals(up.length, pair.client.send(ByteBuffer.wrap(up)));
            assertEquals(down.length, pair.server.send(ByteBuffer.wrap(down)));
            assertCounts(pair.client, 1, 0);
            assertCounts(pair.server, 1, 0);
            assertArrayEquals(up, receive(pair.server, up.length));
            assertArrayEquals(down, receive(pair.client, down.length));
            assertCounts(pair.client, 1, 1);
            assertCounts(pair.server, 1, 1);
            exchange(pair, 13);
            assertCounts(pair.client, 2, 2);
            assertCounts(pair.server, 2, 2);
            exchange(pair, 14);
            assertCounts(pair.client, 2, 2);
            assertCounts(pair.server, 2, 2);
        }
    }

    /**
     * Both sides ask, but the server reads the client's request before its own KeyUpdate went out:
     * one KeyUpdate answers the client and serves the server's own wish (the client's key has just
     * changed), so each key moves once.
     */
    @Test
    void aRequestThatArrivesBeforeOursIsAnsweredByOurOneKeyUpdate() throws Exception {
        try (TestPair pair = established()) {
            pair.client.requestKeyUpdate(true);
            pair.server.requestKeyUpdate(true);
            exchange(pair, 15);
            assertCounts(pair.client, 1, 1);
            assertCounts(pair.server, 1, 1);
            exchange(pair, 16);
            assertCounts(pair.client, 1, 1);
            assertCounts(pair.server, 1, 1);
        }
    }

    /**
     * The server owes an answer and then asks for the client's update too: the answer must say
     * update_not_requested (RFC 8446 §4.6.3), so the server sends two KeyUpdates, and the client
     * answers the second.
     */
    @Test
    void aRequestAfterAnUnansweredOneSendsTheAnswerThenTheRequest() throws Exception {
        try (TestPair pair = established()) {
            pair.client.requestKeyUpdate(true);
            byte[] up = bytes(1000, 17);
            assertArrayEquals(up, TestPair.transfer(pair.client, pair.server, up));
            pair.server.requestKeyUpdate(true);
            exchange(pair, 18);
            assertCounts(pair.server, 2, 1);
            assertCounts(pair.client, 1, 2);
            // The client answers the server's request with its next record.
            exchange(pair, 19);
            assertCounts(pair.server, 2, 2);
            assertCounts(pair.client, 2, 2);
            exchange(pair, 20);
            assertCounts(pair.server, 2, 2);
            assertCounts(pair.client, 2, 2);
        }
    }

    /** A peer's many requests while we are silent get one answer (RFC 8446 §4.6.3). */
    @Test
    void manyRequestsWhileSilentGetOneAnswer() throws Exception {
        try (TestPair pair = established()) {
            for (int i = 0; i < 5; i++) {
                pair.client.requestKeyUpdate(true);
                byte[] up = bytes(100, 20 + i);
                assertArrayEquals(up, TestPair.transfer(pair.client, pair.server, up));
            }
            assertCounts(pair.client, 5, 0);
            assertCounts(pair.server, 0, 5);
            byte[] down = bytes(100, 30);
            assertArrayEquals(down, TestPair.transfer(pair.server, pair.client, down));
            assertCounts(pair.server, 1, 5);
            assertCounts(pair.client, 5, 1);
        }
    }

    /**
     * RFC 8446 §5.5 with a tiny limit: a key seals at most 4 records, the last its KeyUpdate. 50 full
     * records each way (three per key) take 16 KeyUpdates each way, sent without being asked for;
     * the data arrives intact.
     */
    @Test
    void theRecordLimitUpdatesTheKeyOnItsOwn() throws Exception {
        try (TestPair pair = established()) {
            pair.client.overrideRecordLimit(4);
            pair.server.overrideRecordLimit(4);
            byte[] up = bytes(50 * RecordLimits.MAX_PLAINTEXT, 40);
            assertArrayEquals(up, TestPair.transfer(pair.client, pair.server, up));
            assertCounts(pair.client, 16, 0);
            assertCounts(pair.server, 0, 16);
            byte[] down = bytes(50 * RecordLimits.MAX_PLAINTEXT, 41);
            assertArrayEquals(down, TestPair.transfer(pair.server, pair.client, down));
            assertCounts(pair.server, 16, 16);
            assertCounts(pair.client, 16, 16);
        }
    }

    /** The limit and a request due at the same record make one KeyUpdate. */
    @Test
    void theRecordLimitAndARequestShareOneKeyUpdate() throws Exception {
        try (TestPair pair = established()) {
            pair.client.overrideRecordLimit(2);
            byte[] one = bytes(100, 42);
            assertArrayEquals(one, TestPair.transfer(pair.client, pair.server, one));
            assertCounts(pair.client, 0, 0);
            // The key has sealed one record of its two: the next is its KeyUpdate either way.
            pair.client.requestKeyUpdate(true);
            assertArrayEquals(one, TestPair.transfer(pair.client, pair.server, one));
            assertCounts(pair.client, 1, 0);
            assertCounts(pair.server, 0, 1);
            assertArrayEquals(one, TestPair.transfer(pair.server, pair.client, one));
            assertCounts(pair.server, 1, 1);
            assertCounts(pair.client, 1, 1);
        }
    }

    /** Transports that move one byte at a time, block, and write partially: the KeyUpdate and its record still arrive. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MemoryPipe.Behavior.class, names = {"ONE_BYTE", "WOULD_BLOCK_FIRST", "PARTIAL_WRITES", "HOSTILE"})
    void hostileTransports(MemoryPipe.Behavior behavior) throws Exception {
        try (TestPair pair = established(behavior)) {
            pair.client.overrideRecordLimit(3);
            pair.server.requestKeyUpdate(true);
            byte[] down = bytes(20_000, 43);
            assertArrayEquals(down, TestPair.transfer(pair.server, pair.client, down));
            byte[] up = bytes(5 * RecordLimits.MAX_PLAINTEXT, 44);
            assertArrayEquals(up, TestPair.transfer(pair.client, pair.server, up));
            // The client's answer went out with its first record, then two more for the limit
            // (5 records, at most two per key).
            assertCounts(pair.client, 3, 1);
            assertCounts(pair.server, 1, 3);
        }
    }

    /**
     * Full duplex over blocking pipes, one thread sending and one receiving on each side, while a
     * third thread keeps asking both sides for KeyUpdates (DESIGN.md's threading rule plus
     * requestKeyUpdate from anywhere). Every KeyUpdate precedes data, so once each receiver has all
     * its data each side has read every KeyUpdate the other sent.
     */
    @Test
    void requestsFromAnotherThreadDuringFullDuplexTraffic() throws Exception {
        SecurityPolicy policy = SecurityPolicy.named("default");
        Pipe up = Pipe.open();
        Pipe down = Pipe.open();
        Connection client = new Connection(Mode.CLIENT).setConfig(client(policy)).setServerName("localhost");
        Connection server = new Connection(Mode.SERVER).setConfig(server(policy));
        client.setReadChannel(down.source()).setWriteChannel(up.sink());
        server.setReadChannel(up.source()).setWriteChannel(down.sink());
        byte[] toServer = bytes(1_000_000, 50);
        byte[] toClient = bytes(1_000_000, 51);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Blocked> serverHandshake = pool.submit(server::negotiate);
            assertEquals(Blocked.NOT_BLOCKED, client.negotiate());
            assertEquals(Blocked.NOT_BLOCKED, serverHandshake.get(30, TimeUnit.SECONDS));
            Future<?> clientSends = pool.submit(() -> sendInPieces(client, toServer));
            Future<?> serverSends = pool.submit(() -> sendInPieces(server, toClient));
            Future<byte[]> serverReads = pool.submit(() -> receive(server, toServer.length));
            Future<byte[]> clientReads = pool.submit(() -> receive(client, toClient.length));
            for (int i = 0; !(clientSends.isDone() && serverSends.isDone()); i++) {
                (i % 2 == 0 ? client : server).requestKeyUpdate(i % 3 == 0);
                Thread.sleep(1);
            }
            clientSends.get(30, TimeUnit.SECONDS);
            serverSends.get(30, TimeUnit.SECONDS);
            assertArrayEquals(toServer, serverReads.get(30, TimeUnit.SECONDS));
            assertArrayEquals(toClient, clientReads.get(30, TimeUnit.SECONDS));
            assertTrue(client.keyUpdatesSent() > 0 && server.keyUpdatesSent() > 0,
                    client.keyUpdatesSent() + " and " + server.keyUpdatesSent() + " KeyUpdates sent");
            assertEquals(client.keyUpdatesSent(), server.keyUpdatesReceived());
            assertEquals(server.keyUpdatesSent(), client.keyUpdatesReceived());
        } finally {
            pool.shutdownNow();
            client.close();
            server.close();
            for (Pipe p : new Pipe[] {up, down}) {
                p.sink().close();
                p.source().close();
            }
        }
    }

    /** Sends {@code data} a kilobyte at a time over a blocking channel: a thousand records. */
    private static Void sendInPieces(Connection conn, byte[] data) throws TlsException {
        for (int at = 0; at < data.length; at += 1000) {
            ByteBuffer piece = ByteBuffer.wrap(data, at, Math.min(1000, data.length - at));
            while (piece.hasRemaining()) {
                conn.send(piece);
            }
        }
        return null;
    }

    @Test
    void beforeTheHandshakeIsAUsageError() throws Exception {
        Connection fresh = new Connection(Mode.CLIENT);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fresh.requestKeyUpdate(false));
        assertTrue(e.getMessage().contains("before the handshake completed"), e.getMessage());
        SecurityPolicy policy = SecurityPolicy.named("default");
        try (TestPair pair = new TestPair(client(policy), server(policy))) {
            pair.client.negotiate();
            assertThrows(IllegalStateException.class, () -> pair.client.requestKeyUpdate(true));
            pair.server.negotiate();
            assertThrows(IllegalStateException.class, () -> pair.server.requestKeyUpdate(true));
            pair.handshake();
            exchange(pair, 45);
            assertCounts(pair.client, 0, 0);
            assertCounts(pair.server, 0, 0);
        }
    }

    /** TLS 1.2 has no KeyUpdate: asking is a usage error, and the counts stay zero. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void tls12IsAUsageError(Mode mode) throws Exception {
        SecurityPolicy tls12 = SecurityPolicy.named("20240501");
        try (TestPair pair = new TestPair(client(tls12), server(tls12))) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS12, pair.client.actualProtocolVersion());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> side(pair, mode).requestKeyUpdate(true));
            assertTrue(e.getMessage().contains("TLS 1.3"), e.getMessage());
            exchange(pair, 46);
            assertCounts(pair.client, 0, 0);
            assertCounts(pair.server, 0, 0);
        }
    }

    @ParameterizedTest(name = "after shutdownSend: {0}")
    @ValueSource(booleans = {false, true})
    void afterShutdownIsAUsageError(boolean request) throws Exception {
        try (TestPair pair = established()) {
            pair.client.shutdownSend();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> pair.client.requestKeyUpdate(request));
            assertTrue(e.getMessage().contains("after shutdown"), e.getMessage());
            // The other direction still works, and the server may still update its key.
            assertEquals(-1, pair.server.recv(ByteBuffer.allocate(10)));
            pair.server.requestKeyUpdate(request);
            byte[] down = bytes(100, 47);
            assertArrayEquals(down, TestPair.transfer(pair.server, pair.client, down));
            assertCounts(pair.server, 1, 0);
            // A closed client no longer answers a request.
            assertCounts(pair.client, 0, 1);
        }
    }

    @Test
    void afterCloseIsAUsageError() throws Exception {
        TestPair pair = established();
        pair.close();
        assertThrows(IllegalStateException.class, () -> pair.client.requestKeyUpdate(false));
    }

    /** The counts belong to one connection: wipe() forgets them, and a new handshake starts from zero. */
    @Test
    void wipeResetsTheCounts() throws Exception {
        SecurityPolicy policy = SecurityPolicy.named("default");
        try (TestPair pair = established()) {
            pair.client.requestKeyUpdate(true);
            exchange(pair, 48);
            assertCounts(pair.client, 1, 1);
            pair.client.wipe();
            pair.server.wipe();
            assertCounts(pair.client, 0, 0);
            try (TestPair again = new TestPair(pair.client, pair.server, client(policy), server(policy),
                    MemoryPipe.Behavior.NORMAL)) {
                again.handshake();
                exchange(again, 49);
                assertCounts(again.client, 0, 0);
                assertCounts(again.server, 0, 0);
            }
        }
    }

    /** A failed connection raises its failure, as every later call does. */
    @Test
    void afterAFailureTheFailureIsRaised() throws Exception {
        try (TestPair pair = established()) {
            // Garbage where the client expects a record: the client fails.
            pair.serverToClient.inject(new byte[] {99, 3, 3, 0, 1, 0});
            TlsException first = assertThrows(TlsException.class, () -> pair.client.recv(ByteBuffer.allocate(10)));
            assertSame(first, assertThrows(TlsException.class, () -> pair.client.requestKeyUpdate(true)));
        }
    }

    /** Receives {@code length} bytes: in memory a bounded number of tries, over a blocking channel until they are in. */
    private static byte[] receive(Connection conn, int length) throws TlsException {
        ByteBuffer dst = ByteBuffer.allocate(length);
        for (int i = 0; dst.hasRemaining() && i < 1_000_000; i++) {
            if (conn.recv(dst) < 0) {
                throw new AssertionError("closed after " + dst.position() + " of " + length + " bytes");
            }
        }
        return dst.array();
    }
}
