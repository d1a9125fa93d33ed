package s2n.tls;

import java.time.Duration;

/**
 * One session ticket as a client received it (s2n's {@code struct s2n_session_ticket}): the
 * opaque session bytes to resume with and how long the server said they are good for.
 */
public final class SessionTicket {
    private final byte[] session;
    private final Duration lifetime;

    SessionTicket(byte[] session, Duration lifetime) {
        this.session = session;
        this.lifetime = lifetime;
    }

    /**
     * The session, for {@link Connection#setSession(byte[])} (s2n's {@code s2n_session_ticket_get_data}).
     * It holds the resumption secret: store it as you would a key.
     */
    public byte[] session() {
        return session.clone();
    }

    /** The ticket's lifetime as the server gave it, at most seven days (s2n's {@code s2n_session_ticket_get_lifetime}). */
    public Duration lifetime() {
        return lifetime;
    }

    /** The lifetime only, never the session's bytes. */
    @Override
    public String toString() {
        return "SessionTicket[" + session.length + " bytes, lifetime " + lifetime + "]";
    }
}
