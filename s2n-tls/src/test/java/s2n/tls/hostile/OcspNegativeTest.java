package s2n.tls.hostile;

import static s2n.tls.hostile.Negative.LEAF;
import static s2n.tls.hostile.Negative.c;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.Config;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.StatusRequestExtension;
import s2n.tls.internal.handshake.message.CertificateMessage;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.Tls12Half;

/**
 * Hostile OCSP stapling (RFC 6066 §8, RFC 8446 §4.4.2.1) against our client: status_request where
 * we did not ask, with data where it must be empty, CertificateStatus malformed, missing, or of
 * another type, and a staple that does not check out. Each case asserts our alert and the one
 * the server read.
 */
class OcspNegativeTest {
    private static Config asking(boolean check) {
        return Config.builder().withSystemTrust(false).trustPem(Negative.PKI.rootPem()).maxBlindingDelay(Duration.ZERO)
                .statusRequest(true).checkOcspResponse(check).securityPolicy(s2n.tls.SecurityPolicy.named("default")).build();
    }

    private static ClientHello hello12(RawPeer p) {
        p.pump();
        return p.tls12().readClientHello();
    }

    private static byte[] status(int type, byte[] response) {
        Writer w = new Writer();
        w.writeUint8(type).writeVector24(response);
        return w.toByteArray();
    }

    /** TLS 1.2: ServerHello promising a CertificateStatus, then the Certificate. */
    private static void promised(RawPeer p) {
        Tls12Half t = p.tls12();
        t.sendServerHello(t.serverHello(hello12(p)).add(ExtensionType.STATUS_REQUEST, new byte[0]));
        p.sendHandshake(Tls12Half.certificate(LEAF.chain()));
    }

    static Stream<Case> tls12() {
        return Stream.of(
            c("TLS 1.2 ServerHello whose status_request carries data", Alert.DECODE_ERROR, p -> {
                Tls12Half t = p.tls12();
                t.sendServerHello(t.serverHello(hello12(p)).add(ExtensionType.STATUS_REQUEST, new byte[] {1}));
            }),
            c("TLS 1.2 CertificateStatus of status type 2", Alert.DECODE_ERROR, p -> {
                promised(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CERTIFICATE_STATUS, status(2, new byte[] {0x30, 0})));
            }),
            c("TLS 1.2 CertificateStatus with an empty response", Alert.DECODE_ERROR, p -> {
                promised(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CERTIFICATE_STATUS, status(1, new byte[0])));
            }),
            c("TLS 1.2 CertificateStatus with bytes after the response", Alert.DECODE_ERROR, p -> {
                promised(p);
                byte[] body = status(1, new byte[] {0x30, 0});
                byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CERTIFICATE_STATUS, longer));
            }),
            c("TLS 1.2 status_request promised, ServerKeyExchange instead of CertificateStatus", Alert.UNEXPECTED_MESSAGE,
                p -> {
                    promised(p);
                    p.sendHandshake(RawPeer.handshake(HandshakeCodes.SERVER_KEY_EXCHANGE, new byte[] {3, 0, 23}));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tls12")
    void tls12ServerToOurClient(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(asking(false))) {
            Negative.expectAlert(peer, c);
        }
    }

    /** Checked (the default): a well-formed CertificateStatus whose response is no signed basic response. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("checked")
    void checkedStapleToOurClient(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(asking(true))) {
            Negative.expectAlert(peer, c);
        }
    }

    static Stream<Case> checked() {
        return Stream.of(
            c("TLS 1.2 staple that is not a signed basic OCSP response", Alert.BAD_CERTIFICATE, p -> {
                promised(p);
                p.sendHandshake(RawPeer.handshake(HandshakeCodes.CERTIFICATE_STATUS,
                        status(1, new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00})));
            }),
            c("TLS 1.3 staple that is not a signed basic OCSP response", Alert.BAD_CERTIFICATE, p ->
                tls13Certificate(p, StatusRequestExtension.encodeCertificateStatus(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00}))));
    }

    /** TLS 1.3: ServerHello, EncryptedExtensions, then a Certificate whose leaf entry carries {@code status}. */
    private static void tls13Certificate(RawPeer p, byte[] status) throws Exception {
        p.pump();
        ClientHello ch = p.readClientHello();
        p.sendServerHello(p.serverHello(ch).encodeServerHello(), p.clientShare(ch));
        p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
        List<CertificateMessage.CertificateEntry> entries = new ArrayList<>();
        for (java.security.cert.X509Certificate cert : LEAF.chain()) {
            Extensions ext = entries.isEmpty() ? Extensions.builder().add(ExtensionType.STATUS_REQUEST, status).build()
                    : Extensions.empty();
            entries.add(new CertificateMessage.CertificateEntry(cert.getEncoded(), ext));
        }
        p.sendHandshake(new CertificateMessage(new byte[0], entries).encode());
    }

    static Stream<Case> tls13() {
        return Stream.of(
            c("TLS 1.3 CertificateEntry status_request of status type 2", Alert.DECODE_ERROR, p ->
                tls13Certificate(p, status(2, new byte[] {0x30, 0}))),
            c("TLS 1.3 CertificateEntry status_request with an empty response", Alert.DECODE_ERROR, p ->
                tls13Certificate(p, status(1, new byte[0]))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tls13")
    void tls13ServerToOurClient(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(asking(false))) {
            Negative.expectAlert(peer, c);
        }
    }

    /** A client that did not ask: status_request anywhere is an extension we did not offer. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notAsked")
    void notAskedToOurClient(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    static Stream<Case> notAsked() {
        return Stream.of(
            c("TLS 1.2 ServerHello with status_request we did not send", Alert.UNSUPPORTED_EXTENSION, p -> {
                Tls12Half t = p.tls12();
                t.sendServerHello(t.serverHello(hello12(p)).add(ExtensionType.STATUS_REQUEST, new byte[0]));
            }),
            c("TLS 1.3 CertificateEntry with status_request we did not send", Alert.UNSUPPORTED_EXTENSION, p ->
                tls13Certificate(p, StatusRequestExtension.encodeCertificateStatus(new byte[] {0x30, 0}))));
    }
}
