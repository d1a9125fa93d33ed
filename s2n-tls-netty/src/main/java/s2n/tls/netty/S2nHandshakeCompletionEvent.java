package s2n.tls.netty;

/**
 * The user event {@link S2nSslHandler} fires once its handshake has finished, successfully or not
 * (the counterpart of Netty's {@code SslHandshakeCompletionEvent}). Catch it in
 * {@code userEventTriggered} to start talking once the peer is authenticated:
 *
 * <pre>{@code
 * public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
 *     if (evt instanceof S2nHandshakeCompletionEvent e && e.isSuccess()) {
 *         ctx.writeAndFlush(request);
 *     }
 *     ctx.fireUserEventTriggered(evt);
 * }
 * }</pre>
 */
public final class S2nHandshakeCompletionEvent {
    /** The handshake completed. */
    public static final S2nHandshakeCompletionEvent SUCCESS = new S2nHandshakeCompletionEvent(null);

    private final Throwable cause;

    /** A failed handshake; {@code cause} is why (usually a {@link s2n.tls.TlsException}). */
    public S2nHandshakeCompletionEvent(Throwable cause) {
        this.cause = cause;
    }

    /** Whether the handshake completed. */
    public boolean isSuccess() {
        return cause == null;
    }

    /** Why the handshake failed; null if it completed. */
    public Throwable cause() {
        return cause;
    }

    @Override
    public String toString() {
        return cause == null ? "S2nHandshakeCompletionEvent(SUCCESS)" : "S2nHandshakeCompletionEvent(" + cause + ")";
    }
}
