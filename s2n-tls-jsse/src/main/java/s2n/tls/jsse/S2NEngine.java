package s2n.tls.jsse;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import s2n.tls.Blocked;
import s2n.tls.Connection;
import s2n.tls.RecvCallback;
import s2n.tls.SendCallback;
import s2n.tls.TlsException;

/**
 * An {@link SSLEngine} over an s2n-tls-java {@link Connection}. The connection's callbacks are the
 * engine's buffers: {@code unwrap} lets it read exactly one TLS record from the caller's source
 * (so {@code bytesConsumed} is exact and a partial record is BUFFER_UNDERFLOW with nothing taken),
 * and whatever it writes collects in an {@link OutputBuffer} that {@code wrap} hands out. No
 * delegated tasks: the handshake runs inside wrap/unwrap, so NEED_TASK never appears.
 *
 * <p>All public methods synchronize on the engine, so one thread may wrap while another unwraps
 * (as HttpClient does).
 */
final class S2NEngine extends SSLEngine implements Endpoint {
    private static final int HEADER = 5;
    /** RFC 8446 §5.2 / RFC 5246 §6.2.3: a record body longer than this is record_overflow; the core says so. */
    private static final int MAX_RECORD_BODY = 16_384 + 2_048;
    /** The smallest AEAD expansion of a record body (TLS 1.2 ChaCha20 / TLS 1.3 tag): plaintext is at most body - 16. */
    private static final int MIN_EXPANSION = 16;
    /** Room for the headers, nonces and tags of a record and a KeyUpdate ahead of it (TLS 1.3: 22 + 27). */
    private static final int MAX_OVERHEAD = 128;

    private static final SendCallback SEND = (ctx, src) -> ((S2NEngine) ctx).send(src);
    private static final RecvCallback RECV = (ctx, dst) -> ((S2NEngine) ctx).feed(dst);

    private enum Phase { NEW, HANDSHAKING, DONE, CLOSED }

    private final ContextState state;
    private final OutputBuffer output = new OutputBuffer();
    private final EndpointSettings settings;
    private BiFunction<SSLEngine, List<String>, String> selector;
    private Handshaker handshaker;
    private Connection conn;
    private Phase phase = Phase.NEW;
    private Blocked blocked;
    private boolean finishedOwed;
    private boolean inboundDone;
    private boolean outboundClosed;
    private boolean closeNotifyReceived;
    /** The source unwrap lends the connection, and how many bytes of it (one record) it may take. */
    private ByteBuffer in;
    private int allowance;
    /**
     * The caller's destination while wrap sends application data: records go straight into it
     * while nothing waits in {@link #output} and they fit, sparing a copy; {@link #direct} counts them.
     */
    private ByteBuffer out;
    private int direct;

    S2NEngine(ContextState state, String host, int port) {
        super(host, port);
        this.state = state;
        this.settings = EndpointSettings.defaults(state, null);
    }

    // ---------------------------------------------------------------- the connection's transport

    private int send(ByteBuffer src) {
        ByteBuffer dst = out;
        int n = src.remaining();
        if (dst != null && output.pending() == 0 && dst.remaining() >= n) {
            dst.put(src);
            direct += n;
            return n;
        }
        return output.append(src);
    }

    private int feed(ByteBuffer dst) {
        ByteBuffer src = in;
        if (src == null || allowance == 0) {
            return 0; // would block: unwrap gives one record at a time
        }
        int n = Math.min(allowance, Math.min(src.remaining(), dst.remaining()));
        ByteBuffer part = src.slice();
        part.limit(n);
        dst.put(part);
        src.position(src.position() + n);
        allowance -= n;
        return n;
    }

    // ---------------------------------------------------------------- handshake

    @Override
    public synchronized void beginHandshake() throws SSLException {
        checkMode();
        if (phase == Phase.NEW) {
            start();
        } else if (phase == Phase.DONE) {
            throw new SSLException("renegotiation is not supported (TLS 1.3 has none; s2n refuses it in TLS 1.2)");
        } else if (phase == Phase.CLOSED) {
            throw new SSLException("the engine is closed");
        }
    }

