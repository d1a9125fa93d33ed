package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static s2n.tls.hostile.Negative.LEAF;
import static s2n.tls.hostile.Negative.PKI;
import static s2n.tls.hostile.Negative.c;
import static s2n.tls.hostile.Negative.concat;
import static s2n.tls.hostile.Negative.handshakeRecord;
import static s2n.tls.hostile.Negative.plainRecord;
import static s2n.tls.hostile.Negative.truncated;
import static s2n.tls.hostile.Negative.withTrailing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.Config;
import s2n.tls.ProtocolVersion;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.EcPointFormatsExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.internal.handshake.message.ServerKeyExchange12;
import s2n.tls.internal.record.ContentType;
import s2n.tls.internal.record.RecordLimits;
import s2n.tls.internal.record.Tls12Protection;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.TestPki;
import s2n.tls.testing.Tls12Half;

/**
 * Our client (default policy: it offers TLS 1.3 and 1.2) against a hostile TLS 1.2 server (a
 * {@link RawPeer} speaking through its {@link Tls12Half}): malformed TLS 1.2 ServerHellos,
 * ServerKeyExchange messages that are cut, badly signed, or sign a group or point we cannot
 * accept, first flights out of order, final flights that do not verify or do not authenticate,
 * and hostile records after the handshake. Each case asserts the exact alert our client raised
 * and the alert the server read off the wire. {@code Tls12ProtocolErrorsTest} already covers no
 * extended_master_secret, non-empty renegotiation_info, extensions or suites we did not offer, a
 * claimed resumption, change_cipher_spec out of place or missing, a tampered Finished tag and the
 * HelloRequest ignored during the handshake; {@code NegativeClientTest} the TLS 1.2 downgrade
 * sentinel.
 */
class NegativeTls12ClientTest {
    private static final SignatureScheme SCHEME = SignatureScheme.ECDSA_SECP256R1_SHA256;

    /** The client's hello, read by the raw server. */
    private static ClientHello hello(RawPeer p) {
        p.pump();
        return p.tls12().readClientHello();
    }

    /** A valid TLS 1.2 ServerHello is out. */
    private static Tls12Half afterServerHello(RawPeer p) {
        Tls12Half t = p.tls12();
        t.sendServerHello(t.serverHello(hello(p)));
        return t;
    }

    /** ... and the server's Certificate: ServerKeyExchange is next. */
    private static Tls12Half afterCertificate(RawPeer p) {
        Tls12Half t = afterServerHello(p);
        p.sendHandshake(Tls12Half.certificate(LEAF.chain()));
        return t;
    }

    /** The whole first flight was answered: the raw server has read the client's Finished and holds the keys. */
    private static Tls12Half afterClientFinished(RawPeer p) throws Exception {
        Tls12Half t = p.tls12();
        t.sendServerFirstFlight(hello(p), LEAF, SCHEME);
        p.pump();
        t.readClientFinalFlight();
        return t;
    }

    /** ... and the server's change_cipher_spec: the raw server writes with its keys; its Finished is next. */
    private static Tls12Half afterServerChangeCipherSpec(RawPeer p) throws Exception {
        Tls12Half t = afterClientFinished(p);
        t.sendChangeCipherSpec();
        return t;
    }

    /** An uncompressed secp256r1 point that is not on the curve. */
    private static byte[] offCurvePoint() {
        byte[] point = new byte[65];
        Arrays.fill(point, (byte) 1);
        point[0] = 4;
        return point;
    }

