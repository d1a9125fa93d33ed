package s2n.tls;

import java.util.Arrays;
import s2n.tls.internal.resumption.Tls12Session;
import s2n.tls.internal.resumption.Tls13Session;

/**
 * A client connection's sessions: the one it offers ({@link Connection#setSession}, TLS 1.3 or
 * 1.2) and the latest one a TLS 1.3 ticket gave it. All of them hold secrets; {@link #forget}
 * zeroes them.
 */
final class ClientSessions {
    private Tls13Session offered13;
    private Tls12Session offered12;
    /** The latest session from a TLS 1.3 ticket, encoded; null until one arrives. */
    private byte[] latest;

    /**
     * Takes {@code session} (bytes of {@link Connection#session()}) as the one to offer.
     *
     * @throws IllegalArgumentException if they are not such bytes
     */
    void offer(byte[] session) {
        if (session == null || session.length == 0) {
            throw new IllegalArgumentException("not a session from Connection.session(): empty");
        }
        Tls13Session parsed13 = null;
        Tls12Session parsed12 = null;
        if ((session[0] & 0xff) == Tls12Session.CLIENT_FORMAT) {
            parsed12 = Tls12Session.decodeClientSession(session);
        } else {
            parsed13 = Tls13Session.decodeClientSession(session);
        }
        forgetOffered();
        offered13 = parsed13;
        offered12 = parsed12;
    }

    Tls13Session offered13() {
        return offered13;
    }

    Tls12Session offered12() {
        return offered12;
    }

    boolean offersAny() {
        return offered13 != null || offered12 != null;
    }

    /** Keeps {@code session} (owned from now) as the latest, zeroing the one before. */
    void received(byte[] session) {
        if (latest != null) {
            Arrays.fill(latest, (byte) 0);
        }
        latest = session;
    }

    /**
     * The session to resume with next time: the latest TLS 1.3 ticket's, else {@code tls12}
     * (this handshake's TLS 1.2 session, may be null), else the one offered; a copy, or null.
     */
    byte[] current(byte[] tls12) {
        if (latest != null) {
            return latest.clone();
        }
        if (tls12 != null) {
            return tls12.clone();
        }
        if (offered13 != null) {
            return offered13.encodeClientSession();
        }
        return offered12 == null ? null : offered12.encodeClientSession();
    }

    private void forgetOffered() {
        if (offered13 != null) {
            offered13.wipe();
            offered13 = null;
        }
        if (offered12 != null) {
            offered12.wipe();
            offered12 = null;
        }
    }

    /** Zeroes and drops every session. */
    void forget() {
        forgetOffered();
        received(null);
    }
}
