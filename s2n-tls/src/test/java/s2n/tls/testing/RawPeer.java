package s2n.tls.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import s2n.tls.Alert;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.TlsException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.KeySchedule13;
import s2n.tls.internal.crypto.KeyShare;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.crypto.Transcript;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.KeyShareExtension.KeyShareEntry;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;
import s2n.tls.internal.handshake.message.CertificateMessage;
import s2n.tls.internal.handshake.message.CertificateVerify;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.EncryptedExtensions;
import s2n.tls.internal.handshake.message.Finished;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.HandshakeMessage;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.internal.record.ContentType;
import s2n.tls.internal.record.PlaintextProtection;
import s2n.tls.internal.record.RecordProtection;
import s2n.tls.internal.record.RecordReader;
import s2n.tls.internal.record.RecordWriter;
import s2n.tls.internal.record.Tls13Protection;

/**
 * A scripted TLS 1.3 peer built from our own codec, key schedule and record layer, facing one real
 * {@link Connection} through two in-memory pipes. It sends whatever a test tells it to — any
 * record, any handshake message, well-formed or not, in or out of order, protected with the real
 * keys (it runs its own half of the key exchange, so it can encrypt garbage that decrypts) or not
 * — and reads back what the connection answered, down to the alert.
 *
 * <pre>{@code
 * try (RawPeer peer = RawPeer.facingServer(serverConfig)) {
 *     RawHello hello = peer.clientHello();
 *     hello.compression = new byte[] {1};
 *     peer.sendHandshake(hello.encodeClientHello());
 *     peer.pump();
 *     assertEquals(Alert.ILLEGAL_PARAMETER, peer.failure().alert());
 *     assertEquals(Alert.ILLEGAL_PARAMETER, peer.alertReceived());
 * }
 * }</pre>
 *
 * <p>It speaks TLS 1.3 with TLS_AES_128_GCM_SHA256 unless a test changes the hello; {@link #tls12()}
 * is its TLS 1.2 half (ECDHE, extended master secret, AES-GCM records).
 */
public final class RawPeer implements AutoCloseable {
    public static final int TLS13 = 0x0304;
    public static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    static final SecureRandom RANDOM = new SecureRandom();

    /** The connection under test. */
    public final Connection conn;
    /** Bytes from this peer to the connection. */
    public final MemoryPipe toConn = new MemoryPipe();
    /** Bytes from the connection to this peer. */
    public final MemoryPipe fromConn = new MemoryPipe();

    final boolean peerIsClient;
    final RecordReader reader = new RecordReader();
    final RecordWriter writer = new RecordWriter();
    final Transcript transcript = new Transcript();
    private final ByteArrayOutputStream handshakeIn = new ByteArrayOutputStream();
    private final ByteArrayOutputStream applicationIn = new ByteArrayOutputStream();
    private final List<Alert> alertsIn = new ArrayList<>();
    private TlsException failure;
    private CipherSuite suite = SUITE;
    private KeyShare keyShare;
    private KeySchedule13.HandshakeSecret handshakeSecret;
    private SecretBytes clientHandshakeSecret;
    private SecretBytes serverHandshakeSecret;
    private SecretBytes clientApplicationSecret;
    private SecretBytes serverApplicationSecret;
    private Tls12Half tls12;
    /** TLS 1.2: the connection's write keys, installed when its change_cipher_spec is read. */
    private RecordProtection readAfterChangeCipherSpec;
    /** Handshake records carry at most this many bytes (0: as many as a record holds). */
    private int handshakeFragment;
    /** Handshake bytes held back by {@link #holdHandshakes()}, sent by {@link #releaseHandshakes()}. */
    private ByteArrayOutputStream heldHandshakes;
    private int handshakeRecordsSent;
    private long handshakeBytesSent;