    static Stream<Case> serverHellos() {
        return Stream.of(
            c("TLS 1.2 ServerHello carrying the TLS 1.1 downgrade sentinel", Alert.ILLEGAL_PARAMETER, p -> {
                Tls12Half t = p.tls12();
                RawHello sh = t.serverHello(hello(p));
                System.arraycopy(ServerHello.DOWNGRADE_TLS11_SENTINEL(), 0, sh.random, 24, 8);
                t.sendServerHello(sh);
            }),
            c("TLS 1.2 ServerHello whose extended_master_secret carries data", Alert.DECODE_ERROR, p -> {
                Tls12Half t = p.tls12();
                t.sendServerHello(t.serverHello(hello(p)).set(ExtensionType.EXTENDED_MASTER_SECRET, new byte[] {0}));
            }),
            c("TLS 1.2 ServerHello with extended_master_secret twice", Alert.ILLEGAL_PARAMETER, p -> {
                Tls12Half t = p.tls12();
                t.sendServerHello(t.serverHello(hello(p)).add(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
            }),
            c("TLS 1.2 ServerHello whose ec_point_formats lacks uncompressed", Alert.ILLEGAL_PARAMETER, p -> {
                Tls12Half t = p.tls12();
                t.sendServerHello(t.serverHello(hello(p)).set(ExtensionType.EC_POINT_FORMATS,
                        EcPointFormatsExtension.encode(new int[] {1})));
            }),
            c("TLS 1.2 ServerHello whose renegotiation_info overruns its extension", Alert.DECODE_ERROR, p -> {
                Tls12Half t = p.tls12();
                t.sendServerHello(t.serverHello(hello(p)).set(ExtensionType.RENEGOTIATION_INFO, new byte[] {5}));
            }),
            c("ServerHello selecting TLS 1.2 through supported_versions (RFC 8446 §4.2.1)", Alert.ILLEGAL_PARAMETER, p -> {
                // Everything else a TLS 1.3 ServerHello needs is right, so the version is what fails.
                ClientHello ch = hello(p);
                RawHello sh = new RawHello();
                sh.sessionId = ch.legacySessionId();
                sh.cipherSuite = Tls12Half.SUITE.code();
                sh.set(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeServerHello(Tls12Half.TLS12));
                p.sendHandshake(sh.encodeServerHello());
            }));
    }

    static Stream<Case> firstFlights() {
        return Stream.of(
            c("empty TLS 1.2 Certificate", Alert.DECODE_ERROR, p -> {
                afterServerHello(p);
                p.sendHandshake(Tls12Half.certificate(List.of()));
            }),
            c("an RSA certificate for an ECDHE_ECDSA suite", Alert.UNSUPPORTED_CERTIFICATE, p -> {
                afterServerHello(p);
                p.sendHandshake(Tls12Half.certificate(PKI.issue(TestPki.KeyType.RSA_2048, "localhost").chain()));
            }),
            c("ServerKeyExchange before Certificate", Alert.UNEXPECTED_MESSAGE, p -> {
                Tls12Half t = afterServerHello(p);
                p.sendHandshake(t.serverKeyExchange(Tls12Half.GROUP, SCHEME, LEAF.key()));
            }),
            c("ServerHelloDone without ServerKeyExchange", Alert.UNEXPECTED_MESSAGE, p -> {
                afterCertificate(p);
                p.sendHandshake(Tls12Half.serverHelloDone());
            }),
            c("ServerKeyExchange cut short", Alert.DECODE_ERROR, p -> {
                Tls12Half t = afterCertificate(p);
                p.sendHandshake(truncated(t.serverKeyExchange(Tls12Half.GROUP, SCHEME, LEAF.key()), 40));
            }),
            c("ServerKeyExchange with a byte after its signature", Alert.DECODE_ERROR, p -> {
                Tls12Half t = afterCertificate(p);
                p.sendHandshake(withTrailing(t.serverKeyExchange(Tls12Half.GROUP, SCHEME, LEAF.key()), (byte) 0));
            }),
            c("ServerKeyExchange with curve_type explicit_prime", Alert.DECODE_ERROR, p -> {
                Tls12Half t = afterCertificate(p);
                byte[] ske = t.serverKeyExchange(Tls12Half.GROUP, SCHEME, LEAF.key());
                ske[4] = 1;
                p.sendHandshake(ske);
            }),
            c("ServerKeyExchange whose signature does not verify", Alert.DECRYPT_ERROR, p -> {
                Tls12Half t = afterCertificate(p);
                byte[] ske = t.serverKeyExchange(Tls12Half.GROUP, SCHEME, LEAF.key());
                ske[ske.length - 1] ^= 1;
                p.sendHandshake(ske);
            }),
            c("ServerKeyExchange whose point was changed after signing", Alert.DECRYPT_ERROR, p -> {
                Tls12Half t = afterCertificate(p);
                byte[] ske = t.serverKeyExchange(Tls12Half.GROUP, SCHEME, LEAF.key());
                // header (4), curve_type (1), named_curve (2), point length (1), then the point.
                ske[4 + 1 + 2 + 1 + 10] ^= 1;
                p.sendHandshake(ske);
            }),
            c("ServerKeyExchange naming ffdhe2048, which we did not offer", Alert.ILLEGAL_PARAMETER, p -> {
                Tls12Half t = afterCertificate(p);
                p.sendHandshake(t.serverKeyExchange(NamedGroup.FFDHE2048.code(), new byte[] {2}, SCHEME, LEAF.key()));
            }),
            c("ServerKeyExchange signed with rsa_pkcs1_sha1, which we did not offer", Alert.ILLEGAL_PARAMETER, p -> {
                afterCertificate(p);
                p.sendHandshake(new ServerKeyExchange12(ServerKeyExchange12.NAMED_CURVE, Tls12Half.GROUP.code(),
                        offCurvePoint(), 0x0201, new byte[64]).encode());
            }),
            c("ServerKeyExchange signed with rsa_pss_rsae_sha256 by an ECDSA certificate", Alert.ILLEGAL_PARAMETER, p -> {
                afterCertificate(p);
                p.sendHandshake(new ServerKeyExchange12(ServerKeyExchange12.NAMED_CURVE, Tls12Half.GROUP.code(),
                        offCurvePoint(), SignatureScheme.RSA_PSS_RSAE_SHA256.code(), new byte[256]).encode());
            }),
            c("ServerKeyExchange with a signed secp256r1 point off the curve", Alert.ILLEGAL_PARAMETER, p -> {
                Tls12Half t = afterCertificate(p);
                p.sendHandshake(t.serverKeyExchange(NamedGroup.SECP256R1.code(), offCurvePoint(), SCHEME, LEAF.key()));
                p.sendHandshake(Tls12Half.serverHelloDone());
            }),
            c("ServerKeyExchange with a signed x25519 key of 31 bytes", Alert.ILLEGAL_PARAMETER, p -> {
                Tls12Half t = afterCertificate(p);
                p.sendHandshake(t.serverKeyExchange(NamedGroup.X25519.code(), new byte[31], SCHEME, LEAF.key()));
                p.sendHandshake(Tls12Half.serverHelloDone());
            }),
            c("ServerHelloDone with a body", Alert.DECODE_ERROR, p -> {
                Tls12Half t = afterCertificate(p);
                p.sendHandshake(t.serverKeyExchange(Tls12Half.GROUP, SCHEME, LEAF.key()));
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.SERVER_HELLO_DONE, new byte[] {0}));
            }),
            c("HelloRequest with a body during the handshake", Alert.DECODE_ERROR, p -> {
                hello(p);
                p.sendHandshakeUnrecorded(RawPeer.handshake(HandshakeCodes.HELLO_REQUEST, new byte[] {0}));
            }),
            c("five HelloRequests during the handshake", Alert.UNEXPECTED_MESSAGE, p -> {
                hello(p);
                for (int i = 0; i < 5; i++) {
                    p.sendHandshakeUnrecorded(RawPeer.handshake(HandshakeCodes.HELLO_REQUEST, new byte[0]));
                }
            }));
    }

