package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static s2n.tls.hostile.Negative.c;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.Blocked;
import s2n.tls.SecurityPolicy;
import s2n.tls.TlsException;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawPeer;

/**
 * #16 item 3: input that is already fatal is refused at once, never held while the connection
 * waits for more bytes. Each case sends only a prefix (a record header without its body, a
 * handshake header without its message, an empty record) that no continuation could make legal,
 * and then sends nothing more: the connection must fail on what it has, with the RFC's alert, in
 * one call. A connection that returned {@link Blocked#ON_READ} instead would leave a real peer
 * waiting until some timeout. Bounded by the call, not by time: the pipe is never fed again.
 */
class NeverWaitTest {
    private static final int TLS12 = 0x0303;

    /** A record header (type, version, length) with none of its body. */
    private static byte[] header(int type, int length) {
        byte[] full = RawPeer.record(type, TLS12, new byte[length]);
        return Arrays.copyOf(full, 5);
    }

    /** A plaintext record carrying only the first {@code n} bytes of a handshake header announcing {@code length}. */
    private static byte[] handshakeHeader(int type, int length) {
        return RawPeer.record(ContentType.HANDSHAKE, TLS12,
                new byte[] {(byte) type, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    }

    static Stream<Case> beforeClientHello() {
        return Stream.of(
            c("record header of unknown content type 0x99, body not sent", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(header(0x99, 100))),
            c("application_data record header before any handshake, body not sent", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(header(ContentType.APPLICATION_DATA, 100))),
            c("plaintext record header over 2^14 bytes, body not sent", Alert.RECORD_OVERFLOW,
                p -> p.sendRaw(header(ContentType.HANDSHAKE, (1 << 14) + 1))),
            c("alert record header of 5 bytes, body not sent", Alert.DECODE_ERROR,
                p -> p.sendRaw(header(ContentType.ALERT, 5))),
            c("change_cipher_spec record header before ClientHello, body not sent", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(header(ContentType.CHANGE_CIPHER_SPEC, 1))),
            c("empty handshake record", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(RawPeer.record(ContentType.HANDSHAKE, TLS12, new byte[0]))),
            c("empty alert record", Alert.DECODE_ERROR,
                p -> p.sendRaw(RawPeer.record(ContentType.ALERT, TLS12, new byte[0]))),
            c("Finished header instead of ClientHello, message not sent", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(handshakeHeader(20, 32))),
            c("ServerHello header to a server, message not sent", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(handshakeHeader(2, 90))),
            c("ClientHello header announcing more than the message limit", Alert.UNEXPECTED_MESSAGE,
                p -> p.sendRaw(handshakeHeader(1, 0x10001))));
    }

    /** After the server's flight: the connection reads with handshake keys. */
    private static void afterServerFlight(RawPeer p) throws Exception {
        p.sendHandshake(p.clientHello().encodeClientHello());
        p.pump();
        p.readServerHello();
        p.readServerFlight();
    }

    static Stream<Case> duringTls13Handshake() {
        return Stream.of(
            c("plaintext handshake record header after keys, body not sent", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendRaw(header(ContentType.HANDSHAKE, 40));
            }),
            c("change_cipher_spec header of 2 bytes, body not sent", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendRaw(header(ContentType.CHANGE_CIPHER_SPEC, 2));
            }),
            c("protected record header over 2^14 + 256 bytes, body not sent", Alert.RECORD_OVERFLOW, p -> {
                afterServerFlight(p);
                p.sendRaw(header(ContentType.APPLICATION_DATA, (1 << 14) + 257));
            }),
            c("protected handshake header of a ClientHello, message not sent", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendRecord(ContentType.HANDSHAKE, new byte[] {1, 0, 0, 100});
            }),
            c("empty change_cipher_spec record", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendRaw(RawPeer.record(ContentType.CHANGE_CIPHER_SPEC, TLS12, new byte[0]));
            }));
    }

    private static void runOnce(RawPeer peer, Case c) throws Exception {
        c.script().run(peer);
        peer.pump();
        TlsException failure = peer.failure();
        assertNotNull(failure, c.name() + ": the connection waits for more bytes instead of failing");
        assertEquals(TlsException.Type.PROTOCOL, failure.type(), c.name() + ": " + failure);
        assertEquals(c.alert(), failure.alert(), c.name() + ": " + failure.getMessage());
        assertEquals(c.alert(), peer.alertReceived(), c.name() + ": alert on the wire");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beforeClientHello")
    void serverBeforeClientHello(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            runOnce(peer, c);
        }
    }

    @ParameterizedTest(name = "TLS 1.2 policy: {0}")
    @MethodSource("beforeClientHello")
    void tls12ServerBeforeClientHello(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig(SecurityPolicy.named("20240501")))) {
            runOnce(peer, c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("duringTls13Handshake")
    void serverDuringTls13Handshake(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(Negative.serverConfig())) {
            runOnce(peer, c);
        }
    }
}