    private void start() throws SSLException {
        if (outboundClosed || inboundDone) {
            throw new SSLException("the engine was closed before its handshake began");
        }
        boolean clientMode = settings.clientMode();
        try {
            handshaker = new Handshaker(state, this, clientMode, clientMode ? state.clientSessions : state.serverSessions,
                    settings.sessionCreation());
        } catch (SSLException e) {
            close();
            throw e;
        }
        conn = handshaker.conn;
        conn.setSendCallback(SEND).setSendContext(this).setRecvCallback(RECV).setRecvContext(this);
        phase = Phase.HANDSHAKING;
        blocked = clientMode ? Blocked.ON_WRITE : Blocked.ON_READ;
        if (clientMode) {
            negotiate(); // the ClientHello, ready for the first wrap
        }
    }

    private void negotiate() throws SSLException {
        try {
            blocked = conn.negotiate();
        } catch (TlsException e) {
            close();
            throw handshaker.translate(e, true);
        }
        if (blocked == Blocked.NOT_BLOCKED) {
            phase = Phase.DONE;
            finishedOwed = true;
            handshaker.established();
            releaseIdleBuffers();
        }
    }

    /**
     * An SSLEngine has no idle call, and its user holds the packet and application buffers, so
     * the core's own record buffers go back once the handshake is done (s2n's
     * {@code s2n_connection_release_buffers}): an engine that then sits idle keeps a couple of
     * kilobytes, and the first record after it takes them again. Kept while the core still holds
     * bytes in them.
     */
    private void releaseIdleBuffers() {
        try {
            conn.releaseBuffers();
        } catch (IllegalStateException stillInUse) {
            // Unread or unsent bytes remain: the buffers are in use, which is what they are for.
        }
    }

    private void close() {
        phase = Phase.CLOSED;
        inboundDone = true;
        outboundClosed = true;
    }

    private void checkMode() {
        if (!settings.clientModeChosen()) {
            throw new IllegalStateException("call setUseClientMode(true or false) before the handshake");
        }
    }

    // ---------------------------------------------------------------- wrap

