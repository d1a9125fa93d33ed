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
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * TLS 1.2 resumption between our own client and server: session tickets (RFC 5077) and session
 * IDs with a server-side cache (RFC 5246 §7.3's abbreviated handshake), always with the extended
 * master secret (RFC 7627 §5.3). What the server cannot resume is a full handshake, never an error.
 */
class Tls12ResumptionTest {
    private static final TestPki.Issued CERT = Tls12HandshakeTest.cert(TestPki.KeyType.ECDSA_P256);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(US_ASCII);
    private static final SecurityPolicy TLS12 = SecurityPolicy.named("20240501");
    private static final String FULL_WITH_TICKET = "NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY|WITH_SESSION_TICKET";
    private static final String FULL = "NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY";

    private static Config.Builder server() {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(TLS12)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem()))
                .clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
    }

    private static Config.Builder client(List<SessionTicket> tickets) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false)
                .trustPem(TestPki.shared(TestPki.KeyType.ECDSA_P256).rootPem())
                .sessionTicketCallback((conn, ticket) -> tickets.add(ticket));
    }

    private static TestPair connect(Config client, Config server, byte[] session) throws TlsException {
        TestPair pair = new TestPair(client, server);
        if (session != null) {
            pair.client.setSession(session);
        }
        pair.handshake();
        byte[] hello = "hello".getBytes(US_ASCII);
        assertArrayEquals(hello, TestPair.transfer(pair.server, pair.client, hello));
        assertArrayEquals(hello, TestPair.transfer(pair.client, pair.server, hello));
        assertEquals(ProtocolVersion.TLS12, pair.client.actualProtocolVersion());
        return pair;
    }

    @Test
    void aTicketFromAFullHandshakeResumesTheNext() throws Exception {
        Config server = server().addTicketKey("k", KEY, T0).build();
        List<SessionTicket> tickets = new ArrayList<>();
        byte[] session;
        try (TestPair pair = connect(client(tickets).build(), server, null)) {
            assertEquals(FULL_WITH_TICKET, pair.server.handshakeTypeName());
            assertEquals(FULL_WITH_TICKET, pair.client.handshakeTypeName());
            assertEquals(1, tickets.size(), "the callback hears of the TLS 1.2 ticket");
            session = pair.client.session();
            assertArrayEquals(tickets.get(0).session(), session);
            // s2n's 15 h session state lifetime, within the key's 2 h + 13 h from its intro time.
            assertEquals(Duration.ofHours(15).minusSeconds(60), tickets.get(0).lifetime());
        }
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, session)) {
            for (Connection c : new Connection[] {pair.client, pair.server}) {
                assertTrue(c.isResumed());
                assertEquals("NEGOTIATED", c.handshakeTypeName());
                assertNull(c.signatureScheme());
                assertNull(c.keyExchangeGroup());
            }
            assertTrue(pair.client.peerCertificates().isEmpty());
            assertArrayEquals(session, pair.client.session(), "no new ticket: the same session resumes again");
        }
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, session)) {
            assertTrue(pair.server.isResumed());
        }
    }

    /** s2n's rule: a ticket whose key now only decrypts resumes and is replaced by one under the current key. */
    @Test
    void aTicketUnderADecryptOnlyKeyIsRenewed() throws Exception {
        byte[] second = "fedcba9876543210fedcba9876543210".getBytes(US_ASCII);
        byte[] session;
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server().addTicketKey("k1", KEY, T0).build(), null)) {
            session = pair.client.session();
        }
        Instant later = T0.plus(Duration.ofHours(2)).plusSeconds(60);
        Config rotated = server().addTicketKey("k1", KEY, T0).addTicketKey("k2", second, T0.plus(Duration.ofHours(1)))
                .clock(Clock.fixed(later, ZoneOffset.UTC)).build();
        List<SessionTicket> tickets = new ArrayList<>();
        byte[] renewed;
        try (TestPair pair = connect(client(tickets).build(), rotated, session)) {
            assertTrue(pair.server.isResumed());
            assertEquals("NEGOTIATED|WITH_SESSION_TICKET", pair.server.handshakeTypeName());
            assertEquals(pair.server.handshakeTypeName(), pair.client.handshakeTypeName());
            assertEquals(1, tickets.size());
            renewed = pair.client.session();
            assertFalse(java.util.Arrays.equals(session, renewed));
        }
        // The renewed ticket opens where only the new key is left; the old one no longer does.
        Config onlyNew = server().addTicketKey("k2", second, T0.plus(Duration.ofHours(1)))
                .clock(Clock.fixed(later.plusSeconds(60), ZoneOffset.UTC)).build();
        try (TestPair pair = connect(client(new ArrayList<>()).build(), onlyNew, renewed)) {
            assertTrue(pair.server.isResumed());
            assertEquals("NEGOTIATED", pair.server.handshakeTypeName(), "sealed by the current key: not renewed again");
        }
        try (TestPair pair = connect(client(new ArrayList<>()).build(), onlyNew, session)) {
            assertFalse(pair.server.isResumed());
        }
    }

    @Test
    void aSessionIdInTheServersCacheResumes() throws Exception {
        SessionCache cache = SessionCache.inMemory(8);
        Config server = server().sessionCache(cache).build();
        assertFalse(server.sessionTicketsEnabled());
        List<SessionTicket> tickets = new ArrayList<>();
        byte[] session;
        try (TestPair pair = connect(client(tickets).build(), server, null)) {
            assertEquals(FULL, pair.server.handshakeTypeName());
            assertTrue(tickets.isEmpty(), "a session ID is no ticket");
            session = pair.client.session();
            assertNotNull(session);
        }
        assertEquals(1, ((InMemorySessionCache) cache).size());
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, session)) {
            assertTrue(pair.server.isResumed());
            assertEquals("NEGOTIATED", pair.client.handshakeTypeName());
        }
    }

    /** s2n deletes a cache entry when a handshake that resumed it fails: here the client's master secret is wrong. */
    @Test
    void aFailedResumptionDeletesItsCacheEntry() throws Exception {
        InMemorySessionCache cache = (InMemorySessionCache) SessionCache.inMemory(8);
        Config server = server().sessionCache(cache).build();
        byte[] session;
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, null)) {
            session = pair.client.session();
        }
        assertEquals(1, cache.size());
        byte[] wrongMaster = session.clone();
        wrongMaster[18] ^= 1; // format, version, suite, issued, lifetime, then master<48>
        try (TestPair pair = new TestPair(client(new ArrayList<>()).build(), server)) {
            pair.client.setSession(wrongMaster);
            assertThrows(TlsException.class, () -> {
                for (int i = 0; i < 20; i++) {
                    pair.client.negotiate();
                    pair.server.negotiate();
                }
            });
            // Whichever side noticed first, the server fails too (on the client's alert, or its own check).
            if (!pair.server.isHandshakeComplete()) {
                assertThrows(TlsException.class, pair.server::negotiate);
            }
        }
        assertEquals(0, cache.size(), "the entry went with the failed handshake");
    }

    @Test
    void withTicketsAndACacheAClientThatTakesTicketsGetsATicket() throws Exception {
        SessionCache cache = SessionCache.inMemory(8);
        Config server = server().sessionCache(cache).addTicketKey("k", KEY, T0).build();
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, null)) {
            assertEquals(FULL_WITH_TICKET, pair.server.handshakeTypeName());
        }
        assertEquals(0, ((InMemorySessionCache) cache).size());
    }

    @Test
    void aCacheEntryFromAnotherServersKeysIsAFullHandshake() throws Exception {
        SessionCache shared = SessionCache.inMemory(8);
        byte[] session;
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server().sessionCache(shared).build(), null)) {
            session = pair.client.session();
        }
        // Another config: a random key of its own, which cannot open the first one's entries.
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server().sessionCache(shared).build(), session)) {
            assertFalse(pair.server.isResumed());
            assertEquals(FULL, pair.client.handshakeTypeName());
        }
    }

    @Test
    void unusableTicketsAreFullHandshakesWithANewTicket() throws Exception {
        Config server = server().addTicketKey("k", KEY, T0).build();
        byte[] session;
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, null)) {
            session = pair.client.session();
        }
        byte[] tampered = session.clone();
        tampered[tampered.length - 1] ^= 1;
        byte[] otherKey = KEY.clone();
        otherKey[5] ^= 1;
        Config rotated = server().addTicketKey("k", otherKey, T0).build();
        Config expired = server().addTicketKey("k", KEY, T0).ticketKeyLifetimes(Duration.ofHours(2), Duration.ofHours(30))
                .clock(Clock.fixed(T0.plus(Duration.ofHours(16)), ZoneOffset.UTC)).build();
        Config otherSuite = server().addTicketKey("k", KEY, T0)
                .securityPolicy(TestPolicies.suite("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")).build();
        Object[][] cases = {{server, tampered}, {rotated, session}, {expired, session}, {otherSuite, session}};
        for (Object[] c : cases) {
            List<SessionTicket> tickets = new ArrayList<>();
            try (TestPair pair = connect(client(tickets).build(), (Config) c[0], (byte[]) c[1])) {
                assertFalse(pair.server.isResumed(), pair.server.handshakeTypeName());
                assertTrue(pair.client.handshakeTypeName().contains("FULL_HANDSHAKE"));
            }
        }
    }

    @Test
    void aMutualTlsServerNeitherIssuesNorResumes() throws Exception {
        Config server = server().addTicketKey("k", KEY, T0).build();
        byte[] session;
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, null)) {
            session = pair.client.session();
        }
        Config mtls = server().addTicketKey("k", KEY, T0).clientAuth(ClientAuth.OPTIONAL).build();
        List<SessionTicket> tickets = new ArrayList<>();
        try (TestPair pair = connect(client(tickets).build(), mtls, session)) {
            assertFalse(pair.server.isResumed());
            assertFalse(pair.server.handshakeTypeName().contains("WITH_SESSION_TICKET"));
            assertTrue(tickets.isEmpty());
        }
    }

    @Test
    void aClientThatKeepsNoSessionsAsksForNoTicket() throws Exception {
        Config server = server().addTicketKey("k", KEY, T0).sessionCache(SessionCache.inMemory(4)).build();
        Config plain = Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false)
                .trustPem(TestPki.shared(TestPki.KeyType.ECDSA_P256).rootPem()).build();
        try (TestPair pair = connect(plain, server, null)) {
            assertEquals(FULL, pair.server.handshakeTypeName(), "no session_ticket offered: a session ID instead");
            assertNull(pair.client.session(), "and the client keeps none");
        }
    }

    @Test
    void aTls12SessionOfferedToATls13ServerIsIgnored() throws Exception {
        byte[] session;
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server().addTicketKey("k", KEY, T0).build(), null)) {
            session = pair.client.session();
        }
        Config tls13 = Config.builder().maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem()))
                .addTicketKey("k", KEY, T0).clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)).build();
        try (TestPair pair = new TestPair(client(new ArrayList<>()).build(), tls13)) {
            pair.client.setSession(session);
            pair.handshake();
            assertEquals(ProtocolVersion.TLS13, pair.client.actualProtocolVersion());
            assertFalse(pair.client.isResumed());
        }
    }

    @Test
    void wipeForgetsTheTls12Session() throws Exception {
        Config server = server().addTicketKey("k", KEY, T0).build();
        try (TestPair pair = connect(client(new ArrayList<>()).build(), server, null)) {
            assertNotNull(pair.client.session());
            pair.client.wipe();
            assertNull(pair.client.session());
        }
    }

    @Test
    void theInMemoryCacheIsBoundedAndExpires() {
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        InMemorySessionCache cache = new InMemorySessionCache(2, clock);
        cache.store(new byte[] {1}, new byte[] {10}, Duration.ofSeconds(10));
        cache.store(new byte[] {2}, new byte[] {20}, Duration.ofSeconds(10));
        assertArrayEquals(new byte[] {10}, cache.retrieve(new byte[] {1})); // 1 is now the most recent
        cache.store(new byte[] {3}, new byte[] {30}, Duration.ofSeconds(10));
        assertNull(cache.retrieve(new byte[] {2}), "least recently used, dropped");
        assertEquals(2, cache.size());
        now[0] = T0.plusSeconds(11);
        assertNull(cache.retrieve(new byte[] {1}), "expired");
        cache.delete(new byte[] {3});
        assertEquals(0, cache.size());
        assertThrows(IllegalArgumentException.class, () -> SessionCache.inMemory(0));
    }
}
