package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * #13 item 4, s2n's client hello callback: it sees the ClientHello's fields once per connection,
 * can swap the config (a certificate per server name), reject the handshake, or pause it until
 * the application calls {@code clientHelloDone()}.
 */
class ClientHelloCallbackTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final TestPki.Issued LOCALHOST = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");
    private static final TestPki.Issued OTHER = PKI.issue(TestPki.KeyType.ECDSA_P256, "other.example");

    private static Config.Builder server(TestPki.Issued cert) {
        return Config.builder().maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem()));
    }

    private static Config client() {
        return Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false).trustPem(PKI.rootPem())
                .applicationProtocols("h2", "http/1.1").build();
    }

    @Test
    void theCallbackSeesTheClientHelloOnce() throws Exception {
        List<ClientHelloInfo> seen = new ArrayList<>();
        // secp384r1 only: the client's first shares draw a HelloRetryRequest, and still one call.
        Config server = server(LOCALHOST).securityPolicy(TestPolicies.group("secp384r1")).clientHelloCallback((conn, hello) -> {
            seen.add(hello);
            return ClientHelloCallback.Result.CONTINUE;
        }).build();
        try (TestPair pair = new TestPair(client(), server)) {
            pair.handshake();
            assertTrue(pair.server.handshakeTypeName().contains("HELLO_RETRY_REQUEST"));
        }
        assertEquals(1, seen.size());
        ClientHelloInfo hello = seen.get(0);
        assertEquals("localhost", hello.serverName());
        assertEquals(List.of("h2", "http/1.1"), hello.applicationProtocols());
        assertTrue(hello.cipherSuites().contains(0x1301), hello.toString());
        assertTrue(hello.supportedVersions().contains(0x0304));
        assertTrue(hello.supportedGroups().contains(0x0017));
        assertEquals(0x0303, hello.legacyVersion());
        assertEquals(32, hello.sessionId().length);
        assertTrue(hello.extensionTypes().contains(0), "server_name");
        assertArrayEquals(new byte[] {0, 0, 9, 'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't'},
                java.util.Arrays.copyOfRange(hello.extension(0), 2, 14));
        assertEquals(1, hello.rawMessage()[0], "the raw message starts with its handshake type");
    }

    @Test
    void theCallbackCanSwapTheConfigByServerName() throws Exception {
        Config other = server(OTHER).build();
        Config server = server(LOCALHOST).clientHelloCallback((conn, hello) -> {
            if ("other.example".equals(hello.serverName())) {
                conn.setConfig(other);
            }
            return ClientHelloCallback.Result.CONTINUE;
        }).build();
        try (TestPair pair = new TestPair(client(), server)) {
            pair.client.setServerName("other.example");
            pair.handshake();
            assertEquals(OTHER.leaf(), pair.client.peerCertificates().get(0));
            assertTrue(pair.server.config() == other);
        }
        try (TestPair pair = new TestPair(client(), server)) {
            pair.handshake();
            assertEquals(LOCALHOST.leaf(), pair.client.peerCertificates().get(0));
        }
    }

    @Test
    void rejectEndsTheHandshakeWithHandshakeFailure() throws Exception {
        Config server = server(LOCALHOST).clientHelloCallback((conn, hello) -> ClientHelloCallback.Result.REJECT).build();
        try (TestPair pair = new TestPair(client(), server)) {
            pair.client.negotiate();
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(Alert.HANDSHAKE_FAILURE, e.alert(), e.getMessage());
            TlsException peer = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(Alert.HANDSHAKE_FAILURE, peer.alert(), peer.getMessage());
        }
    }

    @Test
    void pauseWaitsForClientHelloDone() throws Exception {
        AtomicReference<Connection> paused = new AtomicReference<>();
        Config other = server(OTHER).build();
        Config server = server(LOCALHOST).clientHelloCallback((conn, hello) -> {
            paused.set(conn);
            return ClientHelloCallback.Result.PAUSE;
        }).build();
        try (TestPair pair = new TestPair(client(), server)) {
            pair.client.setServerName("other.example");
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            assertEquals(Blocked.ON_APPLICATION_INPUT, pair.server.negotiate());
            assertEquals(Blocked.ON_APPLICATION_INPUT, pair.server.negotiate(), "still paused");
            assertEquals(Blocked.ON_APPLICATION_INPUT, pair.server.blocked());
            // What an application does while paused: look something up, pick a config, resume.
            Thread resumer = new Thread(() -> {
                paused.get().setConfig(other);
                paused.get().clientHelloDone();
            });
            resumer.start();
            resumer.join();
            pair.handshake();
            assertEquals(OTHER.leaf(), pair.client.peerCertificates().get(0));
            assertThrows(IllegalStateException.class, pair.server::clientHelloDone, "not paused any more");
        }
    }

    @Test
    void setConfigOutsideTheCallbackStaysRefusedOnceStarted() throws Exception {
        Config server = server(LOCALHOST).clientHelloCallback((conn, hello) -> ClientHelloCallback.Result.CONTINUE).build();
        try (TestPair pair = new TestPair(client(), server)) {
            pair.handshake();
            assertThrows(IllegalStateException.class, () -> pair.server.setConfig(server));
            assertThrows(IllegalStateException.class, pair.server::clientHelloDone);
        }
    }

    @Test
    void aCallbackThatThrowsIsAnInternalError() throws Exception {
        Config server = server(LOCALHOST).clientHelloCallback((conn, hello) -> {
            throw new IllegalStateException("application bug");
        }).build();
        try (TestPair pair = new TestPair(client(), server)) {
            pair.client.negotiate();
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(Alert.INTERNAL_ERROR, e.alert(), e.getMessage());
        }
    }
}
