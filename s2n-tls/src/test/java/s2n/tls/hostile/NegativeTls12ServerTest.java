package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static s2n.tls.hostile.Negative.c;
import static s2n.tls.hostile.Negative.concat;
import static s2n.tls.hostile.Negative.handshakeRecord;
import static s2n.tls.hostile.Negative.plainRecord;
import static s2n.tls.hostile.Negative.withTrailing;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.ProtocolVersion;
import s2n.tls.TestPolicies;
import s2n.tls.TlsException;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.EcPointFormatsExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.RenegotiationInfoExtension;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.record.ContentType;
import s2n.tls.internal.record.RecordLimits;
import s2n.tls.internal.record.Tls12Protection;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.Tls12Half;

/**
 * Our server (default policy: TLS 1.2 and 1.3) against a hostile TLS 1.2 client (a
 * {@link RawPeer} speaking through its {@link Tls12Half}): malformed TLS 1.2 hellos, bad
 * ClientKeyExchange points, change_cipher_spec missing, doubled or malformed, Finished messages
 * that do not verify or do not authenticate, and hostile records after the handshake. Each case
 * asserts the exact alert our server raised and the alert the client read off the wire. The
 * hello-level cases {@code Tls12ProtocolErrorsTest} already covers (no extended_master_secret,
 * non-empty renegotiation_info, no signature_algorithms, no null compression, a HelloRequest to a
 * server) are not repeated.
 */
class NegativeTls12ServerTest {

    /** Sends {@code h} as the TLS 1.2 ClientHello. */
    private static void hello(RawPeer p, RawHello h) {
        p.tls12().sendClientHello(h);
    }

