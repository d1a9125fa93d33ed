package s2n.tls.internal;

import s2n.tls.Alert;
import s2n.tls.TlsException;
import s2n.tls.TlsException.Type;

/**
 * Every way a connection can fail, with its error type and the alert we send for it: the one
 * error-to-alert table (s2n's {@code s2n_translate_protocol_error_to_alert}, rustls's
 * {@code AlertDescription::from(Error)}). Protocol code names what went wrong; this table alone
 * decides which alert that means.
 *
 * <pre>{@code
 * throw ErrorCode.MISSING_EXTENSION.exception("ClientHello has no supported_versions");
 * }</pre>
 *
 * <p>The third column says whether the error is <em>blinded</em> (s2n's error blinding,
 * {@code s2n_connection_apply_error_blinding}): whether the connection waits a random delay
 * before it sends its alert and closes, so that a peer cannot time how long we took to find the
 * fault. Negotiation failures are not blinded, as in s2n (which exempts "no cipher suite" and
 * "no protocol version in common"): they are decided from the peer's cleartext hello alone, so
 * their timing reveals nothing secret, and a scanner probing versions should not wait 30 s.
 * Codes that share a type and an alert agree on this column, so a {@link TlsException} alone
 * says whether it is blinded ({@link #isBlinded(TlsException)}).
 *
 * <p>RFC 8446 §6.2 and RFC 5246 §7.2 alerts we never send: decryption_failed, no_certificate
 * and export_restriction (reserved, MUST NOT be sent), decompression_failure (we never negotiate
 * compression), certificate_unknown and access_denied (each failure has a more precise alert),
 * user_canceled (we close with close_notify), unrecognized_name (we serve an unknown SNI with our
 * first certificate, as s2n does), bad_certificate_status_response, unknown_psk_identity and
 * certificate_unobtainable (no OCSP, PSK or cached-info support yet), insufficient_security
 * (a policy mismatch is a handshake_failure, as in s2n), and no_renegotiation (renegotiation is
 * refused as s2n refuses it: a client ignores HelloRequest, a server answers unexpected_message).
 */
public enum ErrorCode {
    // Transport: no alert (the transport is gone or the peer closed it), nothing to blind.
    IO(Type.IO, null, false, "I/O error"),
    CLOSED(Type.CLOSED, null, false, "connection closed"),

    // Malformed or out-of-order input (RFC 8446 §6.2)
    DECODE(Type.PROTOCOL, Alert.DECODE_ERROR, true, "malformed message"),
    UNEXPECTED_MESSAGE(Type.PROTOCOL, Alert.UNEXPECTED_MESSAGE, true, "unexpected message"),
    ILLEGAL_PARAMETER(Type.PROTOCOL, Alert.ILLEGAL_PARAMETER, true, "illegal parameter"),
    BAD_RECORD_MAC(Type.PROTOCOL, Alert.BAD_RECORD_MAC, true, "record authentication failed"),
    RECORD_OVERFLOW(Type.PROTOCOL, Alert.RECORD_OVERFLOW, true, "record too large"),
    MISSING_EXTENSION(Type.PROTOCOL, Alert.MISSING_EXTENSION, true, "missing extension"),
    UNSUPPORTED_EXTENSION(Type.PROTOCOL, Alert.UNSUPPORTED_EXTENSION, true, "unsupported extension"),
    DOWNGRADE_DETECTED(Type.PROTOCOL, Alert.ILLEGAL_PARAMETER, true, "protocol downgrade detected"),
    LIMIT_EXCEEDED(Type.PROTOCOL, Alert.UNEXPECTED_MESSAGE, true, "peer exceeded a limit"),
    HANDSHAKE_TOO_LARGE(Type.PROTOCOL, Alert.UNEXPECTED_MESSAGE, true, "handshake message too large"),

