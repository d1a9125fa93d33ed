package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static s2n.tls.hostile.Negative.LEAF;
import static s2n.tls.hostile.Negative.c;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.PreSharedKeyExtension;
import s2n.tls.internal.handshake.extension.PskKeyExchangeModesExtension;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;

/**
 * Hostile resumption input (RFC 8446 §4.2.9, §4.2.11, §4.6.1): a raw client's pre_shared_key
 * offers to our server, a raw server's NewSessionTickets to our client. What is malformed ends
 * in the alert the RFC names; a ticket we cannot use is a full handshake.
 */
class ResumptionNegativeTest {
    private static Config serverWithTickets() {
        return Config.builder().maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(LEAF.chainPem(), LEAF.keyPem()))
                .addTicketKey("k", new byte[32], Instant.now().minusSeconds(60)).build();
    }

    private static Config clientKeepingTickets() {
        return Config.builder().withSystemTrust(false).trustPem(Negative.PKI.rootPem()).maxBlindingDelay(Duration.ZERO)
                .sessionTicketsEnabled(true).build();
    }

    private static byte[] modes() {
        return PskKeyExchangeModesExtension.encode(new int[] {PskKeyExchangeModesExtension.PSK_DHE_KE});
    }

    private static byte[] offer(int identities, int binders, int binderLength) {
        Writer w = new Writer();
        int ids = w.beginVector16();
        for (int i = 0; i < identities; i++) {
            w.writeVector16(new byte[] {1, 2, 3, (byte) i});
            w.writeUint32(0);
        }
        w.endVector16(ids);
        int bs = w.beginVector16();
        for (int i = 0; i < binders; i++) {
            w.writeVector8(new byte[binderLength]);
        }
        w.endVector16(bs);
        return w.toByteArray();
    }

    static Stream<Case> clientHellos() {
        return Stream.of(
            c("pre_shared_key without psk_key_exchange_modes", Alert.MISSING_EXTENSION, p -> {
                RawHello h = p.clientHello();
                h.add(ExtensionType.PRE_SHARED_KEY, offer(1, 1, 32));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("pre_shared_key with two identities and one binder", Alert.DECODE_ERROR, p -> {
                RawHello h = p.clientHello();
                h.add(ExtensionType.PSK_KEY_EXCHANGE_MODES, modes());
                h.add(ExtensionType.PRE_SHARED_KEY, offer(2, 1, 32));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("pre_shared_key with a 31-byte binder", Alert.DECODE_ERROR, p -> {
                RawHello h = p.clientHello();
                h.add(ExtensionType.PSK_KEY_EXCHANGE_MODES, modes());
                h.add(ExtensionType.PRE_SHARED_KEY, offer(1, 1, 31));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("pre_shared_key with no identity", Alert.DECODE_ERROR, p -> {
                RawHello h = p.clientHello();
                h.add(ExtensionType.PSK_KEY_EXCHANGE_MODES, modes());
                h.add(ExtensionType.PRE_SHARED_KEY, offer(0, 0, 32));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("early_data with a body in a ClientHello", Alert.DECODE_ERROR, p -> {
                RawHello h = p.clientHello();
                h.add(ExtensionType.EARLY_DATA, new byte[] {0, 0, 0, 1});
                p.sendHandshake(h.encodeClientHello());
            }),
            c("psk_key_exchange_modes empty", Alert.DECODE_ERROR, p -> {
                RawHello h = p.clientHello();
                h.add(ExtensionType.PSK_KEY_EXCHANGE_MODES, new byte[] {0});
                p.sendHandshake(h.encodeClientHello());
            }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientHellos")
    void clientHelloToOurServer(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(serverWithTickets())) {
            Negative.expectAlert(peer, c);
        }
    }

    /** A ticket not ours, with a binder of the right length: the server does a full handshake. */
    @Test
    void anUnknownTicketIsAFullHandshake() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(serverWithTickets())) {
            RawHello h = peer.clientHello();
            h.add(ExtensionType.PSK_KEY_EXCHANGE_MODES, modes());
            h.add(ExtensionType.PRE_SHARED_KEY, PreSharedKeyExtension.encodeClientHello(
                    List.of(new PreSharedKeyExtension.Identity(new byte[40], 1234)), new int[] {32}));
            peer.completeAsClient(h);
            peer.requireNoFailure();
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", peer.conn.handshakeTypeName());
            assertFalse(peer.conn.isResumed());
        }
    }

    private static byte[] ticket(long lifetime, byte[] ticket, byte[] extensions) {
        Writer w = new Writer();
        w.writeUint32(lifetime).writeUint32(7).writeVector8(new byte[] {0}).writeVector16(ticket).writeVector16(extensions);
        return RawPeer.handshake(HandshakeCodes.NEW_SESSION_TICKET, w.toByteArray());
    }

    private static byte[] extension(int type, byte[] data) {
        Writer w = new Writer();
        w.writeUint16(type).writeVector16(data);
        return w.toByteArray();
    }

    static Stream<Case> tickets() {
        return Stream.of(
            c("NewSessionTicket with a lifetime of seven days and a second", Alert.ILLEGAL_PARAMETER,
                p -> p.sendHandshake(ticket(604_801, new byte[] {9}, new byte[0]))),
            c("NewSessionTicket with an empty ticket", Alert.DECODE_ERROR,
                p -> p.sendHandshake(ticket(3600, new byte[0], new byte[0]))),
            c("NewSessionTicket with a key_share extension", Alert.ILLEGAL_PARAMETER,
                p -> p.sendHandshake(ticket(3600, new byte[] {9}, extension(ExtensionType.KEY_SHARE, new byte[] {0, 0})))),
            c("NewSessionTicket with early_data of two bytes", Alert.DECODE_ERROR,
                p -> p.sendHandshake(ticket(3600, new byte[] {9}, extension(ExtensionType.EARLY_DATA, new byte[] {0, 1})))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tickets")
    void ticketToOurClient(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(clientKeepingTickets())) {
            peer.completeAsServer(LEAF, SignatureScheme.ECDSA_SECP256R1_SHA256);
            Negative.expectAlert(peer, c);
        }
    }

    /** Seven days exactly is allowed; a lifetime of 0 means "discard", and an unknown extension is ignored. */
    @Test
    void legalTicketsAreKept() throws Exception {
        try (RawPeer peer = RawPeer.facingClient(clientKeepingTickets())) {
            peer.completeAsServer(LEAF, SignatureScheme.ECDSA_SECP256R1_SHA256);
            peer.sendHandshake(ticket(0, new byte[] {8}, new byte[0]));
            peer.pump();
            peer.requireNoFailure();
            assertEquals(null, peer.conn.session(), "lifetime 0: discarded");
            peer.sendHandshake(ticket(604_800, new byte[] {9}, extension(0x7a7a, new byte[] {1})));
            peer.pump();
            peer.requireNoFailure();
            assertEquals(true, peer.conn.session() != null);
        }
    }
}
