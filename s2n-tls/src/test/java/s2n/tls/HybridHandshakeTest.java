package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.KeyShareExtension.KeyShareEntry;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.testing.Middlebox;
import s2n.tls.testing.MlKemAssumption;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * Handshakes with the ECDHE + ML-KEM hybrids between our client and server: each group, the
 * client's two shares, the server's preference for post-quantum (even at the cost of a
 * HelloRetryRequest, as s2n), mixed peers with and without ML-KEM, TLS 1.2 never using a hybrid,
 * and tampered hybrid shares on the wire.
 */
class HybridHandshakeTest {
    private static final byte[] DATA = "post-quantum hello".getBytes(StandardCharsets.UTF_8);
    private static TestPki pki;
    private static TestPki.Issued cert;

    @BeforeAll
    static void needsMlKem() {
        MlKemAssumption.assumeMlKem();
        pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
    }

    private static Config client(SecurityPolicy policy) {
        return Config.builder().securityPolicy(policy).withSystemTrust(false).trustPem(pki.rootPem())
                .maxBlindingDelay(Duration.ZERO).build();
    }

    private static Config server(SecurityPolicy policy) {
        // No blinding delay: the alerts below must reach the peer at once.
        return Config.builder().securityPolicy(policy).maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
    }

    private static TestPair pair(SecurityPolicy clientPolicy, SecurityPolicy serverPolicy) {
        TestPair p = new TestPair(client(clientPolicy), server(serverPolicy));
        p.client.setServerName("localhost");
        return p;
    }

    private static void assertData(TestPair pair) throws TlsException {
        assertArrayEquals(DATA, TestPair.transfer(pair.client, pair.server, DATA));
        assertArrayEquals(DATA, TestPair.transfer(pair.server, pair.client, DATA));
    }

