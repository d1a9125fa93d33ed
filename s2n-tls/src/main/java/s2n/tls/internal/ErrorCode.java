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
 */
public enum ErrorCode {
    // Transport
    IO(Type.IO, null, "I/O error"),
    CLOSED(Type.CLOSED, null, "connection closed"),

    // Malformed or out-of-order input (RFC 8446 §6.2)
    DECODE(Type.PROTOCOL, Alert.DECODE_ERROR, "malformed message"),
    UNEXPECTED_MESSAGE(Type.PROTOCOL, Alert.UNEXPECTED_MESSAGE, "unexpected message"),
    ILLEGAL_PARAMETER(Type.PROTOCOL, Alert.ILLEGAL_PARAMETER, "illegal parameter"),
    BAD_RECORD_MAC(Type.PROTOCOL, Alert.BAD_RECORD_MAC, "record authentication failed"),
    RECORD_OVERFLOW(Type.PROTOCOL, Alert.RECORD_OVERFLOW, "record too large"),
    MISSING_EXTENSION(Type.PROTOCOL, Alert.MISSING_EXTENSION, "missing extension"),
    UNSUPPORTED_EXTENSION(Type.PROTOCOL, Alert.UNSUPPORTED_EXTENSION, "unsupported extension"),
    DOWNGRADE_DETECTED(Type.PROTOCOL, Alert.ILLEGAL_PARAMETER, "protocol downgrade detected"),
    LIMIT_EXCEEDED(Type.PROTOCOL, Alert.UNEXPECTED_MESSAGE, "peer exceeded a limit"),
    HANDSHAKE_TOO_LARGE(Type.PROTOCOL, Alert.UNEXPECTED_MESSAGE, "handshake message too large"),

    // Negotiation failures
    PROTOCOL_VERSION(Type.PROTOCOL, Alert.PROTOCOL_VERSION, "no protocol version in common"),
    HANDSHAKE_FAILURE(Type.PROTOCOL, Alert.HANDSHAKE_FAILURE, "handshake failure"),
    NO_APPLICATION_PROTOCOL(Type.PROTOCOL, Alert.NO_APPLICATION_PROTOCOL, "no application protocol in common"),
    INSUFFICIENT_SECURITY(Type.PROTOCOL, Alert.INSUFFICIENT_SECURITY, "insufficient security"),
    RENEGOTIATION_REFUSED(Type.PROTOCOL, Alert.NO_RENEGOTIATION, "renegotiation refused"),
    INAPPROPRIATE_FALLBACK(Type.PROTOCOL, Alert.INAPPROPRIATE_FALLBACK, "inappropriate fallback"),

    // Authentication failures
    DECRYPT_ERROR(Type.PROTOCOL, Alert.DECRYPT_ERROR, "verification failed"),
    CERT_UNTRUSTED(Type.PROTOCOL, Alert.UNKNOWN_CA, "certificate not trusted"),
    CERT_EXPIRED(Type.PROTOCOL, Alert.CERTIFICATE_EXPIRED, "certificate expired or not yet valid"),
    CERT_INVALID_HOSTNAME(Type.PROTOCOL, Alert.BAD_CERTIFICATE, "certificate does not match the host name"),
    CERT_INVALID(Type.PROTOCOL, Alert.BAD_CERTIFICATE, "bad certificate"),
    CERT_UNSUPPORTED(Type.PROTOCOL, Alert.UNSUPPORTED_CERTIFICATE, "unsupported certificate"),
    CERT_REVOKED(Type.PROTOCOL, Alert.CERTIFICATE_REVOKED, "certificate revoked"),
    CERT_REQUIRED(Type.PROTOCOL, Alert.CERTIFICATE_REQUIRED, "certificate required"),

    // Our own failures
    INTERNAL(Type.INTERNAL, Alert.INTERNAL_ERROR, "internal error");

    private final Type type;
    private final Alert alert;
    private final String summary;

    ErrorCode(Type type, Alert alert, String summary) {
        this.type = type;
        this.alert = alert;
        this.summary = summary;
    }

    public Type type() {
        return type;
    }

    /** The alert we send for this error; {@code null} for transport errors, which send nothing. */
    public Alert alert() {
        return alert;
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
