package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static s2n.tls.hostile.Negative.c;
import static s2n.tls.hostile.Negative.concat;
import static s2n.tls.hostile.Negative.handshakeRecord;
import static s2n.tls.hostile.Negative.plainRecord;
import static s2n.tls.hostile.Negative.truncated;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.TestPolicies;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.KeyShareExtension.KeyShareEntry;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;

/**
 * Our TLS 1.3 server against a hostile client (a {@link RawPeer}): malformed and out-of-order
 * ClientHellos, second ClientHellos, Finished messages and records. Each case asserts the exact
 * alert our server raised and the alert the client read off the wire.
 */
class NegativeServerTest {
    /** Offset of the cipher_suites length in a ClientHello with a 32-byte session id, header included. */
    private static final int SUITES_AT = 4 + 2 + 32 + 1 + 32;

    static Stream<Case> clientHellos() {
        return Stream.of(
            c("ClientHello cut inside cipher_suites", Alert.DECODE_ERROR,
                p -> p.sendHandshake(truncated(p.clientHello().encodeClientHello(), SUITES_AT - 4 + 3))),
            c("ClientHello cut inside its extensions", Alert.DECODE_ERROR, p -> {
                byte[] m = p.clientHello().encodeClientHello();
                p.sendHandshake(truncated(m, m.length - 4 - 3));
            }),
            c("ClientHello with a byte after its extensions", Alert.DECODE_ERROR, p -> {
                RawHello h = p.clientHello();
                h.trailing = new byte[] {0};
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello whose cipher_suites length is odd", Alert.DECODE_ERROR, p -> {
                byte[] m = p.clientHello().encodeClientHello();
                m[SUITES_AT + 1] = 3;
                p.sendHandshake(m);
            }),
            c("ClientHello whose extensions block overruns the message", Alert.DECODE_ERROR, p -> {
                byte[] m = p.clientHello().encodeClientHello();
                int at = SUITES_AT + 2 + 2 + 2;
                m[at + 1] += 5;
                p.sendHandshake(m);
            }),
            c("ClientHello with a 33-byte session id", Alert.DECODE_ERROR, p -> {
                RawHello h = p.clientHello();
                h.sessionId = new byte[33];
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello with no compression methods", Alert.DECODE_ERROR, p -> {
                RawHello h = p.clientHello();
                h.compression = new byte[0];
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello offering only DEFLATE compression", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                h.compression = new byte[] {1};
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello with supported_groups twice", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                h.add(ExtensionType.SUPPORTED_GROUPS, h.get(ExtensionType.SUPPORTED_GROUPS));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello carrying oid_filters (CertificateRequest only)", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                h.add(ExtensionType.OID_FILTERS, new byte[] {0, 0});
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello with pre_shared_key not last", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                byte[] sni = h.get(ExtensionType.SERVER_NAME);
                h.remove(ExtensionType.SERVER_NAME);
                h.add(ExtensionType.PRE_SHARED_KEY, new byte[] {0, 0, 0, 0});
                h.add(ExtensionType.SERVER_NAME, sni);
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello for TLS 1.1 (legacy_version 0x0302, no supported_versions)", Alert.PROTOCOL_VERSION, p -> {
                RawHello h = p.clientHello();
                h.legacyVersion = 0x0302;
                h.remove(ExtensionType.SUPPORTED_VERSIONS);
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello whose supported_versions lacks TLS 1.3", Alert.PROTOCOL_VERSION, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeClientHello(new int[] {0x0302}));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello with no cipher suite in common", Alert.HANDSHAKE_FAILURE, p -> {
                RawHello h = p.clientHello();
                h.cipherSuites = new int[] {0x1399, 0x00ff};
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello without signature_algorithms", Alert.MISSING_EXTENSION, p -> {
                RawHello h = p.clientHello();
                h.remove(ExtensionType.SIGNATURE_ALGORITHMS);
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello without key_share", Alert.MISSING_EXTENSION, p -> {
                RawHello h = p.clientHello();
                h.remove(ExtensionType.KEY_SHARE);
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello without supported_groups", Alert.MISSING_EXTENSION, p -> {
                RawHello h = p.clientHello();
                h.remove(ExtensionType.SUPPORTED_GROUPS);
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello key share for a group not in supported_groups", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {NamedGroup.SECP256R1.code()}));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello with two key shares for x25519", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                byte[] one = new byte[32];
                one[0] = 9;
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(List.of(
                        new KeyShareEntry(NamedGroup.X25519.code(), one), new KeyShareEntry(NamedGroup.X25519.code(), one))));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello x25519 key share of 31 bytes", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(List.of(
                        new KeyShareEntry(NamedGroup.X25519.code(), new byte[31]))));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello x25519 key share of a small-order point (all zero)", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(List.of(
                        new KeyShareEntry(NamedGroup.X25519.code(), new byte[32]))));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("ClientHello secp256r1 key share off the curve", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                byte[] point = new byte[65];
                Arrays.fill(point, (byte) 1);
                point[0] = 4;
                h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(List.of(
                        new KeyShareEntry(NamedGroup.SECP256R1.code(), point))));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("Finished instead of ClientHello", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.FINISHED, new byte[32]))),
            c("ClientHello announcing 16 MiB", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(handshakeRecord(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, 3, 3}))),
            c("ClientHello coalesced with the start of another message", Alert.UNEXPECTED_MESSAGE, p -> {
                byte[] hello = p.clientHello().encodeClientHello();
                p.addToTranscript(hello).sendHandshakeUnrecorded(concat(hello, new byte[] {20, 0, 0}));
                // The server finds it when it switches keys, after its ServerHello: read that first.
                p.pump();
                p.readServerHello();
            }),
            c("application data before ClientHello", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(plainRecord(ContentType.APPLICATION_DATA, new byte[] {1, 2, 3}))),
            c("change_cipher_spec before ClientHello", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(plainRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}))));
    }

    /** The server's flight has been read: the client holds the handshake and server application keys. */
    private static void afterServerFlight(RawPeer p) throws Exception {
        p.sendHandshake(p.clientHello().encodeClientHello());
        p.pump();
        p.readServerHello();
        p.readServerFlight();
    }

    static Stream<Case> clientFlights() {
        return Stream.of(
            c("client Finished with wrong verify_data", Alert.DECRYPT_ERROR, p -> {
                afterServerFlight(p);
                byte[] f = p.clientFinished();
                f[10] ^= 1;
                p.sendHandshake(f);
            }),
            c("client Finished of 31 bytes", Alert.DECODE_ERROR, p -> {
                afterServerFlight(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.FINISHED, new byte[31]));
            }),
            c("client Certificate instead of Finished", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CERTIFICATE, new byte[] {0, 0, 0, 0}));
            }),
            c("client Finished in an unprotected record", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendRaw(handshakeRecord(p.clientFinished()));
            }),
            c("client Finished with a bad record MAC", Alert.BAD_RECORD_MAC, p -> {
                afterServerFlight(p);
                p.sendTampered(ContentType.HANDSHAKE, p.clientFinished());
            }),
            c("client Finished followed by more handshake data in its record", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendHandshake(concat(p.clientFinished(), new byte[] {24, 0, 0, 1, 0}));
            }),
            c("malformed change_cipher_spec (value 2)", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendRaw(plainRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {2}));
            }),
            c("five change_cipher_spec records", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                for (int i = 0; i < 5; i++) {
                    p.sendChangeCipherSpec();
                }
            }),
            c("alert between the fragments of the client Finished", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                byte[] f = p.clientFinished();
                p.sendHandshakeUnrecorded(Arrays.copyOf(f, 2));
                p.sendAlert(1, Alert.USER_CANCELED);
            }),
            c("five user_canceled alerts during the handshake", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                for (int i = 0; i < 5; i++) {
                    p.sendAlert(1, Alert.USER_CANCELED);
                }
            }),
            c("alert record of three bytes", Alert.DECODE_ERROR, p -> {
                afterServerFlight(p);
                p.sendRecord(ContentType.ALERT, new byte[] {2, 40, 0});
            }),
            c("alert with level 3", Alert.DECODE_ERROR, p -> {
                afterServerFlight(p);
                p.sendRecord(ContentType.ALERT, new byte[] {3, 40});
            }),
            c("application data before the client Finished", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendApplicationData(new byte[] {1, 2, 3});
            }));
    }

    private static void helloRetried(RawPeer p, RawHello first) throws Exception {
        p.sendHandshake(first.encodeClientHello());
        p.pump();
        if (!p.readServerHello().isHelloRetryRequest()) {
            throw new AssertionError("expected a HelloRetryRequest");
        }
    }

    static Stream<Case> secondClientHellos() {
        return Stream.of(
            c("second ClientHello with another session id", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                helloRetried(p, h);
                h.set(ExtensionType.KEY_SHARE, p.newKeyShare(NamedGroup.SECP256R1));
                h.sessionId = new byte[32];
                p.sendHandshake(h.encodeClientHello());
            }),
            c("second ClientHello offering early data", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                helloRetried(p, h);
                h.set(ExtensionType.KEY_SHARE, p.newKeyShare(NamedGroup.SECP256R1));
                h.add(ExtensionType.EARLY_DATA, new byte[0]);
                p.sendHandshake(h.encodeClientHello());
            }),
            c("second ClientHello with a key share for the wrong group", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                helloRetried(p, h);
                h.set(ExtensionType.KEY_SHARE, p.newKeyShare(NamedGroup.SECP384R1));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("second ClientHello without the suite the server chose", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                helloRetried(p, h);
                h.set(ExtensionType.KEY_SHARE, p.newKeyShare(NamedGroup.SECP256R1));
                h.cipherSuites = new int[] {0x1302};
                p.sendHandshake(h.encodeClientHello());
            }),
            c("second ClientHello no longer offering TLS 1.3", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.clientHello();
                helloRetried(p, h);
                h.set(ExtensionType.KEY_SHARE, p.newKeyShare(NamedGroup.SECP256R1));
                h.set(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeClientHello(new int[] {0x0303}));
                p.sendHandshake(h.encodeClientHello());
            }),
            c("a third ClientHello after the retry", Alert.UNEXPECTED_MESSAGE, p -> {
                RawHello h = p.clientHello();
                helloRetried(p, h);
                h.set(ExtensionType.KEY_SHARE, p.newKeyShare(NamedGroup.SECP256R1));
                p.sendHandshake(h.encodeClientHello());
                p.pump();
                p.readServerHello();
                p.readServerFlight();
                p.sendHandshake(h.encodeClientHello());
            }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientHellos")
    void clientHello(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientFlights")
    void clientFlight(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    /** The server allows only secp256r1, so the client's x25519 share draws a HelloRetryRequest. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("secondClientHellos")
    void secondClientHello(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig(TestPolicies.group("secp256r1")))) {
            Negative.expectAlert(peer, c);
        }
    }

    @Test
    void clientHelloWithNoApplicationProtocolInCommon() throws Exception {
        Config alpn = Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(Negative.LEAF.chainPem(), Negative.LEAF.keyPem()))
                .applicationProtocols("h2").maxBlindingDelay(Duration.ZERO).build();
        try (RawPeer peer = RawPeer.facingServer(alpn)) {
            Negative.expectAlert(peer, c("ClientHello offering only http/1.1 to an h2 server", Alert.NO_APPLICATION_PROTOCOL, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
                        AlpnExtension.encode(List.of("http/1.1")));
                p.sendHandshake(h.encodeClientHello());
            }));
        }
    }

    @Test
    void fatalAlertFromTheClientEndsTheHandshakeWithoutAnswer() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            afterServerFlight(peer);
            peer.sendAlert(2, Alert.BAD_CERTIFICATE);
            Negative.expectPeerAlert(peer, Alert.BAD_CERTIFICATE);
        }
    }

    @Test
    void theRawClientCompletesAValidHandshake() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.completeAsClient();
            peer.sendApplicationData(new byte[] {'h', 'i'});
            peer.pump();
            assertArrayEquals(new byte[] {'h', 'i'}, peer.applicationDataReceived());
        }
    }
}
