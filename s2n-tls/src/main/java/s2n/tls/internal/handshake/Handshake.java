package s2n.tls.internal.handshake;

import java.io.IOException;
import java.nio.ByteBuffer;
import s2n.tls.Blocked;
import s2n.tls.Mode;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.crypto.Transcript;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.HandshakeMessage;
import s2n.tls.internal.io.Sink;
import s2n.tls.internal.io.Source;
import s2n.tls.internal.record.ContentType;
import s2n.tls.internal.record.RecordLimits;
import s2n.tls.internal.record.RecordProtection;
import s2n.tls.internal.record.RecordReader;
import s2n.tls.internal.record.RecordWriter;

/**
 * The handshake: s2n's negotiate loop over a {@link HandshakeTables} entry. It holds every piece
 * of handshake-only state (transcript, reassembly buffer, the flight being written, the flow with
 * its key shares and secrets) so that dropping this one object frees it all.
 *
 * <p>{@link #negotiate} is re-entrant in s2n's way: it returns {@link Blocked#ON_READ} or
 * {@link Blocked#ON_WRITE} when the transport cannot move bytes and resumes where it stopped.
 * All messages of a flight are sealed into the output buffer together and leave in one write.
 */
public final class Handshake implements HandshakeContext, AutoCloseable {
    /**
     * How many change_cipher_spec records we drop during a TLS 1.3 handshake. Compatibility mode
     * needs one per side; a few more are tolerated, a flood is not (RFC 8446 §5).
     */
    static final int MAX_CHANGE_CIPHER_SPECS = 4;

    /**
     * How many HelloRequests a client ignores during one handshake. A server has no reason to ask
     * more than once while we are already negotiating; a stream of them is a peer wasting our time.
     */
    static final int MAX_HELLO_REQUESTS = 4;

    /** The settings; replaced once, if the client hello callback swapped the config. */
    private Settings settings;
    private final Negotiated negotiated;
    private final RecordReader reader;
    private final RecordWriter writer;
    private final IoHooks hooks;
    private final Transcript transcript = new Transcript();
    private final HandshakeReassembler reassembler;
    private final Alerts alerts = new Alerts();
    private Writer flight = new Writer(2048);
    private HandshakeFlow flow;
    private int handshakeType = HandshakeType.INITIAL;
    private int messageNumber;
    private boolean writingFlight;
    private boolean clientHelloSeen;
    private int changeCipherSpecs;
    private int helloRequests;
    private boolean tls12;
    private boolean complete;
    private final EarlyData earlyData = new EarlyData();
    /** Server: the client hello callback, which runs once and may pause the handshake. */
    private final ClientHelloGate clientHelloGate = new ClientHelloGate();
    /** Client: stop before reading once early data may be written ({@link #negotiateUntilEarlyData}). */
    private boolean pauseBeforeRead;
    /** Server: stop reading as soon as early data arrives ({@link #negotiateUntilEarlyData}). */
    private boolean pauseOnEarlyData;

    public Handshake(Settings settings, Negotiated negotiated, RecordReader reader, RecordWriter writer, IoHooks hooks) {
        this.settings = settings;
        this.negotiated = negotiated;
        this.reader = reader;
        this.writer = writer;
        this.hooks = hooks;
        this.reassembler = new HandshakeReassembler(settings.maxHandshakeMessageSize());
        this.flow = settings.mode() == Mode.CLIENT ? new Client13(this) : new Server13(this);
        reader.setHeaderCheck(this::checkRecordHeader);
    }

