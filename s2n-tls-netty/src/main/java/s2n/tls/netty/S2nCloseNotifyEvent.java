package s2n.tls.netty;

/**
 * The user event {@link S2nSslHandler} fires when the peer's close_notify arrives: everything the
 * peer sent has been passed on (it follows the last plaintext {@code ByteBuf}), and the handler
 * answers with its own close_notify and closes the channel.
 */
public final class S2nCloseNotifyEvent {
    /** The one instance. */
    public static final S2nCloseNotifyEvent INSTANCE = new S2nCloseNotifyEvent();

    private S2nCloseNotifyEvent() {}

    @Override
    public String toString() {
        return "S2nCloseNotifyEvent";
    }
}
