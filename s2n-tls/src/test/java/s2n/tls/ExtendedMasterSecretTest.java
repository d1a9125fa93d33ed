package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.testing.Middlebox;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * RFC 7627 on full TLS 1.2 handshakes, as s2n-tls and OpenSSL do it: the extended master secret
 * when both sides offer it, the RFC 5246 master secret when the peer does not, and a refusal only
 * under a policy whose rules require it (the FIPS 140-3 policies).
 */
class ExtendedMasterSecretTest {
    private static final String ONLY_12 = "20240501";
    /** A FIPS-rule policy that still allows TLS 1.2. */
    private static final String FIPS_12 = "20230317";
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private static final TestPki.Issued CERT = Tls12HandshakeTest.cert(TestPki.KeyType.ECDSA_P256);

    private static Config server(String policy) {
        return Tls12HandshakeTest.server(SecurityPolicy.named(policy), CERT);
    }

    private static Config client(String policy) {
        return Tls12HandshakeTest.client(SecurityPolicy.named(policy), TestPki.KeyType.ECDSA_P256);
    }

    @Test
    void onlyFipsPoliciesRequireIt() {
        assertTrue(SecurityPolicy.named(FIPS_12).requiresExtendedMasterSecret());
        assertTrue(SecurityPolicy.named("default_fips").requiresExtendedMasterSecret());
        assertFalse(SecurityPolicy.named("default").requiresExtendedMasterSecret());
        assertFalse(SecurityPolicy.named(ONLY_12).requiresExtendedMasterSecret());
    }

    @Test
    void usedWhenBothSidesOfferIt() throws Exception {
        try (TestPair pair = new TestPair(client(ONLY_12), server(ONLY_12))) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS12, pair.client.actualProtocolVersion());
            assertTrue(pair.client.usedExtendedMasterSecret());
            assertTrue(pair.server.usedExtendedMasterSecret());
        }
    }

    /** RFC 7627 §5.2: a client without the extension gets a full handshake on the RFC 5246 master secret. */
    @Test
    void serverAcceptsAClientWithoutIt() throws Exception {
        try (RawPeer p = RawPeer.facingServer(server(ONLY_12))) {
            RawHello hello = p.tls12().clientHello().remove(ExtensionType.EXTENDED_MASTER_SECRET);
            p.tls12().completeAsClient(hello);
            assertFalse(p.conn.usedExtendedMasterSecret());
            // RFC 7627 §5.2: the server does not answer an extension the client did not send.
            p.sendApplicationData(PING).pump();
            assertArrayEquals(PING, p.applicationDataReceived());
        }
    }

    @Test
    void clientAcceptsAServerWithoutIt() throws Exception {
        try (RawPeer p = RawPeer.facingClient(client(ONLY_12))) {
            p.pump();
            ClientHello hello = p.tls12().readClientHello();
            assertTrue(hello.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET), "we always offer it");
            RawHello answer = p.tls12().serverHello(hello).remove(ExtensionType.EXTENDED_MASTER_SECRET);
            p.tls12().sendServerFirstFlight(answer, CERT.chain(), CERT.key(), SignatureScheme.ECDSA_SECP256R1_SHA256);
            p.pump();
            p.requireNoFailure();
            p.tls12().readClientFinalFlight();
            p.tls12().sendChangeCipherSpec();
            p.sendHandshake(p.tls12().serverFinished());
            p.pump();
            p.requireNoFailure();
            assertEquals(ProtocolVersion.TLS12, p.conn.actualProtocolVersion());
            assertFalse(p.conn.usedExtendedMasterSecret());
        }
    }

    @Test
    void fipsServerRefusesAClientWithoutIt() throws Exception {
        try (TestPair pair = new TestPair(client(ONLY_12), server(FIPS_12))) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            Middlebox.rewriteClientHello(pair.clientToServer, ch -> Middlebox.without(ch, ExtensionType.EXTENDED_MASTER_SECRET));
            assertFails(pair.server, TlsException.Type.PROTOCOL, Alert.HANDSHAKE_FAILURE);
            assertFails(pair.client, TlsException.Type.ALERT, Alert.HANDSHAKE_FAILURE);
        }
    }

    @Test
    void fipsClientRefusesAServerWithoutIt() throws Exception {
        try (TestPair pair = new TestPair(client(FIPS_12), server(ONLY_12))) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            assertEquals(Blocked.ON_READ, pair.server.negotiate());
            Middlebox.rewriteServerHello(pair.serverToClient, sh -> Middlebox.without(sh, ExtensionType.EXTENDED_MASTER_SECRET));
            assertFails(pair.client, TlsException.Type.PROTOCOL, Alert.HANDSHAKE_FAILURE);
            assertFails(pair.server, TlsException.Type.ALERT, Alert.HANDSHAKE_FAILURE);
        }
    }

    @Test
    void tls13DoesNotReportIt() throws Exception {
        try (TestPair pair = new TestPair(client("default"), server("default"))) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS13, pair.client.actualProtocolVersion());
            assertFalse(pair.client.usedExtendedMasterSecret());
        }
    }

    private static void assertFails(Connection c, TlsException.Type type, Alert alert) {
        TlsException e = assertThrows(TlsException.class, c::negotiate);
        assertEquals(type, e.type(), e.getMessage());
        assertEquals(alert, e.alert(), e.getMessage());
    }
}