    /**
     * What the handshake refuses from a record header alone (#16: never wait for the body of a
     * record that is fatal anyway): change_cipher_spec before a ClientHello or, in TLS 1.2,
     * anywhere but its slot; in TLS 1.2 a handshake record where change_cipher_spec is due and
     * application data at all. The reader and the record protection check the rest.
     */
    private void checkRecordHeader(int contentType, int bodyLength) throws TlsException {
        if (complete) {
            return;
        }
        switch (contentType) {
            case ContentType.CHANGE_CIPHER_SPEC:
                if (settings.mode() == Mode.SERVER && !clientHelloSeen) {
                    throw ErrorCode.UNEXPECTED_MESSAGE.exception("change_cipher_spec before ClientHello");
                }
                if (tls12 && !current().isChangeCipherSpec()) {
                    throw ErrorCode.UNEXPECTED_MESSAGE.exception("change_cipher_spec where "
                            + HandshakeCodes.name(current().handshakeType()) + " was expected");
                }
                break;
            case ContentType.HANDSHAKE:
                if (tls12 && current().isChangeCipherSpec()) {
                    throw ErrorCode.UNEXPECTED_MESSAGE.exception("handshake message where change_cipher_spec was expected");
                }
                break;
            case ContentType.APPLICATION_DATA:
                if (tls12) {
                    throw ErrorCode.UNEXPECTED_MESSAGE.exception("application data before the handshake completed");
                }
                break;
            default:
                break;
        }
    }

    /** The callback may have swapped the config: the server's flow starts over with the new settings. */
    private void adoptCallbackSettings() {
        Settings next = settings.clientHelloHook().settingsNow();
        if (next != settings) {
            settings = next;
            flow = new Server13(this);
        }
    }

    /** Server: whether the handshake waits for {@link #resumeAfterClientHello}. */
    public boolean pausedOnClientHello() {
        return clientHelloGate.isPaused();
    }

    /** Server: the application is done with the paused ClientHello; the next negotiate goes on. */
    public void resumeAfterClientHello() {
        clientHelloGate.resume();
    }

    /**
     * Like {@link #negotiate}, but stops early for early data: a client once its ClientHello is
     * out and early data may be written; a server as soon as some early data has arrived. Returns
     * NOT_BLOCKED when it stopped for that (or completed: {@link #isComplete} tells), else what
     * blocked it.
     */
    public Blocked negotiateUntilEarlyData(Source source, Sink sink) throws IOException, TlsException {
        pauseBeforeRead = settings.mode() == Mode.CLIENT;
        pauseOnEarlyData = settings.mode() == Mode.SERVER;
        try {
            Blocked b = negotiate(source, sink);
            if (b == Blocked.ON_READ && pauseOnEarlyData && earlyDataAvailable() > 0) {
                return Blocked.NOT_BLOCKED;
            }
            return b;
        } finally {
            pauseBeforeRead = false;
            pauseOnEarlyData = false;
        }
    }

    /** Runs the handshake as far as the transport allows; {@link Blocked#NOT_BLOCKED} when it is complete. */
    public Blocked negotiate(Source source, Sink sink) throws IOException, TlsException {
        while (true) {
            // A flight is flushed once it is complete, so it leaves in one write call.
            if (!writingFlight && writer.hasPending() && !writer.flush(sink)) {
                return Blocked.ON_WRITE;
            }
            if (clientHelloGate.holdsPaused()) {
                byte[] hello = clientHelloGate.takeResumed();
                if (hello == null) {
                    return Blocked.ON_APPLICATION_INPUT;
                }
                adoptCallbackSettings();
                receive(Message.CLIENT_HELLO, hello);
                continue;
            }
            Message message = current();
            if (message == Message.APPLICATION_DATA) {
                if (!reassembler.isEmpty()) {
                    // Handshake bytes coalesced after the peer's last handshake message (TLS 1.2
                    // has no key change there to catch them): refused, as s2n refuses "trailing
                    // data" at the end of negotiation, rather than dropped unread.
                    throw ErrorCode.UNEXPECTED_MESSAGE.exception("handshake data after the peer's Finished in the same record");
                }
                byte[] post = flow.postHandshakeMessages();
                if (post.length > 0) {
                    // A server's tickets (RFC 8446 §4.6.1): sent as the handshake ends, under the
                    // application keys, and flushed before negotiate() reports completion.
                    writer.write(ContentType.HANDSHAKE, ByteBuffer.wrap(post));
                    continue;
                }
                finish();
                return Blocked.NOT_BLOCKED;
            }
            if (message.isWrittenBy(settings.mode())) {
                if (!write(message)) {
                    // The application's signer is still working (s2n's async pkey operation).
                    return Blocked.ON_APPLICATION_INPUT;
                }
                continue;
            }
            if (message.isChangeCipherSpec() && !tls12) {
                // TLS 1.3: the peer's compatibility change_cipher_spec is optional; it is dropped
                // wherever it arrives (see onChangeCipherSpec), so its slot is simply passed.
                messageNumber++;
                continue;
            }
            if (message.isChangeCipherSpec()) {
                // TLS 1.2: the peer's change_cipher_spec is mandatory and switches its keys.
                if (!nextChangeCipherSpec(source)) {
                    return Blocked.ON_READ;
                }
                flow.receive(message, Received.CHANGE_CIPHER_SPEC);
                messageNumber++;
                continue;
            }
            if (pauseBeforeRead && earlyData.isWriting()) {
                // Our ClientHello is out: the caller writes early data before we wait for the server.
                return Blocked.NOT_BLOCKED;
            }
            byte[] raw = nextMessage(source, message);
            if (raw == null) {
                return Blocked.ON_READ;
            }
            if (isIgnoredHelloRequest(raw)) {
                continue;
            }
            if (message == Message.CLIENT_HELLO && settings.mode() == Mode.SERVER && clientHelloGate.isDue(settings, raw)) {
                if (!clientHelloGate.run(settings, raw)) {
                    return Blocked.ON_APPLICATION_INPUT;
                }
                adoptCallbackSettings();
            }
            receive(learnCertificateRequest(message, raw), raw);
        }
    }

