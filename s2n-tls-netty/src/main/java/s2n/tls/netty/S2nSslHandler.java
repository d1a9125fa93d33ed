package s2n.tls.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import s2n.tls.Blocked;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.EarlyDataStatus;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;
import s2n.tls.TlsException;

/**
 * TLS on a Netty channel with s2n-tls-java: put it first in the pipeline, and the handlers after it
 * read and write plaintext {@link ByteBuf}s.
 *
 * <pre>{@code
 * Config config = Config.builder().trustPem(caPem).build();
 * bootstrap.handler(new ChannelInitializer<SocketChannel>() {
 *     protected void initChannel(SocketChannel ch) {
 *         S2nSslHandler tls = new S2nSslHandler(config, Mode.CLIENT, "example.com");
 *         ch.pipeline().addLast(tls, new MyHandler());
 *         tls.handshakeFuture().addListener(f -> System.out.println(tls.protocolVersion()));
 *     }
 * });
 * }</pre>
 *
 * <p>It drives one {@link Connection} directly, without an {@code SSLEngine}: the connection's
 * receive callback reads the ciphertext Netty has accumulated, its send callback appends records to
 * a {@code ByteBuf} from {@code ctx.alloc()} that is written to the next handler. It extends
 * {@link ByteToMessageDecoder} (and implements {@link ChannelOutboundHandler}) as Netty's own
 * {@code SslHandler} does: the decoder accumulates partial records across reads and releases what
 * it holds on removal, and it is one handler that sees both directions, so writes can wait for the
 * handshake and {@code close()} can send close_notify first.
 *
 * <ul>
 *   <li>The handshake starts when the channel becomes active (or at once if it already is); when it
 *       ends the handler fires an {@link S2nHandshakeCompletionEvent} and completes
 *       {@link #handshakeFuture()}.
 *   <li>Writes are {@code ByteBuf}s. Those made before the handshake completes wait, in order, and
 *       are encrypted and sent after it; if it fails their promises fail with its cause.
 *   <li>{@code close()} sends queued writes, then close_notify, then closes the channel (after
 *       waiting for the peer's close_notify, if {@link #setCloseNotifyReadTimeout} allows). The
 *       peer's close_notify fires an {@link S2nCloseNotifyEvent}; the handler answers it and closes
 *       (unless {@link #setAllowHalfClosure} keeps a TLS 1.3 channel sending). {@link #closeOutbound()}
 *       half-closes: our close_notify now, reads until the peer's.
 *   <li>A {@link TlsException} fails the handshake future (during the handshake) or is fired as
 *       {@code exceptionCaught} (after it); the core's alert goes out and the channel closes. If the
 *       failure is blinded ({@link Connection#delay()}), the channel stays open, discarding input,
 *       for the delay, then the alert goes out and the channel closes.
 * </ul>
 *
 * <p>Not {@code @Sharable}: one handler per channel. Use it from the channel's event loop; the
 * accessors may be read from any thread once {@link #handshakeFuture()} has completed.
 */
public final class S2nSslHandler extends ByteToMessageDecoder implements ChannelOutboundHandler {
    private static final int PLAINTEXT_CHUNK = ChannelTransport.PLAINTEXT_CHUNK;
    /** How often a handshake waiting for the application (an async signer) is tried again. */
    private static final long APPLICATION_INPUT_POLL_MILLIS = 1;

    private enum State { NEW, HANDSHAKING, OPEN, CLOSING, FAILED, CLOSED }

    private final Config config;
    private final Mode mode;
    private long handshakeTimeoutMillis = 10_000;
    private long closeNotifyReadTimeoutMillis;
    private boolean releaseBuffersWhenIdle;
    private boolean allowHalfClosure;

