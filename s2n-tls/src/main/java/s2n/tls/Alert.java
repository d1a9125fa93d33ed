package s2n.tls;

import java.util.Objects;

/**
 * A TLS alert description (RFC 8446 §6, RFC 5246 §7.2): what a failed connection told its peer,
 * or was told. A value type with named constants rather than a closed enum, so an alert number
 * this library has no name for still arrives intact and prints as its number.
 *
 * <pre>{@code
 * catch (TlsException e) {
 *     if (Alert.CERTIFICATE_EXPIRED.equals(e.alert())) { ... }
 * }
 * }</pre>
 */
public final class Alert {
    public static final Alert CLOSE_NOTIFY = new Alert(0, "close_notify");
    public static final Alert UNEXPECTED_MESSAGE = new Alert(10, "unexpected_message");
    public static final Alert BAD_RECORD_MAC = new Alert(20, "bad_record_mac");
    public static final Alert DECRYPTION_FAILED = new Alert(21, "decryption_failed");
    public static final Alert RECORD_OVERFLOW = new Alert(22, "record_overflow");
    public static final Alert DECOMPRESSION_FAILURE = new Alert(30, "decompression_failure");
    public static final Alert HANDSHAKE_FAILURE = new Alert(40, "handshake_failure");
    public static final Alert NO_CERTIFICATE = new Alert(41, "no_certificate");
    public static final Alert BAD_CERTIFICATE = new Alert(42, "bad_certificate");
    public static final Alert UNSUPPORTED_CERTIFICATE = new Alert(43, "unsupported_certificate");
    public static final Alert CERTIFICATE_REVOKED = new Alert(44, "certificate_revoked");
    public static final Alert CERTIFICATE_EXPIRED = new Alert(45, "certificate_expired");
    public static final Alert CERTIFICATE_UNKNOWN = new Alert(46, "certificate_unknown");
    public static final Alert ILLEGAL_PARAMETER = new Alert(47, "illegal_parameter");
    public static final Alert UNKNOWN_CA = new Alert(48, "unknown_ca");
    public static final Alert ACCESS_DENIED = new Alert(49, "access_denied");
    public static final Alert DECODE_ERROR = new Alert(50, "decode_error");
    public static final Alert DECRYPT_ERROR = new Alert(51, "decrypt_error");
    public static final Alert EXPORT_RESTRICTION = new Alert(60, "export_restriction");
    public static final Alert PROTOCOL_VERSION = new Alert(70, "protocol_version");
    public static final Alert INSUFFICIENT_SECURITY = new Alert(71, "insufficient_security");
    public static final Alert INTERNAL_ERROR = new Alert(80, "internal_error");
    public static final Alert INAPPROPRIATE_FALLBACK = new Alert(86, "inappropriate_fallback");
    public static final Alert USER_CANCELED = new Alert(90, "user_canceled");
    public static final Alert NO_RENEGOTIATION = new Alert(100, "no_renegotiation");
    public static final Alert MISSING_EXTENSION = new Alert(109, "missing_extension");
    public static final Alert UNSUPPORTED_EXTENSION = new Alert(110, "unsupported_extension");
    public static final Alert CERTIFICATE_UNOBTAINABLE = new Alert(111, "certificate_unobtainable");
    public static final Alert UNRECOGNIZED_NAME = new Alert(112, "unrecognized_name");
    public static final Alert BAD_CERTIFICATE_STATUS_RESPONSE = new Alert(113, "bad_certificate_status_response");
    public static final Alert BAD_CERTIFICATE_HASH_VALUE = new Alert(114, "bad_certificate_hash_value");
    public static final Alert UNKNOWN_PSK_IDENTITY = new Alert(115, "unknown_psk_identity");
    public static final Alert CERTIFICATE_REQUIRED = new Alert(116, "certificate_required");
    public static final Alert NO_APPLICATION_PROTOCOL = new Alert(120, "no_application_protocol");

    private static final Alert[] KNOWN = {
        CLOSE_NOTIFY, UNEXPECTED_MESSAGE, BAD_RECORD_MAC, DECRYPTION_FAILED, RECORD_OVERFLOW,
        DECOMPRESSION_FAILURE, HANDSHAKE_FAILURE, NO_CERTIFICATE, BAD_CERTIFICATE, UNSUPPORTED_CERTIFICATE,
        CERTIFICATE_REVOKED, CERTIFICATE_EXPIRED, CERTIFICATE_UNKNOWN, ILLEGAL_PARAMETER, UNKNOWN_CA,
        ACCESS_DENIED, DECODE_ERROR, DECRYPT_ERROR, EXPORT_RESTRICTION, PROTOCOL_VERSION,
        INSUFFICIENT_SECURITY, INTERNAL_ERROR, INAPPROPRIATE_FALLBACK, USER_CANCELED, NO_RENEGOTIATION,
        MISSING_EXTENSION, UNSUPPORTED_EXTENSION, CERTIFICATE_UNOBTAINABLE, UNRECOGNIZED_NAME,
        BAD_CERTIFICATE_STATUS_RESPONSE, BAD_CERTIFICATE_HASH_VALUE, UNKNOWN_PSK_IDENTITY,
        CERTIFICATE_REQUIRED, NO_APPLICATION_PROTOCOL,
    };

    private final int code;
    private final String name;

    private Alert(int code, String name) {
        this.code = code;
        this.name = name;
    }

    /** The alert with this description number; numbers without a name get an unnamed instance. */
    public static Alert of(int code) {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("alert description is one byte: " + code);
        }
        for (Alert a : KNOWN) {
            if (a.code == code) {
                return a;
            }
        }
        return new Alert(code, "alert(" + code + ")");
    }

    /** The one-byte description number. */
    public int code() {
        return code;
    }

    /** The RFC name, e.g. {@code handshake_failure}. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Alert && ((Alert) o).code == code;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(code);
    }

    @Override
    public String toString() {
        return name + "(" + code + ")";
    }
}
