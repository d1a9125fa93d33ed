package s2n.tls.internal.handshake.extension;

/**
 * TLS extension code points (IANA "TLS ExtensionType Values") with their names, and the
 * RFC 8446 §4.2 table of which TLS 1.3 messages may carry each one.
 *
 * <p>Code points are plain {@code int}s so that an extension we have no name for survives
 * decoding untouched. Negotiation code checks every received extension against the table:
 *
 * <pre>{@code
 * for (Extensions.Extension e : encryptedExtensions.extensions().list()) {
 *     if (!ExtensionType.allowedInTls13(e.type(), ExtensionType.EE)) {
 *         throw ErrorCode.ILLEGAL_PARAMETER.exception(ExtensionType.name(e.type()) + " is not allowed in EncryptedExtensions");
 *     }
 * }
 * }</pre>
 */
public final class ExtensionType {
    public static final int SERVER_NAME = 0;
    public static final int MAX_FRAGMENT_LENGTH = 1;
    public static final int STATUS_REQUEST = 5;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int EC_POINT_FORMATS = 11;
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int USE_SRTP = 14;
    public static final int HEARTBEAT = 15;
    public static final int APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 16;
    public static final int SIGNED_CERTIFICATE_TIMESTAMP = 18;
    public static final int CLIENT_CERTIFICATE_TYPE = 19;
    public static final int SERVER_CERTIFICATE_TYPE = 20;
    public static final int PADDING = 21;
    public static final int ENCRYPT_THEN_MAC = 22;
    public static final int EXTENDED_MASTER_SECRET = 23;
    public static final int RECORD_SIZE_LIMIT = 28;
    public static final int SESSION_TICKET = 35;
    public static final int PRE_SHARED_KEY = 41;
    public static final int EARLY_DATA = 42;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int CERTIFICATE_AUTHORITIES = 47;
    public static final int OID_FILTERS = 48;
    public static final int POST_HANDSHAKE_AUTH = 49;
    public static final int SIGNATURE_ALGORITHMS_CERT = 50;
    public static final int KEY_SHARE = 51;
    public static final int RENEGOTIATION_INFO = 0xff01;

    // The TLS 1.3 messages that carry extensions, with RFC 8446 §4.2's abbreviations. They are
    // distinct bits so that one int per extension type holds its whole row of the table.

    /** ClientHello. */
    public static final int CH = 1;
    /** ServerHello. */
    public static final int SH = 1 << 1;
    /** EncryptedExtensions. */
    public static final int EE = 1 << 2;
    /** Certificate (in a CertificateEntry). */
    public static final int CT = 1 << 3;
    /** CertificateRequest. */
    public static final int CR = 1 << 4;
    /** NewSessionTicket. */
    public static final int NST = 1 << 5;
    /** HelloRetryRequest. */
    public static final int HRR = 1 << 6;

    private static final int ALL_CONTEXTS = CH | SH | EE | CT | CR | NST | HRR;
    /** The table row of an extension type we do not know. */
    private static final int UNKNOWN = -1;

    private ExtensionType() {
    }

    /** The RFC name of an extension type, or {@code extension(N)} for one we do not name. */
    public static String name(int type) {
        switch (type) {
            case SERVER_NAME: return "server_name";
            case MAX_FRAGMENT_LENGTH: return "max_fragment_length";
            case STATUS_REQUEST: return "status_request";
            case SUPPORTED_GROUPS: return "supported_groups";
            case EC_POINT_FORMATS: return "ec_point_formats";
            case SIGNATURE_ALGORITHMS: return "signature_algorithms";
            case USE_SRTP: return "use_srtp";
            case HEARTBEAT: return "heartbeat";
            case APPLICATION_LAYER_PROTOCOL_NEGOTIATION: return "application_layer_protocol_negotiation";
            case SIGNED_CERTIFICATE_TIMESTAMP: return "signed_certificate_timestamp";
            case CLIENT_CERTIFICATE_TYPE: return "client_certificate_type";
            case SERVER_CERTIFICATE_TYPE: return "server_certificate_type";
            case PADDING: return "padding";
            case ENCRYPT_THEN_MAC: return "encrypt_then_mac";
            case EXTENDED_MASTER_SECRET: return "extended_master_secret";
            case RECORD_SIZE_LIMIT: return "record_size_limit";
            case SESSION_TICKET: return "session_ticket";
            case PRE_SHARED_KEY: return "pre_shared_key";
            case EARLY_DATA: return "early_data";
            case SUPPORTED_VERSIONS: return "supported_versions";
            case COOKIE: return "cookie";
            case PSK_KEY_EXCHANGE_MODES: return "psk_key_exchange_modes";
            case CERTIFICATE_AUTHORITIES: return "certificate_authorities";
            case OID_FILTERS: return "oid_filters";
            case POST_HANDSHAKE_AUTH: return "post_handshake_auth";
            case SIGNATURE_ALGORITHMS_CERT: return "signature_algorithms_cert";
            case KEY_SHARE: return "key_share";
            case RENEGOTIATION_INFO: return "renegotiation_info";
            default: return "extension(" + type + ")";
        }
    }

