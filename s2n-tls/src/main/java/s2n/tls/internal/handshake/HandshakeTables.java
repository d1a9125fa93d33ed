package s2n.tls.internal.handshake;

import static s2n.tls.internal.handshake.HandshakeType.FULL_HANDSHAKE;
import static s2n.tls.internal.handshake.HandshakeType.HELLO_RETRY_REQUEST;
import static s2n.tls.internal.handshake.HandshakeType.INITIAL;
import static s2n.tls.internal.handshake.HandshakeType.MIDDLEBOX_COMPAT;
import static s2n.tls.internal.handshake.HandshakeType.NEGOTIATED;
import static s2n.tls.internal.handshake.HandshakeType.TLS12_PERFECT_FORWARD_SECRECY;
import static s2n.tls.internal.handshake.Message.APPLICATION_DATA;
import static s2n.tls.internal.handshake.Message.CLIENT_CHANGE_CIPHER_SPEC;
import static s2n.tls.internal.handshake.Message.CLIENT_FINISHED;
import static s2n.tls.internal.handshake.Message.CLIENT_HELLO;
import static s2n.tls.internal.handshake.Message.CLIENT_KEY;
import static s2n.tls.internal.handshake.Message.ENCRYPTED_EXTENSIONS;
import static s2n.tls.internal.handshake.Message.HELLO_RETRY_MSG;
import static s2n.tls.internal.handshake.Message.SERVER_CERT;
import static s2n.tls.internal.handshake.Message.SERVER_CERT_VERIFY;
import static s2n.tls.internal.handshake.Message.SERVER_CHANGE_CIPHER_SPEC;
import static s2n.tls.internal.handshake.Message.SERVER_FINISHED;
import static s2n.tls.internal.handshake.Message.SERVER_HELLO;
import static s2n.tls.internal.handshake.Message.SERVER_HELLO_DONE;
import static s2n.tls.internal.handshake.Message.SERVER_KEY;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every legal handshake, as data (s2n's {@code handshakes[]} for TLS 1.2 and {@code tls13_handshakes[]}):
 * a handshake type selects the complete ordered list of its messages. A message that is not next
 * in the list cannot be processed, and a test can enumerate every handshake. Only handshakes this
 * library implements are listed; any other type has no table and fails as an internal error.
 *
 * <p>Both families share {@code INITIAL}: until the server's hello decides the version, the
 * handshake is a ClientHello and a ServerHello, whichever version follows.
 */
public final class HandshakeTables {
    private static final Map<Integer, Message[]> TLS13 = new TreeMap<>();
    private static final Map<Integer, Message[]> TLS12 = new TreeMap<>();

    static {
        TLS13.put(INITIAL, new Message[] {CLIENT_HELLO, SERVER_HELLO});

        TLS13.put(NEGOTIATED | FULL_HANDSHAKE, new Message[] {
            CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, SERVER_CERT, SERVER_CERT_VERIFY, SERVER_FINISHED,
            CLIENT_FINISHED, APPLICATION_DATA});

        // RFC 8446 §D.4: the server's dummy change_cipher_spec follows its first flight's first
        // message; the client's precedes its second flight.
        TLS13.put(NEGOTIATED | FULL_HANDSHAKE | MIDDLEBOX_COMPAT, new Message[] {
            CLIENT_HELLO, SERVER_HELLO, SERVER_CHANGE_CIPHER_SPEC, ENCRYPTED_EXTENSIONS, SERVER_CERT,
            SERVER_CERT_VERIFY, SERVER_FINISHED, CLIENT_CHANGE_CIPHER_SPEC, CLIENT_FINISHED, APPLICATION_DATA});

        TLS13.put(NEGOTIATED | FULL_HANDSHAKE | HELLO_RETRY_REQUEST, new Message[] {
            CLIENT_HELLO, HELLO_RETRY_MSG, CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, SERVER_CERT,
            SERVER_CERT_VERIFY, SERVER_FINISHED, CLIENT_FINISHED, APPLICATION_DATA});

        TLS13.put(NEGOTIATED | FULL_HANDSHAKE | HELLO_RETRY_REQUEST | MIDDLEBOX_COMPAT, new Message[] {
            CLIENT_HELLO, HELLO_RETRY_MSG, SERVER_CHANGE_CIPHER_SPEC, CLIENT_CHANGE_CIPHER_SPEC, CLIENT_HELLO,
            SERVER_HELLO, ENCRYPTED_EXTENSIONS, SERVER_CERT, SERVER_CERT_VERIFY, SERVER_FINISHED, CLIENT_FINISHED,
            APPLICATION_DATA});
    }

    static {
        TLS12.put(INITIAL, new Message[] {CLIENT_HELLO, SERVER_HELLO});

        // RFC 5246 §7.3 with an ephemeral ECDHE key exchange (RFC 8422 §2), no client
        // authentication and no session resumption: s2n's NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY.
        TLS12.put(NEGOTIATED | FULL_HANDSHAKE | TLS12_PERFECT_FORWARD_SECRECY, new Message[] {
            CLIENT_HELLO, SERVER_HELLO, SERVER_CERT, SERVER_KEY, SERVER_HELLO_DONE, CLIENT_KEY,
            CLIENT_CHANGE_CIPHER_SPEC, CLIENT_FINISHED, SERVER_CHANGE_CIPHER_SPEC, SERVER_FINISHED, APPLICATION_DATA});
    }

    private HandshakeTables() {}

    /** The messages of a TLS 1.2 handshake of this type, or null if there is no such handshake. */
    public static Message[] tls12(int handshakeType) {
        return TLS12.get(handshakeType);
    }

    /** Every TLS 1.2 handshake type with a table, for tests that enumerate them. */
    public static Map<Integer, Message[]> allTls12() {
        return Collections.unmodifiableMap(TLS12);
    }

    /** The messages of a TLS 1.3 handshake of this type, or null if there is no such handshake. */
    public static Message[] tls13(int handshakeType) {
        return TLS13.get(handshakeType);
    }

    /** Every TLS 1.3 handshake type with a table, for tests that enumerate them. */
    public static Map<Integer, Message[]> allTls13() {
        return Collections.unmodifiableMap(TLS13);
    }
}
