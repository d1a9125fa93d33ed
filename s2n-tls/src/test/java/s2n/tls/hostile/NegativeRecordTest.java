package s2n.tls.hostile;

import static s2n.tls.hostile.Negative.LEAF;
import static s2n.tls.hostile.Negative.c;
import static s2n.tls.hostile.Negative.concat;
import static s2n.tls.hostile.Negative.plainRecord;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawPeer;

/**
 * Hostile records and post-handshake messages once the handshake is done: against our server
 * (a raw client sends them) and against our client (a raw server does). The raw peer holds the
 * real application keys, so malformed content arrives authenticated and reaches the parsers.
 */
class NegativeRecordTest {

    static Stream<Case> toServer() {
        return Stream.of(
            c("KeyUpdate with request_update 2", Alert.ILLEGAL_PARAMETER,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.KEY_UPDATE, new byte[] {2}))),
            c("KeyUpdate of two bytes", Alert.DECODE_ERROR,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.KEY_UPDATE, new byte[] {0, 0}))),
            c("KeyUpdate and another message in one record", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(concat(new KeyUpdate(0).encode(), new KeyUpdate(0).encode()))),
            c("application data under the old keys after a KeyUpdate", Alert.BAD_RECORD_MAC, p -> {
                p.sendHandshake(new KeyUpdate(0).encode());
                p.sendApplicationData(new byte[] {1});
            }),
            c("ClientHello after the handshake (TLS 1.3 has no renegotiation)", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(p.clientHello().encodeClientHello())),
            c("NewSessionTicket from a client", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.NEW_SESSION_TICKET, new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0}))),
            c("post-handshake message announcing 16 MiB", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRecord(ContentType.HANDSHAKE, new byte[] {24, (byte) 0xff, (byte) 0xff, (byte) 0xff})),
            c("change_cipher_spec after the handshake", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(plainRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}))),
            c("application data with a bad record MAC", Alert.BAD_RECORD_MAC,
                p -> p.sendTampered(ContentType.APPLICATION_DATA, new byte[] {'x'})),
            c("unprotected alert after the handshake", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(plainRecord(ContentType.ALERT, new byte[] {2, 40}))),
            c("record of content type 99", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(RawPeer.record(99, 0x0303, new byte[] {1, 2, 3}))),
            c("record with version 0x0203", Alert.DECODE_ERROR,
                p -> p.sendRaw(RawPeer.record(ContentType.APPLICATION_DATA, 0x0203, new byte[32]))),
            c("protected record shorter than its tag", Alert.BAD_RECORD_MAC,
                p -> p.sendRaw(RawPeer.record(ContentType.APPLICATION_DATA, 0x0303, new byte[5]))),
            c("protected record that is all padding", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendSealed(0, new byte[] {0, 0, 0})),
            c("protected record whose inner type is change_cipher_spec", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendSealed(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1})),
            c("empty protected handshake record", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendSealed(ContentType.HANDSHAKE, new byte[0])),
            c("protected alert of one byte", Alert.DECODE_ERROR,
                p -> p.sendSealed(ContentType.ALERT, new byte[] {2})));
    }

    static Stream<Case> toClient() {
        return Stream.of(
            c("NewSessionTicket cut short", Alert.DECODE_ERROR,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.NEW_SESSION_TICKET, new byte[] {0, 0, 0, 1, 0}))),
            c("Certificate after the handshake", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(RawPeer.certificate(LEAF.chain()))),
            c("ServerHello after the handshake", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.SERVER_HELLO, new byte[40]))),
            c("KeyUpdate with request_update 255", Alert.ILLEGAL_PARAMETER,
                p -> p.sendHandshake(RawPeer.handshake(HandshakeCodes.KEY_UPDATE, new byte[] {(byte) 255}))),
            c("application data with a bad record MAC (to a client)", Alert.BAD_RECORD_MAC,
                p -> p.sendTampered(ContentType.APPLICATION_DATA, new byte[] {'y'})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toServer")
    void afterTheHandshakeToOurServer(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            peer.completeAsClient();
            Negative.expectAlert(peer, c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toClient")
    void afterTheHandshakeToOurClient(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            peer.completeAsServer(LEAF, SignatureScheme.ECDSA_SECP256R1_SHA256);
            Negative.expectAlert(peer, c);
        }
    }
}