    private RawPeer(Mode connMode, Config config) {
        this.peerIsClient = connMode == Mode.SERVER;
        this.conn = new Connection(connMode);
        conn.setConfig(config);
        if (connMode == Mode.CLIENT) {
            conn.setServerName("localhost");
        }
        conn.setSendCallback(MemoryPipe.SEND).setSendContext(fromConn);
        conn.setRecvCallback(MemoryPipe.RECV).setRecvContext(toConn);
        writer.setProtection(PlaintextProtection.TLS12);
    }

    /** A raw client facing a real server with {@code serverConfig}. */
    public static RawPeer facingServer(Config serverConfig) {
        return new RawPeer(Mode.SERVER, serverConfig);
    }

    /** A raw server facing a real client with {@code clientConfig} (server name "localhost"). */
    public static RawPeer facingClient(Config clientConfig) {
        return new RawPeer(Mode.CLIENT, clientConfig);
    }

    // ---------------------------------------------------------------- driving the connection

    /**
     * Lets the connection run on what it has received: {@code negotiate()} during the handshake,
     * {@code recv()} (collecting the data) after it. A failure is kept for {@link #failure()}.
     */
    public RawPeer pump() {
        releaseHandshakes();
        if (failure != null) {
            return this;
        }
        try {
            if (!conn.isHandshakeComplete()) {
                conn.negotiate();
            }
            if (conn.isHandshakeComplete()) {
                ByteBuffer dst = ByteBuffer.allocate(1 << 15);
                int n;
                while ((n = conn.recv(dst.clear())) > 0) {
                    applicationIn.write(dst.array(), 0, n);
                }
            }
        } catch (TlsException e) {
            failure = e;
        }
        return this;
    }

    /** The connection's failure, or null. */
    public TlsException failure() {
        return failure;
    }

    /** Application data the connection received (through {@link #pump()}). */
    public byte[] applicationDataReceived() {
        return applicationIn.toByteArray();
    }

    // ---------------------------------------------------------------- sending

    /** Puts raw bytes on the wire (after any handshake bytes held back). */
    public RawPeer sendRaw(byte[] bytes) {
        releaseHandshakes();
        toConn.inject(bytes);
        return this;
    }

