package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/** The public API's defaults and the calls other tests do not reach directly. */
class PublicApiTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final TestPki.Issued CERT = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");

    private static Config server() {
        return Config.builder().maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem())).build();
    }

    /** The default config: policy "default", the JDK's trust store, verification on; used when none is set. */
    @Test
    void defaultConfigTrustsOnlyTheJdkStoreAndVerifies() throws Exception {
        Config d = Config.defaultConfig();
        assertSame(d, Config.defaultConfig(), "built once");
        assertEquals("default", d.securityPolicy().name());
        assertFalse(d.isX509VerificationDisabled());
        assertTrue(d.certificateChainAndKeys().isEmpty());
        assertTrue(d.applicationProtocols().isEmpty());

        Connection client = new Connection(Mode.CLIENT);
        assertSame(d, client.config());
        // Our test CA is not in the JDK's trust store, so the default config must refuse it.
        Connection server = new Connection(Mode.SERVER).setConfig(server());
        TestPair pair = new TestPair(client, server, d, server(), MemoryPipe.Behavior.NORMAL);
        TlsException e = assertThrows(TlsException.class, pair::handshake);
        assertEquals(TlsException.Type.PROTOCOL, e.type());
        assertEquals(Alert.UNKNOWN_CA, e.alert());
    }

    @Test
    void trustStoreAndTrustCertificatesAreTrusted() throws Exception {
        for (Config client : new Config[] {
            Config.builder().withSystemTrust(false).trustStore(TestPki.trustStore(PKI.root())).build(),
            Config.builder().withSystemTrust(false).trustCertificates(PKI.root()).build(),
            Config.builder().trustPem(PKI.rootPem()).build(), // in addition to the JDK's store
        }) {
            try (TestPair pair = new TestPair(client, server())) {
                pair.handshake();
                assertEquals(ProtocolVersion.TLS13, pair.client.actualProtocolVersion());
            }
        }
    }

    @Test
    void disabledVerificationAcceptsAnyCertificateButStillChecksTheSignature() throws Exception {
        TestPki other = TestPki.create(TestPki.KeyType.ECDSA_P256, "Somebody Else's CA");
        TestPki.Issued stranger = other.issue(TestPki.KeyType.ECDSA_P256, "example.org");
        Config server = Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(stranger.chainPem(), stranger.keyPem())).build();
        try (TestPair pair = new TestPair(Config.builder().disableX509Verification().build(), server)) {
            pair.handshake();
            assertEquals(stranger.leaf(), pair.client.peerCertificates().get(0));
        }
    }

    /** send(ByteBuffer[]) sends every remaining byte of every buffer, in order, gathering small ones into records. */
    @Test
    void sendOfManyBuffersIsOneStreamInOrder() throws Exception {
        try (TestPair pair = new TestPair(Config.builder().withSystemTrust(false).trustPem(PKI.rootPem()).build(), server())) {
            pair.handshake();
            Random random = new Random(3);
            ByteBuffer[] srcs = new ByteBuffer[200];
            int total = 0;
            for (int i = 0; i < srcs.length; i++) {
                byte[] b = new byte[i % 7 == 0 ? 20_000 : random.nextInt(50)];
                random.nextBytes(b);
                srcs[i] = ByteBuffer.wrap(b);
                total += b.length;
            }
            ByteBuffer expected = ByteBuffer.allocate(total);
            for (ByteBuffer s : srcs) {
                expected.put(s.duplicate());
            }
            long before = pair.client.wireBytesOut();
            assertEquals(total, pair.client.send(srcs));
            for (ByteBuffer s : srcs) {
                assertFalse(s.hasRemaining(), "every buffer's position is at its limit");
            }
            // Gathered: far fewer records than buffers (each record costs 22 bytes of overhead).
            long overhead = pair.client.wireBytesOut() - before - total;
            assertTrue(overhead < 60 * 22, "records: about " + overhead / 22);

            ByteBuffer received = ByteBuffer.allocate(total);
            while (received.hasRemaining()) {
                pair.server.recv(received);
            }
            assertArrayEquals(expected.array(), received.array());
        }
    }

    @Test
    void peekCountsDecryptedBytesNotYetRead() throws Exception {
        try (TestPair pair = new TestPair(Config.builder().withSystemTrust(false).trustPem(PKI.rootPem()).build(), server())) {
            pair.handshake();
            assertEquals(0, pair.server.peek());
            pair.client.send(ByteBuffer.wrap(new byte[100]));
            assertEquals(30, pair.server.recv(ByteBuffer.allocate(30)));
            assertEquals(70, pair.server.peek());
            assertEquals(70, pair.server.recv(ByteBuffer.allocate(100)));
            assertEquals(0, pair.server.peek());
        }
    }

    @Test
    void misuseSaysWhatToDoInstead() throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Config.builder().securityPolicy("no-such-policy"));
        assertTrue(unknown.getMessage().contains("default_tls13"), "lists the known names: " + unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CertificateChainAndKey.fromPem("not pem", CERT.keyPem()));
        TestPki.Issued other = PKI.issue(TestPki.KeyType.RSA_2048, "localhost");
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> CertificateChainAndKey.fromPem(CERT.chainPem(), other.keyPem()));
        assertTrue(mismatch.getMessage().contains("does not belong"), mismatch.getMessage());
        try (TestPair pair = new TestPair(Config.builder().withSystemTrust(false).trustPem(PKI.rootPem()).build(), server())) {
            pair.handshake();
            IllegalStateException late = assertThrows(IllegalStateException.class, () -> pair.client.setServerName("x"));
            assertTrue(late.getMessage().contains("before negotiate()"), late.getMessage());
            assertEquals(Blocked.NOT_BLOCKED, pair.client.shutdownSend());
            IllegalStateException afterShutdown = assertThrows(IllegalStateException.class,
                    () -> pair.client.send(ByteBuffer.allocate(1)));
            assertTrue(afterShutdown.getMessage().contains("shutdown"), afterShutdown.getMessage());
        }
    }
}
