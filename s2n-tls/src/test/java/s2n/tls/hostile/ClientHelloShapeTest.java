package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.hostile.Negative.c;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.Alert;
import s2n.tls.ProtocolVersion;
import s2n.tls.TlsException;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions.Extension;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.KeyShareExtension.KeyShareEntry;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;

/**
 * #16 item 2: the ClientHellos RFC 8446 allows are served, the ones it forbids are refused with
 * the alert it names. Extensions come in any order (only pre_shared_key is placed, §4.2);
 * unknown extensions, cipher suites, groups and signature schemes are ignored (§4.1.2, §4.2,
 * and the GREASE values of RFC 8701, which Chrome sends in every hello); legacy_version below
 * TLS 1.2 with supported_versions still negotiates TLS 1.3 (§4.2.1, Appendix D.2: the server
 * must not use legacy_version then); a key_share the server cannot use, while supported_groups
 * names a group it can, draws a HelloRetryRequest for that group (§4.1.1, §4.2.8), after which
 * the handshake completes; a key share for a group not in supported_groups is illegal_parameter
 * (§4.2.8).
 */
class ClientHelloShapeTest {
    /** GREASE values (RFC 8701 §2): reserved, never assigned, to be ignored. */
    private static final int GREASE_A = 0x0A0A;
    private static final int GREASE_B = 0x7A7A;