    private ChannelHandlerContext ctx;
    /**
     * Plaintext writes waiting for the handshake or the next flush. Netty's queue counts their
     * bytes against the channel's write buffer, so {@code isWritable()} turns false while a large
     * backlog waits for the handshake, as it would for bytes on their way to the socket.
     */
    private PendingWriteQueue pending;
    private final Connection conn;
    /** A client's session as it was when the connection closed (see {@link #session()}). */
    private byte[] closedSession;
    private boolean closedSessionKept;
    private Promise<Channel> handshakePromise;
    private State state = State.NEW;
    /** The connection's ciphertext, both ways. */
    private final ChannelTransport transport;
    /** A client's early data, when {@link #setEarlyData} asked for it. */
    private EarlyWrites earlyWrites;
    private boolean flushAfterHandshake;
    /** A retry of a handshake waiting for the application is scheduled. */
    private boolean resumeScheduled;
    private boolean closeNotifyReceived;
    /** Our close_notify has gone out (closeOutbound, or close and the answer to the peer's): no more writes. */
    private boolean outboundClosed;
    /** The write of our close_notify; null until it is sent. */
    private ChannelFuture closeNotifyWrite;
    private ChannelPromise closePromise;
    private ScheduledFuture<?> handshakeTimeout;
    private ScheduledFuture<?> closeTimeout;

    /** A server, or a client that sends no server name (SNI) and checks the certificate against no name. */
    public S2nSslHandler(Config config, Mode mode) {
        this(config, mode, null);
    }

    /**
     * A handler for one channel.
     *
     * @param config the configuration (shared freely between handlers)
     * @param mode {@link Mode#CLIENT} or {@link Mode#SERVER}
     * @param serverName a client's server name: sent as SNI and checked against the certificate; null for none
     */
    public S2nSslHandler(Config config, Mode mode, String serverName) {
        if (config == null || mode == null) {
            throw new IllegalArgumentException("config and mode are required");
        }
        if (serverName != null && mode != Mode.CLIENT) {
            throw new IllegalArgumentException("only a client sets a server name; a server reads the client's with serverName()");
        }
        this.config = config;
        this.mode = mode;
        this.conn = new Connection(mode).setConfig(config);
        this.transport = new ChannelTransport(conn);
        if (serverName != null) {
            conn.setServerName(serverName);
        }
    }

    // ---------------------------------------------------------------- settings

    /** Fails the handshake if it has not completed this long after it started (default 10 s; zero: never). */
    public S2nSslHandler setHandshakeTimeout(Duration timeout) {
        handshakeTimeoutMillis = nonNegative(timeout, "handshake timeout").toMillis();
        return this;
    }

    /**
     * After {@code close()} has sent close_notify, how long to wait for the peer's before closing the
     * channel (default zero: close once ours is flushed, as Netty's {@code SslHandler} does).
     */
    public S2nSslHandler setCloseNotifyReadTimeout(Duration timeout) {
        closeNotifyReadTimeoutMillis = nonNegative(timeout, "close_notify read timeout").toMillis();
        return this;
    }

    /**
     * Whether to drop the connection's record buffers ({@link Connection#releaseBuffers()}) after
     * each burst of reads that leaves nothing buffered (default off). It saves about 32 KiB per idle
     * connection and costs reallocating them and re-acquiring the ciphers on the next record: worth
     * it for many mostly idle connections, not for busy ones.
     */
    public S2nSslHandler setReleaseBuffersWhenIdle(boolean release) {
        releaseBuffersWhenIdle = release;
        return this;
    }

    /**
     * TLS 1.3's half-close (RFC 8446 §6.1: a close_notify closes only its sender's side). When
     * true, the peer's close_notify on a TLS 1.3 connection ends only the inbound side: the handler
     * fires {@link S2nCloseNotifyEvent} and goes on sending what the application writes, until it
     * calls {@code close()}, which sends our close_notify and closes the channel. TLS 1.2 answers at
     * once and closes whatever this says (RFC 5246 §7.2.1). Default false: the peer's close_notify
     * is answered and the channel closed, as Netty's {@code SslHandler} does. A peer that also shuts
     * down TCP's write side (the JDK's {@code SSLSocket.shutdownOutput()} does) needs the channel's
     * {@code ChannelOption.ALLOW_HALF_CLOSURE} too, or Netty closes the channel at the FIN.
     */
    public S2nSslHandler setAllowHalfClosure(boolean allow) {
        allowHalfClosure = allow;
        return this;
    }