    /** Sends {@code fragment} as records of {@code contentType}, protected with the current write keys. */
    public RawPeer sendRecord(int contentType, byte[] fragment) {
        if (contentType == ContentType.HANDSHAKE && heldHandshakes != null) {
            heldHandshakes.writeBytes(fragment);
            return this;
        }
        releaseHandshakes();
        int step = contentType == ContentType.HANDSHAKE && handshakeFragment > 0 ? handshakeFragment : fragment.length;
        try {
            int at = 0;
            do {
                int n = Math.min(step, fragment.length - at);
                writer.write(contentType, ByteBuffer.wrap(fragment, at, n));
                writer.flush(toConn::write);
                if (contentType == ContentType.HANDSHAKE) {
                    handshakeRecordsSent++;
                    handshakeBytesSent += n;
                }
                at += n;
            } while (at < fragment.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Splits every handshake record we send from now on into records of at most {@code size}
     * bytes (RFC 8446 §5.1, RFC 5246 §6.2.1: messages may be fragmented across records);
     * 0 restores whole records. With {@link #coalesceHandshakes} the split ignores message borders.
     */
    public RawPeer fragmentHandshakes(int size) {
        handshakeFragment = size;
        return this;
    }

    /**
     * With {@code on}, the handshake messages we send are held back and sent together, coalesced
     * in one record (or split by {@link #fragmentHandshakes} across message borders), when
     * anything else goes out: another record, a change of our write keys, or {@link #pump()}.
     */
    public RawPeer coalesceHandshakes(boolean on) {
        releaseHandshakes();
        heldHandshakes = on ? new ByteArrayOutputStream() : null;
        return this;
    }

    /** How many handshake records (through {@link #sendRecord}) we have sent. */
    public int handshakeRecordsSent() {
        return handshakeRecordsSent;
    }

    /** How many handshake bytes (through {@link #sendRecord}) we have sent. */
    public long handshakeBytesSent() {
        return handshakeBytesSent;
    }

    /** Sends the handshake bytes held back by {@link #coalesceHandshakes}, if any. */
    public RawPeer releaseHandshakes() {
        if (heldHandshakes != null && heldHandshakes.size() > 0) {
            byte[] held = heldHandshakes.toByteArray();
            heldHandshakes.reset();
            ByteArrayOutputStream keep = heldHandshakes;
            heldHandshakes = null;
            sendRecord(ContentType.HANDSHAKE, held);
            heldHandshakes = keep;
        }
        return this;
    }

    /** Switches our write keys, releasing the handshake bytes held under the old ones first. */
    void setWriteProtection(RecordProtection protection) {
        releaseHandshakes();
        writer.setProtection(protection);
    }

    /** A record with exactly this header and body, unprotected (the body may be anything). */
    public static byte[] record(int contentType, int version, byte[] body) {
        Writer w = new Writer();
        w.writeUint8(contentType).writeUint16(version).writeVector16(body);
        return w.toByteArray();
    }

    /** Adds a handshake message to the transcript and sends it in one record. */
    public RawPeer sendHandshake(byte[] message) {
        transcript.add(message);
        return sendRecord(ContentType.HANDSHAKE, message);
    }

    /** Adds a message to our transcript without sending it (for tests that send it in pieces or mangled). */
    public RawPeer addToTranscript(byte[] message) {
        transcript.add(message);
        return this;
    }

    /** Sends a handshake message without adding it to the transcript (for messages that must fail). */
    public RawPeer sendHandshakeUnrecorded(byte[] message) {
        return sendRecord(ContentType.HANDSHAKE, message);
    }

    /** Sends the compatibility change_cipher_spec record. */
    public RawPeer sendChangeCipherSpec() {
        return sendRaw(record(ContentType.CHANGE_CIPHER_SPEC, 0x0303, new byte[] {1}));
    }

    /** Sends an alert record (protected if keys are in use). */
    public RawPeer sendAlert(int level, Alert alert) {
        return sendRecord(ContentType.ALERT, new byte[] {(byte) level, (byte) alert.code()});
    }

    /** Sends application data, protected. */
    public RawPeer sendApplicationData(byte[] data) {
        return sendRecord(ContentType.APPLICATION_DATA, data);
    }

    /**
     * Seals one record of {@code contentType} around {@code content} with the write keys, however
     * long {@code content} is (the record writer would split it): for oversized plaintext.
     */
    public RawPeer sendSealed(int contentType, byte[] content) throws TlsException {
        ByteBuffer out = ByteBuffer.allocate(content.length + 512);
        writer.protection().seal(contentType, ByteBuffer.wrap(content), out);
        return sendRaw(Arrays.copyOf(out.array(), out.position()));
    }

    /** Seals one record like {@link #sendSealed} but flips a bit of its authentication tag: a bad MAC. */
    public RawPeer sendTampered(int contentType, byte[] content) throws TlsException {
        ByteBuffer out = ByteBuffer.allocate(content.length + 512);
        writer.protection().seal(contentType, ByteBuffer.wrap(content), out);
        byte[] record = Arrays.copyOf(out.array(), out.position());
        record[record.length - 1] ^= 1;
        return sendRaw(record);
    }

    // ---------------------------------------------------------------- reading what the connection wrote

    /** The next handshake message the connection wrote (header included), or null if none is complete. */
    public byte[] readHandshake() {
        while (true) {
            byte[] have = handshakeIn.toByteArray();
            if (have.length >= 4) {
                int length = ((have[1] & 0xff) << 16) | ((have[2] & 0xff) << 8) | (have[3] & 0xff);
                if (have.length >= 4 + length) {
                    handshakeIn.reset();
                    handshakeIn.write(have, 4 + length, have.length - 4 - length);
                    return Arrays.copyOf(have, 4 + length);
                }
            }
            if (!readRecord()) {
                return null;
            }
        }
    }

    /** TLS 1.2: reads the connection's records with {@code protection} (null: none) from its change_cipher_spec on. */
    void switchReadKeysAtChangeCipherSpec(RecordProtection protection) {
        if (readAfterChangeCipherSpec != null) {
            readAfterChangeCipherSpec.close();
        }
        readAfterChangeCipherSpec = protection;
    }

    /** The first alert the connection sent (reading everything it wrote), or null if it sent none. */
    public Alert alertReceived() {
        while (alertsIn.isEmpty() && readRecord()) {
            // keep reading
        }
        return alertsIn.isEmpty() ? null : alertsIn.get(0);
    }

    /** Reads one record from the connection; false if none is complete. */
    private boolean readRecord() {
        try {
            int status = reader.read(fromConn::read);
            if (status != RecordReader.RECORD) {
                return false;
            }
        } catch (IOException e) {
            throw new AssertionError("the raw peer could not read what the connection sent", e);
        }
        ByteBuffer f = reader.fragment();
        byte[] bytes = new byte[f.remaining()];
        f.get(bytes);
        switch (reader.contentType()) {
            case ContentType.HANDSHAKE:
                handshakeIn.writeBytes(bytes);
                break;
            case ContentType.ALERT:
                alertsIn.add(Alert.of(bytes[1] & 0xff));
                break;
            case ContentType.APPLICATION_DATA:
                applicationIn.writeBytes(bytes);
                break;
            default:
                // TLS 1.2 (RFC 5246 §7.1): the records after the connection's change_cipher_spec are
                // under its new keys. TLS 1.3: the compatibility record, ignored as RFC 8446 §5 says.
                if (readAfterChangeCipherSpec != null) {
                    reader.setProtection(readAfterChangeCipherSpec);
                    readAfterChangeCipherSpec = null;
                }
                break;
        }
        return true;
    }

    /** The TLS 1.2 half of this peer: TLS 1.2 hellos, key exchange, keys and Finished messages. */
    public Tls12Half tls12() {
        if (tls12 == null) {
            tls12 = new Tls12Half(this);
        }
        return tls12;
    }

    // ---------------------------------------------------------------- acting as a client

    /** A valid TLS 1.3 ClientHello offering {@link #SUITE} with an x25519 key share, ready to edit. */
    public RawHello clientHello() throws TlsException {
        if (keyShare == null) {
            keyShare = NamedGroup.X25519.generateKeyShare(RANDOM);
        }
        RawHello h = new RawHello();
        RANDOM.nextBytes(h.random);
        h.sessionId = new byte[32];
        RANDOM.nextBytes(h.sessionId);
        h.cipherSuites = new int[] {SUITE.code()};
        h.set(ExtensionType.SERVER_NAME, ServerNameExtension.encode("localhost"));
        h.set(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeClientHello(new int[] {TLS13}));
        h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {
            NamedGroup.X25519.code(), NamedGroup.SECP256R1.code(), NamedGroup.SECP384R1.code()}));
        h.set(ExtensionType.KEY_SHARE, keyShareEntry(keyShare));
        h.set(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {
            SignatureScheme.ECDSA_SECP256R1_SHA256.code(), SignatureScheme.RSA_PSS_RSAE_SHA256.code(),
            SignatureScheme.ECDSA_SECP384R1_SHA384.code(), SignatureScheme.ED25519.code()}));
        return h;
    }

    /** A key_share extension (ClientHello form) with a fresh share for {@code group}; it becomes ours. */
    public byte[] newKeyShare(NamedGroup group) throws TlsException {
        if (keyShare != null) {
            keyShare.close();
        }
        keyShare = group.generateKeyShare(RANDOM);
        return keyShareEntry(keyShare);
    }

    private static byte[] keyShareEntry(KeyShare share) {
        return KeyShareExtension.encodeClientHello(List.of(new KeyShareEntry(share.group().code(), share.publicKey())));
    }

    /**
     * Reads the server's hello. A HelloRetryRequest is returned as is (its transcript rules
     * applied); a ServerHello also installs the handshake keys. Null if none arrived.
     */
    public ServerHello readServerHello() throws TlsException {
        byte[] raw = readHandshake();
        if (raw == null) {
            return null;
        }
        ServerHello hello = ServerHello.decode(new Reader(raw, 4, raw.length - 4));
        suite = CipherSuite.of(hello.cipherSuite());
        transcript.selectHash(suite.hash());
        if (hello.isHelloRetryRequest()) {
            transcript.replaceWithMessageHash();
            transcript.add(raw);
            return hello;
        }
        transcript.add(raw);
        KeyShareEntry entry = KeyShareExtension.decodeServerHello(hello.extensions().get(ExtensionType.KEY_SHARE));
        deriveHandshakeKeys(entry.keyExchange());
        return hello;
    }

    /** Reads EncryptedExtensions through the server's Finished and installs the application read keys. */
    public void readServerFlight() throws TlsException {
        readServerFlight(4);
    }

    /**
     * Reads the server's {@code messages} messages after its ServerHello (5 with a
     * CertificateRequest), adds them to the transcript and installs the application read keys.
     *
     * @return the messages, as read
     */
    public List<byte[]> readServerFlight(int messages) throws TlsException {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            byte[] raw = readHandshake();
            if (raw == null) {
                throw new AssertionError("the server's flight ended after " + i + " messages");
            }
            transcript.add(raw);
            out.add(raw);
        }
        deriveApplicationSecrets();
        reader.setProtection(Tls13Protection.create(suite, SecretBytes.copyOf(serverApplicationSecret.bytes())));
        return out;
    }