    static Stream<Case> finalFlights() {
        return Stream.of(
            c("server Finished with wrong verify_data", Alert.DECRYPT_ERROR, p -> {
                Tls12Half t = afterServerChangeCipherSpec(p);
                byte[] f = t.serverFinished();
                f[4] ^= 1;
                p.sendHandshake(f);
            }),
            c("server Finished of 32 bytes (the TLS 1.3 size)", Alert.DECODE_ERROR, p -> {
                afterServerChangeCipherSpec(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.FINISHED, new byte[32]));
            }),
            c("server change_cipher_spec with value 2", Alert.UNEXPECTED_MESSAGE, p -> {
                afterClientFinished(p);
                p.sendRaw(plainRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {2}));
            }),
            c("application data before the server Finished", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerChangeCipherSpec(p);
                p.sendApplicationData(new byte[] {1});
            }),
            c("server Finished with a tampered explicit nonce", Alert.BAD_RECORD_MAC, p -> {
                Tls12Half t = afterServerChangeCipherSpec(p);
                t.sendWithTamperedNonce(ContentType.HANDSHAKE, t.serverFinished());
            }),
            c("server Finished sealed with the client's write keys (reflected)", Alert.BAD_RECORD_MAC, p -> {
                Tls12Half t = afterClientFinished(p);
                p.sendChangeCipherSpec();
                try (Tls12Protection clientKeys = t.protection(true)) {
                    p.sendRaw(Tls12Half.sealed(clientKeys, ContentType.HANDSHAKE, t.serverFinished()));
                }
            }),
            c("server Finished in a plaintext record after change_cipher_spec", Alert.BAD_RECORD_MAC, p -> {
                Tls12Half t = afterServerChangeCipherSpec(p);
                p.sendRaw(handshakeRecord(concat(t.serverFinished(), new byte[16])));
            }),
            c("server Finished followed by more handshake data in its record", Alert.UNEXPECTED_MESSAGE, p -> {
                Tls12Half t = afterServerChangeCipherSpec(p);
                byte[] f = t.serverFinished();
                p.addToTranscript(f).sendHandshakeUnrecorded(concat(f, RawPeer.handshake(HandshakeCodes.HELLO_REQUEST, new byte[0])));
            }));
    }

    static Stream<Case> afterTheHandshake() {
        return Stream.of(
            c("TLS 1.2 NewSessionTicket (session_ticket was never offered)", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.NEW_SESSION_TICKET, new byte[] {0, 0, 0, 1, 0, 1, 7}))),
            c("HelloRequest with a body after the handshake", Alert.DECODE_ERROR,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.HELLO_REQUEST, new byte[] {0}))),
            c("ServerHello after the handshake", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.SERVER_HELLO, new byte[40]))),
            c("KeyUpdate (TLS 1.3 only) after a TLS 1.2 handshake", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(new KeyUpdate(KeyUpdate.UPDATE_NOT_REQUESTED).encode())),
            c("protected record over 2^14 + 2048 bytes (to a client)", Alert.RECORD_OVERFLOW,
                p -> p.sendRaw(RawPeer.record(ContentType.APPLICATION_DATA, 0x0303, new byte[RecordLimits.MAX_CIPHERTEXT_TLS12 + 1]))),
            c("application data sent twice (a replayed record, to a client)", Alert.BAD_RECORD_MAC,
                p -> p.tls12().sendTwice(ContentType.APPLICATION_DATA, new byte[] {'y'})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverHellos")
    void serverHello(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstFlights")
    void firstFlight(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finalFlights")
    void finalFlight(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("afterTheHandshake")
    void afterTheHandshakeToOurClient(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            peer.tls12().completeAsServer(LEAF, SCHEME);
            Negative.expectAlert(peer, c);
        }
    }

    /** s2n's default (S2N_ALERT_FAIL_ON_WARNINGS): a TLS 1.2 warning alert ends the handshake too. */
    @Test
    void warningAlertFromTheServerIsFatal() throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            afterServerHello(peer);
            peer.sendAlert(1, Alert.UNRECOGNIZED_NAME);
            Negative.expectPeerAlert(peer, Alert.UNRECOGNIZED_NAME);
        }
    }

    /** RFC 5246 §7.4.1.1 and s2n: a client ignores HelloRequest, says nothing, and data goes on. */
    @Test
    void helloRequestAfterTheHandshakeIsIgnoredWithoutAnswer() throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            peer.tls12().completeAsServer(LEAF, SCHEME);
            peer.sendHandshake(RawPeer.handshake(HandshakeCodes.HELLO_REQUEST, new byte[0]));
            peer.sendApplicationData(new byte[] {'o', 'k'});
            peer.pump();
            assertNull(peer.failure(), () -> "failed: " + peer.failure());
            assertArrayEquals(new byte[] {'o', 'k'}, peer.applicationDataReceived());
            assertNull(peer.readHandshake(), "the client answered the HelloRequest");
            assertNull(peer.alertReceived(), "the client answered the HelloRequest with an alert");
        }
    }

    /**
     * RFC 8446 §4.1.3: only a client that offered TLS 1.3 checks for the TLS 1.2 sentinel; a
     * TLS 1.2-only client completes with a TLS 1.3-capable server that marked its random.
     */
    @Test
    void tls12OnlyClientAcceptsTheTls12DowngradeSentinel() throws Exception {
        Config only12 = Config.builder().securityPolicy("20240501").withSystemTrust(false).trustPem(PKI.rootPem())
                .maxBlindingDelay(Duration.ZERO).build();
        try (RawPeer peer = RawPeer.facingClient(only12)) {
            Tls12Half t = peer.tls12();
            peer.pump();
            ClientHello ch = t.readClientHello();
            RawHello sh = t.serverHello(ch);
            System.arraycopy(ServerHello.DOWNGRADE_TLS12_SENTINEL(), 0, sh.random, 24, 8);
            t.sendServerHello(sh);
            peer.sendHandshake(Tls12Half.certificate(LEAF.chain()));
            peer.sendHandshake(t.serverKeyExchange(Tls12Half.GROUP, SCHEME, LEAF.key()));
            peer.sendHandshake(Tls12Half.serverHelloDone());
            peer.pump();
            t.readClientFinalFlight();
            t.sendChangeCipherSpec();
            peer.sendHandshake(t.serverFinished());
            peer.pump();
            assertNull(peer.failure(), () -> "failed: " + peer.failure());
            assertEquals(ProtocolVersion.TLS12, peer.conn.actualProtocolVersion());
        }
    }

    @Test
    void theRawTls12ServerCompletesAValidHandshake() throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            peer.tls12().completeAsServer(LEAF, SCHEME);
            assertEquals(ProtocolVersion.TLS12, peer.conn.actualProtocolVersion());
            assertEquals("secp256r1", peer.conn.keyExchangeGroup());
            peer.sendApplicationData(new byte[] {'o', 'k'});
            peer.pump();
            assertArrayEquals(new byte[] {'o', 'k'}, peer.applicationDataReceived());
        }
    }
}