    /**
     * RFC 5246 §7.4: a client ignores a HelloRequest that arrives during a handshake (s2n does the
     * same). Only before TLS 1.3 is negotiated: TLS 1.3 has no HelloRequest.
     */
    private boolean isIgnoredHelloRequest(byte[] raw) throws TlsException {
        if ((raw[0] & 0xff) != HandshakeCodes.HELLO_REQUEST || settings.mode() != Mode.CLIENT
                || (!tls12 && handshakeType != HandshakeType.INITIAL)) {
            return false;
        }
        if (raw.length != HandshakeMessage.HEADER_LENGTH) {
            throw ErrorCode.DECODE.exception("HelloRequest with a body of " + (raw.length - HandshakeMessage.HEADER_LENGTH)
                    + " bytes");
        }
        if (++helloRequests > MAX_HELLO_REQUESTS) {
            throw ErrorCode.LIMIT_EXCEEDED.exception("more than " + MAX_HELLO_REQUESTS + " HelloRequests during the handshake");
        }
        return true;
    }

    /**
     * A client learns that the server wants a certificate only when the CertificateRequest
     * arrives (RFC 8446 §4.3.2, RFC 5246 §7.4.4): the message is optional, so its arrival where
     * the table it followed so far has the next message switches to the CLIENT_AUTH table, which
     * is the same up to here. Without a certificate of its own the client answers with an empty
     * Certificate (NO_CLIENT_CERT, RFC 8446 §4.4.2, RFC 5246 §7.4.6); the server decides whether
     * that is enough. Anything else keeps the message the table expects, so the mismatch check
     * names it.
     */
    private Message learnCertificateRequest(Message expected, byte[] raw) {
        if (!certificateRequestFitsHere(raw[0] & 0xff)) {
            return expected;
        }
        addHandshakeType(HandshakeType.CLIENT_AUTH | HandshakeType.NO_CLIENT_CERT);
        return Message.SERVER_CERT_REQ;
    }

    /** Whether a message of {@code type} is a CertificateRequest the client may learn at this point. */
    private boolean certificateRequestFitsHere(int type) {
        if (type != HandshakeCodes.CERTIFICATE_REQUEST || settings.mode() != Mode.CLIENT
                || (handshakeType & HandshakeType.CLIENT_AUTH) != 0
                || (handshakeType & HandshakeType.FULL_HANDSHAKE) == 0) {
            return false;
        }
        int withAuth = handshakeType | HandshakeType.CLIENT_AUTH | HandshakeType.NO_CLIENT_CERT;
        Message[] table = tls12 ? HandshakeTables.tls12(withAuth) : HandshakeTables.tls13(withAuth);
        return table != null && messageNumber < table.length && table[messageNumber] == Message.SERVER_CERT_REQ;
    }