    private static Duration nonNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive: " + d);
        }
        return d;
    }

    // ---------------------------------------------------------------- what was negotiated

    /** Completes with the channel when the handshake completes, or fails with why it did not. Available once the handler is in a pipeline. */
    public Future<Channel> handshakeFuture() {
        if (handshakePromise == null) {
            throw new IllegalStateException("handshakeFuture() is available once the handler is added to a pipeline");
        }
        return handshakePromise;
    }

    /** The negotiated protocol version; {@link ProtocolVersion#UNKNOWN} before the server's hello. */
    public ProtocolVersion protocolVersion() {
        return conn.actualProtocolVersion();
    }

    /** The cipher suite's IANA name (e.g. {@code TLS_AES_128_GCM_SHA256}); null before the server's hello. */
    public String cipherSuite() {
        return conn.cipherSuite();
    }

    /** The ALPN protocol agreed on, or null. */
    public String applicationProtocol() {
        return conn.applicationProtocol();
    }

    /** A server: the name the client sent (SNI); a client: the name it was given. */
    public String serverName() {
        return conn.serverName();
    }

    /** s2n's name for the handshake, e.g. {@code NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT}. */
    public String handshakeTypeName() {
        return conn.handshakeTypeName();
    }

    /** The key exchange group's IANA name, e.g. {@code x25519}; null before the server's hello. */
    public String keyExchangeGroup() {
        return conn.keyExchangeGroup();
    }

    /** The peer's certificate chain, leaf first; empty if it sent none. */
    public List<X509Certificate> peerCertificates() {
        return conn.peerCertificates();
    }

    /**
     * A client offers {@code session} to resume: the bytes {@link #session()} gave on an earlier
     * channel (to the same server). Call it before the handler joins a pipeline. A session the
     * server no longer accepts makes a full handshake; {@link #isResumed()} tells which it was.
     *
     * @throws IllegalArgumentException if the bytes are not a session this library wrote
     * @throws IllegalStateException on a server, or once the handshake has started
     */
    public S2nSslHandler setSession(byte[] session) {
        if (state != State.NEW) {
            throw new IllegalStateException("setSession() must come before the handshake starts");
        }
        conn.setSession(session);
        return this;
    }

    /**
     * A client's session to resume with on its next channel: the latest ticket the server sent, or
     * the session it was given; null if neither. TLS 1.3 tickets arrive after the handshake, with
     * the first records read. It still answers once the channel has closed (the handler keeps the
     * bytes it had then), so {@code channelInactive} may read it. The bytes hold a resumption
     * secret: keep them as you would a key.
     */
    public byte[] session() {
        if (closedSessionKept) {
            return closedSession == null ? null : closedSession.clone();
        }
        return conn.session();
    }

    /**
     * A client sends its first write flushed before the handshake completes as TLS 1.3 early data
     * (0-RTT, RFC 8446 §4.2.10), as far as the session given to {@link #setSession} allows (its
     * server's {@code maxEarlyData}); later writes, and the rest of a larger first one, wait for
     * the handshake as usual. If the server rejects the early data, the handler sends it again
     * after the handshake, so the server's application reads every byte once either way;
     * {@link #earlyDataStatus()} says which it was. A server may see early data replayed (RFC 8446
     * §8): send only requests that are safe to receive twice. A handshake that fails fails the
     * write even if the server has read its early data. Call it before the handler joins a pipeline.
     *
     * @throws IllegalStateException on a server, or once the handler is in a pipeline
     */
    public S2nSslHandler setEarlyData(boolean enabled) {
        if (mode != Mode.CLIENT) {
            throw new IllegalStateException("only a client sends early data; a server takes it with Config.Builder.maxEarlyData");
        }
        if (ctx != null) {
            throw new IllegalStateException("setEarlyData() must come before the handler joins a pipeline");
        }
        earlyWrites = enabled ? new EarlyWrites(conn) : null;
        return this;
    }

    /** What became of TLS 1.3 early data on this channel (final once the handshake completes). */
    public EarlyDataStatus earlyDataStatus() {
        return conn.earlyDataStatus();
    }

    /**
     * Changes the key this side encrypts with, and with {@code peerMustUpdate} asks the peer to
     * change its own: a TLS 1.3 KeyUpdate ({@link Connection#requestKeyUpdate}). It goes out just
     * before the next write's first record; keys also update by themselves before their record
     * limit. May be called from any thread.
     *
     * @throws TlsException the channel's TLS failure, if it failed
     * @throws IllegalStateException before the handshake completed, on TLS 1.2, or once closing
     */
    public void requestKeyUpdate(boolean peerMustUpdate) throws TlsException {
        conn.requestKeyUpdate(peerMustUpdate);
    }

    /** KeyUpdates this side has sent: requested, answers to the peer, and those the record limit forced. */
    public long keyUpdatesSent() {
        return conn.keyUpdatesSent();
    }

    /** KeyUpdates the peer has sent that this side has applied. */
    public long keyUpdatesReceived() {
        return conn.keyUpdatesReceived();
    }

    /** Whether the handshake resumed a session rather than running in full. */
    public boolean isResumed() {
        return conn.isResumed();
    }

    /** Whether the peer's close_notify has arrived. */
    public boolean isCloseNotifyReceived() {
        return closeNotifyReceived;
    }

    /**
     * Half-closes (s2n's {@code s2n_shutdown_send}): sends the writes queued so far, then
     * close_notify, and keeps reading. Writes after it fail with {@link ClosedChannelException}.
     * The channel closes when the peer's close_notify arrives, or when the application closes it
     * ({@code close()} then waits for the peer's close_notify as {@link #setCloseNotifyReadTimeout}
     * says). A TLS 1.2 peer must answer at once (RFC 5246 §7.2.1); a TLS 1.3 peer may go on
     * sending first. May be called from any thread.
     *
     * @return completes when close_notify is written; fails before the handshake has completed, or
     *     once the channel has failed or closed
     */
    public ChannelFuture closeOutbound() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            throw new IllegalStateException("closeOutbound() is available once the handler is added to a pipeline");
        }
        ChannelPromise promise = c.newPromise();
        if (c.executor().inEventLoop()) {
            closeOutbound(promise);
        } else {
            c.executor().execute(() -> closeOutbound(promise));
        }
        return promise;
    }

    private void closeOutbound(ChannelPromise promise) {
        if (state == State.OPEN && !outboundClosed) {
            encryptPending();
        }
        if (state == State.OPEN && !outboundClosed) {
            sendCloseNotify();
            if (closeNotifyReceived) {
                // The peer had half-closed already: now both sides are done.
                state = State.CLOSING;
                closeAfterCloseNotify(ctx.newPromise());
            }
        }
        if (closeNotifyWrite != null) {
            closeNotifyWrite.addListener(f -> {
                if (f.isSuccess()) {
                    promise.trySuccess();
                } else {
                    promise.tryFailure(f.cause());
                }
            });
        } else if (state == State.NEW || state == State.HANDSHAKING) {
            promise.tryFailure(new IllegalStateException("closeOutbound() before the handshake completed; close() instead"));
        } else {
            promise.tryFailure(new ClosedChannelException());
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        pending = new PendingWriteQueue(ctx);
        handshakePromise = ctx.executor().newPromise();
        transport.attach(ctx);
        if (ctx.channel().isActive()) {
            startHandshake();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startHandshake();
        ctx.fireChannelActive();
    }

    private void startHandshake() {
        if (state != State.NEW) {
            return;
        }
        state = State.HANDSHAKING;
        if (handshakeTimeoutMillis > 0) {
            handshakeTimeout = ctx.executor().schedule(() -> {
                if (state == State.HANDSHAKING) {
                    fail(new TlsException(TlsException.Type.IO, null,
                            "the handshake did not complete within " + handshakeTimeoutMillis + " ms"));
                }
            }, handshakeTimeoutMillis, TimeUnit.MILLISECONDS);
        }
        if (earlyWrites == null || !startWithEarlyData()) {
            negotiate(Unpooled.EMPTY_BUFFER);
        }
        if (state == State.HANDSHAKING && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    /** Starts a client's handshake offering early data; false if the session allows none (negotiate then). */
    private boolean startWithEarlyData() {
        try {
            if (!earlyWrites.offer()) {
                return false;
            }
        } catch (TlsException e) {
            fail(e);
            return true;
        }
        writeAndFlushOutput();
        if (flushAfterHandshake) {
            sendEarlyData();
        }
        return true;
    }

    /** Sends what it may of the first queued write as early data. */
    private void sendEarlyData() {
        try {
            earlyWrites.sendFrom(pending);
        } catch (TlsException e) {
            fail(e);
            return;
        }
        writeAndFlushOutput();
    }

    /** Runs the handshake on what {@code src} holds; flushes what it wrote; completes or fails it. */
    private void negotiate(ByteBuf src) {
        Blocked b;
        transport.lend(src);
        try {
            b = conn.negotiate();
        } catch (TlsException e) {
            fail(e);
            return;
        } finally {
            transport.endLoan();
        }
        writeAndFlushOutput();
        if (b == Blocked.ON_APPLICATION_INPUT && !resumeScheduled) {
            // An async signer (or a paused client hello callback) is working; try again shortly.
            resumeScheduled = true;
            ctx.executor().schedule(this::resumeNegotiation, APPLICATION_INPUT_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } else if (b == Blocked.NOT_BLOCKED) {
            handshakeCompleted();
        }
    }

    private void resumeNegotiation() {
        resumeScheduled = false;
        if (state != State.HANDSHAKING) {
            return;
        }
        List<Object> plaintext = new ArrayList<>();
        drive(internalBuffer(), plaintext);
        for (Object o : plaintext) {
            ctx.fireChannelRead(o);
        }
        if (!plaintext.isEmpty()) {
            ctx.fireChannelReadComplete();
        }
    }

    private void handshakeCompleted() {
        state = State.OPEN;
        cancel(handshakeTimeout);
        if (earlyWrites != null) {
            earlyWrites.settle(pending);
        }
        conn.freeHandshake();
        handshakePromise.trySuccess(ctx.channel());
        ctx.fireUserEventTriggered(S2nHandshakeCompletionEvent.SUCCESS);
        if (state == State.OPEN && flushAfterHandshake) {
            flushAfterHandshake = false;
            encryptPending();
            ctx.flush();
        }
    }

    private void writeAndFlushOutput() {
        ByteBuf o = transport.take();
        if (o != null) {
            ctx.writeAndFlush(o).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    // ---------------------------------------------------------------- inbound

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        drive(in, out);
    }

    /**
     * Everything the handler does with ciphertext that arrived: the handshake, then plaintext into
     * {@code plaintext}. It always uses up {@code src} (the core buffers partial records itself), unless
     * the handshake waits for the application.
     */
    private void drive(ByteBuf src, List<Object> plaintext) {
        if (state == State.HANDSHAKING) {
            negotiate(src);
        }
        if (state == State.HANDSHAKING && mode == Mode.SERVER) {
            readEarlyData(src, plaintext);
        }
        if ((state == State.OPEN || state == State.CLOSING) && !closeNotifyReceived) {
            readPlaintext(src, plaintext);
        }
        if (state == State.FAILED || state == State.CLOSED || closeNotifyReceived) {
            // Nothing after a failure or the peer's close_notify is read (RFC 8446 §6.1).
            src.skipBytes(src.readableBytes());
        }
    }

    /**
     * A server passes accepted early data on as it arrives, before the handshake completes (the
     * point of 0-RTT: the request is served a round trip sooner). Reading it may drive the
     * handshake on, up to its end.
     */
    private void readEarlyData(ByteBuf src, List<Object> plaintext) {
        if (conn.earlyDataStatus() != EarlyDataStatus.ACCEPTED) {
            return;
        }
        transport.lend(src);
        try {
            while (true) {
                ByteBuf buf = ctx.alloc().buffer(PLAINTEXT_CHUNK);
                int n;
                try {
                    n = conn.recvEarlyData(buf.nioBuffer(0, buf.writableBytes()));
                } catch (TlsException e) {
                    buf.release();
                    throw e;
                }
                if (n <= 0) {
                    buf.release();
                    break;
                }
                buf.writerIndex(n);
                plaintext.add(buf);
            }
        } catch (TlsException e) {
            transport.endLoan();
            fireAll(plaintext);
            fail(e);
            return;
        } finally {
            transport.endLoan();
        }
        writeAndFlushOutput();
        if (conn.isHandshakeComplete()) {
            handshakeCompleted();
        }
    }

    private void readPlaintext(ByteBuf src, List<Object> plaintext) {
        transport.lend(src);
        ByteBuf buf = null;
        try {
            while (true) {
                if (buf == null) {
                    buf = ctx.alloc().buffer(PLAINTEXT_CHUNK);
                }
                int n = conn.recv(buf.nioBuffer(buf.writerIndex(), buf.writableBytes()));
                if (n > 0) {
                    buf.writerIndex(buf.writerIndex() + n);
                    if (!buf.isWritable()) {
                        plaintext.add(buf);
                        buf = null;
                    }
                    continue;
                }
                if (buf.isReadable()) {
                    plaintext.add(buf);
                } else {
                    buf.release();
                }
                buf = null;
                if (n < 0) {
                    closeNotifyArrived(plaintext);
                }
                return;
            }
        } catch (TlsException e) {
            if (buf != null) {
                buf.release();
            }
            transport.endLoan();
            // Plaintext authenticated before the failure is the application's: it goes first.
            fireAll(plaintext);
            fail(e);
        } finally {
            transport.endLoan();
        }
    }

    private void fireAll(List<Object> plaintext) {
        for (Object o : plaintext) {
            ctx.fireChannelRead(o);
        }
        plaintext.clear();
    }

    private void closeNotifyArrived(List<Object> plaintext) {
        closeNotifyReceived = true;
        fireAll(plaintext);
        ctx.fireUserEventTriggered(S2nCloseNotifyEvent.INSTANCE);
        if (state == State.OPEN && outboundClosed) {
            // We half-closed first (closeOutbound): both sides are done once ours is out.
            state = State.CLOSING;
            closeAfterCloseNotify(ctx.newPromise());
        } else if (state == State.OPEN && allowHalfClosure && conn.actualProtocolVersion() == ProtocolVersion.TLS13) {
            // Half-closed by the peer: we go on sending until the application closes.
        } else if (state == State.OPEN) {
            // Answer with ours (after what was queued), then close.
            encryptPending();
            state = State.CLOSING;
            sendCloseNotify().addListener(f -> closeChannel(ctx.newPromise()));
        } else if (state == State.CLOSING && closePromise != null) {
            closeChannel(closePromise);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (releaseBuffersWhenIdle && state == State.OPEN && pending.isEmpty() && !transport.hasOutput()) {
            try {
                conn.releaseBuffers();
            } catch (IllegalStateException e) {
                // Part of a record is buffered: the buffers are not idle yet.
            }
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        State was = state;
        state = State.CLOSED;
        cancel(handshakeTimeout);
        cancel(closeTimeout);
        ClosedChannelException closed = new ClosedChannelException();
        if (was == State.NEW || was == State.HANDSHAKING) {
            TlsException e = new TlsException(TlsException.Type.CLOSED, null,
                    "the channel closed before the handshake completed", closed);
            failPending(e);
            failHandshake(e);
        } else {
            failPending(closed);
        }
        if (closePromise != null) {
            // We were waiting for the peer's close_notify and it hung up instead: the close is done.
            ChannelPromise p = closePromise;
            closePromise = null;
            p.trySuccess();
        }
        releaseConnection();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            cancel(handshakeTimeout);
            cancel(closeTimeout);
            // A channel that never became active (a failed connect) is torn down through here too.
            Exception removed = ctx.channel().isOpen()
                    ? new IllegalStateException("the S2nSslHandler was removed from the pipeline")
                    : new TlsException(TlsException.Type.CLOSED, null, "the channel closed before the handshake completed");
            failPending(removed);
            failHandshake(removed);
        }
        releaseConnection();
    }

    private void releaseConnection() {
        transport.release();
        if (mode == Mode.CLIENT && !closedSessionKept) {
            // Kept for session(): the channel is closing, and the next one resumes with it.
            closedSession = conn.session();
            closedSessionKept = true;
        }
        conn.close(); // zeroes the secrets; the accessors keep answering
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (state == State.HANDSHAKING) {
            // The transport failed under the handshake (e.g. a reset): the handshake failed with it.
            failHandshake(cause);
            failPending(cause);
            state = State.FAILED;
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    // ---------------------------------------------------------------- outbound

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new UnsupportedMessageTypeException(msg, ByteBuf.class));
            return;
        }
        if (state == State.FAILED || state == State.CLOSED || state == State.CLOSING || outboundClosed) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new ClosedChannelException());
            return;
        }
        pending.add(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (state == State.NEW || state == State.HANDSHAKING) {
            flushAfterHandshake = true;
            if (state == State.HANDSHAKING && earlyWrites != null) {
                sendEarlyData();
            }
            return;
        }
        if (state == State.OPEN) {
            encryptPending();
        }
        ctx.flush();
    }

    /** Seals the waiting writes in order and writes them on ({@link ChannelTransport#sealQueued}). */
    private void encryptPending() {
        try {
            transport.sealQueued(pending, () -> state == State.OPEN);
        } catch (TlsException e) {
            fail(e);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (state == State.OPEN) {
            encryptPending();
        }
        if (state == State.OPEN) {
            state = State.CLOSING;
            closePromise = promise;
            ChannelFuture ours = outboundClosed ? closeNotifyWrite : sendCloseNotify();
            ours.addListener(f -> {
                if (!f.isSuccess() || closeNotifyReceived || closeNotifyReadTimeoutMillis == 0) {
                    closeChannel(promise);
                } else {
                    closeTimeout = ctx.executor().schedule(() -> closeChannel(promise),
                            closeNotifyReadTimeoutMillis, TimeUnit.MILLISECONDS);
                }
            });
            return;
        }
        if (state == State.CLOSING) {
            // Closing already (ours or the peer's close_notify): this promise completes with the channel's close.
            ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
            return;
        }
        if (state == State.NEW || state == State.HANDSHAKING) {
            TlsException e = new TlsException(TlsException.Type.CLOSED, null, "the channel was closed before the handshake completed");
            state = State.CLOSED;
            cancel(handshakeTimeout);
            failPending(e);
            failHandshake(e);
        }
        closeChannel(promise);
    }

    /** Writes close_notify (s2n_shutdown_send) and flushes it; no writes after it. */
    private ChannelFuture sendCloseNotify() {
        outboundClosed = true;
        try {
            conn.shutdownSend();
        } catch (TlsException | IllegalStateException e) {
            // Failed meanwhile: its alert, if any, is in the output; nothing more to say.
        }
        ByteBuf o = transport.take();
        closeNotifyWrite = ctx.writeAndFlush(o == null ? Unpooled.EMPTY_BUFFER : o);
        return closeNotifyWrite;
    }

    /** Closes the channel with {@code promise} once our close_notify has been written. */
    private void closeAfterCloseNotify(ChannelPromise promise) {
        closeNotifyWrite.addListener(f -> closeChannel(promise));
    }

    private void closeChannel(ChannelPromise promise) {
        cancel(closeTimeout);
        if (promise == closePromise) {
            closePromise = null;
        }
        if (!promise.isDone()) {
            ctx.close(promise);
        }
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
        ctx.connect(remote, local, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        close(ctx, promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.deregister(promise);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        ctx.read();
    }

    // ---------------------------------------------------------------- failure

    /**
     * The connection failed: the handshake future (or the pipeline) learns why, queued writes fail,
     * and the alert goes out before the channel closes; after the blinding delay if there is one.
     */
    private void fail(Throwable cause) {
        if (state == State.FAILED || state == State.CLOSED) {
            return;
        }
        boolean handshaking = state == State.NEW || state == State.HANDSHAKING;
        state = State.FAILED;
        cancel(handshakeTimeout);
        failPending(cause);
        if (handshaking) {
            failHandshake(cause);
        } else {
            ctx.fireExceptionCaught(cause);
        }
        sendAlertAndClose();
    }

    /** After a failure: once the blinding delay has passed, the withheld alert (if any) and the close. */
    private void sendAlertAndClose() {
        if (state == State.CLOSED) {
            return;
        }
        Duration delay = conn.delay();
        if (!delay.isZero()) {
            // Meanwhile input is discarded (drive) and nothing is sent.
            ctx.executor().schedule(this::sendAlertAndClose, delay.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        try {
            conn.shutdown(); // after a failure: sends the alert the core withheld, nothing else
        } catch (TlsException | IllegalStateException e) {
            // Nothing more can be said to this peer.
        }
        ByteBuf o = transport.take();
        if (o == null) {
            ctx.close();
        } else {
            ctx.writeAndFlush(o).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void failHandshake(Throwable cause) {
        if (handshakePromise != null && handshakePromise.tryFailure(cause)) {
            ctx.fireUserEventTriggered(new S2nHandshakeCompletionEvent(cause));
        }
    }

    private void failPending(Throwable cause) {
        if (pending != null) {
            pending.removeAndFailAll(cause); // releases each message and fails its promise
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "S2nSslHandler[" + mode + ", " + state + ", " + conn + "]";
    }
}
