package s2n.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * TLS 1.3 resumption between our own client and server (RFC 8446 §2.2, §4.6.1, §4.2.11): a full
 * handshake hands the client tickets, the next connection resumes with one, and every ticket the
 * server cannot use (other keys, tampered, expired, a suite of another hash, a mutual-TLS server)
 * falls back to a full handshake rather than failing. A wrong binder is the one fatal case.
 */
class ResumptionTest {
    private static final TestPki.Issued CERT = Tls12HandshakeTest.cert(TestPki.KeyType.ECDSA_P256);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(US_ASCII);
    private static final String RESUMED = "NEGOTIATED|MIDDLEBOX_COMPAT";
    private static final String FULL = "NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT";

    private static Config.Builder server() {
        return Config.builder().maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem()));
    }

    private static Config.Builder serverWithKey(Instant now) {
        return server().addTicketKey("key-1", KEY, T0).clock(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Config.Builder client(List<SessionTicket> tickets) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false)
                .trustPem(TestPki.shared(TestPki.KeyType.ECDSA_P256).rootPem())
                .sessionTicketCallback((conn, ticket) -> tickets.add(ticket));
    }

    /** A handshake, then a little data from the server so the client reads the tickets behind the handshake. */
    private static TestPair connect(Config client, Config server, byte[] session) throws TlsException {
        TestPair pair = new TestPair(client, server);
        if (session != null) {
            pair.client.setSession(session);
        }
        pair.handshake();
        byte[] hello = "hello".getBytes(US_ASCII);
        assertArrayEquals(hello, TestPair.transfer(pair.server, pair.client, hello));
        assertArrayEquals(hello, TestPair.transfer(pair.client, pair.server, hello));
        return pair;
    }

    /** A session from a full handshake with {@code server}. */
    private static byte[] firstSession(Config server) throws TlsException {
        List<SessionTicket> tickets = new ArrayList<>();
        try (TestPair pair = connect(client(tickets).build(), server, null)) {
            assertTrue(pair.client.handshakeTypeName().contains("FULL_HANDSHAKE"), pair.client.handshakeTypeName());
            assertEquals(1, tickets.size(), "s2n's default: one ticket after a handshake");
            assertArrayEquals(tickets.get(0).session(), pair.client.session());
            return pair.client.session();
        }
    }

    @Test
    void aFullHandshakeThenAResumedOne() throws Exception {
        Config server = serverWithKey(T0.plusSeconds(60)).build();
        byte[] session = firstSession(server);
        List<SessionTicket> tickets = new ArrayList<>();
        try (TestPair pair = connect(client(tickets).build(), server, session)) {
            for (Connection c : new Connection[] {pair.client, pair.server}) {
                assertTrue(c.isResumed(), c.toString());
                assertEquals(RESUMED, c.handshakeTypeName());
                assertEquals(ProtocolVersion.TLS13, c.actualProtocolVersion());
                assertNull(c.signatureScheme(), "no CertificateVerify in a resumed handshake");
            }
            assertTrue(pair.client.peerCertificates().isEmpty(), "the server sends no Certificate");
            // A resumed connection gets a fresh ticket too, with its own PSK.
            assertEquals(1, tickets.size());
            assertFalse(Arrays.equals(session, tickets.get(0).session()));
        }
        // A ticket is not single-use without early data: it resumes again.
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, session)) {
            assertTrue(pair.client.isResumed());
        }
    }

    @Test
    void theTicketCountIsConfigurableAndEachTicketStandsAlone() throws Exception {
        Config server = serverWithKey(T0.plusSeconds(60)).initialTicketCount(3).build();
        List<SessionTicket> tickets = new ArrayList<>();
        try (TestPair pair = connect(client(tickets).build(), server, null)) {
            assertEquals(3, tickets.size());
            assertArrayEquals(tickets.get(2).session(), pair.client.session(), "session() is the latest");
        }
        for (SessionTicket t : tickets) {
            // s2n's 15 h session state lifetime, cut to what the key has left: 2 h + 13 h from its intro time.
            assertEquals(Duration.ofHours(15).minusSeconds(60), t.lifetime());
            try (TestPair pair = connect(client(new ArrayList<>()).build(), server, t.session())) {
                assertTrue(pair.server.isResumed(), t.toString());
            }
        }
        assertFalse(Arrays.equals(tickets.get(0).session(), tickets.get(1).session()));
    }

    @Test
    void aServerWithoutTicketKeysSendsNoTicketsAndResumesNothing() throws Exception {
        Config withKeys = serverWithKey(T0.plusSeconds(60)).build();
        byte[] session = firstSession(withKeys);
        List<SessionTicket> tickets = new ArrayList<>();
        Config plain = server().build();
        assertFalse(plain.sessionTicketsEnabled(), "s2n: no key, no tickets");
        try (TestPair pair = connect(client(tickets).build(), plain, session)) {
            assertFalse(pair.client.isResumed());
            assertEquals(FULL, pair.server.handshakeTypeName());
            assertTrue(tickets.isEmpty());
            assertArrayEquals(session, pair.client.session(), "no new ticket: still the session set");
        }
    }

    @Test
    void sessionTicketsEnabledWithoutKeysUsesARandomInProcessKey() throws Exception {
        Config server = server().sessionTicketsEnabled(true).build();
        byte[] session = firstSession(server);
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, session)) {
            assertTrue(pair.client.isResumed());
        }
        // Another config's random key cannot open it.
        Config other = server().sessionTicketsEnabled(true).build();
        try (TestPair pair = connect(client(new ArrayList<>()).build(), other, session)) {
            assertFalse(pair.client.isResumed());
        }
    }

    @Test
    void ticketsTheServerCannotOpenFallBackToAFullHandshake() throws Exception {
        Config server = serverWithKey(T0.plusSeconds(60)).build();
        byte[] session = firstSession(server);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        Config rotated = server().addTicketKey("key-1", otherKey, T0).clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)).build();
        byte[] tampered = session.clone();
        tampered[tampered.length - 1] ^= 1; // the ticket's GCM tag
        byte[] tamperedName = session.clone();
        tamperedName[session.length - ticketLength(session) + 2] ^= 1; // the key name inside the ticket
        Object[][] cases = {{rotated, session}, {server, tampered}, {server, tamperedName}};
        for (Object[] c : cases) {
            try (TestPair pair = connect(client(new ArrayList<>()).build(), (Config) c[0], (byte[]) c[1])) {
                assertFalse(pair.server.isResumed());
                assertEquals(FULL, pair.client.handshakeTypeName());
            }
        }
    }

    @Test
    void anExpiredSessionIsAFullHandshake() throws Exception {
        byte[] session = firstSession(serverWithKey(T0.plusSeconds(60)).build());
        // The server's view: past the 15 h session state lifetime, with a key that still decrypts.
        Config later = server().addTicketKey("key-1", KEY, T0).ticketKeyLifetimes(Duration.ofHours(2), Duration.ofHours(24))
                .clock(Clock.fixed(T0.plus(Duration.ofHours(16)), ZoneOffset.UTC)).build();
        try (TestPair pair = connect(client(new ArrayList<>()).build(), later, session)) {
            assertFalse(pair.server.isResumed());
        }
        // The client's view: it does not offer a session past its lifetime.
        Config server = serverWithKey(T0.plusSeconds(60)).build();
        Config lateClient = client(new ArrayList<>()).clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(16))).build();
        try (TestPair pair = connect(lateClient, server, firstSession(server))) {
            assertFalse(pair.server.isResumed());
        }
    }

    @Test
    void aDecryptOnlyKeyOpensTicketsButSealsNone() throws Exception {
        byte[] session = firstSession(serverWithKey(T0.plusSeconds(60)).build());
        // 2 h after its intro time the key is past encrypt-decrypt (s2n's 2 h) and in decrypt-only (13 h).
        Config decryptOnly = serverWithKey(T0.plus(Duration.ofHours(2)).plusSeconds(60)).build();
        List<SessionTicket> tickets = new ArrayList<>();
        try (TestPair pair = connect(client(tickets).build(), decryptOnly, session)) {
            assertTrue(pair.server.isResumed());
            assertTrue(tickets.isEmpty(), "no key may seal now, so no ticket");
        }
        // With a newer key beside it, new tickets are sealed under that one and open later.
        Config rotated = server().addTicketKey("key-1", KEY, T0)
                .addTicketKey("key-2", "abcdefghijklmnopabcdefghijklmnop".getBytes(US_ASCII), T0.plus(Duration.ofHours(1)))
                .clock(Clock.fixed(T0.plus(Duration.ofHours(2)).plusSeconds(60), ZoneOffset.UTC)).build();
        try (TestPair pair = connect(client(tickets).build(), rotated, session)) {
            assertTrue(pair.server.isResumed());
            assertEquals(1, tickets.size());
        }
        try (TestPair pair = connect(client(new ArrayList<>()).build(), rotated, tickets.get(0).session())) {
            assertTrue(pair.server.isResumed());
        }
    }

    @Test
    void aSessionOfAnotherHashIsNotResumed() throws Exception {
        Config sha384 = serverWithKey(T0.plusSeconds(60)).securityPolicy(TestPolicies.suite("TLS_AES_256_GCM_SHA384")).build();
        byte[] session = firstSession(sha384);
        Config sha256 = serverWithKey(T0.plusSeconds(60)).securityPolicy(TestPolicies.suite("TLS_AES_128_GCM_SHA256")).build();
        try (TestPair pair = connect(client(new ArrayList<>()).build(), sha256, session)) {
            assertFalse(pair.server.isResumed());
            assertEquals("TLS_AES_128_GCM_SHA256", pair.client.cipherSuite());
        }
        // Same hash, other suite: RFC 8446 §4.2.11 allows it.
        Config chacha = serverWithKey(T0.plusSeconds(60)).securityPolicy(TestPolicies.suite("TLS_CHACHA20_POLY1305_SHA256")).build();
        Config aes128 = serverWithKey(T0.plusSeconds(60)).securityPolicy(TestPolicies.suite("TLS_AES_128_GCM_SHA256")).build();
        byte[] chachaSession = firstSession(chacha);
        try (TestPair pair = connect(client(new ArrayList<>()).build(), aes128, chachaSession)) {
            assertTrue(pair.server.isResumed());
            assertEquals("TLS_AES_128_GCM_SHA256", pair.client.cipherSuite());
        }
    }

    /** Configs built per connection share one holder's keys: each resumes the others' tickets. */
    @Test
    void configsSharingTicketKeysResumeEachOthersTickets() throws Exception {
        // It never handshakes, so it needs no trust; its random key is what it is for.
        Config holder = Config.builder().withSystemTrust(false).disableX509Verification().sessionTicketsEnabled(true).build();
        Config first = server().ticketKeysOf(holder).build();
        Config second = server().ticketKeysOf(holder).applicationProtocols("h2").build();
        byte[] session = firstSession(first);
        try (TestPair pair = connect(client(new ArrayList<>()).build(), second, session)) {
            assertTrue(pair.server.isResumed(), "a ticket of one config opens under the other");
        }
        // A config with keys of its own does not open them.
        Config other = server().sessionTicketsEnabled(true).build();
        try (TestPair pair = connect(client(new ArrayList<>()).build(), other, session)) {
            assertFalse(pair.server.isResumed());
        }
        assertThrows(IllegalArgumentException.class, () -> server().ticketKeysOf(Config.builder().build()),
                "a config without tickets has no keys to share");
        Config off = server().ticketKeysOf(holder).sessionTicketsEnabled(false).build();
        try (TestPair pair = connect(client(new ArrayList<>()).build(), off, session)) {
            assertFalse(pair.server.isResumed(), "tickets turned off again");
        }
    }

    @Test
    void resumptionAfterAHelloRetryRequest() throws Exception {
        // The server wants secp384r1, for which the client sends no share at first.
        Config server = serverWithKey(T0.plusSeconds(60)).securityPolicy(TestPolicies.group("secp384r1")).build();
        byte[] session = firstSession(server);
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, session)) {
            assertTrue(pair.client.isResumed());
            assertEquals("NEGOTIATED|HELLO_RETRY_REQUEST|MIDDLEBOX_COMPAT", pair.server.handshakeTypeName());
            assertEquals(pair.server.handshakeTypeName(), pair.client.handshakeTypeName());
        }
    }

    @Test
    void aWrongBinderIsADecryptError() throws Exception {
        byte[] session = firstSession(serverWithKey(T0.plusSeconds(60)).build());
        byte[] wrongPsk = session.clone();
        wrongPsk[26] ^= 1; // the first byte of the PSK (after format, version, suite, times, age_add, early data, length)
        try (TestPair pair = new TestPair(client(new ArrayList<>()).build(), serverWithKey(T0.plusSeconds(60)).build())) {
            pair.client.setSession(wrongPsk);
            pair.client.negotiate();
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(Alert.DECRYPT_ERROR, e.alert(), e.getMessage());
            TlsException peer = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(Alert.DECRYPT_ERROR, peer.alert(), peer.getMessage());
        }
    }

    @Test
    void aMutualTlsServerNeitherIssuesNorAcceptsTickets() throws Exception {
        Config server = serverWithKey(T0.plusSeconds(60)).build();
        byte[] session = firstSession(server);
        Config mtls = serverWithKey(T0.plusSeconds(60)).clientAuth(ClientAuth.OPTIONAL).build();
        List<SessionTicket> tickets = new ArrayList<>();
        try (TestPair pair = connect(client(tickets).build(), mtls, session)) {
            assertFalse(pair.server.isResumed(), "a resumed session would carry no client certificate");
            assertTrue(tickets.isEmpty());
        }
    }

    @Test
    void aTls12HandshakeIgnoresTheSession() throws Exception {
        byte[] session = firstSession(serverWithKey(T0.plusSeconds(60)).build());
        Config tls12 = serverWithKey(T0.plusSeconds(60)).securityPolicy(SecurityPolicy.named("20240501")).build();
        try (TestPair pair = connect(client(new ArrayList<>()).build(), tls12, session)) {
            assertEquals(ProtocolVersion.TLS12, pair.client.actualProtocolVersion());
            assertFalse(pair.client.isResumed());
        }
    }

    @Test
    void setSessionChecksItsInputAndItsMoment() throws Exception {
        byte[] session = firstSession(serverWithKey(T0.plusSeconds(60)).build());
        try (Connection c = new Connection(Mode.CLIENT)) {
            for (byte[] garbage : new byte[][] {new byte[0], new byte[] {0x13}, "not a session".getBytes(US_ASCII),
                    Arrays.copyOf(session, session.length - 1), Arrays.copyOf(session, session.length + 1)}) {
                assertThrows(IllegalArgumentException.class, () -> c.setSession(garbage), Arrays.toString(garbage));
            }
            assertNull(c.session());
        }
        try (Connection s = new Connection(Mode.SERVER)) {
            assertThrows(IllegalStateException.class, () -> s.setSession(session));
        }
        try (TestPair pair = connect(client(new ArrayList<>()).build(), serverWithKey(T0.plusSeconds(60)).build(), null)) {
            assertThrows(IllegalStateException.class, () -> pair.client.setSession(session));
        }
    }

    @Test
    void wipeForgetsTheSessions() throws Exception {
        Config server = serverWithKey(T0.plusSeconds(60)).build();
        byte[] session = firstSession(server);
        Connection client = new Connection(Mode.CLIENT);
        Connection srv = new Connection(Mode.SERVER);
        Config clientConfig = client(new ArrayList<>()).build();
        try (TestPair pair = new TestPair(client, srv, clientConfig, server, s2n.tls.testing.MemoryPipe.Behavior.NORMAL)) {
            client.setSession(session);
            pair.handshake();
            TestPair.transfer(srv, client, new byte[] {1});
            assertTrue(client.isResumed());
            assertNotNull(client.session());
            client.wipe();
            assertNull(client.session());
            assertFalse(client.isResumed());
        }
        // The wiped connection does a full handshake unless given a session again.
        try (TestPair again = new TestPair(new Connection(Mode.CLIENT), new Connection(Mode.SERVER), clientConfig, server,
                s2n.tls.testing.MemoryPipe.Behavior.NORMAL)) {
            again.handshake();
            assertFalse(again.client.isResumed());
        }
    }

    @Test
    void aClientWithoutCallbackOrTicketsEnabledKeepsNoTickets() throws Exception {
        Config server = serverWithKey(T0.plusSeconds(60)).build();
        Config plain = Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false)
                .trustPem(TestPki.shared(TestPki.KeyType.ECDSA_P256).rootPem()).build();
        try (TestPair pair = connect(plain, server, null)) {
            assertNull(pair.client.session());
        }
        Config enabled = Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false)
                .trustPem(TestPki.shared(TestPki.KeyType.ECDSA_P256).rootPem()).sessionTicketsEnabled(true).build();
        try (TestPair pair = connect(enabled, server, null)) {
            assertNotNull(pair.client.session());
        }
    }

    /** The ticket's length: the session's last field is a 16-bit-length ticket. */
    private static int ticketLength(byte[] session) {
        // Find the length prefix that runs exactly to the end.
        for (int at = session.length - 3; at > 0; at--) {
            int len = ((session[at] & 0xff) << 8) | (session[at + 1] & 0xff);
            if (at + 2 + len == session.length && len > 20) {
                return len;
            }
        }
        throw new AssertionError("no ticket in the session");
    }
}
