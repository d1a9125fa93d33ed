package s2n.tls.internal.handshake;

import static s2n.tls.internal.handshake.HandshakeType.CLIENT_AUTH;
import static s2n.tls.internal.handshake.HandshakeType.EARLY_CLIENT_CCS;
import static s2n.tls.internal.handshake.HandshakeType.FULL_HANDSHAKE;
import static s2n.tls.internal.handshake.HandshakeType.HELLO_RETRY_REQUEST;
import static s2n.tls.internal.handshake.HandshakeType.INITIAL;
import static s2n.tls.internal.handshake.HandshakeType.MIDDLEBOX_COMPAT;
import static s2n.tls.internal.handshake.HandshakeType.NEGOTIATED;
import static s2n.tls.internal.handshake.HandshakeType.NO_CLIENT_CERT;
import static s2n.tls.internal.handshake.HandshakeType.OCSP_STATUS;
import static s2n.tls.internal.handshake.HandshakeType.TLS12_PERFECT_FORWARD_SECRECY;
import static s2n.tls.internal.handshake.HandshakeType.WITH_EARLY_DATA;
import static s2n.tls.internal.handshake.HandshakeType.WITH_SESSION_TICKET;
import static s2n.tls.internal.handshake.Message.APPLICATION_DATA;
import static s2n.tls.internal.handshake.Message.CLIENT_CERT;
import static s2n.tls.internal.handshake.Message.CLIENT_CERT_VERIFY;
import static s2n.tls.internal.handshake.Message.CLIENT_CHANGE_CIPHER_SPEC;
import static s2n.tls.internal.handshake.Message.CLIENT_FINISHED;
import static s2n.tls.internal.handshake.Message.CLIENT_HELLO;
import static s2n.tls.internal.handshake.Message.CLIENT_KEY;
import static s2n.tls.internal.handshake.Message.ENCRYPTED_EXTENSIONS;
import static s2n.tls.internal.handshake.Message.END_OF_EARLY_DATA;
import static s2n.tls.internal.handshake.Message.HELLO_RETRY_MSG;
import static s2n.tls.internal.handshake.Message.SERVER_CERT;
import static s2n.tls.internal.handshake.Message.SERVER_CERT_REQ;
import static s2n.tls.internal.handshake.Message.SERVER_CERT_STATUS;
import static s2n.tls.internal.handshake.Message.SERVER_CERT_VERIFY;
import static s2n.tls.internal.handshake.Message.SERVER_CHANGE_CIPHER_SPEC;
import static s2n.tls.internal.handshake.Message.SERVER_FINISHED;
import static s2n.tls.internal.handshake.Message.SERVER_HELLO;
import static s2n.tls.internal.handshake.Message.SERVER_HELLO_DONE;
import static s2n.tls.internal.handshake.Message.SERVER_KEY;
import static s2n.tls.internal.handshake.Message.SERVER_NEW_SESSION_TICKET;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every legal handshake, as data (s2n's {@code handshakes[]} for TLS 1.2 and {@code tls13_handshakes[]}):
 * a handshake type selects the complete ordered list of its messages. A message that is not next
 * in the list cannot be processed, and a test can enumerate every handshake.
 *
 * <p>s2n writes its 83 tables out by hand; here each family's rule is written once, as RFC 8446 §2
 * and RFC 5246 §7.3 draw the message flow, and the tables are built from it for every coherent
 * combination of flags at class load. A type the rules do not admit (client authentication on a
 * resumed handshake, early data after a HelloRetryRequest, ...) has no table and fails as an
 * internal error.
 *
 * <p>Both families share {@code INITIAL}: until the server's hello decides the version, the
 * handshake is a ClientHello and a ServerHello, whichever version follows.
 */
public final class HandshakeTables {
    private static final Map<Integer, Message[]> TLS13 = new TreeMap<>();
    private static final Map<Integer, Message[]> TLS12 = new TreeMap<>();

    /** The flags each family's tables are built over; NEGOTIATED is always set past INITIAL. */
    private static final int TLS13_FLAGS = FULL_HANDSHAKE | CLIENT_AUTH | NO_CLIENT_CERT | HELLO_RETRY_REQUEST
            | MIDDLEBOX_COMPAT | WITH_EARLY_DATA | EARLY_CLIENT_CCS;
    private static final int TLS12_FLAGS = FULL_HANDSHAKE | CLIENT_AUTH | NO_CLIENT_CERT | TLS12_PERFECT_FORWARD_SECRECY
            | OCSP_STATUS | WITH_SESSION_TICKET;

    static {
        TLS13.put(INITIAL, new Message[] {CLIENT_HELLO, SERVER_HELLO});
        TLS12.put(INITIAL, new Message[] {CLIENT_HELLO, SERVER_HELLO});
        for (int flags = 0; flags <= 0xff; flags++) {
            if ((flags & ~TLS13_FLAGS) == 0 && coherentTls13(flags)) {
                TLS13.put(NEGOTIATED | flags, tls13Messages(NEGOTIATED | flags));
            }
            if ((flags & ~TLS12_FLAGS) == 0 && coherentTls12(flags)) {
                TLS12.put(NEGOTIATED | flags, tls12Messages(NEGOTIATED | flags));
            }
        }
    }

    private HandshakeTables() {}

    private static boolean has(int type, int flag) {
        return (type & flag) != 0;
    }

    /**
     * RFC 8446 §4.3.2: only a certificate-authenticated (full) handshake may request a client
     * certificate; NO_CLIENT_CERT qualifies CLIENT_AUTH. §4.2.10: early data is accepted only on
     * a PSK handshake without a HelloRetryRequest. §D.4: the early compatibility CCS is the
     * client's, in compatibility mode.
     */
    private static boolean coherentTls13(int flags) {
        if (has(flags, CLIENT_AUTH) && !has(flags, FULL_HANDSHAKE)) {
            return false;
        }
        if (has(flags, NO_CLIENT_CERT) && !has(flags, CLIENT_AUTH)) {
            return false;
        }
        if (has(flags, WITH_EARLY_DATA) && (has(flags, FULL_HANDSHAKE) || has(flags, HELLO_RETRY_REQUEST))) {
            return false;
        }
        return !has(flags, EARLY_CLIENT_CCS) || has(flags, MIDDLEBOX_COMPAT);
    }

    /** RFC 8446 §2, §2.2, §2.3, §4.1.4 and Appendix D.4, in one flow. */
    private static Message[] tls13Messages(int type) {
        boolean compat = has(type, MIDDLEBOX_COMPAT);
        boolean earlyCcs = has(type, EARLY_CLIENT_CCS);
        List<Message> m = new ArrayList<>();
        m.add(CLIENT_HELLO);
        if (earlyCcs) {
            // The client that sends early data sends its one CCS right after its first ClientHello.
            m.add(CLIENT_CHANGE_CIPHER_SPEC);
        }
        if (has(type, HELLO_RETRY_REQUEST)) {
            m.add(HELLO_RETRY_MSG);
            if (compat) {
                // §D.4: each side's CCS follows its first handshake message / precedes its second flight.
                m.add(SERVER_CHANGE_CIPHER_SPEC);
                if (!earlyCcs) {
                    m.add(CLIENT_CHANGE_CIPHER_SPEC);
                }
            }
            m.add(CLIENT_HELLO);
        }
        m.add(SERVER_HELLO);
        if (compat && !has(type, HELLO_RETRY_REQUEST)) {
            m.add(SERVER_CHANGE_CIPHER_SPEC);
        }
        m.add(ENCRYPTED_EXTENSIONS);
        if (has(type, FULL_HANDSHAKE)) {
            if (has(type, CLIENT_AUTH)) {
                m.add(SERVER_CERT_REQ);
            }
            m.add(SERVER_CERT);
            m.add(SERVER_CERT_VERIFY);
        }
        m.add(SERVER_FINISHED);
        if (has(type, WITH_EARLY_DATA)) {
            m.add(END_OF_EARLY_DATA);
        }
        if (compat && !has(type, HELLO_RETRY_REQUEST) && !earlyCcs) {
            m.add(CLIENT_CHANGE_CIPHER_SPEC);
        }
        if (has(type, CLIENT_AUTH)) {
            m.add(CLIENT_CERT);
            if (!has(type, NO_CLIENT_CERT)) {
                m.add(CLIENT_CERT_VERIFY);
            }
        }
        m.add(CLIENT_FINISHED);
        m.add(APPLICATION_DATA);
        return m.toArray(new Message[0]);
    }

    /**
     * A full TLS 1.2 handshake here is always ECDHE (RFC 8422; static RSA is not offered by any
     * policy we serve). An abbreviated (resumed) handshake authenticates nobody again, so it has
     * no certificates, key exchange or status (RFC 5246 §7.3, RFC 5077 §3.1).
     */
    private static boolean coherentTls12(int flags) {
        if (has(flags, NO_CLIENT_CERT) && !has(flags, CLIENT_AUTH)) {
            return false;
        }
        if (has(flags, FULL_HANDSHAKE)) {
            return has(flags, TLS12_PERFECT_FORWARD_SECRECY);
        }
        return !has(flags, CLIENT_AUTH) && !has(flags, TLS12_PERFECT_FORWARD_SECRECY) && !has(flags, OCSP_STATUS);
    }

    /** RFC 5246 §7.3 (full and abbreviated), RFC 6066 §8 (CertificateStatus), RFC 5077 §3.1 (NewSessionTicket). */
    private static Message[] tls12Messages(int type) {
        List<Message> m = new ArrayList<>();
        m.add(CLIENT_HELLO);
        m.add(SERVER_HELLO);
        if (has(type, FULL_HANDSHAKE)) {
            m.add(SERVER_CERT);
            if (has(type, OCSP_STATUS)) {
                m.add(SERVER_CERT_STATUS);
            }
            m.add(SERVER_KEY);
            if (has(type, CLIENT_AUTH)) {
                m.add(SERVER_CERT_REQ);
            }
            m.add(SERVER_HELLO_DONE);
            if (has(type, CLIENT_AUTH)) {
                m.add(CLIENT_CERT);
            }
            m.add(CLIENT_KEY);
            if (has(type, CLIENT_AUTH) && !has(type, NO_CLIENT_CERT)) {
                m.add(CLIENT_CERT_VERIFY);
            }
            m.add(CLIENT_CHANGE_CIPHER_SPEC);
            m.add(CLIENT_FINISHED);
            if (has(type, WITH_SESSION_TICKET)) {
                m.add(SERVER_NEW_SESSION_TICKET);
            }
            m.add(SERVER_CHANGE_CIPHER_SPEC);
            m.add(SERVER_FINISHED);
        } else {
            if (has(type, WITH_SESSION_TICKET)) {
                m.add(SERVER_NEW_SESSION_TICKET);
            }
            m.add(SERVER_CHANGE_CIPHER_SPEC);
            m.add(SERVER_FINISHED);
            m.add(CLIENT_CHANGE_CIPHER_SPEC);
            m.add(CLIENT_FINISHED);
        }
        m.add(APPLICATION_DATA);
        return m.toArray(new Message[0]);
    }

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