    @Test
    void defaultPoliciesNegotiateX25519MlKem768WithoutARetry() throws Exception {
        SecurityPolicy def = SecurityPolicy.named("default");
        try (TestPair pair = pair(def, def)) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            // The first ClientHello lists the hybrids first and carries two shares: the most
            // preferred hybrid and the most preferred curve, as s2n's client sends them.
            byte[] hello = peek(pair.clientToServer);
            List<KeyShareEntry> shares = keyShares(hello);
            assertEquals(List.of(0x11EC, 0x0017), groupsOf(shares));
            assertEquals(1216, shares.get(0).keyExchange().length);
            assertEquals(65, shares.get(1).keyExchange().length);
            pair.handshake();
            assertEquals("X25519MLKEM768", pair.client.keyExchangeGroup());
            assertEquals("X25519MLKEM768", pair.server.keyExchangeGroup());
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", pair.server.handshakeTypeName());
            assertData(pair);
        }
    }

    @ParameterizedTest(name = "{0} on both sides")
    @ValueSource(strings = {"X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024"})
    void everyHybridGroup(String group) throws Exception {
        SecurityPolicy only = TestPolicies.group(group);
        try (TestPair pair = pair(only, only)) {
            pair.handshake();
            assertEquals(group, pair.client.keyExchangeGroup());
            assertEquals(group, pair.server.keyExchangeGroup());
            assertEquals(ProtocolVersion.TLS13, pair.client.actualProtocolVersion());
            assertFalse(pair.client.handshakeTypeName().contains("HELLO_RETRY_REQUEST"));
            assertData(pair);
        }
    }

    @Test
    void theServerInsistsOnAPostQuantumGroupTheClientSupportsEvenWithARetry() throws Exception {
        // The client's shares are X25519MLKEM768 and x25519; the server does not do X25519MLKEM768
        // but does SecP384r1MLKEM1024, which the client lists: a HelloRetryRequest for it beats x25519.
        try (TestPair pair = pair(TestPolicies.groups("X25519MLKEM768", "SecP384r1MLKEM1024", "x25519"),
                TestPolicies.groups("x25519", "SecP384r1MLKEM1024"))) {
            pair.handshake();
            assertEquals("SecP384r1MLKEM1024", pair.client.keyExchangeGroup());
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|HELLO_RETRY_REQUEST|MIDDLEBOX_COMPAT", pair.client.handshakeTypeName());
            assertEquals(pair.client.handshakeTypeName(), pair.server.handshakeTypeName());
            assertData(pair);
        }
    }

    @Test
    void aRetryCanAskForAHybridTheClientSentNoShareFor() throws Exception {
        // A client listing only hybrids sends one share, for the first.
        try (TestPair pair = pair(TestPolicies.groups("X25519MLKEM768", "SecP256r1MLKEM768"),
                TestPolicies.groups("SecP256r1MLKEM768"))) {
            pair.handshake();
            assertEquals("SecP256r1MLKEM768", pair.server.keyExchangeGroup());
            assertTrue(pair.server.handshakeTypeName().contains("HELLO_RETRY_REQUEST"));
            assertData(pair);
        }
    }

    @Test
    void peersWithoutMlKemStillMeetOnACurve() throws Exception {
        SecurityPolicy pq = SecurityPolicy.named("default");
        SecurityPolicy classical = TestPolicies.withoutPostQuantum();
        // A server without ML-KEM takes the client's curve share: no retry.
        try (TestPair pair = pair(pq, classical)) {
            pair.handshake();
            assertEquals("secp256r1", pair.client.keyExchangeGroup());
            assertFalse(pair.client.handshakeTypeName().contains("HELLO_RETRY_REQUEST"));
            assertData(pair);
        }
        // A client without ML-KEM does not list the hybrids, so a PQ server cannot insist on one.
        try (TestPair pair = pair(classical, pq)) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            List<Integer> listed = supportedGroups(peek(pair.clientToServer));
            assertFalse(listed.contains(0x11EC), listed.toString());
            pair.handshake();
            assertEquals("secp256r1", pair.server.keyExchangeGroup());
            assertData(pair);
        }
    }

    @Test
    void tls12NeverUsesAHybrid() throws Exception {
        // A TLS 1.2-only server facing a client that lists the hybrids picks a curve (RFC 8422).
        try (TestPair pair = pair(SecurityPolicy.named("default"), SecurityPolicy.named("20240501"))) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS12, pair.client.actualProtocolVersion());
            assertEquals("secp256r1", pair.client.keyExchangeGroup());
            assertData(pair);
        }
        // A TLS 1.2-only client does not list them at all.
        try (TestPair pair = pair(SecurityPolicy.named("20240501"), SecurityPolicy.named("default"))) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            for (int g : supportedGroups(peek(pair.clientToServer))) {
                assertFalse(g >= 0x11EB && g <= 0x11ED, "TLS 1.2-only ClientHello lists hybrid 0x" + Integer.toHexString(g));
            }
        }
    }

    @Test
    void aTruncatedHybridShareInTheClientHelloIsIllegalParameter() throws Exception {
        SecurityPolicy only = TestPolicies.group("X25519MLKEM768");
        try (TestPair pair = pair(only, only)) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            Middlebox.rewriteClientHello(pair.clientToServer, ch -> {
                List<KeyShareEntry> shares = KeyShareExtension.decodeClientHello(ch.extensions().get(ExtensionType.KEY_SHARE));
                List<KeyShareEntry> cut = new ArrayList<>();
                for (KeyShareEntry e : shares) {
                    cut.add(new KeyShareEntry(e.group(), Arrays.copyOf(e.keyExchange(), e.keyExchange().length - 1)));
                }
                return Middlebox.with(ch, ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(cut));
            });
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(Alert.ILLEGAL_PARAMETER, e.alert(), e.getMessage());
            assertTrue(e.getMessage().contains("1216"), e.getMessage());
            TlsException c = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(TlsException.Type.ALERT, c.type());
            assertEquals(Alert.ILLEGAL_PARAMETER, c.alert());
        }
    }

    @Test
    void aServerShareOfTheWrongLengthIsIllegalParameter() throws Exception {
        SecurityPolicy only = TestPolicies.group("SecP256r1MLKEM768");
        try (TestPair pair = pair(only, only)) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            assertEquals(Blocked.ON_READ, pair.server.negotiate());
            Middlebox.rewriteServerHello(pair.serverToClient, sh -> {
                KeyShareEntry e = KeyShareExtension.decodeServerHello(sh.extensions().get(ExtensionType.KEY_SHARE));
                return Middlebox.with(sh, ExtensionType.KEY_SHARE, KeyShareExtension.encodeServerHello(
                        new KeyShareEntry(e.group(), Arrays.copyOf(e.keyExchange(), 1153 + 1))));
            });
            TlsException e = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(Alert.ILLEGAL_PARAMETER, e.alert(), e.getMessage());
        }
    }

    @Test
    void aForgedCiphertextFailsTheHandshakeAtTheFirstProtectedRecord() throws Exception {
        SecurityPolicy only = TestPolicies.group("X25519MLKEM768");
        try (TestPair pair = pair(only, only)) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            assertEquals(Blocked.ON_READ, pair.server.negotiate());
            Middlebox.rewriteServerHello(pair.serverToClient, sh -> {
                KeyShareEntry e = KeyShareExtension.decodeServerHello(sh.extensions().get(ExtensionType.KEY_SHARE));
                byte[] forged = e.keyExchange();
                forged[100] ^= 0x40; // inside the ML-KEM ciphertext, which leads the share
                return Middlebox.with(sh, ExtensionType.KEY_SHARE,
                        KeyShareExtension.encodeServerHello(new KeyShareEntry(e.group(), forged)));
            });
            // ML-KEM rejects implicitly: the client derives other handshake keys, and the server's
            // EncryptedExtensions does not authenticate under them (RFC 8446 §5.2: bad_record_mac).
            TlsException e = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(Alert.BAD_RECORD_MAC, e.alert(), e.getMessage());
            assertFalse(pair.client.isHandshakeComplete());
        }
    }

    /** What is in flight, left in place. */
    private static byte[] peek(s2n.tls.testing.MemoryPipe pipe) {
        byte[] b = pipe.drain();
        pipe.inject(b);
        return b;
    }

    private static List<KeyShareEntry> keyShares(byte[] clientHelloRecord) {
        return KeyShareExtension.decodeClientHello(extension(clientHelloRecord, ExtensionType.KEY_SHARE));
    }

    private static List<Integer> supportedGroups(byte[] clientHelloRecord) {
        List<Integer> out = new ArrayList<>();
        for (int g : SupportedGroupsExtension.decode(extension(clientHelloRecord, ExtensionType.SUPPORTED_GROUPS))) {
            out.add(g);
        }
        return out;
    }

    private static List<Integer> groupsOf(List<KeyShareEntry> shares) {
        List<Integer> out = new ArrayList<>();
        for (KeyShareEntry e : shares) {
            out.add(e.group());
        }
        return out;
    }

    /** An extension's body from a ClientHello in one plaintext record (ours is: under 16 KiB). */
    private static byte[] extension(byte[] record, int type) {
        byte[] body = Arrays.copyOfRange(record, 5 + 4, record.length);
        return s2n.tls.internal.handshake.message.ClientHello.decode(
                new s2n.tls.internal.codec.Reader(body, 0, body.length)).extensions().get(type);
    }
}