    // Negotiation failures: decided from the peer's cleartext hello, so not blinded.
    PROTOCOL_VERSION(Type.PROTOCOL, Alert.PROTOCOL_VERSION, false, "no protocol version in common"),
    CIPHER_NOT_SUPPORTED(Type.PROTOCOL, Alert.HANDSHAKE_FAILURE, false, "no cipher suite in common"),
    HANDSHAKE_FAILURE(Type.PROTOCOL, Alert.HANDSHAKE_FAILURE, false, "handshake failure"),
    NO_APPLICATION_PROTOCOL(Type.PROTOCOL, Alert.NO_APPLICATION_PROTOCOL, false, "no application protocol in common"),
    INAPPROPRIATE_FALLBACK(Type.PROTOCOL, Alert.INAPPROPRIATE_FALLBACK, false, "inappropriate fallback"),

    // Authentication failures
    DECRYPT_ERROR(Type.PROTOCOL, Alert.DECRYPT_ERROR, true, "verification failed"),
    CERT_UNTRUSTED(Type.PROTOCOL, Alert.UNKNOWN_CA, true, "certificate not trusted"),
    CERT_EXPIRED(Type.PROTOCOL, Alert.CERTIFICATE_EXPIRED, true, "certificate expired or not yet valid"),
    CERT_INVALID_HOSTNAME(Type.PROTOCOL, Alert.BAD_CERTIFICATE, true, "certificate does not match the host name"),
    CERT_INVALID(Type.PROTOCOL, Alert.BAD_CERTIFICATE, true, "bad certificate"),
    CERT_UNSUPPORTED(Type.PROTOCOL, Alert.UNSUPPORTED_CERTIFICATE, true, "unsupported certificate"),
    CERT_REVOKED(Type.PROTOCOL, Alert.CERTIFICATE_REVOKED, true, "certificate revoked"),
    CERT_REQUIRED(Type.PROTOCOL, Alert.CERTIFICATE_REQUIRED, true, "certificate required"),

    // Our own failures
    INTERNAL(Type.INTERNAL, Alert.INTERNAL_ERROR, true, "internal error");

    private final Type type;
    private final Alert alert;
    private final boolean blinded;
    private final String summary;

    ErrorCode(Type type, Alert alert, boolean blinded, String summary) {
        this.type = type;
        this.alert = alert;
        this.blinded = blinded;
        this.summary = summary;
    }

    public Type type() {
        return type;
    }

    /** The alert we send for this error; {@code null} for transport errors, which send nothing. */
    public Alert alert() {
        return alert;
    }

    /** Whether a connection failing with this error waits a random delay before it closes (see the class description). */
    public boolean blinded() {
        return blinded;
    }

    /** A short description of the error, e.g. {@code "record too large"}. */
    public String summary() {
        return summary;
    }

    /**
     * Whether {@code e} calls for blinding: a failure of type PROTOCOL or INTERNAL whose code is
     * blinded. Alerts we received, transport errors and closes never are: the peer already knows
     * when they happened. (s2n also delays after those; we see no timing a peer could learn.)
     */
    public static boolean isBlinded(TlsException e) {
        if (e.type() != Type.PROTOCOL && e.type() != Type.INTERNAL) {
            return false;
        }
        for (ErrorCode c : values()) {
            if (c.type == e.type() && c.alert != null && c.alert.equals(e.alert())) {
                return c.blinded;
            }
        }
        return true;
    }

    /** A {@link TlsException} for this error; {@code detail} says what happened, in words a user can act on. */
    public TlsException exception(String detail) {
        return exception(detail, null);
    }

    public TlsException exception(String detail, Throwable cause) {
        String message = alert == null ? detail : detail + " (" + alert.name() + ")";
        return new TlsException(type, alert, message, cause);
    }

    /** The exception for a fatal alert the peer sent us. */
    public static TlsException alertReceived(Alert alert) {
        return new TlsException(Type.ALERT, alert, "peer sent fatal alert " + alert.name() + " (" + alert.code() + ")");
    }
}
