package s2n.tls.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import s2n.tls.Blocked;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.RecvCallback;
import s2n.tls.SendCallback;
import s2n.tls.TlsException;

/**
 * An {@link SSLSocket} over a plain {@link Socket}: the connection reads and writes the socket's
 * streams through its callbacks (blocking IO, one thread reading while another writes). The
 * handshake runs on {@link #startHandshake()} or on first use of the streams or the session.
 * A read timeout ({@link #setSoTimeout}) is a {@link SocketTimeoutException} that leaves the
 * connection usable.
 */
final class S2NSocket extends OverSocket implements Endpoint {
    private static final RecvCallback RECV = (ctx, dst) -> ((S2NSocket) ctx).readRaw(dst);
    private static final SendCallback SEND = (ctx, src) -> ((S2NSocket) ctx).writeRaw(src);

    private final ContextState state;
    private final boolean autoClose;
    private String host;
    private int port;
    private final EndpointSettings settings;
    private BiFunction<SSLSocket, List<String>, String> selector;
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private final Object handshakeLock = new Object();
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile Handshaker handshaker;
    private volatile boolean done;
    private volatile SSLException failure;
    private volatile boolean closed;
    private volatile boolean timedOut;
    private volatile boolean inputShut;
    private volatile boolean outputShut;
    private volatile boolean closeNotifyReceived;
    private InputStream rawIn;
    private OutputStream rawOut;
    private final InputStream appIn = new AppInput();
    private final OutputStream appOut = new AppOutput();

    /**
     * Over {@code base} (connected or not); {@code autoClose}: closing this closes it.
     *
     * @param settings this socket's own (a server socket's copy, or new defaults with the mode set)
     */
    S2NSocket(ContextState state, Socket base, String host, int port, boolean autoClose, EndpointSettings settings) {
        super(base);
        this.state = state;
        this.host = host;
        this.port = port;
        this.autoClose = autoClose;
        this.settings = settings;
    }

    // ---------------------------------------------------------------- raw IO (the connection's transport)

    private int readRaw(ByteBuffer dst) throws IOException {
        try {
            int n;
            if (dst.hasArray()) {
                n = rawIn.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
            } else {
                byte[] tmp = new byte[Math.min(dst.remaining(), 16 * 1024)];
                n = rawIn.read(tmp);
                if (n > 0) {
                    dst.put(tmp, 0, n);
                }
            }
            return n < 0 ? -1 : n;
        } catch (SocketTimeoutException e) {
            timedOut = true;
            return 0; // the connection reports ON_READ; the caller raises the timeout
        }
    }

    private int writeRaw(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (src.hasArray()) {
            rawOut.write(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.limit());
        } else {
            byte[] tmp = new byte[n];
            src.get(tmp);
            rawOut.write(tmp);
        }
        return n;
    }

    // ---------------------------------------------------------------- handshake

