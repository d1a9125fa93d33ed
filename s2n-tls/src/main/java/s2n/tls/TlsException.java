package s2n.tls;

import java.io.IOException;

/**
 * A TLS connection failed. {@link #type()} says what to do about it, the way s2n's error types do:
 *
 * <ul>
 *   <li>{@link Type#IO}: the channel or a callback failed; the cause is the {@link IOException}.
 *   <li>{@link Type#CLOSED}: the peer closed the transport (or closed without close_notify).
 *   <li>{@link Type#ALERT}: the peer sent a fatal alert; {@link #alert()} is that alert.
 *   <li>{@link Type#PROTOCOL}: the peer broke the protocol, or could not agree with us;
 *       {@link #alert()} is the alert we sent it.
 *   <li>{@link Type#INTERNAL}: a failure inside this library or the JCA provider.
 * </ul>
 *
 * <p>Blocking is never an exception (see {@link Blocked}). Programming mistakes are
 * {@link IllegalStateException} or {@link IllegalArgumentException}. After a {@code TlsException}
 * the connection is failed for good: every later call raises the same exception.
 */
public class TlsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The kind of failure; see the class description. */
    public enum Type {
        IO,
        CLOSED,
        ALERT,
        PROTOCOL,
        INTERNAL
    }

    private final Type type;
    private final transient Alert alert;

    public TlsException(Type type, Alert alert, String message) {
        this(type, alert, message, null);
    }

    public TlsException(Type type, Alert alert, String message, Throwable cause) {
        super(message, cause);
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        this.type = type;
        this.alert = alert;
    }

    /** What kind of failure this is. */
    public Type type() {
        return type;
    }

    /**
     * The alert involved: the one we sent for {@link Type#PROTOCOL} (and {@link Type#INTERNAL}),
     * the one we received for {@link Type#ALERT}; {@code null} when no alert was exchanged.
     */
    public Alert alert() {
        return alert;
    }
}