    @ParameterizedTest(name = "extensions shuffled, seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void extensionsInAnyOrder(long seed) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            RawHello h = peer.clientHello();
            h.add(ExtensionType.PSK_KEY_EXCHANGE_MODES, new byte[] {1, 1});
            h.add(ExtensionType.EC_POINT_FORMATS, new byte[] {1, 0});
            h.add(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);
            Collections.shuffle(h.extensions, new Random(seed));
            completes(peer, h, "x25519");
        }
    }

    static Stream<Case> ignoredUnknowns() {
        return Stream.of(
            c("unknown and GREASE extensions, first, middle and last", null, p -> {
                RawHello h = p.clientHello();
                h.extensions.add(0, new Extension(GREASE_A, new byte[0]));
                h.extensions.add(3, new Extension(0xFE77, new byte[] {1, 2, 3, 4, 5}));
                h.add(GREASE_B, new byte[] {0});
                h.add(0xFFFE, new byte[300]);
                completes(p, h, "x25519");
            }),
            c("unknown and GREASE cipher suites around the one we share", null, p -> {
                RawHello h = p.clientHello();
                h.cipherSuites = new int[] {GREASE_A, 0x1306, 0xFFFF, RawPeer.SUITE.code(), 0x00FF, GREASE_B};
                completes(p, h, "x25519");
            }),
            c("unknown, GREASE and obsolete groups in supported_groups", null, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {
                    GREASE_A, 0x0013 /* secp192r1 */, 0x0100 /* ffdhe2048 */, 0x4242, NamedGroup.X25519.code()}));
                completes(p, h, "x25519");
            }),
            c("unknown and GREASE signature schemes", null, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {
                    GREASE_A, 0x0201 /* rsa_pkcs1_sha1 */, 0x0999, SignatureScheme.ECDSA_SECP256R1_SHA256.code(), 0xFEFE}));
                completes(p, h, "x25519");
            }),
            c("a GREASE key share before the usable one", null, p -> {
                RawHello h = p.clientHello();
                List<KeyShareEntry> shares = new ArrayList<>();
                shares.add(new KeyShareEntry(GREASE_A, new byte[] {0}));
                shares.addAll(KeyShareExtension.decodeClientHello(h.get(ExtensionType.KEY_SHARE)));
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(shares));
                h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {
                    GREASE_A, NamedGroup.X25519.code(), NamedGroup.SECP256R1.code()}));
                completes(p, h, "x25519");
            }),
            c("key shares out of supported_groups' order (RFC 8446 §4.2.8: servers MAY refuse; OpenSSL and s2n serve it)", null, p -> {
                RawHello h = p.clientHello();
                KeyShareEntry x25519 = KeyShareExtension.decodeClientHello(p.newKeyShare(NamedGroup.X25519)).get(0);
                // Made last, so the raw client holds this one: the server prefers secp256r1 (as s2n's defaults).
                KeyShareEntry p256 = KeyShareExtension.decodeClientHello(p.newKeyShare(NamedGroup.SECP256R1)).get(0);
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(List.of(p256, x25519)));
                completes(p, h, "secp256r1");
            }),
            c("legacy_version 0x0301 (TLS 1.0) with supported_versions offering TLS 1.3", null, p -> {
                RawHello h = p.clientHello();
                h.legacyVersion = 0x0301;
                completes(p, h, "x25519");
            }),
            c("legacy_version 0x0300 (SSL 3.0) with supported_versions offering TLS 1.3", null, p -> {
                RawHello h = p.clientHello();
                h.legacyVersion = 0x0300;
                completes(p, h, "x25519");
            }),
            c("GREASE and unknown versions in supported_versions", null, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.SUPPORTED_VERSIONS, new byte[] {8, 0x0A, 0x0A, 0x7F, 0x1C, 0x03, 0x04, 0x03, 0x03});
                completes(p, h, "x25519");
            }),
            c("a ClientHello padded to 512 bytes (RFC 7685)", null, p -> {
                RawHello h = p.clientHello();
                int length = h.encodeClientHello().length;
                h.add(21 /* padding */, new byte[Math.max(0, 512 - length - 4)]);
                completes(p, h, "x25519");
            }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignoredUnknowns")
    void servedDespiteUnknowns(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            c.script().run(peer);
        }
    }

    static Stream<Case> retried() {
        return Stream.of(
            c("an empty key_share (the server retries with its own first choice, secp256r1 as s2n's)", null, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(List.of()));
                retriesThenCompletes(p, h, NamedGroup.SECP256R1);
            }),
            c("only a GREASE key share, x25519 supported", null, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {
                    GREASE_A, NamedGroup.X25519.code()}));
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(
                        List.of(new KeyShareEntry(GREASE_A, new byte[] {0}))));
                retriesThenCompletes(p, h, NamedGroup.X25519);
            }),
            c("only key shares for unknown and obsolete groups, secp256r1 supported", null, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {
                    0x4242, 0x0013, NamedGroup.SECP256R1.code()}));
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(List.of(
                        new KeyShareEntry(0x4242, new byte[32]), new KeyShareEntry(0x0013, new byte[49]))));
                retriesThenCompletes(p, h, NamedGroup.SECP256R1);
            }));
    }

    @ParameterizedTest(name = "{0}: HelloRetryRequest")
    @MethodSource("retried")
    void retriedWhenNoShareIsUsable(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            c.script().run(peer);
        }
    }

    static Stream<Case> refused() {
        return Stream.of(
            c("a key share for a known group missing from supported_groups", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {NamedGroup.SECP256R1.code()}));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("a key share for an unknown group missing from supported_groups", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                List<KeyShareEntry> shares = new ArrayList<>(KeyShareExtension.decodeClientHello(h.get(ExtensionType.KEY_SHARE)));
                shares.add(new KeyShareEntry(0x4242, new byte[32]));
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(shares));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("a pre_shared_key extension that is not last", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                h.extensions.add(0, new Extension(ExtensionType.PRE_SHARED_KEY, new byte[] {0, 0, 0, 0}));
                p.sendHandshake(h.encodeClientHello());
            }));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void refusedAsTheRfcSays(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    static Stream<Case> tls12Hellos() {
        return Stream.of(
            c("TLS 1.2: GREASE and unknown suites, unknown extensions, shuffled", null, p -> {
                RawHello h = p.tls12().clientHello();
                int[] ours = h.cipherSuites;
                h.cipherSuites = new int[] {GREASE_A, 0xC0FF, ours[0], 0x1306, ours[1], GREASE_B};
                h.add(GREASE_A, new byte[0]);
                h.add(0xFE77, new byte[] {9, 9, 9});
                Collections.shuffle(h.extensions, new Random(7));
                completes12(p, h);
            }),
            c("TLS 1.2: legacy_version 0x0304 without supported_versions (RFC 8446 §4.2.1: negotiate TLS 1.2)", null, p -> {
                RawHello h = p.tls12().clientHello();
                h.legacyVersion = 0x0304;
                completes12(p, h);
            }),
            c("TLS 1.2: legacy_version 0x0309, a future version (RFC 5246 Appendix E.1)", null, p -> {
                RawHello h = p.tls12().clientHello();
                h.legacyVersion = 0x0309;
                completes12(p, h);
            }),
            c("TLS 1.2: supported_versions offering only TLS 1.2 and a GREASE value", null, p -> {
                RawHello h = p.tls12().clientHello();
                h.legacyVersion = 0x0301;
                h.set(ExtensionType.SUPPORTED_VERSIONS, new byte[] {4, 0x0A, 0x0A, 0x03, 0x03});
                completes12(p, h);
            }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tls12Hellos")
    void tls12ServedDespiteUnknowns(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            c.script().run(peer);
        }
    }

    private static void completes12(RawPeer peer, RawHello hello) throws TlsException {
        peer.tls12().completeAsClient(hello);
        assertTrue(peer.conn.isHandshakeComplete());
        assertEquals(ProtocolVersion.TLS12, peer.conn.actualProtocolVersion());
    }

    @Test
    void helloWithAllOfTheAboveAtOnce() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            RawHello h = peer.clientHello();
            h.legacyVersion = 0x0301;
            h.cipherSuites = new int[] {GREASE_A, 0x1306, RawPeer.SUITE.code()};
            h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {
                GREASE_B, 0x0013, NamedGroup.X25519.code()}));
            h.add(GREASE_A, new byte[0]);
            h.add(0xFE77, new byte[17]);
            Collections.shuffle(h.extensions, new Random(42));
            completes(peer, h, "x25519");
        }
    }

    /** The server answers {@code hello} with a TLS 1.3 ServerHello on {@code group} and the handshake completes. */
    private static void completes(RawPeer peer, RawHello hello, String group) throws TlsException {
        peer.completeAsClient(hello);
        assertTrue(peer.conn.isHandshakeComplete());
        assertEquals(ProtocolVersion.TLS13, peer.conn.actualProtocolVersion());
        assertEquals(group, peer.conn.keyExchangeGroup());
    }

    /**
     * The server answers {@code hello} with a HelloRetryRequest for {@code group}; the same hello
     * with a share for that group (and the cookie, if one came) then completes the handshake.
     */
    private static void retriesThenCompletes(RawPeer peer, RawHello hello, NamedGroup group) throws TlsException {
        peer.sendHandshake(hello.encodeClientHello());
        peer.pump();
        peer.requireNoFailure();
        ServerHello hrr = peer.readServerHello();
        assertNotNull(hrr, "no answer to the ClientHello");
        assertTrue(hrr.isHelloRetryRequest(), "expected a HelloRetryRequest, got " + hrr);
        assertEquals(group.code(), KeyShareExtension.decodeHelloRetryRequest(hrr.extensions().get(ExtensionType.KEY_SHARE)));
        hello.set(ExtensionType.KEY_SHARE, peer.newKeyShare(group));
        byte[] cookie = hrr.extensions().get(ExtensionType.COOKIE);
        if (cookie != null) {
            hello.set(ExtensionType.COOKIE, cookie);
        }
        completes(peer, hello, group.toString().toLowerCase(java.util.Locale.ROOT));
    }
}