    /** Our Finished (a client's), computed over the transcript so far. */
    public byte[] clientFinished() {
        return new Finished(KeySchedule13.finishedVerifyData(suite.hash(), clientHandshakeSecret,
                transcript.currentHash())).encode();
    }

    /** Switches our writes to the client application keys (after sending our Finished). */
    public void useClientApplicationKeys() throws TlsException {
        setWriteProtection(Tls13Protection.create(suite, SecretBytes.copyOf(clientApplicationSecret.bytes())));
    }

    /** A complete handshake as a client: hello, the server's flight, compatibility CCS, Finished. */
    public RawPeer completeAsClient() throws TlsException {
        return completeAsClient(clientHello());
    }

    /**
     * {@link #completeAsClient()} with {@code hello} (edited from {@link #clientHello()}) as the
     * ClientHello; the server must answer it with a ServerHello, not a HelloRetryRequest.
     */
    public RawPeer completeAsClient(RawHello hello) throws TlsException {
        sendHandshake(hello.encodeClientHello());
        pump();
        requireNoFailure();
        ServerHello sh = readServerHello();
        if (sh == null || sh.isHelloRetryRequest()) {
            throw new AssertionError(sh == null ? "the server sent no ServerHello" : "the server asked for a retry");
        }
        readServerFlight();
        sendChangeCipherSpec();
        sendHandshake(clientFinished());
        useClientApplicationKeys();
        pump();
        requireNoFailure();
        return this;
    }

