package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static s2n.tls.hostile.Negative.LEAF;
import static s2n.tls.hostile.Negative.c;
import static s2n.tls.hostile.Negative.concat;
import static s2n.tls.hostile.Negative.handshakeRecord;
import static s2n.tls.hostile.Negative.truncated;
import static s2n.tls.hostile.Negative.withTrailing;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.KeyShareExtension.KeyShareEntry;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.TestPki;

/**
 * Our TLS 1.3 client against a hostile server (a {@link RawPeer}): malformed ServerHellos and
 * HelloRetryRequests, and a server flight with bad extensions, certificates, signatures and
 * Finished messages. Each case asserts the exact alert our client raised and the alert the
 * server read off the wire.
 */
class NegativeClientTest {
    private static final SignatureScheme SCHEME = SignatureScheme.ECDSA_SECP256R1_SHA256;

    /** The client's hello, read by the raw server. */
    private static ClientHello hello(RawPeer p) {
        p.pump();
        return p.readClientHello();
    }

    /** Sends {@code sh} as the server's hello (valid or not) with handshake keys from the client's share. */
    private static void sendHello(RawPeer p, ClientHello ch, RawHello sh) throws Exception {
        p.sendServerHello(sh.encodeServerHello(), p.clientShare(ch));
    }

    /** A valid ServerHello is out; the raw server writes with its handshake keys. */
    private static void afterServerHello(RawPeer p) throws Exception {
        ClientHello ch = hello(p);
        sendHello(p, ch, p.serverHello(ch));
    }

