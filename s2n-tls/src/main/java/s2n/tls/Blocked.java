package s2n.tls;

/**
 * Why a call returned before it finished (s2n's {@code s2n_blocked_status}). Blocking is never an
 * exception: {@link Connection#negotiate()}, {@link Connection#shutdown()} return it, and
 * {@link Connection#blocked()} tells it after {@code send}/{@code recv}.
 */
public enum Blocked {
    /** The call finished. */
    NOT_BLOCKED,
    /** Waiting for bytes from the peer: call again when the read channel is readable. */
    ON_READ,
    /** Waiting to flush bytes to the peer: call again when the write channel is writable. */
    ON_WRITE,
    /** Waiting for the application (an asynchronous callback has not completed yet). */
    ON_APPLICATION_INPUT,
    /** Waiting for early data to be read by the application. */
    ON_EARLY_DATA
}