    // ---------------------------------------------------------------- acting as a server

    /** Reads the client's hello (adding it to the transcript); null if none arrived. */
    public ClientHello readClientHello() {
        byte[] raw = readHandshake();
        if (raw == null) {
            return null;
        }
        transcript.add(raw);
        return ClientHello.decode(new Reader(raw, 4, raw.length - 4));
    }

    /**
     * A valid ServerHello answering {@code hello}: {@link #SUITE}, TLS 1.3, and a fresh key share
     * for the group of the client's first (EC)DHE share: this raw server plays one without ML-KEM,
     * which picks the classical share of a client that also sent a hybrid one. Edit it, then
     * {@link #sendServerHello}.
     */
    public RawHello serverHello(ClientHello hello) throws TlsException {
        List<KeyShareEntry> shares = KeyShareExtension.decodeClientHello(hello.extensions().get(ExtensionType.KEY_SHARE));
        KeyShareEntry theirs = shares.get(0);
        for (KeyShareEntry e : shares) {
            if (!NamedGroup.of(e.group()).isPostQuantum()) {
                theirs = e;
                break;
            }
        }
        if (keyShare != null) {
            keyShare.close();
        }
        keyShare = NamedGroup.of(theirs.group()).generateKeyShare(RANDOM);
        RawHello h = new RawHello();
        RANDOM.nextBytes(h.random);
        h.sessionId = hello.legacySessionId();
        h.cipherSuite = SUITE.code();
        h.set(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeServerHello(TLS13));
        h.set(ExtensionType.KEY_SHARE, KeyShareExtension.encodeServerHello(new KeyShareEntry(theirs.group(), keyShare.publicKey())));
        return h;
    }

