package s2n.tls.internal.handshake;

import java.nio.ByteBuffer;
import s2n.tls.Alert;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * What a received alert means (RFC 8446 §6, RFC 5246 §7.2), during and after the handshake. One
 * instance per phase counts the alerts it ignored, so a peer cannot keep us busy with them.
 */
public final class Alerts {
    /** The alert was close_notify: the peer will send nothing more. */
    public static final int CLOSE_NOTIFY = 1;
    /** The alert may be ignored (user_canceled, which is followed by close_notify). */
    public static final int IGNORED = 0;

    /**
     * How many alerts we ignore in one phase (handshake, or after it). RFC 8446 §6.1 says a
     * user_canceled is followed by close_notify, so an honest peer sends one; each costs us a
     * record decryption and gives nothing, so a stream of them is refused.
     */
    public static final int MAX_IGNORED_ALERTS = 4;

    private static final int WARNING = 1;
    private static final int FATAL = 2;

    private int ignored;

    /**
     * Reads the alert in {@code fragment} (consuming it).
     *
     * @return {@link #CLOSE_NOTIFY} or {@link #IGNORED}
     * @throws TlsException of type ALERT for a fatal alert; CLOSED for close_notify during the
     *     handshake; PROTOCOL if the record is not one well-formed alert, or if more than
     *     {@link #MAX_IGNORED_ALERTS} alerts were ignored
     */
    public int receive(ByteBuffer fragment, boolean handshakeComplete) throws TlsException {
        // RFC 8446 §5.1: one alert per record, never fragmented or coalesced.
        if (fragment.remaining() != 2) {
            throw ErrorCode.DECODE.exception("alert record of " + fragment.remaining() + " bytes (an alert is 2 bytes)");
        }
        int level = fragment.get() & 0xff;
        Alert alert = Alert.of(fragment.get() & 0xff);
        if (level != WARNING && level != FATAL) {
            throw ErrorCode.DECODE.exception("alert with unknown level " + level);
        }
        if (alert.equals(Alert.CLOSE_NOTIFY)) {
            if (!handshakeComplete) {
                throw ErrorCode.CLOSED.exception("the peer closed the connection during the handshake (close_notify)");
            }
            return CLOSE_NOTIFY;
        }
        if (alert.equals(Alert.USER_CANCELED)) {
            if (++ignored > MAX_IGNORED_ALERTS) {
                throw ErrorCode.LIMIT_EXCEEDED.exception("more than " + MAX_IGNORED_ALERTS + " user_canceled alerts");
            }
            return IGNORED;
        }
        // RFC 8446 §6.2: every other alert is fatal, whatever its level. s2n applies the same rule
        // to TLS 1.2 warnings by default (S2N_ALERT_FAIL_ON_WARNINGS).
        throw ErrorCode.alertReceived(alert);
    }

    /** Forgets the count, for a wiped connection. */
    public void reset() {
        ignored = 0;
    }
}
