package s2n.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.handshake.Handshake;
import s2n.tls.internal.handshake.HandshakeType;
import s2n.tls.internal.handshake.Negotiated;
import s2n.tls.internal.handshake.PostHandshake;
import s2n.tls.internal.handshake.Tickets13;
import s2n.tls.internal.handshake.message.NewSessionTicket;
import s2n.tls.internal.io.Sink;
import s2n.tls.internal.io.Source;
import s2n.tls.internal.record.PlaintextProtection;
import s2n.tls.internal.resumption.Tls13Session;
import s2n.tls.internal.record.RecordReader;
import s2n.tls.internal.record.RecordWriter;
import s2n.tls.internal.jfr.HandshakeEvent;
import s2n.tls.internal.jfr.RecordStatisticsEvent;

/**
 * One TLS connection with one peer (s2n's {@code s2n_connection}): create it, give it a config
 * and a transport, {@link #negotiate()} until it is not blocked, then {@link #send}/{@link #recv}
 * and finally {@link #shutdown()}.
 *
 * <pre>{@code
 * Connection conn = new Connection(Mode.CLIENT);        // s2n_connection_new
 * conn.setConfig(config);                               // s2n_connection_set_config
 * conn.setServerName("example.com");                    // s2n_set_server_name
 * conn.setChannel(socketChannel);                       // s2n_connection_set_fd
 * while (conn.negotiate() != Blocked.NOT_BLOCKED) {     // s2n_negotiate
 *     waitFor(conn.blocked());                          // only with non-blocking channels
 * }
 * conn.send(ByteBuffer.wrap(request));                  // s2n_send
 * int n = conn.recv(response);                          // s2n_recv: -1 after close_notify
 * conn.shutdown();                                      // s2n_shutdown
 * conn.close();                                         // s2n_connection_free
 * }</pre>
 *
 * <p><b>Threads.</b> A connection is not thread-safe, except that once the handshake is done one
 * thread may {@code send} while one other thread {@code recv}s. {@code negotiate},
 * {@code shutdown} and the memory calls belong to one thread at a time.
 *
 * <p><b>Errors.</b> Failures are {@link TlsException}s (never an unchecked exception caused by
 * what the peer sent); the first one is sticky: every later {@code negotiate}, {@code send} and
 * {@code recv} raises the same exception, and nothing more is read or sent except the one alert.
 * ({@code recv} first hands over plaintext it had already decrypted before the failure.) Blocking
 * is not an error: calls return and {@link #blocked()} says why. Misuse (calling {@code send}
 * before the handshake, say) is an {@link IllegalStateException} that says what to do instead.
 *
 * <p><b>Blinding.</b> After a failure the peer caused, the connection withholds its alert for a
 * random delay (s2n's error blinding; see {@link Config.Builder#maxBlindingDelay}) so that the
 * peer cannot time how long the library took to find the fault. Wait {@link #delay()}, then call
 * {@link #shutdown()} to send the alert, then close the channel:
 *
 * <pre>{@code
 * try {
 *     conn.negotiate();
 * } catch (TlsException e) {
 *     scheduler.schedule(() -> { conn.shutdown(); channel.close(); return null; },
 *             conn.delay().toNanos(), TimeUnit.NANOSECONDS);
 * }
 * }</pre>
 */
public final class Connection implements AutoCloseable {
    private final Mode mode;
    private final RecordReader reader = new RecordReader();
    private final RecordWriter writer = new RecordWriter();
    private final Negotiated negotiated = new Negotiated();
    private final Transport transport = new Transport();
    private final ApplicationData data;
    private final Blinding blinding = new Blinding();
    private Config config;
    private String serverName;
    private ClientAuth clientAuth;
    private Handshake handshake;
    private boolean handshakeComplete;
    private volatile TlsException failure;
    private volatile Blocked blocked = Blocked.NOT_BLOCKED;
    private boolean closed;
    /** Whether the server's client hello callback is running (it may swap the config). */
    private boolean inClientHelloCallback;
    /** The JFR event of the handshake in progress, while a recording wants it; null otherwise. */
    private HandshakeEvent handshakeEvent;
    /** A client's sessions: the one it offers, the latest a ticket gave it. */
    private final ClientSessions sessions = new ClientSessions();
    /** A client asked to send early data ({@link #sendEarlyData}) before its handshake started. */
    private boolean wantsEarlyData;
    /** A server's early data the application had not read when the handshake completed; {@code recv} returns it first. */
    private ByteBuffer pendingEarlyData;

    /** A connection for {@code mode}, using {@link Config#defaultConfig()} until {@link #setConfig} is called. */
    static {
        // The periodic record statistics, counted only while a JFR recording runs.
        RecordStatisticsEvent.register();
    }

