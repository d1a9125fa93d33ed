package s2n.tls.internal.handshake;

import java.util.StringJoiner;

/**
 * The handshake type: a set of flags naming what was negotiated, s2n's {@code handshake_type}.
 * It selects the ordered message list in {@link HandshakeTables} and gives
 * {@code Connection.handshakeTypeName()} (labels joined with {@code |} in bit order).
 */
public final class HandshakeType {
    public static final int INITIAL = 0;
    public static final int NEGOTIATED = 1;
    public static final int FULL_HANDSHAKE = 2;
    public static final int CLIENT_AUTH = 4;
    public static final int NO_CLIENT_CERT = 8;

    // TLS 1.3 only
    public static final int HELLO_RETRY_REQUEST = 16;
    public static final int MIDDLEBOX_COMPAT = 32;
    public static final int WITH_EARLY_DATA = 64;
    public static final int EARLY_CLIENT_CCS = 128;

    // TLS 1.2 and earlier only
    public static final int TLS12_PERFECT_FORWARD_SECRECY = 16;
    public static final int OCSP_STATUS = 32;
    public static final int WITH_SESSION_TICKET = 64;
    public static final int WITH_NPN = 128;

    private static final String[] COMMON = {"NEGOTIATED", "FULL_HANDSHAKE", "CLIENT_AUTH", "NO_CLIENT_CERT"};
    private static final String[] TLS13 = {"HELLO_RETRY_REQUEST", "MIDDLEBOX_COMPAT", "WITH_EARLY_DATA", "EARLY_CLIENT_CCS"};
    private static final String[] TLS12 = {"TLS12_PERFECT_FORWARD_SECRECY", "OCSP_STATUS", "WITH_SESSION_TICKET", "WITH_NPN"};

    private HandshakeType() {}

    /** s2n's name for a handshake type, e.g. {@code NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT}. */
    public static String name(int type, boolean tls13) {
        if (type == INITIAL) {
            return "INITIAL";
        }
        StringJoiner j = new StringJoiner("|");
        for (int bit = 0; bit < 8; bit++) {
            if ((type & (1 << bit)) != 0) {
                j.add(bit < 4 ? COMMON[bit] : (tls13 ? TLS13 : TLS12)[bit - 4]);
            }
        }
        return j.toString();
    }
}