    @Override
    public synchronized SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        checkBuffers(srcs, offset, length);
        if (dst == null) {
            throw new IllegalArgumentException("dst must not be null");
        }
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        checkMode();
        if (phase == Phase.NEW && !outboundClosed) {
            start();
        }
        if (output.pending() > 0) {
            return drain(dst, 0);
        }
        if (outboundClosed) {
            return result(Status.CLOSED, status(true), 0, 0);
        }
        if (phase == Phase.HANDSHAKING) {
            negotiate();
            return output.pending() > 0 ? drain(dst, 0) : result(Status.OK, status(true), 0, 0);
        }
        long available = remaining(srcs, offset, length);
        if (available == 0) {
            return result(Status.OK, status(true), 0, 0);
        }
        int take = (int) Math.min(available, S2NSession.APPLICATION_BUFFER_SIZE);
        if (dst.remaining() < take + MAX_OVERHEAD) {
            return result(Status.BUFFER_OVERFLOW, status(false), 0, 0);
        }
        ByteBuffer[] slices = new ByteBuffer[length];
        int left = take;
        for (int i = 0; i < length; i++) {
            ByteBuffer s = srcs[offset + i].duplicate();
            s.limit(s.position() + Math.min(s.remaining(), left));
            left -= s.remaining();
            slices[i] = s;
        }
        long sent;
        int start = dst.position();
        out = dst;
        direct = 0;
        try {
            sent = conn.send(slices);
        } catch (TlsException e) {
            unsend(dst, start);
            close();
            throw handshaker.translate(e, false);
        } finally {
            out = null;
        }
        for (int i = 0; i < length; i++) {
            srcs[offset + i].position(slices[i].position());
        }
        handshaker.session.accessed();
        return drain(dst, (int) sent, direct);
    }

    /**
     * A failed send: the bytes it put straight into {@code dst} (an alert, say) move back to the
     * head of {@link #output}, since the caller gets an exception, not a count, and the next wrap
     * must still deliver them.
     */
    private void unsend(ByteBuffer dst, int start) {
        if (direct == 0) {
            return;
        }
        byte[] bytes = new byte[direct];
        dst.duplicate().position(start).get(bytes);
        dst.position(start);
        output.prepend(bytes);
        direct = 0;
    }

    private SSLEngineResult drain(ByteBuffer dst, int consumed) {
        return drain(dst, consumed, 0);
    }

    private SSLEngineResult drain(ByteBuffer dst, int consumed, int alreadyProduced) {
        int pending = output.pending();
        if (consumed == 0 && dst.remaining() < Math.min(pending, S2NSession.PACKET_BUFFER_SIZE)) {
            return result(Status.BUFFER_OVERFLOW, status(false), 0, 0);
        }
        int produced = alreadyProduced + output.drainTo(dst);
        boolean done = outboundClosed && output.pending() == 0;
        return result(done ? Status.CLOSED : Status.OK, status(true), consumed, produced);
    }

    // ---------------------------------------------------------------- unwrap

    @Override
    public synchronized SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (src == null) {
            throw new IllegalArgumentException("src must not be null");
        }
        checkBuffers(dsts, offset, length);
        for (int i = 0; i < length; i++) {
            if (dsts[offset + i].isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
        }
        checkMode();
        if (phase == Phase.NEW && !inboundDone) {
            start();
        }
        if (inboundDone) {
            return result(Status.CLOSED, status(true), 0, 0);
        }
        if (src.remaining() < HEADER) {
            return result(Status.BUFFER_UNDERFLOW, status(false), 0, 0);
        }
        int p = src.position();
        int body = ((src.get(p + 3) & 0xff) << 8) | (src.get(p + 4) & 0xff);
        // An oversized record: give the core its header only, and it fails with record_overflow.
        int record = body > MAX_RECORD_BODY ? HEADER : HEADER + body;
        if (src.remaining() < record) {
            return result(Status.BUFFER_UNDERFLOW, status(false), 0, 0);
        }
        if (phase == Phase.HANDSHAKING) {
            lend(src, record);
            try {
                negotiate();
            } finally {
                in = null;
            }
            return result(Status.OK, status(true), record - allowance, 0);
        }
        int room = (int) Math.min(Integer.MAX_VALUE, remaining(dsts, offset, length));
        int plaintext = Math.min(Math.max(body - MIN_EXPANSION, 0), S2NSession.APPLICATION_BUFFER_SIZE);
        if (room < plaintext) {
            return result(Status.BUFFER_OVERFLOW, status(false), 0, 0);
        }
        lend(src, record);
        int produced = 0;
        boolean closed = false;
        try {
            loop:
            for (int i = 0; i < length; i++) {
                ByteBuffer dst = dsts[offset + i];
                while (dst.hasRemaining()) {
                    int n = conn.recv(dst);
                    if (n < 0) {
                        closed = true;
                        break loop;
                    }
                    if (n == 0) {
                        break loop;
                    }
                    produced += n;
                    if (conn.peek() == 0) {
                        break loop;
                    }
                }
            }
        } catch (TlsException e) {
            close();
            throw handshaker.translate(e, false);
        } finally {
            in = null;
        }
        int consumed = record - allowance;
        handshaker.session.accessed();
        if (closed) {
            closeNotifyReceived = true;
            inboundDone = true;
            if (Protocols.answersCloseNotify(conn.actualProtocolVersion())) {
                closeOutbound();
            }
            return result(Status.CLOSED, status(true), consumed, produced);
        }
        return result(Status.OK, status(true), consumed, produced);
    }

    private void lend(ByteBuffer src, int record) {
        in = src;
        allowance = record;
    }

    // ---------------------------------------------------------------- status

    private HandshakeStatus status(boolean reportFinished) {
        if (output.pending() > 0) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (phase == Phase.HANDSHAKING) {
            return blocked == Blocked.ON_READ ? HandshakeStatus.NEED_UNWRAP : HandshakeStatus.NEED_WRAP;
        }
        if (reportFinished && finishedOwed) {
            finishedOwed = false;
            return HandshakeStatus.FINISHED;
        }
        return HandshakeStatus.NOT_HANDSHAKING;
    }

    private static SSLEngineResult result(Status status, HandshakeStatus hs, int consumed, int produced) {
        return new SSLEngineResult(status, hs, consumed, produced);
    }

    @Override
    public synchronized HandshakeStatus getHandshakeStatus() {
        return status(false);
    }

    @Override
    public Runnable getDelegatedTask() {
        return null;
    }

    // ---------------------------------------------------------------- closing

    @Override
    public synchronized void closeInbound() throws SSLException {
        if (inboundDone) {
            return;
        }
        inboundDone = true;
        if (phase == Phase.NEW) {
            return;
        }
        boolean truncated = !closeNotifyReceived;
        closeOutbound();
        if (truncated) {
            throw new SSLException("closeInbound() before the peer's close_notify: the data may have been truncated");
        }
    }

    @Override
    public synchronized boolean isInboundDone() {
        return inboundDone;
    }

    @Override
    public synchronized void closeOutbound() {
        if (outboundClosed) {
            return;
        }
        outboundClosed = true;
        if (phase == Phase.NEW) {
            return;
        }
        if (phase == Phase.HANDSHAKING) {
            // The handshake cannot go on; close_notify tells the peer (the JDK sends user_canceled first).
            phase = Phase.CLOSED;
            inboundDone = true;
        }
        try {
            conn.shutdownSend();
        } catch (TlsException | IllegalStateException e) {
            // Failed already, or blinded: the failure's alert (if any) is in the output, nothing more to send.
        }
    }

    @Override
    public synchronized boolean isOutboundDone() {
        return outboundClosed && output.pending() == 0;
    }

    // ---------------------------------------------------------------- configuration

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        settings.clientMode(mode, phase != Phase.NEW);
    }

    @Override
    public boolean getUseClientMode() {
        return settings.clientMode();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return EndpointSettings.supportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return settings.enabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        settings.enableCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return EndpointSettings.supportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return settings.enabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        settings.enableProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        settings.needClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return settings.needClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        settings.wantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return settings.wantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        settings.sessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return settings.sessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return settings.sslParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters update) {
        settings.sslParameters(update);
    }

    @Override
    public synchronized SSLSession getSession() {
        if (handshaker != null && handshaker.session.isEstablished()) {
            return handshaker.session;
        }
        return S2NSession.notEstablished(getPeerHost(), getPeerPort());
    }

    @Override
    public synchronized SSLSession getHandshakeSession() {
        return phase == Phase.HANDSHAKING ? handshaker.session : null;
    }

    @Override
    public synchronized String getApplicationProtocol() {
        if (handshaker == null || !handshaker.session.isEstablished()) {
            return null;
        }
        String p = conn.applicationProtocol();
        return p == null ? "" : p;
    }

    @Override
    public synchronized String getHandshakeApplicationProtocol() {
        return phase == Phase.HANDSHAKING ? conn.applicationProtocol() : null;
    }

    @Override
    public synchronized void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        this.selector = selector;
    }

    @Override
    public synchronized BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return selector;
    }

    // ---------------------------------------------------------------- Endpoint (for the Handshaker)

    @Override
    public SSLParameters parameters() {
        return settings.sslParameters();
    }

    @Override
    public String peerHost() {
        return getPeerHost();
    }

    @Override
    public int peerPort() {
        return getPeerPort();
    }

    @Override
    public String chooseServerAlias(X509ExtendedKeyManager km, String keyType, Principal[] issuers) {
        return km.chooseEngineServerAlias(keyType, issuers, this);
    }

    @Override
    public String chooseClientAlias(X509ExtendedKeyManager km, String[] keyTypes, Principal[] issuers) {
        return km.chooseEngineClientAlias(keyTypes, issuers, this);
    }

    @Override
    public void checkServerTrusted(X509ExtendedTrustManager tm, X509Certificate[] chain, String authType)
            throws CertificateException {
        tm.checkServerTrusted(chain, authType, this);
    }

    @Override
    public void checkClientTrusted(X509ExtendedTrustManager tm, X509Certificate[] chain, String authType)
            throws CertificateException {
        tm.checkClientTrusted(chain, authType, this);
    }

    @Override
    public String selectApplicationProtocol(List<String> offered) {
        BiFunction<SSLEngine, List<String>, String> s = selector;
        return s == null ? NO_SELECTOR : s.apply(this, offered);
    }

    // ---------------------------------------------------------------- helpers

    private static void checkBuffers(ByteBuffer[] buffers, int offset, int length) {
        if (buffers == null) {
            throw new IllegalArgumentException("buffers must not be null");
        }
        if (offset < 0 || length < 0 || offset > buffers.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array of " + buffers.length);
        }
        for (int i = 0; i < length; i++) {
            if (buffers[offset + i] == null) {
                throw new IllegalArgumentException("buffer " + (offset + i) + " is null");
            }
        }
    }

    private static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long n = 0;
        for (int i = 0; i < length; i++) {
            n += buffers[offset + i].remaining();
        }
        return n;
    }

    @Override
    public String toString() {
        return "S2NEngine[" + settings.modeName() + ", " + phase
                + (conn == null ? "" : ", " + conn) + "]";
    }
}