    public Connection(Mode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be CLIENT or SERVER");
        }
        this.mode = mode;
        this.data = new ApplicationData(this, reader, writer);
        resetWriterVersion();
    }

    public Mode mode() {
        return mode;
    }

    /** Uses {@code config} for this connection (s2n's {@code s2n_connection_set_config}). Before the handshake only. */
    public Connection setConfig(Config config) {
        checkOpen();
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        if (!inClientHelloCallback && (handshake == null || !handshake.pausedOnClientHello())) {
            checkNotStarted("setConfig");
        }
        this.config = config;
        return this;
    }

    /** The config in use: the one set, or {@link Config#defaultConfig()}. */
    public Config config() {
        return config != null ? config : Config.defaultConfig();
    }

    /**
     * The server's name (s2n's {@code s2n_set_server_name}): a client sends it as SNI (unless it
     * is an IP literal) and checks the server's certificate against it.
     */
    public Connection setServerName(String serverName) {
        checkOpen();
        checkNotStarted("setServerName");
        if (serverName != null && (serverName.isEmpty() || serverName.length() > 255)) {
            throw new IllegalArgumentException("a server name has 1 to 255 characters");
        }
        this.serverName = serverName;
        return this;
    }

    /**
     * Overrides the config's client authentication for this connection (s2n's
     * {@code s2n_connection_set_client_auth_type}); null goes back to the config's. Before the
     * handshake only; {@link #wipe()} clears it.
     */
    public Connection setClientAuth(ClientAuth clientAuth) {
        checkOpen();
        checkNotStarted("setClientAuth");
        this.clientAuth = clientAuth;
        return this;
    }

    /**
     * The client authentication in effect (s2n's {@code s2n_connection_get_client_auth_type}):
     * this connection's override, else the config's, else NONE on a server and OPTIONAL on a client.
     */
    public ClientAuth clientAuth() {
        if (clientAuth != null) {
            return clientAuth;
        }
        ClientAuth configured = config().clientAuth();
        if (configured != null) {
            return configured;
        }
        return mode == Mode.SERVER ? ClientAuth.NONE : ClientAuth.OPTIONAL;
    }

    /**
     * Whether the client authenticated with a certificate in this handshake (s2n's
     * {@code s2n_connection_client_cert_used}): the server asked and the client sent a chain and
     * proved it holds the key. On a TLS 1.3 client this is true once its own flight is sent; the
     * server's verdict on the chain may still arrive as an alert in {@link #recv}.
     */
    public boolean isClientCertificateUsed() {
        int type = negotiated.handshakeType();
        return (type & HandshakeType.CLIENT_AUTH) != 0 && (type & HandshakeType.NO_CLIENT_CERT) == 0
                && handshakeComplete;
    }

    // ---------------------------------------------------------------- transport

    /**
     * Reads and writes through {@code channel} (s2n's {@code s2n_connection_set_fd}). It must be
     * open and connected; blocking or non-blocking; the connection never closes it.
     */
    public Connection setChannel(ByteChannel channel) {
        checkOpen();
        transport.setRead(channel);
        transport.setWrite(channel);
        return this;
    }

    /** Reads through {@code channel} (s2n's {@code s2n_connection_set_read_fd}). */
    public Connection setReadChannel(ReadableByteChannel channel) {
        checkOpen();
        transport.setRead(channel);
        return this;
    }

    /** Writes through {@code channel} (s2n's {@code s2n_connection_set_write_fd}). */
    public Connection setWriteChannel(WritableByteChannel channel) {
        checkOpen();
        transport.setWrite(channel);
        return this;
    }

    /** Reads through {@code callback} (s2n's {@code s2n_connection_set_recv_cb}); see {@link RecvCallback}. */
    public Connection setRecvCallback(RecvCallback callback) {
        checkOpen();
        transport.setRecvCallback(callback);
        return this;
    }

    /** The context handed to the receive callback (s2n's {@code s2n_connection_set_recv_ctx}). */
    public Connection setRecvContext(Object context) {
        checkOpen();
        transport.setRecvContext(context);
        return this;
    }

    /** Writes through {@code callback} (s2n's {@code s2n_connection_set_send_cb}); see {@link SendCallback}. */
    public Connection setSendCallback(SendCallback callback) {
        checkOpen();
        transport.setSendCallback(callback);
        return this;
    }

    /** The context handed to the send callback (s2n's {@code s2n_connection_set_send_ctx}). */
    public Connection setSendContext(Object context) {
        checkOpen();
        transport.setSendContext(context);
        return this;
    }

    /**
     * Corks the socket while each handshake flight is written (s2n's
     * {@code s2n_connection_use_corked_io}): TCP_NODELAY off during a flight, on for application
     * data. Requires the write side to be a socket channel set with {@link #setChannel} or
     * {@link #setWriteChannel}; {@link #wipe()} restores the original option.
     */
    public Connection useCorkedIo() {
        checkOpen();
        transport.useCorkedIo();
        return this;
    }

    // ---------------------------------------------------------------- handshake

    /**
     * Performs the handshake (s2n's {@code s2n_negotiate}). Call it until it returns
     * {@link Blocked#NOT_BLOCKED}, or until it throws:
     *
     * <pre>{@code
     * Blocked b;
     * while ((b = conn.negotiate()) != Blocked.NOT_BLOCKED) {
     *     // Non-blocking channel: wait until it is readable (ON_READ) or writable (ON_WRITE).
     *     key.interestOps(b == Blocked.ON_READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
     *     return;   // come back when the selector says so
     * }
     * }</pre>
     *
     * With blocking channels one call completes the handshake.
     *
     * @return {@link Blocked#NOT_BLOCKED} when the handshake is complete, else why it stopped
     * @throws TlsException if the handshake failed; the connection is then unusable
     * @throws IllegalStateException if no transport was set
     */
    public Blocked negotiate() throws TlsException {
        checkOpen();
        rethrowFailure();
        if (handshakeComplete) {
            return setBlocked(Blocked.NOT_BLOCKED);
        }
        // Usage mistakes (no transport) are reported before anything runs; from here on every
        // failure, whatever its class, becomes the connection's TlsException.
        Source source = transport.source();
        Sink sink = transport.sink();
        try {
            if (handshake == null) {
                startHandshake();
            }
            Blocked b = handshake.negotiate(source, sink);
            if (b == Blocked.NOT_BLOCKED) {
                completed();
            }
            return setBlocked(b);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    private void startHandshake() {
        handshake = new Handshake(HandshakeSettings.of(this), negotiated, reader, writer, transport.hooks());
        HandshakeEvent event = new HandshakeEvent();
        if (event.isEnabled()) {
            event.begin();
            handshakeEvent = event;
        }
    }

    /** Ends the JFR handshake event, if one is being recorded: with {@code failure}, or the results. */
    private void endHandshakeEvent(TlsException failure) {
        HandshakeEvent event = handshakeEvent;
        if (event == null) {
            return;
        }
        handshakeEvent = null;
        event.mode = mode.name();
        event.protocolVersion = negotiated.actualVersion().protocolName();
        event.cipherSuite = cipherSuite();
        event.keyExchangeGroup = keyExchangeGroup();
        event.handshakeType = failure == null ? negotiated.handshakeTypeName() : null;
        event.resumed = failure == null && negotiated.resumed();
        event.earlyData = negotiated.earlyDataStatus().name();
        event.serverName = serverName();
        event.peer = transport.peerAddress();
        if (failure != null) {
            event.failureAlert = failure.alert() == null ? null : failure.alert().name();
            event.failure = failure.getMessage();
        }
        event.commit();
    }

    /** The handshake just completed: what it leaves for after (unread early data, a TLS 1.2 ticket). */
    private void completed() {
        endHandshakeEvent(null);
        handshakeComplete = true;
        transport.handshakeDone();
        byte[] early = handshake.unreadEarlyData();
        if (early.length > 0) {
            pendingEarlyData = ByteBuffer.wrap(early);
        }
        tls12TicketReceived();
    }

    // ---------------------------------------------------------------- early data

    /**
     * A client sends {@code src} as TLS 1.3 early data (0-RTT, RFC 8446 §4.2.10; s2n's
     * {@code s2n_send_early_data}): with the ClientHello of a connection offering a
     * {@link #setSession session} whose server allows early data, before the handshake
     * completes. Starts (or continues) the handshake as needed. Sends at most what the ticket
     * allows; returns 0 when no early data can be sent (no such session, or the handshake is past
     * it). Whether the server took it is {@link #earlyDataStatus()} once the handshake completes:
     * REJECTED early data never reached the application and must be sent again with {@link #send}.
     * Early data has no replay protection from the handshake (RFC 8446 §8): send only what is
     * safe to be received twice.
     *
     * @return the bytes of {@code src} sent (its position advances by as many)
     * @throws IllegalStateException on a server
     */
    public int sendEarlyData(ByteBuffer src) throws TlsException {
        checkOpen();
        if (mode != Mode.CLIENT) {
            throw new IllegalStateException("only a client sends early data; a server reads it with recvEarlyData()");
        }
        if (handshakeComplete) {
            return 0;
        }
        Source source = transport.source();
        Sink sink = transport.sink();
        try {
            if (handshake == null) {
                if (sessions.offered13() == null || sessions.offered13().maxEarlyData() == 0) {
                    return 0;
                }
                wantsEarlyData = true;
                startHandshake();
            }
            if (!handshake.earlyDataWritable()) {
                Blocked b = handshake.negotiateUntilEarlyData(source, sink);
                if (handshake.isComplete()) {
                    completed();
                    setBlocked(Blocked.NOT_BLOCKED);
                    return 0;
                }
                if (b != Blocked.NOT_BLOCKED) {
                    setBlocked(b);
                    return 0;
                }
            }
            int n = handshake.writeEarlyData(src, sink);
            setBlocked(writer.hasPending() ? Blocked.ON_WRITE : Blocked.NOT_BLOCKED);
            return n;
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    /**
     * A server reads early data (s2n's {@code s2n_recv_early_data}): drives the handshake until
     * some arrives, then copies it into {@code dst}. Early data is accepted only with
     * {@link Config.Builder#maxEarlyData} set; it may be a replay (RFC 8446 §8). Early data not
     * read here is returned by {@link #recv} first, once the handshake completes.
     *
     * @return the bytes copied; 0 when blocked ({@link #blocked()}); -1 when there is no (more)
     *     early data: none was offered or accepted, or all of it was read
     * @throws IllegalStateException on a client
     */
    public int recvEarlyData(ByteBuffer dst) throws TlsException {
        checkOpen();
        if (mode != Mode.SERVER) {
            throw new IllegalStateException("only a server receives early data; a client sends it with sendEarlyData()");
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (handshakeComplete) {
            int n = takePendingEarlyData(dst);
            return n > 0 ? n : -1;
        }
        Source source = transport.source();
        Sink sink = transport.sink();
        try {
            if (handshake == null) {
                startHandshake();
            }
            while (true) {
                int n = handshake.readEarlyData(dst);
                if (n != 0) {
                    setBlocked(Blocked.NOT_BLOCKED);
                    return n;
                }
                Blocked b = handshake.negotiateUntilEarlyData(source, sink);
                if (handshake.isComplete()) {
                    completed();
                    setBlocked(Blocked.NOT_BLOCKED);
                    int taken = takePendingEarlyData(dst);
                    return taken > 0 ? taken : -1;
                }
                if (b != Blocked.NOT_BLOCKED) {
                    // Blocked: but the ClientHello may have said there is no early data at all.
                    int m = handshake.readEarlyData(dst);
                    setBlocked(m == 0 ? b : Blocked.NOT_BLOCKED);
                    return m;
                }
            }
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    /**
     * The OCSP response the server stapled for its certificate (s2n's {@code s2n_connection_get_ocsp_response}),
     * DER, when this client asked ({@link Config.Builder#statusRequest}); null if it sent none.
     * With certificate verification on it was checked ({@link Config.Builder#checkOcspResponse}).
     */
    public byte[] ocspResponse() {
        byte[] r = negotiated.ocspResponse();
        return r == null ? null : r.clone();
    }

    /** What became of early data on this connection (s2n's {@code s2n_connection_get_early_data_status}). */
    public EarlyDataStatus earlyDataStatus() {
        return negotiated.earlyDataStatus();
    }

    /**
     * The most early data this connection can ever carry (s2n's
     * {@code s2n_connection_get_max_early_data_size}), whatever becomes of it: on a client, what
     * the {@link #setSession session} it offers allows (its ticket's max_early_data; 0 without
     * one); on a server, {@link Config#maxEarlyData()}, or less when the ticket it resumed allows
     * less.
     */
    public long maxEarlyDataSize() {
        if (mode == Mode.CLIENT) {
            Tls13Session offered = sessions.offered13();
            return offered == null ? 0 : offered.maxEarlyData();
        }
        long ours = config == null ? 0 : config.maxEarlyData();
        long ticket = negotiated.ticketMaxEarlyData();
        return ticket < 0 ? ours : Math.min(ours, ticket);
    }

    /**
     * How much more early data this connection can carry now (s2n's
     * {@code s2n_connection_get_remaining_early_data_size}): {@link #maxEarlyDataSize()} less
     * what a client sent or a server received; 0 once early data was not requested, was rejected
     * or has ended, and after the handshake. Before the ClientHello nothing is decided yet, so it
     * is the maximum.
     */
    public long remainingEarlyDataSize() {
        if (handshakeComplete) {
            return 0;
        }
        long left = handshake == null ? -1 : handshake.earlyDataLeft();
        return left < 0 ? maxEarlyDataSize() : left;
    }

    private int takePendingEarlyData(ByteBuffer dst) {
        ByteBuffer early = pendingEarlyData;
        if (early == null) {
            return 0;
        }
        int n = Math.min(early.remaining(), dst.remaining());
        ByteBuffer part = early.slice();
        part.limit(n);
        dst.put(part);
        early.position(early.position() + n);
        if (!early.hasRemaining()) {
            Arrays.fill(early.array(), (byte) 0);
            pendingEarlyData = null;
        }
        return n;
    }

    /**
     * The server's client hello callback paused the handshake ({@link ClientHelloCallback.Result#PAUSE}):
     * the application is done (s2n's {@code s2n_client_hello_cb_done}); the next {@link #negotiate}
     * goes on. May be called from any thread.
     *
     * @throws IllegalStateException if the handshake is not paused on its ClientHello
     */
    public void clientHelloDone() {
        Handshake h = handshake;
        if (h == null || !h.pausedOnClientHello()) {
            throw new IllegalStateException("clientHelloDone() is for a handshake its client hello callback paused");
        }
        h.resumeAfterClientHello();
    }

    // ---------------------------------------------------------------- resumption

    /**
     * A client offers {@code session} to resume (s2n's {@code s2n_connection_set_session}): bytes
     * from {@link #session()} or a {@link SessionTicket} of an earlier connection. If the server
     * no longer accepts it, or it has expired, or its suite is not in this config's policy, the
     * handshake is a full one; {@link #isResumed()} tells which it was.
     *
     * @throws IllegalArgumentException if the bytes are not a session this library wrote
     * @throws IllegalStateException on a server, or once the handshake has started
     */
    public Connection setSession(byte[] session) {
        checkOpen();
        if (mode != Mode.CLIENT) {
            throw new IllegalStateException("only a client offers a session");
        }
        if (handshake != null || handshakeComplete) {
            throw new IllegalStateException("setSession() must come before negotiate()");
        }
        sessions.offer(session);
        return this;
    }

    /**
     * A client's session to resume with next time (s2n's {@code s2n_connection_get_session}): the
     * latest ticket the server sent on this connection, else the session set with
     * {@link #setSession}; null if there is neither. In TLS 1.3 tickets arrive after the
     * handshake, so read this after a {@link #recv} (or use a {@link SessionTicketCallback}).
     * The bytes hold a resumption secret: keep them as you would a key.
     */
    public byte[] session() {
        return sessions.current(negotiated.tls12Session());
    }

    /** Whether the handshake resumed a session rather than running in full (s2n's {@code s2n_connection_is_session_resumed}). */
    public boolean isResumed() {
        return negotiated.resumed();
    }

    /** A client's NewSessionTicket, after the handshake: kept as its latest session and handed to the callback. */
    private void receiveTicket(NewSessionTicket ticket) throws TlsException {
        byte[] session = Tickets13.receive(ticket, negotiated, config().clock().millis());
        if (session == null) {
            return;
        }
        sessions.received(session);
        SessionTicketCallback callback = config().sessionTicketCallback();
        if (callback != null) {
            callback.onSessionTicket(this, new SessionTicket(session.clone(), Duration.ofSeconds(ticket.lifetime())));
        }
    }

    /** A TLS 1.2 client's ticket came in the handshake (RFC 5077 §3.3): the callback hears of it once it completes. */
    private void tls12TicketReceived() {
        long lifetime = negotiated.tls12TicketLifetime();
        SessionTicketCallback callback = config().sessionTicketCallback();
        if (lifetime >= 0 && callback != null && negotiated.tls12Session() != null) {
            callback.onSessionTicket(this, new SessionTicket(negotiated.tls12Session().clone(), Duration.ofSeconds(lifetime)));
        }
    }

    /** What the record layer calls for each ticket; null on a server. */
    PostHandshake.TicketHandler ticketHandler() {
        return mode == Mode.CLIENT ? this::receiveTicket : null;
    }

    /** Whether the handshake has completed. */
    public boolean isHandshakeComplete() {
        return handshakeComplete;
    }

    // ---------------------------------------------------------------- application data

    /**
     * Encrypts and sends the bytes remaining in {@code src} (s2n's {@code s2n_send}), advancing its
     * position by the bytes that reached the transport. With a non-blocking transport it may
     * send fewer and return with {@link #blocked()} = {@link Blocked#ON_WRITE}: call again, when
     * the channel is writable, with the rest (the same buffer, as left). In TLS 1.3 a KeyUpdate
     * that is due ({@link #requestKeyUpdate}) goes out just before the first record.
     *
     * @return the number of bytes sent
     * @throws TlsException if the connection failed (for example, the peer went away)
     * @throws IllegalStateException before the handshake completes, or after {@link #shutdown()}
     */
    public int send(ByteBuffer src) throws TlsException {
        return data.send(src);
    }

    /** Sends the bytes remaining in {@code srcs}, in order (s2n's {@code s2n_sendv}); otherwise as {@link #send(ByteBuffer)}. */
    public long send(ByteBuffer[] srcs) throws TlsException {
        return data.send(srcs, 0, srcs.length);
    }

    /**
     * Receives decrypted bytes into {@code dst} (s2n's {@code s2n_recv}).
     *
     * @return bytes read; {@code 0} with {@link #blocked()} = {@link Blocked#ON_READ} when none are
     *     available from a non-blocking transport; {@code -1} once the peer has sent close_notify
     * @throws TlsException if the connection failed, including an end of stream without
     *     close_notify (type CLOSED: the data may have been truncated)
     */
    public int recv(ByteBuffer dst) throws TlsException {
        if (pendingEarlyData != null && handshakeComplete && dst.hasRemaining()) {
            // Early data the application did not read with recvEarlyData comes first.
            return takePendingEarlyData(dst);
        }
        return data.recv(dst);
    }

    /** How many decrypted bytes are ready for {@link #recv} without reading the transport (s2n's {@code s2n_peek}). */
    public int peek() {
        return pendingEarlyData != null ? pendingEarlyData.remaining() : data.peek();
    }

    /**
     * Changes the key this side encrypts with, and with {@code peerMustUpdate} asks the peer to
     * change its own too: a TLS 1.3 KeyUpdate (RFC 8446 §4.6.3), s2n's
     * {@code s2n_connection_request_key_update} with {@code S2N_KEY_UPDATE_REQUESTED} or
     * {@code S2N_KEY_UPDATE_NOT_REQUESTED}. Use it to bound how much data one key protects, or so
     * that a key stolen later cannot decrypt what was sent before.
     *
     * <pre>{@code
     * conn.requestKeyUpdate(true);        // marks it; nothing is written yet
     * conn.send(ByteBuffer.wrap(next));   // KeyUpdate(update_requested), then next under the new key
     * }</pre>
     *
     * <p>As in s2n, the KeyUpdate goes out, and our key changes, just before the next application
     * data record: in the next {@link #send} that has bytes to send, in the same flush. A
     * {@code send} of nothing, {@link #recv} and {@link #shutdown()} do not send it. Calls before
     * that make one KeyUpdate between them. A KeyUpdate from the peer read meanwhile means the
     * peer's key changed after this call: ours then goes out as update_not_requested, and if the
     * peer asked for an update, it is also the answer (RFC 8446 §4.6.3: a silent side answers any
     * number of requests once). Only a call made while a peer's request is still unanswered sends
     * two: the answer (update_not_requested, as §4.6.3 requires), then this request. The peer's
     * answer to a request is applied in {@code recv} and never answered.
     *
     * <p>The key is also updated without a call here when it has sealed all but one of the records
     * its cipher allows (RFC 8446 §5.5: 2^24.5 for AES-GCM; ChaCha20-Poly1305 runs out of sequence
     * numbers first). {@link #keyUpdatesSent()} and {@link #keyUpdatesReceived()} count them all.
     * May be called from any thread, while another sends or receives.
     *
     * @param peerMustUpdate whether the peer must update its sending key too (update_requested)
     * @throws TlsException the connection's failure, if it has failed (the error is sticky)
     * @throws IllegalStateException before the handshake has completed, on a TLS 1.2 connection
     *     (which has no KeyUpdate), or after {@link #shutdown()} or {@link #shutdownSend()}
     */
    public void requestKeyUpdate(boolean peerMustUpdate) throws TlsException {
        checkOpen();
        data.requestKeyUpdate(peerMustUpdate);
    }

    /**
     * How many KeyUpdates this side has sent (the first half of s2n's
     * {@code s2n_connection_get_key_update_counts}): those {@link #requestKeyUpdate} asked for,
     * answers to the peer's requests, and those the record limit forced. Counted when sealed, so a
     * KeyUpdate still waiting in the output buffer of a blocked {@code send} is included. Zero
     * on TLS 1.2; {@link #wipe()} resets it.
     */
    public long keyUpdatesSent() {
        return data.keyUpdates().sentCount();
    }

    /**
     * How many KeyUpdates the peer has sent that this side has read and applied (the second half
     * of s2n's {@code s2n_connection_get_key_update_counts}). Zero on TLS 1.2; {@link #wipe()}
     * resets it.
     */
    public long keyUpdatesReceived() {
        return data.keyUpdates().receivedCount();
    }

    /**
     * Closes the connection gracefully (s2n's {@code s2n_shutdown}): sends close_notify, then reads
     * (discarding application data) until the peer's close_notify. Does not close the channel.
     *
     * <p>After a failure it sends the pending alert (if the failure has one) and nothing else,
     * and returns instead of raising the failure again: this is how a failed connection is closed.
     * While the blinding delay runs ({@link #delay()} is not zero) it refuses, as s2n does
     * ({@code S2N_ERR_SHUTDOWN_PAUSED}), with an {@link IllegalStateException}: wait, then call it.
     *
     * @return {@link Blocked#NOT_BLOCKED} when done, else why it stopped (call again)
     * @throws IllegalStateException after a failure, before its blinding delay has passed
     */
    public Blocked shutdown() throws TlsException {
        checkOpen();
        return setBlocked(data.shutdown(true));
    }

    /**
     * Sends close_notify and keeps reading (s2n's {@code s2n_shutdown_send}): a half-close. Read
     * until {@link #recv} returns -1, or call {@link #shutdown()} later.
     */
    public Blocked shutdownSend() throws TlsException {
        checkOpen();
        return setBlocked(data.shutdown(false));
    }

    /**
     * How long to wait after a failure before {@link #shutdown()} and closing the channel (s2n's
     * {@code s2n_connection_get_delay}): the time left of the blinding delay, counted from the
     * failure. {@link Duration#ZERO} if the connection has not failed, if its failure is not
     * blinded (the peer's own alert, a transport error, a negotiation mismatch), if blinding is
     * off ({@link Config.Builder#maxBlindingDelay} zero), or once the delay has passed.
     */
    public Duration delay() {
        return blinding.remaining();
    }

    /** Why the last call returned early; {@link Blocked#NOT_BLOCKED} if it did not. */
    public Blocked blocked() {
        return blocked;
    }

    // ---------------------------------------------------------------- memory and reuse

    /**
     * Frees the handshake's memory (s2n's {@code s2n_connection_free_handshake}): transcript, key
     * shares, handshake secrets, reassembly buffers. The getters keep answering; only what needs
     * the handshake's own state (see each getter) is gone.
     *
     * @throws IllegalStateException before the handshake has completed
     */
    public void freeHandshake() {
        checkOpen();
        if (!handshakeComplete) {
            throw new IllegalStateException("freeHandshake() is for after the handshake; call negotiate() until NOT_BLOCKED first");
        }
        if (handshake != null) {
            handshake.close();
            handshake = null;
        }
    }

    /**
     * Drops the input and output buffers of an idle connection (s2n's
     * {@code s2n_connection_release_buffers}); they come back on the next IO.
     *
     * @throws IllegalStateException while unsent or unread data remains in them
     */
    public void releaseBuffers() {
        checkOpen();
        data.releaseBuffers();
    }

    /**
     * Resets the connection for a new handshake (s2n's {@code s2n_connection_wipe}): zeroes every
     * secret, forgets the peer, the transport and the server name, restores socket options, and
     * keeps the mode, the config and the (zeroed) buffers so the next handshake allocates little.
     */
    public void wipe() {
        checkOpen();
        if (handshake != null) {
            handshake.close();
            handshake = null;
        }
        data.reset();
        reader.reset();
        writer.reset();
        resetWriterVersion();
        negotiated.reset();
        sessions.forget();
        wantsEarlyData = false;
        handshakeEvent = null;
        if (pendingEarlyData != null) {
            Arrays.fill(pendingEarlyData.array(), (byte) 0);
            pendingEarlyData = null;
        }
        transport.reset();
        serverName = null;
        clientAuth = null;
        handshakeComplete = false;
        failure = null;
        blinding.reset();
        blocked = Blocked.NOT_BLOCKED;
    }

    /**
     * Frees the connection (s2n's {@code s2n_connection_free}): zeroes every secret and drops every
     * buffer. Sends nothing and does not close the channel. Any later call but {@code close()} is an
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (handshake != null) {
            handshake.close();
            handshake = null;
        }
        data.reset();
        reader.close();
        writer.close();
        transport.reset();
        negotiated.setResumptionSecret(null);
        negotiated.setTls12Session(null, -1);
        sessions.forget();
        if (pendingEarlyData != null) {
            Arrays.fill(pendingEarlyData.array(), (byte) 0);
            pendingEarlyData = null;
        }
    }

    private void resetWriterVersion() {
        // RFC 8446 §5.1: a client's first ClientHello may carry record version 0x0301.
        writer.setProtection(mode == Mode.CLIENT ? PlaintextProtection.INITIAL : PlaintextProtection.TLS12);
    }

    // ---------------------------------------------------------------- connection info

    /** The negotiated protocol version; {@link ProtocolVersion#UNKNOWN} until the server's hello decides it. */
    public ProtocolVersion actualProtocolVersion() {
        return negotiated.actualVersion();
    }

    /**
     * The highest version the server supports, as s2n defines it: a server's own maximum; for a
     * client, the version the server's hello revealed. {@link ProtocolVersion#UNKNOWN} before.
     */
    public ProtocolVersion serverProtocolVersion() {
        return negotiated.serverVersion();
    }

    /**
     * The highest version the client advertised: a client's own maximum once it sent its hello; for
     * a server, what the client's hello offered. {@link ProtocolVersion#UNKNOWN} before.
     */
    public ProtocolVersion clientProtocolVersion() {
        return negotiated.clientVersion();
    }

    /** The negotiated cipher suite's IANA name, e.g. {@code TLS_AES_128_GCM_SHA256}; null before the server's hello. */
    public String cipherSuite() {
        return negotiated.cipherSuite() == null ? null : negotiated.cipherSuite().name();
    }

    /** The key exchange group's IANA name, e.g. {@code x25519}; null before the server's hello. */
    public String keyExchangeGroup() {
        return negotiated.group() == null ? null : negotiated.group().name();
    }

    /** The signature scheme the server signed the handshake with, e.g. {@code ecdsa_secp256r1_sha256}; null before. */
    public String signatureScheme() {
        return negotiated.signatureScheme() == null ? null : negotiated.signatureScheme().name();
    }

    /**
     * The signature scheme the client signed its CertificateVerify with (s2n's
     * {@code s2n_connection_get_selected_client_cert_signature_algorithm}), e.g.
     * {@code rsa_pss_rsae_sha256}; null when the client presented no certificate.
     */
    public String clientSignatureScheme() {
        return negotiated.clientSignatureScheme() == null ? null : negotiated.clientSignatureScheme().name();
    }

    /** The ALPN protocol agreed on, or null if none was. Valid once the handshake is complete. */
    public String applicationProtocol() {
        return negotiated.applicationProtocol();
    }

    /** A server: the name the client sent (SNI); a client: the name it set. Null if none. */
    public String serverName() {
        String n = negotiated.serverName();
        return n != null ? n : (mode == Mode.CLIENT ? serverName : null);
    }

    /**
     * s2n's name for the kind of handshake, e.g. {@code NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT}
     * ({@code INITIAL} before anything was negotiated). Kept after {@link #freeHandshake()}.
     */
    public String handshakeTypeName() {
        return negotiated.handshakeTypeName();
    }

    /** The peer's certificate chain as it sent it, leaf first; empty if it sent none (yet). Kept after {@link #freeHandshake()}. */
    public List<X509Certificate> peerCertificates() {
        return negotiated.peerCertificates();
    }

    /** Bytes received from the transport so far (s2n's {@code s2n_connection_get_wire_bytes_in}). */
    public long wireBytesIn() {
        return reader.bytesIn();
    }

    /** Bytes written to the transport so far (s2n's {@code s2n_connection_get_wire_bytes_out}). */
    public long wireBytesOut() {
        return writer.bytesOut();
    }

    /** The fatal alert the peer sent, or null (s2n's {@code s2n_connection_get_alert}). */
    public Alert alertReceived() {
        TlsException f = failure;
        return f != null && f.type() == TlsException.Type.ALERT ? f.alert() : null;
    }

    @Override
    public String toString() {
        return "Connection[" + mode + ", " + (handshakeComplete ? negotiated.actualVersion().protocolName() + " "
                + cipherSuite() : "handshake " + (handshake == null ? "not started" : handshake.currentMessageName()))
                + (failure != null ? ", failed" : "") + "]";
    }

    // ---------------------------------------------------------------- test seams (package-private)

    /** Whether the handshake's own state is still held (false after freeHandshake()). */
    boolean holdsHandshakeState() {
        return handshake != null;
    }

    /** Whether the TLS 1.2 handshake used the extended master secret (RFC 7627); test seam. */
    boolean usedExtendedMasterSecret() {
        return negotiated.extendedMasterSecret();
    }

    /**
     * Lets each of our sending keys protect at most {@code records} records (the KeyUpdate that
     * retires it included) instead of its cipher's RFC 8446 §5.5 limit, so that a test reaches the
     * automatic KeyUpdate after a few records. Kept across {@link #wipe()}.
     */
    void overrideRecordLimit(long records) {
        data.keyUpdates().overrideRecordLimit(records);
    }

    /** Whether the input or output buffer is allocated. */
    boolean holdsBuffers() {
        return reader.isAllocated() || writer.isAllocated();
    }

    /** Live references to every secret array the connection holds right now. */
    List<byte[]> secretArrays() {
        List<byte[]> out = new ArrayList<>();
        reader.protection().collectSecrets(out);
        writer.protection().collectSecrets(out);
        if (handshake != null) {
            handshake.collectSecrets(out);
        }
        return out;
    }

    // ---------------------------------------------------------------- internals shared with HandshakeSettings

    /** The server name set with {@link #setServerName} (not the one the handshake settled). */
    String requestedServerName() {
        return serverName;
    }

    ClientSessions sessions() {
        return sessions;
    }

    boolean wantsEarlyData() {
        return wantsEarlyData;
    }

    /** The server's client hello callback starts or stops running: while it runs it may call {@link #setConfig}. */
    void inClientHelloCallback(boolean running) {
        inClientHelloCallback = running;
    }

    // ---------------------------------------------------------------- internals shared with ApplicationData

    Transport transport() {
        return transport;
    }

    boolean handshakeComplete() {
        return handshakeComplete;
    }

    Blocked setBlocked(Blocked b) {
        // A volatile write is a fence; most calls leave the status as it was (NOT_BLOCKED).
        if (blocked != b) {
            blocked = b;
        }
        return b;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this connection was closed; create a new one (or wipe() instead of close() to reuse it)");
        }
    }

    private void checkNotStarted(String what) {
        if (handshake != null || handshakeComplete) {
            throw new IllegalStateException(what + " must be called before negotiate(); wipe() the connection to reuse it");
        }
    }

    TlsException failure() {
        return failure;
    }

    void rethrowFailure() throws TlsException {
        TlsException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /**
     * Records the first fatal error (later ones keep the first), deals with its alert, and returns
     * the exception to throw. Every failure of every public method goes through here, so an
     * unchecked exception caused by peer bytes never escapes. The alert goes out at once unless
     * the failure is blinded: then {@link #shutdown()} sends it once {@link #delay()} has passed,
     * or, if the config says so, this call sleeps through the delay and sends it.
     */
    TlsException fail(Throwable t) {
        TlsException e;
        if (t instanceof TlsException) {
            e = (TlsException) t;
        } else if (t instanceof DecodeException) {
            e = ErrorCode.DECODE.exception("malformed message: " + t.getMessage(), t);
        } else if (t instanceof IOException) {
            e = Transport.describe((IOException) t);
        } else {
            e = ErrorCode.INTERNAL.exception("internal error: " + t, t);
        }
        synchronized (this) {
            if (failure != null) {
                return failure;
            }
            failure = e;
        }
        if (!handshakeComplete) {
            endHandshakeEvent(e);
            if (handshake != null) {
                handshake.failed();
            }
        }
        if (e.alert() == null || (e.type() != TlsException.Type.PROTOCOL && e.type() != TlsException.Type.INTERNAL)) {
            return e;
        }
        Config c = config();
        boolean blinded = blinding.start(e, c.maxBlindingDelay(), c.random());
        if (blinded && !c.blindingSleeps()) {
            data.queueFatalAlert(e.alert());
            return e;
        }
        if (blinded) {
            blinding.sleep();
        }
        data.sendFatalAlert(e.alert());
        return e;
    }
}