    @Override
    public void startHandshake() throws IOException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        if (!base.isConnected()) {
            throw new SocketException("socket is not connected");
        }
        synchronized (handshakeLock) {
            if (failure != null) {
                throw failure;
            }
            if (done) {
                Connection c = handshaker.conn;
                if (c.actualProtocolVersion() == ProtocolVersion.TLS13) {
                    c.requestKeyUpdate(false); // the JDK's startHandshake on TLS 1.3: a KeyUpdate
                    return;
                }
                throw new SSLException("renegotiation is not supported (s2n refuses it in TLS 1.2)");
            }
            boolean clientMode = settings.clientMode();
            try {
                handshaker = new Handshaker(state, this, clientMode, clientMode ? state.clientSessions : state.serverSessions,
                        settings.sessionCreation());
            } catch (SSLException e) {
                failure = e;
                closeBase();
                throw e;
            }
            Connection c = handshaker.conn;
            rawIn = base.getInputStream();
            rawOut = base.getOutputStream();
            c.setRecvCallback(RECV).setRecvContext(this).setSendCallback(SEND).setSendContext(this);
            try {
                while (true) {
                    Blocked b = c.negotiate();
                    if (b == Blocked.NOT_BLOCKED) {
                        break;
                    }
                    if (timedOut) {
                        timedOut = false;
                        throw new SocketTimeoutException("the handshake timed out (setSoTimeout)");
                    }
                }
            } catch (TlsException e) {
                failure = handshaker.translate(e, true);
                closeBase();
                throw failure;
            }
            done = true;
            handshaker.established();
        }
        notifyListeners();
    }

    private void notifyListeners() {
        if (listeners.isEmpty()) {
            return;
        }
        HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, handshaker.session);
        // As the JDK: listeners run on a thread of their own, never inside the handshake.
        Thread t = new Thread(() -> {
            for (HandshakeCompletedListener l : listeners) {
                l.handshakeCompleted(event);
            }
        }, "S2N HandshakeCompletedNotify");
        t.setDaemon(true);
        t.start();
    }

    private void ensureHandshake() throws IOException {
        if (!done) {
            startHandshake();
        }
    }

    private IOException translate(TlsException e) {
        if (closed) {
            return new SocketException("socket is closed");
        }
        return handshaker.translate(e, false);
    }

    /** The application's side: reads decrypt, an end of data is the peer's close_notify. */
    private final class AppInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (inputShut) {
                return -1;
            }
            ensureHandshake();
            if (len == 0) {
                return 0;
            }
            synchronized (readLock) {
                Connection c = handshaker.conn;
                try {
                    while (true) {
                        int n = c.recv(ByteBuffer.wrap(b, off, len));
                        if (n > 0) {
                            return n;
                        }
                        if (n < 0) {
                            closeNotifyReceived = true;
                            peerClosed(c);
                            return -1;
                        }
                        if (timedOut) {
                            timedOut = false;
                            throw new SocketTimeoutException("Read timed out");
                        }
                    }
                } catch (TlsException e) {
                    throw translate(e);
                }
            }
        }

        @Override
        public int available() throws IOException {
            return done ? handshaker.conn.peek() : 0;
        }

        @Override
        public void close() throws IOException {
            S2NSocket.this.close();
        }
    }

    /** The peer's close_notify: answered with ours when {@link Protocols#answersCloseNotify} says so. */
    private void peerClosed(Connection c) {
        if (Protocols.answersCloseNotify(c.actualProtocolVersion())) {
            synchronized (writeLock) {
                try {
                    c.shutdownSend();
                } catch (TlsException | IllegalStateException e) {
                    // already closed or failed: nothing more to say to the peer
                }
            }
        }
    }

    private final class AppOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (outputShut) {
                throw new SocketException("socket output is shut down");
            }
            ensureHandshake();
            synchronized (writeLock) {
                ByteBuffer src = ByteBuffer.wrap(b, off, len);
                try {
                    while (src.hasRemaining()) {
                        handshaker.conn.send(src);
                    }
                } catch (TlsException e) {
                    throw translate(e);
                } catch (IllegalStateException e) {
                    throw new SocketException("socket output is closed: " + e.getMessage());
                }
            }
        }

        @Override
        public void close() throws IOException {
            S2NSocket.this.close();
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        checkOpenAndConnected();
        if (inputShut) {
            throw new SocketException("socket input is shut down");
        }
        return appIn;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        checkOpenAndConnected();
        if (outputShut) {
            throw new SocketException("socket output is shut down");
        }
        return appOut;
    }

    private void checkOpenAndConnected() throws SocketException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        if (!base.isConnected()) {
            throw new SocketException("socket is not connected");
        }
    }

    /** Sends close_notify (if the handshake completed), then closes the socket (and the plain one under it, if ours to close). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Handshaker h = handshaker;
        if (done && failure == null) {
            synchronized (writeLock) {
                try {
                    h.conn.shutdownSend();
                } catch (TlsException | IllegalStateException e) {
                    // the peer is gone or the connection failed: closing goes on
                }
            }
        }
        if (autoClose) {
            base.close();
        }
    }

    private void closeBase() {
        try {
            if (autoClose) {
                base.close();
            }
        } catch (IOException e) {
            // the handshake failure is what the caller hears about
        }
    }

    // ---------------------------------------------------------------- session and parameters

    @Override
    public SSLSession getSession() {
        try {
            ensureHandshake();
        } catch (IOException e) {
            // As the JDK: a failed handshake gives the invalid null session, not an exception.
            return S2NSession.notEstablished(host, port);
        }
        return handshaker.session;
    }

    @Override
    public SSLSession getHandshakeSession() {
        Handshaker h = handshaker;
        return h != null && !done && failure == null ? h.session : null;
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (!listeners.remove(listener)) {
            throw new IllegalArgumentException("listener was not registered");
        }
    }

    @Override
    public String getApplicationProtocol() {
        if (!done) {
            return null;
        }
        String p = handshaker.conn.applicationProtocol();
        return p == null ? "" : p;
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        Handshaker h = handshaker;
        return h != null && !done ? h.conn.applicationProtocol() : null;
    }

    @Override
    public synchronized void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        this.selector = selector;
    }

    @Override
    public synchronized BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return selector;
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
    public synchronized void setUseClientMode(boolean mode) {
        settings.clientMode(mode, handshaker != null);
    }

    @Override
    public boolean getUseClientMode() {
        return settings.clientMode();
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

    // ---------------------------------------------------------------- Endpoint

    @Override
    public SSLParameters parameters() {
        return settings.sslParameters();
    }

    @Override
    public String peerHost() {
        return host;
    }

    @Override
    public int peerPort() {
        return port;
    }

    @Override
    public String chooseServerAlias(X509ExtendedKeyManager km, String keyType, Principal[] issuers) {
        return km.chooseServerAlias(keyType, issuers, this);
    }

    @Override
    public String chooseClientAlias(X509ExtendedKeyManager km, String[] keyTypes, Principal[] issuers) {
        return km.chooseClientAlias(keyTypes, issuers, this);
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
        BiFunction<SSLSocket, List<String>, String> s = selector;
        return s == null ? NO_SELECTOR : s.apply(this, offered);
    }

    // ---------------------------------------------------------------- the plain socket's methods

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        base.connect(endpoint, timeout);
        if (endpoint instanceof InetSocketAddress) {
            InetSocketAddress a = (InetSocketAddress) endpoint;
            if (host == null) {
                host = a.getHostString();
            }
            port = a.getPort();
        }
    }

    /**
     * As the JDK's SSLSocket: closes the TLS input. Reads then return -1 and
     * {@link #getInputStream()} refuses. When this socket owns the one under it, that one's input
     * is shut down too.
     *
     * @throws SSLException after doing so, if a handshake has begun and the peer's close_notify has
     *     not arrived: what was still to come is lost, which the caller should know
     */
    @Override
    public void shutdownInput() throws IOException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        if (inputShut) {
            return;
        }
        inputShut = true;
        if (autoClose && !base.isInputShutdown()) {
            base.shutdownInput();
        }
        if (handshaker != null && !closeNotifyReceived) {
            throw new SSLException("closing inbound before receiving peer's close_notify");
        }
    }

    /**
     * As the JDK's SSLSocket: sends close_notify (once the handshake is done), then shuts down the
     * output of the socket under this one when this socket owns it. Writes then fail, and reads go
     * on: in TLS 1.3 the peer may go on sending (RFC 8446 §6.1), in TLS 1.2 it answers with its own
     * close_notify, which ends the stream.
     */
    @Override
    public void shutdownOutput() throws IOException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        if (outputShut) {
            return;
        }
        outputShut = true;
        if (done && failure == null) {
            synchronized (writeLock) {
                try {
                    handshaker.conn.shutdownSend();
                } catch (TlsException e) {
                    throw translate(e);
                } catch (IllegalStateException e) {
                    // our close_notify went out already (we answered the peer's)
                }
            }
        }
        if (autoClose && !base.isOutputShutdown()) {
            base.shutdownOutput();
        }
    }

    @Override
    public boolean isClosed() {
        return closed || base.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return inputShut || base.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShut || base.isOutputShutdown();
    }

    @Override
    public String toString() {
        return "S2NSocket[" + settings.modeName() + ", " + base + "]";
    }
}