    static Stream<Case> clientHellos() {
        return Stream.of(
            c("TLS 1.2 ClientHello whose extended_master_secret carries data", Alert.DECODE_ERROR, p -> {
                RawHello h = p.tls12().clientHello();
                h.set(ExtensionType.EXTENDED_MASTER_SECRET, new byte[] {0});
                hello(p, h);
            }),
            c("TLS 1.2 ClientHello whose renegotiation_info overruns its extension", Alert.DECODE_ERROR, p -> {
                RawHello h = p.tls12().clientHello();
                h.set(ExtensionType.RENEGOTIATION_INFO, new byte[] {5});
                hello(p, h);
            }),
            c("TLS 1.2 ClientHello whose ec_point_formats lacks uncompressed", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.tls12().clientHello();
                h.set(ExtensionType.EC_POINT_FORMATS, EcPointFormatsExtension.encode(new int[] {1, 2}));
                hello(p, h);
            }),
            c("TLS 1.2 ClientHello offering only CBC suites", Alert.HANDSHAKE_FAILURE, p -> {
                RawHello h = p.tls12().clientHello();
                h.cipherSuites = new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256.code(),
                    CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV.code()};
                hello(p, h);
            }),
            c("TLS 1.2 ClientHello whose only group is ffdhe2048", Alert.HANDSHAKE_FAILURE, p -> {
                RawHello h = p.tls12().clientHello();
                h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {NamedGroup.FFDHE2048.code()}));
                hello(p, h);
            }),
            c("TLS 1.2 ClientHello accepting only RSA signatures from an ECDSA server", Alert.HANDSHAKE_FAILURE, p -> {
                RawHello h = p.tls12().clientHello();
                h.set(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {
                    SignatureScheme.RSA_PSS_RSAE_SHA256.code(), SignatureScheme.RSA_PKCS1_SHA256.code()}));
                hello(p, h);
            }));
    }

    /** The server's first flight has been read: the raw client knows its group and share. */
    private static Tls12Half afterServerFlight(RawPeer p) {
        Tls12Half t = p.tls12();
        t.sendClientHello(t.clientHello());
        p.pump();
        t.readServerFlight();
        return t;
    }

    /** ... and a valid ClientKeyExchange is out: the raw client holds the keys; change_cipher_spec is next. */
    private static Tls12Half afterClientKeyExchange(RawPeer p) throws TlsException {
        Tls12Half t = afterServerFlight(p);
        t.sendClientKeyExchange();
        return t;
    }

    /** ... and its change_cipher_spec: the raw client writes with its keys; Finished is next. */
    private static Tls12Half afterChangeCipherSpec(RawPeer p) throws TlsException {
        Tls12Half t = afterClientKeyExchange(p);
        t.sendChangeCipherSpec();
        return t;
    }

    /** A secp256r1 point in the uncompressed form that is not on the curve. */
    private static byte[] offCurvePoint() {
        byte[] point = new byte[65];
        Arrays.fill(point, (byte) 1);
        point[0] = 4;
        return point;
    }

    static Stream<Case> clientFlights() {
        return Stream.of(
            c("ClientKeyExchange with a secp256r1 point off the curve", Alert.ILLEGAL_PARAMETER, p -> {
                afterServerFlight(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CLIENT_KEY_EXCHANGE, concat(new byte[] {65}, offCurvePoint())));
            }),
            c("ClientKeyExchange with a compressed secp256r1 point", Alert.ILLEGAL_PARAMETER, p -> {
                afterServerFlight(p);
                byte[] point = new byte[33];
                point[0] = 2;
                point[32] = 1;
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CLIENT_KEY_EXCHANGE, concat(new byte[] {33}, point)));
            }),
            c("ClientKeyExchange with an empty point", Alert.DECODE_ERROR, p -> {
                afterServerFlight(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CLIENT_KEY_EXCHANGE, new byte[] {0}));
            }),
            c("ClientKeyExchange whose point length overruns the message", Alert.DECODE_ERROR, p -> {
                Tls12Half t = afterServerFlight(p);
                byte[] cke = t.clientKeyExchange();
                cke[4]++;
                p.sendHandshake(cke);
            }),
            c("ClientKeyExchange with a byte after the point", Alert.DECODE_ERROR, p -> {
                Tls12Half t = afterServerFlight(p);
                p.sendHandshake(withTrailing(t.clientKeyExchange(), (byte) 0));
            }),
            c("client Certificate instead of ClientKeyExchange (none was requested)", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendHandshake(Tls12Half.certificate(Negative.LEAF.chain()));
            }),
            c("Finished instead of ClientKeyExchange", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.FINISHED, new byte[12]));
            }),
            c("change_cipher_spec before ClientKeyExchange", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendChangeCipherSpec();
            }),
            c("ClientKeyExchange and Finished in one record, no change_cipher_spec between", Alert.UNEXPECTED_MESSAGE, p -> {
                Tls12Half t = afterServerFlight(p);
                byte[] cke = t.clientKeyExchange();
                p.addToTranscript(cke).sendHandshakeUnrecorded(concat(cke, RawPeer.handshake(HandshakeCodes.FINISHED, new byte[12])));
            }),
            c("change_cipher_spec with value 2", Alert.UNEXPECTED_MESSAGE, p -> {
                afterClientKeyExchange(p);
                p.sendRaw(plainRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {2}));
            }),
            c("change_cipher_spec of two bytes", Alert.UNEXPECTED_MESSAGE, p -> {
                afterClientKeyExchange(p);
                p.sendRaw(plainRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1, 1}));
            }),
            c("a second change_cipher_spec before Finished", Alert.UNEXPECTED_MESSAGE, p -> {
                afterChangeCipherSpec(p);
                p.sendChangeCipherSpec();
            }),
            c("client Finished without change_cipher_spec", Alert.UNEXPECTED_MESSAGE, p -> {
                Tls12Half t = afterClientKeyExchange(p);
                p.sendHandshake(t.clientFinished());
            }),
            c("client Finished with wrong verify_data", Alert.DECRYPT_ERROR, p -> {
                Tls12Half t = afterChangeCipherSpec(p);
                byte[] f = t.clientFinished();
                f[4] ^= 1;
                p.sendHandshake(f);
            }),
            c("client Finished of 32 bytes (the TLS 1.3 size)", Alert.DECODE_ERROR, p -> {
                afterChangeCipherSpec(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.FINISHED, new byte[32]));
            }),
            c("client Finished followed by a ClientHello in its record", Alert.UNEXPECTED_MESSAGE, p -> {
                Tls12Half t = afterChangeCipherSpec(p);
                byte[] f = t.clientFinished();
                p.addToTranscript(f).sendHandshakeUnrecorded(concat(f, t.clientHello().encodeClientHello()));
            }),
            c("client Finished in a plaintext record after change_cipher_spec", Alert.BAD_RECORD_MAC, p -> {
                Tls12Half t = afterChangeCipherSpec(p);
                p.sendRaw(handshakeRecord(concat(t.clientFinished(), new byte[16])));
            }),
            c("client Finished with a bad record MAC", Alert.BAD_RECORD_MAC, p -> {
                Tls12Half t = afterChangeCipherSpec(p);
                p.sendTampered(ContentType.HANDSHAKE, t.clientFinished());
            }),
            c("client Finished with a tampered explicit nonce", Alert.BAD_RECORD_MAC, p -> {
                Tls12Half t = afterChangeCipherSpec(p);
                t.sendWithTamperedNonce(ContentType.HANDSHAKE, t.clientFinished());
            }),
            c("client Finished sealed with the server's write keys (reflected)", Alert.BAD_RECORD_MAC, p -> {
                Tls12Half t = afterClientKeyExchange(p);
                p.sendChangeCipherSpec();
                try (Tls12Protection serverKeys = t.protection(false)) {
                    p.sendRaw(Tls12Half.sealed(serverKeys, ContentType.HANDSHAKE, t.clientFinished()));
                }
            }),
            c("application data before the client Finished", Alert.UNEXPECTED_MESSAGE, p -> {
                afterChangeCipherSpec(p);
                p.sendApplicationData(new byte[] {1, 2, 3});
            }),
            c("protected record over 2^14 + 2048 bytes where Finished is due", Alert.RECORD_OVERFLOW, p -> {
                afterChangeCipherSpec(p);
                p.sendRaw(RawPeer.record(ContentType.HANDSHAKE, 0x0303, new byte[RecordLimits.MAX_CIPHERTEXT_TLS12 + 1]));
            }),
            c("alert split across two records (RFC 5246 allows it; we do not)", Alert.DECODE_ERROR, p -> {
                afterServerFlight(p);
                p.sendRecord(ContentType.ALERT, new byte[] {2});
                p.sendRecord(ContentType.ALERT, new byte[] {(byte) Alert.BAD_CERTIFICATE.code()});
            }),
            c("two alerts coalesced in one record (RFC 5246 allows it; we do not)", Alert.DECODE_ERROR, p -> {
                afterServerFlight(p);
                p.sendRecord(ContentType.ALERT, new byte[] {1, (byte) Alert.USER_CANCELED.code(), 2, (byte) Alert.BAD_CERTIFICATE.code()});
            }));
    }

    static Stream<Case> afterTheHandshake() {
        return Stream.of(
            c("application data sent twice (a replayed record)", Alert.BAD_RECORD_MAC,
                p -> p.tls12().sendTwice(ContentType.APPLICATION_DATA, new byte[] {'x'})),
            c("application data with a tampered explicit nonce", Alert.BAD_RECORD_MAC,
                p -> p.tls12().sendWithTamperedNonce(ContentType.APPLICATION_DATA, new byte[] {'x'})),
            c("application data with a bad record MAC", Alert.BAD_RECORD_MAC,
                p -> p.sendTampered(ContentType.APPLICATION_DATA, new byte[] {'x'})),
            c("application data of 2^14 + 1 bytes that authenticates", Alert.RECORD_OVERFLOW,
                p -> p.sendSealed(ContentType.APPLICATION_DATA, new byte[RecordLimits.MAX_PLAINTEXT + 1])),
            c("protected record over 2^14 + 2048 bytes", Alert.RECORD_OVERFLOW,
                p -> p.sendRaw(RawPeer.record(ContentType.APPLICATION_DATA, 0x0303, new byte[RecordLimits.MAX_CIPHERTEXT_TLS12 + 1]))),
            c("unprotected fatal alert after the handshake", Alert.BAD_RECORD_MAC,
                p -> p.sendRaw(plainRecord(ContentType.ALERT, new byte[] {2, 40}))),
            c("change_cipher_spec after the handshake", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(plainRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}))),
            c("KeyUpdate (TLS 1.3 only) after a TLS 1.2 handshake", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(new KeyUpdate(KeyUpdate.UPDATE_REQUESTED).encode())),
            c("HelloRequest from a client", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.HELLO_REQUEST, new byte[0]))),
            c("renegotiation ClientHello with renegotiation_info (RFC 5746 §3.5): refused", Alert.UNEXPECTED_MESSAGE, p -> {
                RawHello h = p.tls12().clientHello();
                h.cipherSuites = new int[] {Tls12Half.SUITE.code()};
                h.set(ExtensionType.RENEGOTIATION_INFO, RenegotiationInfoExtension.encode(new byte[12]));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("afterTheHandshake")
    void afterTheHandshakeToOurServer(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.tls12().completeAsClient();
            Negative.expectAlert(peer, c);
        }
    }

    /** The server prefers x25519 (the client must still offer secp256r1 for the server's ECDSA P-256 certificate). */
    @Test
    void clientKeyExchangeWithASmallOrderX25519Key() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig(TestPolicies.groups("x25519", "secp256r1")))) {
            Negative.expectAlert(peer, c("ClientKeyExchange with an all-zero x25519 key (small order)", Alert.ILLEGAL_PARAMETER, p -> {
                afterServerFlight(p);
                if (!"x25519".equals(p.conn.keyExchangeGroup())) {
                    throw new AssertionError("the server chose " + p.conn.keyExchangeGroup());
                }
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CLIENT_KEY_EXCHANGE, concat(new byte[] {32}, new byte[32])));
            }));
        }
    }

    /** s2n's default (S2N_ALERT_FAIL_ON_WARNINGS): a TLS 1.2 warning alert ends the handshake too. */
    @Test
    void warningAlertFromTheClientIsFatal() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            afterServerFlight(peer);
            peer.sendAlert(1, Alert.UNRECOGNIZED_NAME);
            Negative.expectPeerAlert(peer, Alert.UNRECOGNIZED_NAME);
        }
    }

    @Test
    void theRawTls12ClientCompletesAValidHandshake() throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.tls12().completeAsClient();
            assertEquals(ProtocolVersion.TLS12, peer.conn.actualProtocolVersion());
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", peer.conn.cipherSuite());
            // The largest legal record passes: 2^14 bytes of plaintext.
            byte[] big = new byte[RecordLimits.MAX_PLAINTEXT];
            big[0] = 'h';
            peer.sendSealed(ContentType.APPLICATION_DATA, big);
            peer.pump();
            assertNull(peer.failure(), () -> "failed: " + peer.failure());
            assertArrayEquals(big, peer.applicationDataReceived());
        }
    }
}