    /**
     * The check {@link #receive} makes, on a message whose header is all that has arrived: the
     * type the table expects, or one of the two a client accepts in its place (a CertificateRequest
     * it learns, a HelloRequest it ignores).
     */
    private void checkExpectedType(Message expected, int type) throws TlsException {
        if (type == expected.handshakeType() || certificateRequestFitsHere(type)
                || (type == HandshakeCodes.HELLO_REQUEST && settings.mode() == Mode.CLIENT
                        && (tls12 || handshakeType == HandshakeType.INITIAL))) {
            return;
        }
        throw ErrorCode.UNEXPECTED_MESSAGE.exception("expected " + HandshakeCodes.name(expected.handshakeType())
                + ", received " + HandshakeCodes.name(type));
    }

    /** Writes {@code message}; false if it waits for the application's signature (written on a later call). */
    private boolean write(Message message) throws TlsException {
        if (!writingFlight) {
            writingFlight = true;
            hooks.flightStarted();
        }
        if (message.isChangeCipherSpec() && !tls12) {
            sendChangeCipherSpec();
        } else {
            try {
                flow.send(message);
            } catch (Signer.Pending pending) {
                return false;
            }
        }
        messageNumber++;
        if (!current().isWrittenBy(settings.mode())) {
            sealFlight();
            writingFlight = false;
            hooks.flightEnded();
        }
        return true;
    }

