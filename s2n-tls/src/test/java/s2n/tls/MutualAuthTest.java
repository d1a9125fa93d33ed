package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * Certificate-based client authentication between our own client and server, in TLS 1.3
 * (RFC 8446 §4.3.2, §4.4.2, §4.4.3) and TLS 1.2 (RFC 5246 §7.4.4, §7.4.6, §7.4.8): s2n's
 * {@code S2N_CERT_AUTH_NONE/OPTIONAL/REQUIRED} on each side, the handshake types they produce,
 * what each side learns, and the alert for each refusal. Tampered and malformed client flights
 * from a raw peer: {@code hostile.NegativeMutualAuthTest}; real peers: {@code interop.InteropMutualAuthTest}.
 */
class MutualAuthTest {
    /** TLS 1.3 only, and TLS 1.2 only. */
    static final String TLS13 = "default_tls13";
    static final String TLS12 = "20240501";

    static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    static final TestPki.Issued SERVER = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");

    static Config.Builder base(String policy) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(SecurityPolicy.named(policy));
    }

    static Config server(String policy, ClientAuth auth) {
        return base(policy).clientAuth(auth).withSystemTrust(false).trustPem(PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(SERVER.chainPem(), SERVER.keyPem())).build();
    }

    static Config.Builder client(String policy, TestPki.Issued cert) {
        Config.Builder b = base(policy).withSystemTrust(false).trustPem(PKI.rootPem());
        if (cert != null) {
            b.certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem()));
        }
        return b;
    }

    static TestPki.Issued clientCert(TestPki.KeyType type) {
        return PKI.issueWithoutServerAuth(type, "client.example");
    }

    private static String expectedType(String policy, boolean noClientCert) {
        String auth = noClientCert ? "CLIENT_AUTH|NO_CLIENT_CERT" : "CLIENT_AUTH";
        return TLS13.equals(policy)
                ? "NEGOTIATED|FULL_HANDSHAKE|" + auth + "|MIDDLEBOX_COMPAT"
                : "NEGOTIATED|FULL_HANDSHAKE|" + auth + "|TLS12_PERFECT_FORWARD_SECRECY";
    }

    private static void assertFails(Connection c, TlsException.Type type, Alert alert) {
        TlsException e = assertThrows(TlsException.class, c::negotiate);
        assertEquals(type, e.type(), e.getMessage());
        assertEquals(alert, e.alert(), e.getMessage());
    }

    /**
     * The other side reads the alert: in its handshake, or (a TLS 1.3 client, done once it sent
     * its Finished, RFC 8446 §4.4.4) in its first read.
     */
    private static void assertPeerReceives(Connection c, Alert alert) {
        TlsException e = assertThrows(TlsException.class, () -> {
            if (c.isHandshakeComplete()) {
                c.recv(java.nio.ByteBuffer.allocate(16));
            } else {
                c.negotiate();
            }
        });
        assertEquals(TlsException.Type.ALERT, e.type(), e.getMessage());
        assertEquals(alert, e.alert(), e.getMessage());
    }

    /** Drives the pair until the detecting side throws {@code alert}; the other side must then receive it. */
    private static void failHandshake(TestPair pair, Alert alert, boolean serverDetects) {
        Connection detector = serverDetects ? pair.server : pair.client;
        Connection other = serverDetects ? pair.client : pair.server;
        for (int i = 0; i < 20; i++) {
            try {
                Blocked c = serverDetects ? other.negotiate() : detector.negotiate();
                Blocked s = serverDetects ? detector.negotiate() : other.negotiate();
                if (c == Blocked.NOT_BLOCKED && s == Blocked.NOT_BLOCKED) {
                    throw new AssertionError("handshake completed; expected " + alert);
                }
            } catch (TlsException e) {
                assertEquals(TlsException.Type.PROTOCOL, e.type(), e.getMessage());
                assertEquals(alert, e.alert(), e.getMessage());
                assertPeerReceives(other, alert);
                return;
            }
        }
        throw new AssertionError("neither side failed");
    }

    @ParameterizedTest(name = "{0}: REQUIRED server, client presents {1}")
    @CsvSource({
        TLS13 + ", ECDSA_P256, ecdsa_secp256r1_sha256",
        TLS13 + ", ECDSA_P384, ecdsa_secp384r1_sha384",
        TLS13 + ", RSA_2048, rsa_pss_rsae_sha256",
        TLS13 + ", RSA_PSS_2048, rsa_pss_pss_sha256",
        TLS12 + ", ECDSA_P256, ecdsa_secp256r1_sha256",
        // TLS 1.2 ECDSA schemes are not tied to a curve: the policy's first fits (RFC 5246 §7.4.1.4.1).
        TLS12 + ", ECDSA_P384, ecdsa_secp256r1_sha256",
        TLS12 + ", RSA_2048, rsa_pss_rsae_sha256",
    })
    void requiredServerVerifiesTheClientCertificate(String policy, TestPki.KeyType key, String scheme) throws Exception {
        TestPki.Issued cert = clientCert(key);
        try (TestPair pair = new TestPair(client(policy, cert).build(), server(policy, ClientAuth.REQUIRED))) {
            pair.handshake();
            for (Connection c : List.of(pair.client, pair.server)) {
                assertEquals(expectedType(policy, false), c.handshakeTypeName(), c.mode().toString());
                assertTrue(c.isClientCertificateUsed(), c.mode().toString());
                assertEquals(scheme, c.clientSignatureScheme(), c.mode().toString());
            }
            assertEquals(cert.chain(), pair.server.peerCertificates());
            assertEquals(SERVER.chain(), pair.client.peerCertificates());
            byte[] data = "authenticated".getBytes(StandardCharsets.US_ASCII);
            assertEquals("authenticated", new String(TestPair.transfer(pair.client, pair.server, data), StandardCharsets.US_ASCII));
            assertEquals("authenticated", new String(TestPair.transfer(pair.server, pair.client, data), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "{0}: OPTIONAL server, client without a certificate")
    @ValueSource(strings = {TLS13, TLS12})
    void optionalServerAcceptsAnEmptyCertificate(String policy) throws Exception {
        try (TestPair pair = new TestPair(client(policy, null).build(), server(policy, ClientAuth.OPTIONAL))) {
            pair.handshake();
            for (Connection c : List.of(pair.client, pair.server)) {
                assertEquals(expectedType(policy, true), c.handshakeTypeName());
                assertFalse(c.isClientCertificateUsed());
                assertNull(c.clientSignatureScheme());
            }
            assertTrue(pair.server.peerCertificates().isEmpty());
            TestPair.transfer(pair.client, pair.server, new byte[] {1, 2, 3});
        }
    }

    @ParameterizedTest(name = "{0}: OPTIONAL server, client presents one")
    @ValueSource(strings = {TLS13, TLS12})
    void optionalServerVerifiesACertificateItIsGiven(String policy) throws Exception {
        TestPki.Issued cert = clientCert(TestPki.KeyType.ECDSA_P256);
        try (TestPair pair = new TestPair(client(policy, cert).build(), server(policy, ClientAuth.OPTIONAL))) {
            pair.handshake();
            assertEquals(expectedType(policy, false), pair.server.handshakeTypeName());
            assertTrue(pair.server.isClientCertificateUsed());
            assertEquals(cert.leaf(), pair.server.peerCertificates().get(0));
        }
    }

    /** RFC 8446 §4.4.2.4 names certificate_required; TLS 1.2 has only handshake_failure (RFC 5246 §7.4.6). */
    @ParameterizedTest(name = "{0}: REQUIRED server, client without a certificate")
    @ValueSource(strings = {TLS13, TLS12})
    void requiredServerRefusesAnEmptyCertificate(String policy) throws Exception {
        try (TestPair pair = new TestPair(client(policy, null).build(), server(policy, ClientAuth.REQUIRED))) {
            failHandshake(pair, TLS13.equals(policy) ? Alert.CERTIFICATE_REQUIRED : Alert.HANDSHAKE_FAILURE, true);
        }
    }

    /** RFC 8446 §6.2: unknown_ca, "a valid certificate chain ... but the certificate was not accepted because the CA ... could not be located". */
    @ParameterizedTest(name = "{0}: client certificate from a CA the server does not trust")
    @ValueSource(strings = {TLS13, TLS12})
    void untrustedClientCertificateIsABadCertificate(String policy) throws Exception {
        TestPki.Issued stranger = TestPki.create(TestPki.KeyType.ECDSA_P256, "Stranger CA")
                .issueWithoutServerAuth(TestPki.KeyType.ECDSA_P256, "client.example");
        try (TestPair pair = new TestPair(client(policy, stranger).build(), server(policy, ClientAuth.OPTIONAL))) {
            failHandshake(pair, Alert.UNKNOWN_CA, true);
        }
    }

    /** The server checks the clientAuth key purpose, not serverAuth. */
    @ParameterizedTest(name = "{0}: client certificate without the clientAuth key purpose")
    @ValueSource(strings = {TLS13, TLS12})
    void clientCertificateMustAllowClientAuthentication(String policy) throws Exception {
        TestPki.Issued serverOnly = PKI.issueWithoutClientAuth(TestPki.KeyType.ECDSA_P256, "client.example");
        try (TestPair pair = new TestPair(client(policy, serverOnly).build(), server(policy, ClientAuth.REQUIRED))) {
            failHandshake(pair, Alert.BAD_CERTIFICATE, true);
        }
    }

    @ParameterizedTest(name = "{0}: the server's CertificateValidationCallback sees the chain and decides")
    @ValueSource(strings = {TLS13, TLS12})
    void certificateValidationCallbackDecides(String policy) throws Exception {
        TestPki.Issued cert = clientCert(TestPki.KeyType.ECDSA_P256);
        List<List<X509Certificate>> seen = new ArrayList<>();
        for (boolean accept : new boolean[] {true, false}) {
            Config server = base(policy).clientAuth(ClientAuth.REQUIRED).withSystemTrust(false).trustPem(PKI.rootPem())
                    .certificateChainAndKey(CertificateChainAndKey.fromPem(SERVER.chainPem(), SERVER.keyPem()))
                    .certificateValidationCallback((conn, chain) -> {
                        assertEquals(Mode.SERVER, conn.mode());
                        seen.add(chain);
                        return accept;
                    }).build();
            try (TestPair pair = new TestPair(client(policy, cert).build(), server)) {
                if (accept) {
                    pair.handshake();
                    assertTrue(pair.server.isClientCertificateUsed());
                } else {
                    failHandshake(pair, Alert.BAD_CERTIFICATE, true);
                }
            }
        }
        assertEquals(List.of(cert.chain(), cert.chain()), seen);
    }

    @ParameterizedTest(name = "{0}: a callback that throws fails the handshake with internal_error")
    @ValueSource(strings = {TLS13, TLS12})
    void throwingCallbackIsAnInternalError(String policy) throws Exception {
        Config server = base(policy).clientAuth(ClientAuth.REQUIRED).withSystemTrust(false).trustPem(PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(SERVER.chainPem(), SERVER.keyPem()))
                .certificateValidationCallback((conn, chain) -> {
                    throw new IllegalStateException("database down");
                }).build();
        try (TestPair pair = new TestPair(client(policy, clientCert(TestPki.KeyType.ECDSA_P256)).build(), server)) {
            pair.client.negotiate();
            pair.server.negotiate();
            pair.client.negotiate();
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(TlsException.Type.INTERNAL, e.type(), e.getMessage());
            assertEquals(Alert.INTERNAL_ERROR, e.alert());
            assertTrue(e.getMessage().contains("database down"), e.getMessage());
        }
    }

    /** A client whose authentication is NONE keeps its certificate to itself even when asked. */
    @ParameterizedTest(name = "{0}: client NONE answers a request with an empty Certificate")
    @ValueSource(strings = {TLS13, TLS12})
    void clientWithNoneSendsNoCertificate(String policy) throws Exception {
        Config client = client(policy, clientCert(TestPki.KeyType.ECDSA_P256)).clientAuth(ClientAuth.NONE).build();
        try (TestPair pair = new TestPair(client, server(policy, ClientAuth.OPTIONAL))) {
            pair.handshake();
            assertEquals(expectedType(policy, true), pair.server.handshakeTypeName());
            assertTrue(pair.server.peerCertificates().isEmpty());
        }
    }

    /** s2n: a client whose authentication is REQUIRED fails when the server does not ask. */
    @ParameterizedTest(name = "{0}: client REQUIRED, server does not ask")
    @ValueSource(strings = {TLS13, TLS12})
    void requiredClientFailsWithoutARequest(String policy) throws Exception {
        Config client = client(policy, clientCert(TestPki.KeyType.ECDSA_P256)).clientAuth(ClientAuth.REQUIRED).build();
        try (TestPair pair = new TestPair(client, server(policy, ClientAuth.NONE))) {
            failHandshake(pair, Alert.HANDSHAKE_FAILURE, false);
        }
    }

    @ParameterizedTest(name = "{0}: client REQUIRED without a certificate that fits")
    @ValueSource(strings = {TLS13, TLS12})
    void requiredClientWithoutAFittingCertificateFails(String policy) throws Exception {
        Config client = client(policy, null).clientAuth(ClientAuth.REQUIRED).build();
        try (TestPair pair = new TestPair(client, server(policy, ClientAuth.OPTIONAL))) {
            failHandshake(pair, Alert.HANDSHAKE_FAILURE, false);
        }
    }

    /**
     * A chain whose key cannot sign with any scheme the server lists is not presented: the client
     * answers with an empty Certificate (OPTIONAL) rather than a certificate the server must refuse.
     */
    @Test
    void certificateTheRequestDoesNotAllowIsNotPresented() throws Exception {
        SecurityPolicy rsaOnly = TestPolicies.signatureSchemes(TLS13, "rsa_pss_rsae_sha256", "ecdsa_secp256r1_sha256");
        Config server = base(TLS13).securityPolicy(rsaOnly).clientAuth(ClientAuth.OPTIONAL).withSystemTrust(false)
                .trustPem(PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(SERVER.chainPem(), SERVER.keyPem())).build();
        Config client = client(TLS13, clientCert(TestPki.KeyType.ECDSA_P384)).build();
        try (TestPair pair = new TestPair(client, server)) {
            pair.handshake();
            assertEquals(expectedType(TLS13, true), pair.server.handshakeTypeName());
        }
    }

    /** Of several chains the client presents the first one the request allows. */
    @Test
    void clientPicksTheFirstChainThatFits() throws Exception {
        SecurityPolicy rsaOnly = TestPolicies.signatureSchemes(TLS13, "rsa_pss_rsae_sha256", "ecdsa_secp256r1_sha256");
        Config server = base(TLS13).securityPolicy(rsaOnly).clientAuth(ClientAuth.REQUIRED).withSystemTrust(false)
                .trustPem(PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(SERVER.chainPem(), SERVER.keyPem())).build();
        TestPki.Issued p384 = clientCert(TestPki.KeyType.ECDSA_P384);
        TestPki.Issued rsa = clientCert(TestPki.KeyType.RSA_2048);
        Config client = client(TLS13, p384)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(rsa.chainPem(), rsa.keyPem())).build();
        try (TestPair pair = new TestPair(client, server)) {
            pair.handshake();
            assertEquals(rsa.leaf(), pair.server.peerCertificates().get(0));
            assertEquals("rsa_pss_rsae_sha256", pair.server.clientSignatureScheme());
        }
    }

    /** The per-connection override (s2n_connection_set_client_auth_type) wins over the config, and wipe() forgets it. */
    @ParameterizedTest(name = "connection override {0}")
    @EnumSource(ClientAuth.class)
    void connectionOverrideWinsAndWipeForgetsIt(ClientAuth override) throws Exception {
        Config server = server(TLS13, ClientAuth.NONE);
        Connection conn = new Connection(Mode.SERVER).setConfig(server);
        assertEquals(ClientAuth.NONE, conn.clientAuth());
        conn.setClientAuth(override);
        assertEquals(override, conn.clientAuth());
        try (TestPair pair = new TestPair(new Connection(Mode.CLIENT), conn,
                client(TLS13, clientCert(TestPki.KeyType.ECDSA_P256)).build(), server, s2n.tls.testing.MemoryPipe.Behavior.NORMAL)) {
            pair.handshake();
            assertEquals(override != ClientAuth.NONE, pair.server.isClientCertificateUsed());
            assertEquals(override != ClientAuth.NONE, pair.client.isClientCertificateUsed());
            pair.server.wipe();
            assertEquals(ClientAuth.NONE, pair.server.clientAuth());
        }
    }

    @Test
    void defaultsFollowS2n() {
        assertEquals(ClientAuth.NONE, new Connection(Mode.SERVER).clientAuth());
        assertEquals(ClientAuth.OPTIONAL, new Connection(Mode.CLIENT).clientAuth());
        assertNull(Config.builder().build().clientAuth());
        assertEquals(ClientAuth.REQUIRED, Config.builder().clientAuth(ClientAuth.REQUIRED).build().clientAuth());
    }

    /** The client's identity survives freeHandshake(): the server can still read it. */
    @Test
    void clientChainSurvivesFreeHandshake() throws Exception {
        TestPki.Issued cert = clientCert(TestPki.KeyType.ECDSA_P256);
        try (TestPair pair = new TestPair(client(TLS12, cert).build(), server(TLS12, ClientAuth.REQUIRED))) {
            pair.handshake();
            pair.server.freeHandshake();
            assertEquals(cert.chain(), pair.server.peerCertificates());
            assertTrue(pair.server.isClientCertificateUsed());
            assertNotNull(pair.server.clientSignatureScheme());
            assertEquals(9, TestPair.transfer(pair.client, pair.server, new byte[] {9})[0]);
        }
    }

    /**
     * certificate_authorities (RFC 8446 §4.2.4, RFC 5246 §7.4.4): a client holding a chain from a
     * CA the server does not know (configured first) and one from the server's CA presents the
     * second once the server names its CA; without the names it presents the first, refused.
     */
    @ParameterizedTest(name = "{0}: the CertificateRequest's CA names pick the client's chain")
    @ValueSource(strings = {TLS13, TLS12})
    void certificateAuthoritiesSteerTheClientsChoice(String policy) throws Exception {
        TestPki.Issued stranger = TestPki.create(TestPki.KeyType.ECDSA_P256, "Stranger CA")
                .issueWithoutServerAuth(TestPki.KeyType.ECDSA_P256, "client.example");
        TestPki.Issued known = clientCert(TestPki.KeyType.ECDSA_P256);
        Config client = client(policy, stranger)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(known.chainPem(), known.keyPem())).build();
        Config naming = base(policy).clientAuth(ClientAuth.REQUIRED).withSystemTrust(false).trustPem(PKI.rootPem())
                .certificateAuthoritiesFromTrustStore()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(SERVER.chainPem(), SERVER.keyPem())).build();
        try (TestPair pair = new TestPair(client, naming)) {
            pair.handshake();
            assertEquals(known.chain(), pair.server.peerCertificates());
        }
        try (TestPair pair = new TestPair(client, server(policy, ClientAuth.REQUIRED))) {
            failHandshake(pair, Alert.UNKNOWN_CA, true);
        }
    }

    @Test
    void certificateAuthoritiesNeedTheConfigsOwnRoots() {
        IllegalStateException system = assertThrows(IllegalStateException.class,
                () -> Config.builder().trustPem(PKI.rootPem()).certificateAuthoritiesFromTrustStore().build());
        assertTrue(system.getMessage().contains("withSystemTrust(false)"), system.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> Config.builder().withSystemTrust(false).disableX509Verification()
                        .certificateAuthoritiesFromTrustStore().build());
        assertTrue(none.getMessage().contains("needs trusted roots"), none.getMessage());
    }
}