    /** Whether this is one of the extension types named above. */
    public static boolean isKnown(int type) {
        return tls13Contexts(type) != UNKNOWN;
    }

    /**
     * Whether a TLS 1.3 message may carry this extension, per the RFC 8446 §4.2 table.
     *
     * <p>Unknown extension types answer {@code true}: a server ignores unknown extensions in a
     * ClientHello (RFC 8446 §4.2), and a client that receives one it did not offer aborts with
     * {@code unsupported_extension} — a decision about what was offered, which is negotiation's.
     *
     * @param context exactly one of {@link #CH}, {@link #SH}, {@link #EE}, {@link #CT}, {@link #CR},
     *     {@link #NST}, {@link #HRR}
     */
    public static boolean allowedInTls13(int type, int context) {
        if (Integer.bitCount(context) != 1 || (context & ALL_CONTEXTS) == 0) {
            throw new IllegalArgumentException("context must be one of ExtensionType.CH, SH, EE, CT, CR, NST, HRR: " + context);
        }
        int allowed = tls13Contexts(type);
        return allowed == UNKNOWN || (allowed & context) != 0;
    }

    /** One row of the RFC 8446 §4.2 table: the messages that may carry {@code type}. */
    private static int tls13Contexts(int type) {
        switch (type) {
            // RFC 8446 §4.2: extensions defined before TLS 1.3, with their TLS 1.3 homes.
            case SERVER_NAME:
            case MAX_FRAGMENT_LENGTH:
            case SUPPORTED_GROUPS:
            case USE_SRTP:
            case HEARTBEAT:
            case APPLICATION_LAYER_PROTOCOL_NEGOTIATION:
            case CLIENT_CERTIFICATE_TYPE:
            case SERVER_CERTIFICATE_TYPE:
                return CH | EE;
            case STATUS_REQUEST:
            case SIGNED_CERTIFICATE_TIMESTAMP:
                return CH | CR | CT;
            case SIGNATURE_ALGORITHMS:
            case CERTIFICATE_AUTHORITIES:
            case SIGNATURE_ALGORITHMS_CERT:
                return CH | CR;
            case PADDING:
            case PSK_KEY_EXCHANGE_MODES:
            case POST_HANDSHAKE_AUTH:
                return CH;
            // RFC 8446 §4.2: extensions new in TLS 1.3.
            case PRE_SHARED_KEY:
                return CH | SH;
            case EARLY_DATA:
                return CH | EE | NST;
            case COOKIE:
                return CH | HRR;
            case SUPPORTED_VERSIONS:
            case KEY_SHARE:
                return CH | SH | HRR;
            case OID_FILTERS:
                return CR;
            // RFC 8449 §4: record_size_limit is sent in ClientHello and EncryptedExtensions.
            case RECORD_SIZE_LIMIT:
                return CH | EE;
            // TLS 1.2-only extensions (IANA lists no TLS 1.3 message for them). A ClientHello
            // that offers both versions carries them, so CH must accept them; any TLS 1.3 server
            // message carrying one is illegal (RFC 8446 §4.2, "not specified for the message").
            case EC_POINT_FORMATS:
            case ENCRYPT_THEN_MAC:
            case EXTENDED_MASTER_SECRET:
            case SESSION_TICKET:
            case RENEGOTIATION_INFO:
                return CH;
            default:
                return UNKNOWN;
        }
    }
}
