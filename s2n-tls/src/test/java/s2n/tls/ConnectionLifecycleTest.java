package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.MlKemAssumption;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/** Connection memory and reuse, as the "TLS Connections" chapter describes them. */
class ConnectionLifecycleTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final TestPki.Issued CERT = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");

    private static TestPair pair() {
        return new TestPair(ChannelIoTest.clientConfig(PKI), ChannelIoTest.serverConfig(CERT, SecurityPolicy.named("default")));
    }

    @Test
    void freeHandshakeDropsHandshakeStateAndKeepsEverythingElse() throws Exception {
        try (TestPair pair = pair()) {
            assertThrows(IllegalStateException.class, pair.client::freeHandshake, "not before the handshake");
            pair.handshake();
            assertTrue(pair.client.holdsHandshakeState());
            pair.client.freeHandshake();
            pair.server.freeHandshake();
            assertFalse(pair.client.holdsHandshakeState());
            assertFalse(pair.server.holdsHandshakeState());

            byte[] data = "still flowing".getBytes();
            assertArrayEquals(data, TestPair.transfer(pair.client, pair.server, data));
            assertArrayEquals(data, TestPair.transfer(pair.server, pair.client, data));
            assertEquals(ProtocolVersion.TLS13, pair.client.actualProtocolVersion());
            assertEquals(ProtocolVersion.TLS13, pair.client.clientProtocolVersion());
            assertEquals(ProtocolVersion.TLS13, pair.server.serverProtocolVersion());
            assertEquals("TLS_AES_128_GCM_SHA256", pair.server.cipherSuite());
            // s2n's default prefers the ML-KEM hybrids where the runtime has ML-KEM (JDK 24+).
            assertEquals(MlKemAssumption.AVAILABLE ? "X25519MLKEM768" : "secp256r1", pair.client.keyExchangeGroup());
            assertEquals("ecdsa_secp256r1_sha256", pair.client.signatureScheme());
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", pair.client.handshakeTypeName());
            assertEquals("localhost", pair.server.serverName());
            assertEquals(CERT.leaf(), pair.client.peerCertificates().get(0));
            assertEquals(2, pair.client.peerCertificates().size());
            pair.client.freeHandshake();
        }
    }

    @Test
    void releaseBuffersWhenIdleAndRefusedWithPendingData() throws Exception {
        try (TestPair pair = pair()) {
            pair.handshake();
            assertTrue(pair.server.holdsBuffers());
            pair.server.releaseBuffers();
            pair.client.releaseBuffers();
            assertFalse(pair.server.holdsBuffers());
            assertFalse(pair.client.holdsBuffers());

            byte[] data = new byte[50_000];
            assertArrayEquals(data, TestPair.transfer(pair.client, pair.server, data), "buffers come back on the next IO");
            assertArrayEquals(data, TestPair.transfer(pair.server, pair.client, data));

            // Unread data: a record is buffered and only part of it was read.
            pair.client.send(ByteBuffer.wrap(new byte[100]));
            assertEquals(10, pair.server.recv(ByteBuffer.allocate(10)));
            IllegalStateException unread = assertThrows(IllegalStateException.class, pair.server::releaseBuffers);
            assertTrue(unread.getMessage().contains("unread"), unread.getMessage());
            assertEquals(90, pair.server.recv(ByteBuffer.allocate(100)));
            pair.server.releaseBuffers();

            // Unsent data: the transport would not take it.
            try (TestPair blocked = new TestPair(ChannelIoTest.clientConfig(PKI),
                    ChannelIoTest.serverConfig(CERT, SecurityPolicy.named("default")), MemoryPipe.Behavior.WOULD_BLOCK_FIRST)) {
                blocked.handshake();
                ByteBuffer src = ByteBuffer.wrap(new byte[10]);
                int sent = blocked.client.send(src);
                if (sent == 0) {
                    assertEquals(Blocked.ON_WRITE, blocked.client.blocked());
                    IllegalStateException unsent = assertThrows(IllegalStateException.class, blocked.client::releaseBuffers);
                    assertTrue(unsent.getMessage().contains("unsent"), unsent.getMessage());
                    assertEquals(10, blocked.client.send(src));
                }
                blocked.client.releaseBuffers();
            }
        }
    }

    /** One Connection object, three handshakes with different peers and configs, wiped between them. */
    @Test
    void wipeReusesOneConnectionForThreeDifferentHandshakes() throws Exception {
        Connection client = new Connection(Mode.CLIENT);
        TestPki.KeyType[] keys = {TestPki.KeyType.ECDSA_P256, TestPki.KeyType.RSA_2048, TestPki.KeyType.ED25519};
        String[] alpn = {"h2", "http/1.1", "acme-tls/1"};
        for (int round = 0; round < 3; round++) {
            TestPki pki = TestPki.shared(keys[round]);
            TestPki.Issued cert = pki.issue(keys[round], "localhost");
            Config clientConfig = Config.builder().withSystemTrust(false).trustPem(pki.rootPem())
                    .applicationProtocols(alpn[round]).build();
            Config serverConfig = Config.builder().applicationProtocols(alpn[round])
                    .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
            Connection server = new Connection(Mode.SERVER);
            TestPair pair = new TestPair(client, server, clientConfig, serverConfig, MemoryPipe.Behavior.NORMAL);
            pair.handshake();
            assertEquals(alpn[round], client.applicationProtocol());
            assertEquals(cert.leaf(), client.peerCertificates().get(0));
            byte[] data = ("round " + round).getBytes();
            assertArrayEquals(data, TestPair.transfer(client, server, data));

            List<byte[]> secrets = client.secretArrays();
            assertTrue(secrets.size() >= 8, "both directions' traffic secrets, keys and IVs: " + secrets.size());
            assertTrue(secrets.stream().anyMatch(s -> !allZero(s)), "live secrets are not zero");
            client.wipe();
            for (byte[] s : secrets) {
                assertTrue(allZero(s), "every secret array is zero after wipe()");
            }
            assertEquals(ProtocolVersion.UNKNOWN, client.actualProtocolVersion());
            assertNull(client.cipherSuite());
            assertEquals("INITIAL", client.handshakeTypeName());
            assertTrue(client.peerCertificates().isEmpty());
            server.close();
        }
        client.close();
    }

    @Test
    void closeZeroesSecretsAndRefusesFurtherUse() throws Exception {
        TestPair pair = pair();
        pair.handshake();
        List<byte[]> secrets = pair.server.secretArrays();
        pair.server.close();
        for (byte[] s : secrets) {
            assertTrue(allZero(s), "every secret array is zero after close()");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, pair.server::negotiate);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> pair.server.send(ByteBuffer.allocate(1)));
        assertThrows(IllegalStateException.class, () -> pair.server.recv(ByteBuffer.allocate(1)));
        assertThrows(IllegalStateException.class, pair.server::wipe);
        pair.server.close();
        pair.client.close();
    }

    @Test
    void usageMistakesSayWhatToDo() {
        Connection c = new Connection(Mode.CLIENT);
        IllegalStateException noIo = assertThrows(IllegalStateException.class, c::negotiate);
        assertTrue(noIo.getMessage().contains("setChannel"), noIo.getMessage());
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> c.send(ByteBuffer.allocate(1)));
        assertTrue(early.getMessage().contains("negotiate()"), early.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Connection(null));
        assertThrows(IllegalArgumentException.class, () -> c.setConfig(null));
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