    /**
     * Sends a ServerHello (recorded in the transcript) and installs the handshake keys computed
     * from our share and {@code clientShare}: from here on we write with the server's keys.
     */
    public void sendServerHello(byte[] serverHello, byte[] clientShare) throws TlsException {
        sendHandshake(serverHello);
        installHandshakeKeys(clientShare);
    }

    /** Derives and installs the handshake keys from our share and {@code clientShare} (the ServerHello already in the transcript). */
    public void installHandshakeKeys(byte[] clientShare) throws TlsException {
        transcript.selectHash(suite.hash());
        deriveHandshakeKeys(clientShare);
    }

    /** The client's key share for the group of our share, from its hello. */
    public byte[] clientShare(ClientHello hello) {
        for (KeyShareEntry e : KeyShareExtension.decodeClientHello(hello.extensions().get(ExtensionType.KEY_SHARE))) {
            if (e.group() == keyShare.group().code()) {
                return e.keyExchange();
            }
        }
        throw new AssertionError("the client sent no share for " + keyShare.group());
    }

    /** An EncryptedExtensions message. */
    public static byte[] encryptedExtensions(Extensions extensions) {
        return new EncryptedExtensions(extensions).encode();
    }

    /** A Certificate message carrying {@code chain}. */
    public static byte[] certificate(List<X509Certificate> chain) {
        List<CertificateMessage.CertificateEntry> entries = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                entries.add(new CertificateMessage.CertificateEntry(c.getEncoded(), Extensions.empty()));
            } catch (CertificateEncodingException e) {
                throw new AssertionError(e);
            }
        }
        return new CertificateMessage(new byte[0], entries).encode();
    }

    /** A server CertificateVerify over the transcript so far, signed with {@code key}. */
    public byte[] certificateVerify(SignatureScheme scheme, PrivateKey key) throws TlsException {
        return certificateVerify(scheme, key, true);
    }

    /** A CertificateVerify over the transcript so far, with the server's or the client's context string (RFC 8446 §4.4.3). */
    public byte[] certificateVerify(SignatureScheme scheme, PrivateKey key, boolean server) throws TlsException {
        byte[] context = ("TLS 1.3, " + (server ? "server" : "client") + " CertificateVerify")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] hash = transcript.currentHash();
        byte[] content = new byte[64 + context.length + 1 + hash.length];
        Arrays.fill(content, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, content, 64, context.length);
        System.arraycopy(hash, 0, content, 64 + context.length + 1, hash.length);
        return new CertificateVerify(scheme.code(), scheme.sign(key, content, RANDOM)).encode();
    }

    /** Our Finished (a server's), computed over the transcript so far. */
    public byte[] serverFinished() {
        return new Finished(KeySchedule13.finishedVerifyData(suite.hash(), serverHandshakeSecret,
                transcript.currentHash())).encode();
    }

    /**
     * Sends the server's flight after ServerHello, valid, for {@code server} (a leaf for
     * "localhost" and its chain), and switches to the application keys.
     */
    public void sendServerFlight(TestPki.Issued server, SignatureScheme scheme) throws TlsException {
        sendHandshake(encryptedExtensions(Extensions.empty()));
        sendHandshake(certificate(server.chain()));
        sendHandshake(certificateVerify(scheme, server.key()));
        sendHandshake(serverFinished());
        deriveApplicationSecrets();
        setWriteProtection(Tls13Protection.create(suite, SecretBytes.copyOf(serverApplicationSecret.bytes())));
    }

    /** A complete handshake as a server presenting {@code server}: returns once the client is done. */
    public RawPeer completeAsServer(TestPki.Issued server, SignatureScheme scheme) throws TlsException {
        pump();
        ClientHello hello = readClientHello();
        byte[] sh = serverHello(hello).encodeServerHello();
        sendServerHello(sh, clientShare(hello));
        sendServerFlight(server, scheme);
        pump();
        requireNoFailure();
        byte[] finished = readHandshake();
        if (finished == null || finished[0] != HandshakeCodes.FINISHED) {
            throw new AssertionError("the client did not send its Finished");
        }
        reader.setProtection(Tls13Protection.create(suite, SecretBytes.copyOf(clientApplicationSecret.bytes())));
        return this;
    }

    // ---------------------------------------------------------------- keys

    private void deriveHandshakeKeys(byte[] theirShare) throws TlsException {
        try (SecretBytes shared = keyShare.agree(theirShare);
                KeySchedule13.EarlySecret early = KeySchedule13.early(suite.hash(), null)) {
            handshakeSecret = early.handshake(shared.bytes());
        }
        byte[] hash = transcript.currentHash();
        clientHandshakeSecret = handshakeSecret.clientTrafficSecret(hash);
        serverHandshakeSecret = handshakeSecret.serverTrafficSecret(hash);
        SecretBytes mine = peerIsClient ? clientHandshakeSecret : serverHandshakeSecret;
        SecretBytes theirs = peerIsClient ? serverHandshakeSecret : clientHandshakeSecret;
        setWriteProtection(Tls13Protection.create(suite, SecretBytes.copyOf(mine.bytes())));
        reader.setProtection(Tls13Protection.create(suite, SecretBytes.copyOf(theirs.bytes())));
    }

    /** Derives the application secrets from the transcript through the server's Finished. */
    private void deriveApplicationSecrets() {
        byte[] hash = transcript.currentHash();
        try (KeySchedule13.MasterSecret master = handshakeSecret.master()) {
            clientApplicationSecret = master.clientApplicationTrafficSecret(hash);
            serverApplicationSecret = master.serverApplicationTrafficSecret(hash);
        }
    }

    /** Switches our writes to the next generation of keys (after sending a KeyUpdate). */
    public void updateWriteKeys() throws TlsException {
        setWriteProtection(((Tls13Protection) writer.protection()).nextGeneration());
    }

    /** Switches our reads to the connection's next generation of keys (after reading its KeyUpdate). */
    public void updateReadKeys() throws TlsException {
        reader.setProtection(((Tls13Protection) reader.protection()).nextGeneration());
    }

    /** Fails the test with the connection's own exception if it failed during the last pump. */
    public void requireNoFailure() {
        if (failure != null) {
            throw new AssertionError("the connection failed during a handshake that should succeed", failure);
        }
    }

    /** Frames {@code body} as a handshake message of {@code type}. */
    public static byte[] handshake(int type, byte[] body) {
        return HandshakeMessage.frame(type, body);
    }

    @Override
    public void close() {
        conn.close();
        if (tls12 != null) {
            tls12.close();
        }
        switchReadKeysAtChangeCipherSpec(null);
        reader.close();
        writer.close();
        if (keyShare != null) {
            keyShare.close();
        }
        for (SecretBytes s : new SecretBytes[] {clientHandshakeSecret, serverHandshakeSecret, clientApplicationSecret,
            serverApplicationSecret}) {
            if (s != null) {
                s.close();
            }
        }
        if (handshakeSecret != null) {
            handshakeSecret.close();
        }
    }
}