    /** A HelloRetryRequest answering {@code ch}, asking for {@code group}. */
    private static RawHello retryRequest(ClientHello ch, int group) {
        RawHello h = new RawHello();
        h.random = ServerHello.helloRetryRequestRandom();
        h.sessionId = ch.legacySessionId();
        h.cipherSuite = RawPeer.SUITE.code();
        h.set(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeServerHello(RawPeer.TLS13));
        h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeHelloRetryRequest(group));
        return h;
    }

    static Stream<Case> serverHellos() {
        return Stream.of(
            c("ServerHello cut inside its extensions", Alert.DECODE_ERROR, p -> {
                ClientHello ch = hello(p);
                byte[] m = p.serverHello(ch).encodeServerHello();
                p.sendHandshake(truncated(m, m.length - 4 - 5));
            }),
            c("ServerHello with a byte after its extensions", Alert.DECODE_ERROR, p -> {
                ClientHello ch = hello(p);
                p.sendHandshake(withTrailing(p.serverHello(ch).encodeServerHello(), (byte) 0));
            }),
            c("ServerHello selecting a suite we did not offer", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                RawHello sh = p.serverHello(ch);
                sh.cipherSuite = 0x1304;
                p.sendHandshake(sh.encodeServerHello());
            }),
            c("ServerHello not echoing our session id", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                RawHello sh = p.serverHello(ch);
                sh.sessionId = new byte[32];
                p.sendHandshake(sh.encodeServerHello());
            }),
            c("ServerHello selecting compression method 1", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                RawHello sh = p.serverHello(ch);
                sh.compression = new byte[] {1};
                p.sendHandshake(sh.encodeServerHello());
            }),
            c("ServerHello answering TLS 1.1 (legacy_version 0x0302, no supported_versions)", Alert.PROTOCOL_VERSION, p -> {
                ClientHello ch = hello(p);
                RawHello sh = p.serverHello(ch);
                sh.legacyVersion = 0x0302;
                sh.remove(ExtensionType.SUPPORTED_VERSIONS);
                sh.remove(ExtensionType.KEY_SHARE);
                p.sendHandshake(sh.encodeServerHello());
            }),
            c("ServerHello for TLS 1.2 carrying the downgrade sentinel", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                RawHello sh = p.serverHello(ch);
                sh.remove(ExtensionType.SUPPORTED_VERSIONS);
                sh.remove(ExtensionType.KEY_SHARE);
                System.arraycopy(ServerHello.DOWNGRADE_TLS12_SENTINEL(), 0, sh.random, 24, 8);
                sh.cipherSuite = 0xC02B;
                p.sendHandshake(sh.encodeServerHello());
            }),
            c("ServerHello selecting version 0x0305", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                RawHello sh = p.serverHello(ch);
                sh.set(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeServerHello(0x0305));
                p.sendHandshake(sh.encodeServerHello());
            }),
            c("ServerHello without key_share", Alert.MISSING_EXTENSION, p -> {
                ClientHello ch = hello(p);
                p.sendHandshake(p.serverHello(ch).remove(ExtensionType.KEY_SHARE).encodeServerHello());
            }),
            c("ServerHello key share for a group we sent no share for", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                RawHello sh = p.serverHello(ch);
                sh.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeServerHello(
                        new KeyShareEntry(NamedGroup.X25519.code(), new byte[32])));
                p.sendHandshake(sh.encodeServerHello());
            }),
            c("ServerHello key share of five bytes", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                RawHello sh = p.serverHello(ch);
                sh.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeServerHello(
                        new KeyShareEntry(NamedGroup.SECP256R1.code(), new byte[] {4, 1, 2, 3, 4})));
                p.sendHandshake(sh.encodeServerHello());
            }),
            c("ServerHello with key_share twice", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                RawHello sh = p.serverHello(ch);
                sh.add(ExtensionType.KEY_SHARE, sh.get(ExtensionType.KEY_SHARE));
                p.sendHandshake(sh.encodeServerHello());
            }),
            c("ServerHello with pre_shared_key we did not offer", Alert.UNSUPPORTED_EXTENSION, p -> {
                ClientHello ch = hello(p);
                p.sendHandshake(p.serverHello(ch).add(ExtensionType.PRE_SHARED_KEY, new byte[] {0, 0}).encodeServerHello());
            }),
            c("ServerHello carrying ALPN (EncryptedExtensions only)", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                p.sendHandshake(p.serverHello(ch).add(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
                        AlpnExtension.encode(List.of("h2"))).encodeServerHello());
            }),
            c("ServerHello announcing 16 MiB", Alert.UNEXPECTED_MESSAGE, p -> {
                hello(p);
                p.sendRaw(handshakeRecord(new byte[] {2, (byte) 0xff, (byte) 0xff, (byte) 0xff, 3, 3}));
            }),
            c("EncryptedExtensions instead of ServerHello", Alert.UNEXPECTED_MESSAGE, p -> {
                hello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
            }),
            c("HelloRetryRequest for the group we already sent a share for", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                p.sendHandshake(retryRequest(ch, NamedGroup.SECP256R1.code()).encodeServerHello());
            }),
            c("HelloRetryRequest for a group we do not support", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                p.sendHandshake(retryRequest(ch, NamedGroup.FFDHE2048.code()).encodeServerHello());
            }),
            c("HelloRetryRequest that would change nothing", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                p.sendHandshake(retryRequest(ch, 0).remove(ExtensionType.KEY_SHARE).encodeServerHello());
            }),
            c("a second HelloRetryRequest", Alert.UNEXPECTED_MESSAGE, p -> {
                ClientHello ch = hello(p);
                p.sendHandshake(retryRequest(ch, NamedGroup.X25519.code()).encodeServerHello());
                ClientHello second = hello(p);
                p.sendHandshake(retryRequest(second, NamedGroup.SECP384R1.code()).encodeServerHello());
            }),
            c("ServerHello after a HelloRetryRequest with another suite", Alert.ILLEGAL_PARAMETER, p -> {
                ClientHello ch = hello(p);
                p.sendHandshake(retryRequest(ch, NamedGroup.X25519.code()).encodeServerHello());
                ClientHello second = hello(p);
                RawHello sh = p.serverHello(second);
                sh.cipherSuite = 0x1302;
                p.sendHandshake(sh.encodeServerHello());
            }));
    }

    static Stream<Case> serverFlights() {
        return Stream.of(
            c("EncryptedExtensions carrying key_share", Alert.ILLEGAL_PARAMETER, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.builder()
                        .add(ExtensionType.KEY_SHARE, new byte[] {0, 0}).build()));
            }),
            c("EncryptedExtensions with ALPN we did not offer", Alert.UNSUPPORTED_EXTENSION, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.builder()
                        .add(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, AlpnExtension.encode(List.of("h2"))).build()));
            }),
            c("EncryptedExtensions cut short", Alert.DECODE_ERROR, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.ENCRYPTED_EXTENSIONS, new byte[] {0, 4, 0, 0}));
            }),
            c("Certificate before EncryptedExtensions", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.certificate(LEAF.chain()));
            }),
            c("empty Certificate", Alert.DECODE_ERROR, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                p.sendHandshake(RawPeer.certificate(List.of()));
            }),
            c("Certificate with a certificate_request_context", Alert.ILLEGAL_PARAMETER, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                byte[] cert = RawPeer.certificate(LEAF.chain());
                byte[] body = concat(new byte[] {1, 7}, Arrays.copyOfRange(cert, 5, cert.length));
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CERTIFICATE, body));
            }),
            c("a chain of 17 certificates", Alert.BAD_CERTIFICATE, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                List<X509Certificate> chain = new ArrayList<>();
                for (int i = 0; i < 17; i++) {
                    chain.add(LEAF.chain().get(i % LEAF.chain().size()));
                }
                p.sendHandshake(RawPeer.certificate(chain));
            }),
            c("a certificate that is not DER", Alert.BAD_CERTIFICATE, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                Writer w = new Writer();
                int list = w.beginVector24();
                w.writeVector24(new byte[] {0x30, 3, 1, 2, 3});
                w.writeUint16(0);
                w.endVector24(list);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CERTIFICATE, concat(new byte[] {0}, w.toByteArray())));
            }),
            c("a certificate from a CA we do not trust", Alert.UNKNOWN_CA, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                TestPki other = TestPki.create(TestPki.KeyType.ECDSA_P256, "Untrusted Root");
                p.sendHandshake(RawPeer.certificate(other.issue(TestPki.KeyType.ECDSA_P256, "localhost").chain()));
            }),
            c("CertificateVerify that does not verify", Alert.DECRYPT_ERROR, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                p.sendHandshake(RawPeer.certificate(LEAF.chain()));
                byte[] cv = p.certificateVerify(SCHEME, LEAF.key());
                cv[cv.length - 3] ^= 1;
                p.sendHandshake(cv);
            }),
            c("CertificateVerify with rsa_pkcs1_sha256 (not for TLS 1.3)", Alert.ILLEGAL_PARAMETER, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                p.sendHandshake(RawPeer.certificate(LEAF.chain()));
                byte[] cv = p.certificateVerify(SCHEME, LEAF.key());
                cv[4] = 0x04;
                cv[5] = 0x01;
                p.sendHandshake(cv);
            }),
            c("server Finished with wrong verify_data", Alert.DECRYPT_ERROR, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                p.sendHandshake(RawPeer.certificate(LEAF.chain()));
                p.sendHandshake(p.certificateVerify(SCHEME, LEAF.key()));
                byte[] f = p.serverFinished();
                f[4] ^= 1;
                p.sendHandshake(f);
            }),
            c("server Finished of 20 bytes", Alert.DECODE_ERROR, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                p.sendHandshake(RawPeer.certificate(LEAF.chain()));
                p.sendHandshake(p.certificateVerify(SCHEME, LEAF.key()));
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.FINISHED, new byte[20]));
            }),
            c("server Finished followed by more handshake data in its record", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                p.sendHandshake(RawPeer.certificate(LEAF.chain()));
                p.sendHandshake(p.certificateVerify(SCHEME, LEAF.key()));
                byte[] f = p.serverFinished();
                p.addToTranscript(f).sendHandshakeUnrecorded(concat(f, RawPeer.handshake(HandshakeCodes.KEY_UPDATE, new byte[] {0})));
            }),
            c("application data before the server Finished", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerHello(p);
                p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
                p.sendApplicationData(new byte[] {1});
            }),
            c("EncryptedExtensions with a bad record MAC", Alert.BAD_RECORD_MAC, p -> {
                afterServerHello(p);
                p.sendTampered(ContentType.HANDSHAKE, RawPeer.encryptedExtensions(Extensions.empty()));
            }),
            c("EncryptedExtensions in an unprotected record", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerHello(p);
                p.sendRaw(handshakeRecord(RawPeer.encryptedExtensions(Extensions.empty())));
            }),
            c("a handshake message spanning the server's key change", Alert.UNEXPECTED_MESSAGE, p -> {
                ClientHello ch = hello(p);
                byte[] sh = p.serverHello(ch).encodeServerHello();
                p.addToTranscript(sh);
                p.sendHandshakeUnrecorded(concat(sh, new byte[] {8, 0, 0}));
                p.installHandshakeKeys(p.clientShare(ch));
            }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverHellos")
    void serverHello(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverFlights")
    void serverFlight(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    @Test
    void theRawServerCompletesAValidHandshake() throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            peer.completeAsServer(LEAF, SCHEME);
            peer.sendApplicationData(new byte[] {'o', 'k'});
            peer.pump();
            assertArrayEquals(new byte[] {'o', 'k'}, peer.applicationDataReceived());
        }
    }
}
