package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.RenegotiationInfoExtension;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.testing.Middlebox;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;
import s2n.tls.testing.WireTap;

/**
 * What our TLS 1.2 client and server do with a peer (or an attacker in the middle) that breaks
 * the rules: each failure has its exact type and alert on the side that detects it, and the
 * other side receives that alert. The hellos are rewritten in flight with {@link Middlebox}.
 */
class Tls12ProtocolErrorsTest {
    private static final String ONLY_12 = "20240501";

    private static TestPair pair(String clientPolicy, String serverPolicy) {
        TestPki.Issued cert = TestPki.shared(TestPki.KeyType.ECDSA_P256).issue(TestPki.KeyType.ECDSA_P256, "localhost");
        return new TestPair(Tls12HandshakeTest.client(SecurityPolicy.named(clientPolicy), TestPki.KeyType.ECDSA_P256),
                Tls12HandshakeTest.server(SecurityPolicy.named(serverPolicy), cert));
    }

    /** The server rejects the rewritten ClientHello: PROTOCOL + alert there, ALERT + alert at the client. */
    private static void serverRejects(UnaryOperator<ClientHello> change, Alert alert) throws Exception {
        try (TestPair pair = pair(ONLY_12, ONLY_12)) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            Middlebox.rewriteClientHello(pair.clientToServer, change);
            assertFails(pair.server, TlsException.Type.PROTOCOL, alert);
            assertFails(pair.client, TlsException.Type.ALERT, alert);
        }
    }

    /** The client rejects the rewritten ServerHello of a TLS 1.2 server. */
    private static void clientRejects(String clientPolicy, UnaryOperator<ServerHello> change, Alert alert) throws Exception {
        try (TestPair pair = pair(clientPolicy, ONLY_12)) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            assertEquals(Blocked.ON_READ, pair.server.negotiate());
            Middlebox.rewriteServerHello(pair.serverToClient, change);
            assertFails(pair.client, TlsException.Type.PROTOCOL, alert);
            assertFails(pair.server, TlsException.Type.ALERT, alert);
        }
    }

    private static void assertFails(Connection c, TlsException.Type type, Alert alert) {
        TlsException e = assertThrows(TlsException.class, c::negotiate);
        assertEquals(type, e.type(), e.getMessage());
        assertEquals(alert, e.alert(), e.getMessage());
    }

    // A missing extended_master_secret is refused only under FIPS-rule policies: ExtendedMasterSecretTest.

    /** RFC 5746 §3.6 and §3.4: renegotiation_info must be empty on an initial handshake, on either side. */
    @Test
    void nonEmptyRenegotiationInfoAbortsTheHandshake() throws Exception {
        byte[] bogus = RenegotiationInfoExtension.encode(new byte[12]);
        serverRejects(ch -> Middlebox.with(ch, ExtensionType.RENEGOTIATION_INFO, bogus), Alert.HANDSHAKE_FAILURE);
        clientRejects(ONLY_12, sh -> Middlebox.with(sh, ExtensionType.RENEGOTIATION_INFO, bogus), Alert.HANDSHAKE_FAILURE);
    }

    /** RFC 5246 §7.4.1.4.1: without signature_algorithms only SHA-1 may be used, which no policy here allows. */
    @Test
    void noSignatureAlgorithmsMeansSha1Only() throws Exception {
        serverRejects(ch -> Middlebox.without(ch, ExtensionType.SIGNATURE_ALGORITHMS), Alert.HANDSHAKE_FAILURE);
    }

    @Test
    void clientHelloWithoutNullCompressionIsRefused() throws Exception {
        serverRejects(ch -> new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                new byte[] {1}, ch.extensions(), true), Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void serverHelloMayCarryOnlyWhatWasOffered() throws Exception {
        // session_ticket was never offered: RFC 5246 §7.4.1.4.
        clientRejects(ONLY_12, sh -> Middlebox.with(sh, ExtensionType.SESSION_TICKET, new byte[0]), Alert.UNSUPPORTED_EXTENSION);
        // key_share was offered, but for TLS 1.3: it has no place in a TLS 1.2 ServerHello.
        clientRejects("default", sh -> Middlebox.with(sh, ExtensionType.KEY_SHARE, new byte[] {0, 0x1d, 0, 0}),
                Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void serverMustSelectASuiteWeOffered() throws Exception {
        clientRejects(ONLY_12, sh -> Middlebox.withSuite(sh, 0xCCA9), Alert.ILLEGAL_PARAMETER);
        clientRejects(ONLY_12, sh -> Middlebox.withSuite(sh, 0x1301), Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void serverMayNotResumeASessionWeNeverHad() throws Exception {
        // Our TLS 1.3-capable client sends a random session id; echoing it claims a resumption.
        try (TestPair pair = pair("default", ONLY_12)) {
            pair.client.negotiate();
            byte[] sessionId = sessionIdOf(pair);
            pair.server.negotiate();
            Middlebox.rewriteServerHello(pair.serverToClient, sh -> new ServerHello(sh.legacyVersion(), sh.random(), sessionId,
                    sh.cipherSuite(), 0, sh.extensions(), true));
            assertFails(pair.client, TlsException.Type.PROTOCOL, Alert.ILLEGAL_PARAMETER);
        }
    }

    /** RFC 5246 §7.1: change_cipher_spec only where the handshake puts it. */
    @Test
    void changeCipherSpecOutOfPlaceIsUnexpected() throws Exception {
        try (TestPair pair = pair(ONLY_12, ONLY_12)) {
            pair.client.negotiate();
            pair.server.negotiate();
            Middlebox.insertAfterFirstMessage(pair.serverToClient, new byte[] {20, 3, 3, 0, 1, 1});
            assertFails(pair.client, TlsException.Type.PROTOCOL, Alert.UNEXPECTED_MESSAGE);
            assertFails(pair.server, TlsException.Type.ALERT, Alert.UNEXPECTED_MESSAGE);
        }
    }

    /** The server's Finished without its change_cipher_spec: the mandatory CCS slot sees a handshake record. */
    @Test
    void missingChangeCipherSpecIsUnexpected() throws Exception {
        try (TestPair pair = pair(ONLY_12, ONLY_12)) {
            lastServerFlight(pair);
            byte[] flight = pair.serverToClient.drain();
            assertEquals(20, flight[0], "the flight starts with change_cipher_spec");
            pair.serverToClient.inject(Arrays.copyOfRange(flight, 6, flight.length));
            assertFails(pair.client, TlsException.Type.PROTOCOL, Alert.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void tamperedFinishedFailsTheRecordMac() throws Exception {
        try (TestPair pair = pair(ONLY_12, ONLY_12)) {
            lastServerFlight(pair);
            byte[] flight = pair.serverToClient.drain();
            flight[flight.length - 1] ^= 1;
            pair.serverToClient.inject(flight);
            assertFails(pair.client, TlsException.Type.PROTOCOL, Alert.BAD_RECORD_MAC);
        }
    }

    /** RFC 5246 §7.4: a client ignores HelloRequest during a handshake; a server never expects one. */
    @Test
    void helloRequestDuringTheHandshake() throws Exception {
        byte[] helloRequest = {22, 3, 3, 0, 4, 0, 0, 0, 0};
        try (TestPair pair = pair(ONLY_12, ONLY_12)) {
            pair.client.negotiate();
            pair.serverToClient.inject(helloRequest);
            pair.handshake();
            assertEquals(ProtocolVersion.TLS12, pair.client.actualProtocolVersion());
        }
        try (TestPair pair = pair(ONLY_12, ONLY_12)) {
            pair.clientToServer.inject(helloRequest);
            pair.client.negotiate();
            assertFails(pair.server, TlsException.Type.PROTOCOL, Alert.UNEXPECTED_MESSAGE);
        }
    }

    /** Runs the handshake until the server's change_cipher_spec and Finished wait in the pipe to the client. */
    private static void lastServerFlight(TestPair pair) throws TlsException {
        pair.client.negotiate();
        pair.server.negotiate();
        pair.client.negotiate();
        assertEquals(Blocked.NOT_BLOCKED, pair.server.negotiate());
    }

    /** The session id of the ClientHello waiting in the client-to-server pipe, which stays there. */
    private static byte[] sessionIdOf(TestPair pair) {
        byte[] wire = pair.clientToServer.drain();
        pair.clientToServer.inject(wire);
        byte[] id = WireTap.clientHello(wire).legacySessionId();
        assertEquals(32, id.length);
        return id;
    }
}