    private void receive(Message message, byte[] raw) throws TlsException {
        int type = raw[0] & 0xff;
        if (type != message.handshakeType()) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("expected " + HandshakeCodes.name(message.handshakeType())
                    + ", received " + HandshakeCodes.name(type));
        }
        if (type == HandshakeCodes.CLIENT_HELLO) {
            clientHelloSeen = true;
        }
        try {
            flow.receive(message, new Received(type, raw));
        } catch (DecodeException e) {
            throw ErrorCode.DECODE.exception("malformed " + HandshakeCodes.name(type) + ": " + e.getMessage());
        }
        messageNumber++;
    }

    private Message[] table() {
        return tls12 ? HandshakeTables.tls12(handshakeType) : HandshakeTables.tls13(handshakeType);
    }

    private Message current() throws TlsException {
        Message[] table = table();
        if (table == null || messageNumber >= table.length) {
            throw ErrorCode.INTERNAL.exception("no handshake sequence for " + HandshakeType.name(handshakeType, !tls12)
                    + " at message " + messageNumber);
        }
        return table[messageNumber];
    }

    /** The next complete handshake message, or null if the source would block. */
    private byte[] nextMessage(Source source, Message expected) throws IOException, TlsException {
        while (true) {
            byte[] raw = reassembler.next();
            if (raw != null) {
                return raw;
            }
            int contentType = readRecord(source);
            if (contentType < 0) {
                return null;
            }
            ByteBuffer fragment = reader.fragment();
            switch (contentType) {
                case ContentType.HANDSHAKE:
                    reassembler.append(fragment);
                    int pending = reassembler.incompleteMessageType();
                    if (pending >= 0) {
                        // The header says which message follows: refuse a wrong one now, not
                        // once its body (up to 64 KiB the peer may never send) has arrived.
                        checkExpectedType(expected, pending);
                    }
                    break;
                case ContentType.CHANGE_CIPHER_SPEC:
                    if (tls12) {
                        // RFC 5246 §7.1: change_cipher_spec only where the handshake puts it.
                        throw ErrorCode.UNEXPECTED_MESSAGE.exception("change_cipher_spec where "
                                + HandshakeCodes.name(expected.handshakeType()) + " was expected");
                    }
                    onChangeCipherSpec(fragment);
                    break;
                case ContentType.ALERT:
                    alerts.receive(fragment, false);
                    break;
                case ContentType.APPLICATION_DATA:
                    if (earlyData.isReading()) {
                        earlyData.take(fragment);
                        if (pauseOnEarlyData) {
                            // The caller reads it before the handshake goes on.
                            return null;
                        }
                        break;
                    }
                    throw ErrorCode.UNEXPECTED_MESSAGE.exception("application data before the handshake completed");
                default:
                    throw ErrorCode.UNEXPECTED_MESSAGE.exception("application data before the handshake completed");
            }
        }
    }

    @Override
    public void acceptEarlyData(long limit) {
        earlyData.accept(limit);
    }

    @Override
    public void endEarlyData() {
        earlyData.end();
    }

    @Override
    public void skipRejectedEarlyData(long budget) {
        reader.skipRejectedEarlyData(budget);
    }

    @Override
    public void allowEarlyDataWrites(long limit) {
        earlyData.allowWrites(limit);
    }

    /**
     * Server: copies early data not yet read into {@code dst}.
     *
     * @return the bytes copied; -1 once no early data is or will be left (none accepted, or
     *     EndOfEarlyData came and everything was read)
     */
    public int readEarlyData(ByteBuffer dst) {
        if (earlyData.available() == 0) {
            // Before the ClientHello nobody knows yet; while early data is accepted, more may come.
            return !clientHelloSeen || (earlyData.isReading() && !complete) ? 0 : -1;
        }
        return earlyData.read(dst);
    }

    /** Server: early data received and not yet read. */
    public int earlyDataAvailable() {
        return earlyData.available();
    }

    /** Server: the early data the application has not read, handed over (for {@code recv} after the handshake); empty if none. */
    public byte[] unreadEarlyData() {
        return earlyData.takeUnread();
    }

    /**
     * How much more early data this handshake can carry ({@link EarlyData#remaining()}); -1 while
     * that is not decided yet: on a server, before the ClientHello has come.
     */
    public long earlyDataLeft() {
        if (complete) {
            return 0;
        }
        if (settings.mode() == Mode.SERVER && !clientHelloSeen) {
            return -1;
        }
        return earlyData.remaining();
    }

    /** Client: whether early data may be written now. */
    public boolean earlyDataWritable() {
        return earlyData.isWriting() && !complete;
    }

    /** Client: how much more early data may be written. */
    public long earlyDataRemaining() {
        return earlyData.writable();
    }

    /**
     * Client: seals up to {@link #earlyDataRemaining()} bytes of {@code src} as early data under
     * the early traffic keys and flushes what the sink takes (the rest goes with the next
     * {@code negotiate}).
     *
     * @return the bytes taken from {@code src}
     */
    public int writeEarlyData(ByteBuffer src, Sink sink) throws IOException, TlsException {
        if (!earlyDataWritable()) {
            return 0;
        }
        int n = (int) Math.min(src.remaining(), earlyData.writable());
        if (n == 0) {
            return 0;
        }
        ByteBuffer slice = src.slice();
        slice.limit(n);
        while (slice.hasRemaining()) {
            ByteBuffer record = slice.slice();
            record.limit(Math.min(record.remaining(), RecordLimits.MAX_PLAINTEXT));
            int len = record.remaining();
            writer.write(ContentType.APPLICATION_DATA, record);
            slice.position(slice.position() + len);
        }
        src.position(src.position() + n);
        earlyData.wrote(n);
        writer.flush(sink);
        return n;
    }

    /**
     * Reads the TLS 1.2 change_cipher_spec the table expects next: it must be the very next
     * record that is not an alert (RFC 5246 §7.1), and no handshake message may be pending.
     *
     * @return false if the source would block
     */
    private boolean nextChangeCipherSpec(Source source) throws IOException, TlsException {
        if (!reassembler.isEmpty()) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("handshake message where change_cipher_spec was expected");
        }
        while (true) {
            int contentType = readRecord(source);
            if (contentType < 0) {
                return false;
            }
            ByteBuffer fragment = reader.fragment();
            switch (contentType) {
                case ContentType.CHANGE_CIPHER_SPEC:
                    if (fragment.remaining() != 1 || fragment.get() != 1) {
                        throw ErrorCode.UNEXPECTED_MESSAGE.exception("malformed change_cipher_spec record");
                    }
                    return true;
                case ContentType.ALERT:
                    alerts.receive(fragment, false);
                    break;
                default:
                    throw ErrorCode.UNEXPECTED_MESSAGE.exception(ContentType.name(contentType)
                            + " record where change_cipher_spec was expected");
            }
        }
    }

    /** Reads one record; its content type, or -1 if the source would block. */
    private int readRecord(Source source) throws IOException, TlsException {
        int status = reader.read(source);
        if (status == RecordReader.BLOCKED) {
            return -1;
        }
        if (status == RecordReader.EOF) {
            throw ErrorCode.CLOSED.exception("the peer closed the connection during the handshake");
        }
        hooks.afterHandshakeRead();
        int contentType = reader.contentType();
        if (contentType != ContentType.HANDSHAKE && !reassembler.isEmpty()) {
            // RFC 8446 §5.1: no other record type between the fragments of a handshake message.
            throw ErrorCode.UNEXPECTED_MESSAGE.exception(ContentType.name(contentType)
                    + " record inside a fragmented handshake message");
        }
        return contentType;
    }

    /** RFC 8446 §5: drop the compatibility change_cipher_spec, but only a well-formed one, in its window. */
    private void onChangeCipherSpec(ByteBuffer fragment) throws TlsException {
        if (settings.mode() == Mode.SERVER && !clientHelloSeen) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("change_cipher_spec before ClientHello");
        }
        if (fragment.remaining() != 1 || fragment.get() != 1) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("malformed change_cipher_spec record");
        }
        if (++changeCipherSpecs > MAX_CHANGE_CIPHER_SPECS) {
            throw ErrorCode.LIMIT_EXCEEDED.exception("more than " + MAX_CHANGE_CIPHER_SPECS
                    + " change_cipher_spec records");
        }
    }

    private void sealFlight() throws TlsException {
        if (flight.size() > 0) {
            writer.write(ContentType.HANDSHAKE, ByteBuffer.wrap(flight.array(), 0, flight.size()));
            flight.reset();
        }
    }

    /** Like s2n, drop the handshake's buffers as soon as negotiation completes. */
    private void finish() {
        complete = true;
        earlyData.end();
        reader.setHeaderCheck(null);
        negotiated.setHandshakeType(handshakeType);
        flow.close();
        transcript.wipe();
        reassembler.release();
        flight.wipe();
        flight = new Writer(0);
    }

    /** Every secret array the handshake holds, for tests that check they are zeroed. */
    public void collectSecrets(java.util.List<byte[]> out) {
        flow.collectSecrets(out);
    }

    public boolean isComplete() {
        return complete;
    }

    /** The handshake type so far (final once the handshake is complete). */
    @Override
    public int handshakeType() {
        return handshakeType;
    }

    /** The name of the message the handshake is waiting to send or receive (s2n's last message name). */
    public String currentMessageName() {
        Message[] table = table();
        return table == null || messageNumber >= table.length ? "UNKNOWN" : table[messageNumber].name();
    }

    // HandshakeContext, for the flows

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Negotiated negotiated() {
        return negotiated;
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public void send(HandshakeMessage message) throws TlsException {
        sendEncoded(message.encode());
    }

    @Override
    public void sendEncoded(byte[] encoded) throws TlsException {
        transcript.add(encoded);
        flight.writeBytes(encoded);
    }

    @Override
    public void sendChangeCipherSpec() throws TlsException {
        sealFlight();
        writer.write(ContentType.CHANGE_CIPHER_SPEC, ByteBuffer.wrap(new byte[] {1}));
    }

    @Override
    public void setWriteProtection(RecordProtection protection) throws TlsException {
        sealFlight();
        writer.setProtection(protection);
    }

    @Override
    public void setReadProtection(RecordProtection protection) throws TlsException {
        if (!reassembler.isEmpty()) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("handshake data spans a key change");
        }
        reader.setProtection(protection);
    }

    @Override
    public void switchToTls12(HandshakeFlow next) {
        tls12 = true;
        flow = next;
    }

    @Override
    public void addHandshakeType(int flags) {
        handshakeType |= flags;
        negotiated.setHandshakeType(handshakeType);
    }

    @Override
    public void clearHandshakeType(int flags) {
        handshakeType &= ~flags;
        negotiated.setHandshakeType(handshakeType);
    }

    /** The connection failed during the handshake: the flow forgets its session (s2n deletes cache entries then). */
    public void failed() {
        if (!complete) {
            flow.failed();
        }
    }

    /** Zeroes everything: secrets, transcript, buffered handshake bytes. */
    @Override
    public void close() {
        reader.setHeaderCheck(null);
        flow.close();
        transcript.wipe();
        reassembler.release();
        flight.wipe();
        earlyData.close();
    }
}
