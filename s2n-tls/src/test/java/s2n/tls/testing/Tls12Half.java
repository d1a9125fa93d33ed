package s2n.tls.testing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import s2n.tls.TlsException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.crypto.AeadAlgorithm;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.KeyShare;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.Prf12;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.EcPointFormatsExtension;
import s2n.tls.internal.handshake.extension.EmptyExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.RenegotiationInfoExtension;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.message.Certificate12;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.ClientKeyExchange12;
import s2n.tls.internal.handshake.message.Finished;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.internal.handshake.message.ServerHelloDone;
import s2n.tls.internal.handshake.message.ServerKeyExchange12;
import s2n.tls.internal.record.Tls12Protection;

/**
 * The TLS 1.2 half of a {@link RawPeer} (RFC 5246 with RFC 8422 ECDHE, RFC 7627 extended master
 * secret and RFC 5288 AES-GCM records): it builds TLS 1.2 hellos (no supported_versions, the
 * renegotiation SCSV or extension, extended_master_secret), runs its side of the ECDHE key
 * exchange, derives the key block with {@link Prf12} and protects records with
 * {@link Tls12Protection}, so a test can send any TLS 1.2 message — malformed, out of order, or
 * well-formed and sealed with the real keys — and read what the connection answered.
 *
 * <pre>{@code
 * try (RawPeer peer = RawPeer.facingServer(serverConfig)) {
 *     Tls12Half tls12 = peer.tls12();
 *     tls12.sendClientHello(tls12.clientHello());
 *     peer.pump();
 *     tls12.readServerFlight();
 *     tls12.sendClientKeyExchange();
 *     tls12.sendChangeCipherSpec();
 *     byte[] finished = tls12.clientFinished();
 *     finished[4] ^= 1;
 *     peer.sendHandshake(finished);
 *     peer.pump();
 *     assertEquals(Alert.DECRYPT_ERROR, peer.alertReceived());
 * }
 * }</pre>
 *
 * <p>The peer's transcript, record reader and writer are shared with the TLS 1.3 half: a script
 * may mix {@link RawPeer#sendHandshake}, {@link RawPeer#sendSealed} and the helpers here.
 */
public final class Tls12Half implements AutoCloseable {
    /** The TLS 1.2 version, in ClientHello.legacy_version and ServerHello.server_version. */
    public static final int TLS12 = 0x0303;
    /** The suite this half offers and selects unless a test changes the hello. */
    public static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    /** The group a raw server's ServerKeyExchange uses unless a test asks for another. */
    public static final NamedGroup GROUP = NamedGroup.SECP256R1;
    private static final String CLIENT_FINISHED = "client finished";
    private static final String SERVER_FINISHED = "server finished";

    private final RawPeer peer;
    private byte[] clientRandom;
    private byte[] serverRandom;
    private CipherSuite suite = SUITE;
    private KeyShare keyShare;
    private byte[] theirShare;
    private NamedGroup group;
    private SecretBytes master;
    // RFC 7627 §4: the extended master secret only when both hellos carry the extension.
    private boolean clientOffersEms;
    private boolean serverAnswersEms;

    Tls12Half(RawPeer peer) {
        this.peer = peer;
    }

    // ---------------------------------------------------------------- acting as a client

    /**
     * A valid TLS 1.2 ClientHello, ready to edit: legacy_version TLS 1.2 and no supported_versions
     * (RFC 8446 §4.1.2), {@link #SUITE} and TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.4),
     * server_name, supported_groups (x25519, secp256r1), ec_point_formats (uncompressed),
     * signature_algorithms and extended_master_secret; no key_share.
     */
    public RawHello clientHello() {
        RawHello h = new RawHello();
        RawPeer.RANDOM.nextBytes(h.random);
        h.cipherSuites = new int[] {SUITE.code(), CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV.code()};
        h.set(ExtensionType.SERVER_NAME, ServerNameExtension.encode("localhost"));
        h.set(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(new int[] {
            NamedGroup.X25519.code(), NamedGroup.SECP256R1.code()}));
        h.set(ExtensionType.EC_POINT_FORMATS, EcPointFormatsExtension.encode(new int[] {EcPointFormatsExtension.UNCOMPRESSED}));
        h.set(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {
            SignatureScheme.ECDSA_SECP256R1_SHA256.code(), SignatureScheme.RSA_PSS_RSAE_SHA256.code()}));
        h.set(ExtensionType.EXTENDED_MASTER_SECRET, EmptyExtension.encode());
        return h;
    }

    /** Sends {@code hello} (recorded in the transcript); its random becomes ClientHello.random. */
    public void sendClientHello(RawHello hello) {
        clientRandom = hello.random.clone();
        clientOffersEms = hello.get(ExtensionType.EXTENDED_MASTER_SECRET) != null;
        peer.sendHandshake(hello.encodeClientHello());
    }

    /** Reads the server's hello: its suite fixes the transcript hash. Null if none arrived. */
    public ServerHello readServerHello() {
        byte[] raw = peer.readHandshake();
        if (raw == null) {
            return null;
        }
        ServerHello hello = ServerHello.decode(new Reader(raw, 4, raw.length - 4));
        suite = CipherSuite.of(hello.cipherSuite());
        serverRandom = hello.random();
        serverAnswersEms = hello.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET);
        peer.transcript.selectHash(suite.hash());
        peer.transcript.add(raw);
        return hello;
    }

    /** Reads ServerHello, Certificate, ServerKeyExchange and ServerHelloDone (the server's first flight). */
    public void readServerFlight() {
        if (readServerHello() == null) {
            throw new AssertionError("the server sent no ServerHello");
        }
        expect(HandshakeCodes.CERTIFICATE, "Certificate");
        byte[] ske = expect(HandshakeCodes.SERVER_KEY_EXCHANGE, "ServerKeyExchange");
        ServerKeyExchange12 params = ServerKeyExchange12.decode(new Reader(ske, 4, ske.length - 4));
        group = NamedGroup.of(params.namedGroup());
        theirShare = params.publicKey();
        expect(HandshakeCodes.SERVER_HELLO_DONE, "ServerHelloDone");
    }

    /** A ClientKeyExchange with a fresh share on the server's group; it becomes ours. Not sent. */
    public byte[] clientKeyExchange() throws TlsException {
        newKeyShare(group);
        return new ClientKeyExchange12(keyShare.publicKey()).encode();
    }

    /**
     * Sends a valid ClientKeyExchange and derives the keys from it (RFC 7627 §4: the session hash
     * covers it); the server's records after its change_cipher_spec will be read with its keys.
     */
    public void sendClientKeyExchange() throws TlsException {
        peer.sendHandshake(clientKeyExchange());
        deriveKeys();
    }

    /** Our Finished as a client, over the transcript so far (RFC 5246 §7.4.9). */
    public byte[] clientFinished() {
        return finished(CLIENT_FINISHED);
    }

    /** A complete TLS 1.2 handshake as a client, the server's Finished checked: returns once both are done. */
    public RawPeer completeAsClient() throws TlsException {
        return completeAsClient(clientHello());
    }

    /** {@link #completeAsClient()} with {@code hello} (e.g. one without extended_master_secret) as the ClientHello. */
    public RawPeer completeAsClient(RawHello hello) throws TlsException {
        sendClientHello(hello);
        peer.pump();
        readServerFlight();
        sendClientKeyExchange();
        sendChangeCipherSpec();
        peer.sendHandshake(clientFinished());
        peer.pump();
        peer.requireNoFailure();
        readConnectionFinished(SERVER_FINISHED);
        return peer;
    }

    // ---------------------------------------------------------------- acting as a server

    /** Reads the client's hello (adding it to the transcript); its random becomes ClientHello.random. */
    public ClientHello readClientHello() {
        ClientHello hello = peer.readClientHello();
        if (hello == null) {
            throw new AssertionError("the client sent no ClientHello");
        }
        clientRandom = hello.random();
        clientOffersEms = hello.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET);
        return hello;
    }

    /**
     * A valid TLS 1.2 ServerHello answering {@code hello}, ready to edit: {@link #SUITE}, a fresh
     * random without a downgrade sentinel (this server knows only TLS 1.2), an empty session id
     * (no resumption), an empty renegotiation_info (RFC 5746 §3.6: the client signalled with the
     * SCSV), and extended_master_secret and ec_point_formats if the client sent them.
     */
    public RawHello serverHello(ClientHello hello) {
        RawHello h = new RawHello();
        RawPeer.RANDOM.nextBytes(h.random);
        h.cipherSuite = SUITE.code();
        h.set(ExtensionType.RENEGOTIATION_INFO, RenegotiationInfoExtension.encode(new byte[0]));
        if (hello.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET)) {
            h.set(ExtensionType.EXTENDED_MASTER_SECRET, EmptyExtension.encode());
        }
        if (hello.extensions().contains(ExtensionType.EC_POINT_FORMATS)) {
            h.set(ExtensionType.EC_POINT_FORMATS, EcPointFormatsExtension.encode(new int[] {EcPointFormatsExtension.UNCOMPRESSED}));
        }
        return h;
    }

    /** Sends {@code hello} (recorded); its random and suite become the ones the keys are derived with. */
    public void sendServerHello(RawHello hello) {
        serverRandom = hello.random.clone();
        suite = CipherSuite.of(hello.cipherSuite);
        serverAnswersEms = hello.get(ExtensionType.EXTENDED_MASTER_SECRET) != null;
        peer.transcript.selectHash(suite.hash());
        peer.sendHandshake(hello.encodeServerHello());
    }

    /** A TLS 1.2 Certificate message carrying {@code chain}. */
    public static byte[] certificate(List<X509Certificate> chain) {
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                der.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new AssertionError(e);
            }
        }
        return new Certificate12(der).encode();
    }

    /** A valid ServerKeyExchange: a fresh share on {@code on} (it becomes ours), signed with {@code key}. */
    public byte[] serverKeyExchange(NamedGroup on, SignatureScheme scheme, PrivateKey key) throws TlsException {
        newKeyShare(on);
        return serverKeyExchange(on.code(), keyShare.publicKey(), scheme, key);
    }

    /**
     * A ServerKeyExchange naming any group and point, signed for real over both randoms
     * (RFC 8422 §5.4), so a bad group or point gets past the signature check.
     */
    public byte[] serverKeyExchange(int namedGroup, byte[] point, SignatureScheme scheme, PrivateKey key) throws TlsException {
        ServerKeyExchange12 unsigned = new ServerKeyExchange12(ServerKeyExchange12.NAMED_CURVE, namedGroup, point,
                scheme.code(), new byte[0]);
        byte[] signature = scheme.sign(key, signedParams(clientRandom, serverRandom, unsigned.signedParams()), RawPeer.RANDOM);
        return new ServerKeyExchange12(ServerKeyExchange12.NAMED_CURVE, namedGroup, point, scheme.code(), signature).encode();
    }

    /** RFC 8422 §5.4: what a ServerKeyExchange signs: ClientHello.random, ServerHello.random, ServerECDHParams. */
    public static byte[] signedParams(byte[] clientRandom, byte[] serverRandom, byte[] params) {
        Writer w = new Writer();
        w.writeBytes(clientRandom).writeBytes(serverRandom).writeBytes(params);
        return w.toByteArray();
    }

    /** A ServerHelloDone (an empty body). */
    public static byte[] serverHelloDone() {
        return new ServerHelloDone().encode();
    }

    /**
     * Sends the server's first flight, valid: ServerHello answering {@code hello}, the Certificate
     * of {@code server}, a ServerKeyExchange on {@link #GROUP} signed with {@code scheme}, and
     * ServerHelloDone.
     */
    public void sendServerFirstFlight(ClientHello hello, TestPki.Issued server, SignatureScheme scheme) throws TlsException {
        sendServerFirstFlight(hello, server.chain(), server.key(), scheme);
    }

    /** {@link #sendServerFirstFlight(ClientHello, TestPki.Issued, SignatureScheme)} for any chain and key. */
    public void sendServerFirstFlight(ClientHello hello, List<X509Certificate> chain, PrivateKey key, SignatureScheme scheme)
            throws TlsException {
        sendServerFirstFlight(serverHello(hello), chain, key, scheme);
    }

    /** The server's first flight as above, with {@code serverHello} (e.g. edited) as its ServerHello. */
    public void sendServerFirstFlight(RawHello serverHello, List<X509Certificate> chain, PrivateKey key, SignatureScheme scheme)
            throws TlsException {
        sendServerHello(serverHello);
        peer.sendHandshake(certificate(chain));
        peer.sendHandshake(serverKeyExchange(GROUP, scheme, key));
        peer.sendHandshake(serverHelloDone());
    }

    /**
     * Reads the client's ClientKeyExchange and derives the keys from it; the client's records
     * after its change_cipher_spec will be read with its keys.
     */
    public void readClientKeyExchange() throws TlsException {
        byte[] raw = expect(HandshakeCodes.CLIENT_KEY_EXCHANGE, "ClientKeyExchange");
        theirShare = ClientKeyExchange12.decode(new Reader(raw, 4, raw.length - 4)).publicKey();
        deriveKeys();
    }

    /** Our Finished as a server, over the transcript so far (RFC 5246 §7.4.9). */
    public byte[] serverFinished() {
        return finished(SERVER_FINISHED);
    }

    /**
     * Reads the client's second flight: ClientKeyExchange (deriving the keys), change_cipher_spec
     * and Finished (checked). Next in the handshake is the server's change_cipher_spec.
     */
    public void readClientFinalFlight() throws TlsException {
        readClientKeyExchange();
        readConnectionFinished(CLIENT_FINISHED);
    }

    /** A complete TLS 1.2 handshake as a server presenting {@code server}: returns once the client is done. */
    public RawPeer completeAsServer(TestPki.Issued server, SignatureScheme scheme) throws TlsException {
        peer.pump();
        sendServerFirstFlight(readClientHello(), server, scheme);
        peer.pump();
        peer.requireNoFailure();
        readClientFinalFlight();
        sendChangeCipherSpec();
        peer.sendHandshake(serverFinished());
        peer.pump();
        peer.requireNoFailure();
        return peer;
    }

    // ---------------------------------------------------------------- records and keys

    /** Sends change_cipher_spec and protects what we write after it with our write keys (RFC 5246 §7.1). */
    public void sendChangeCipherSpec() {
        peer.sendChangeCipherSpec();
        peer.setWriteProtection(protection(peer.peerIsClient));
    }

    /**
     * A fresh protection (sequence number 0) with the client's ({@code client} true) or the
     * server's write keys from the key block (RFC 5246 §6.3); the caller closes it.
     */
    public Tls12Protection protection(boolean client) {
        if (master == null) {
            throw new IllegalStateException("no keys yet: the key exchange has not happened");
        }
        AeadAlgorithm aead = suite.aead();
        int keyLength = aead.keyLength();
        int ivLength = Tls12Protection.fixedIvLength(aead);
        byte[] block = Prf12.keyBlock(suite.hash(), master, serverRandom, clientRandom, 2 * (keyLength + ivLength));
        int keyAt = client ? 0 : keyLength;
        int ivAt = 2 * keyLength + (client ? 0 : ivLength);
        byte[] key = Arrays.copyOfRange(block, keyAt, keyAt + keyLength);
        byte[] iv = Arrays.copyOfRange(block, ivAt, ivAt + ivLength);
        try {
            return Tls12Protection.create(aead, key, iv);
        } finally {
            Arrays.fill(block, (byte) 0);
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }

    /** One record of {@code contentType} around {@code content}, sealed under {@code protection}. */
    public static byte[] sealed(Tls12Protection protection, int contentType, byte[] content) throws TlsException {
        ByteBuffer out = ByteBuffer.allocate(content.length + 512);
        protection.seal(contentType, ByteBuffer.wrap(content), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /**
     * Sends one record sealed with our write keys whose explicit nonce (RFC 5288 §3) was changed
     * after sealing: the tag was computed under another nonce, so it cannot authenticate.
     */
    public void sendWithTamperedNonce(int contentType, byte[] content) throws TlsException {
        byte[] record = sealed((Tls12Protection) peer.writer.protection(), contentType, content);
        // The header is 5 bytes; the 8-byte explicit nonce follows.
        record[5 + 7] ^= 1;
        peer.sendRaw(record);
    }

    /** Sends one record sealed with our write keys twice, byte for byte: a replay. */
    public void sendTwice(int contentType, byte[] content) throws TlsException {
        byte[] record = sealed((Tls12Protection) peer.writer.protection(), contentType, content);
        peer.sendRaw(record);
        peer.sendRaw(record);
    }

    private void deriveKeys() throws TlsException {
        try (SecretBytes preMaster = keyShare.agree(theirShare)) {
            // RFC 7627 §4: the session hash is the transcript through ClientKeyExchange.
            master = clientOffersEms && serverAnswersEms
                    ? Prf12.extendedMasterSecret(suite.hash(), preMaster.bytes(), peer.transcript.currentHash())
                    : Prf12.masterSecret(suite.hash(), preMaster.bytes(), clientRandom, serverRandom);
        }
        peer.switchReadKeysAtChangeCipherSpec(protection(!peer.peerIsClient));
    }

    private void newKeyShare(NamedGroup on) throws TlsException {
        if (keyShare != null) {
            keyShare.close();
        }
        keyShare = on.generateKeyShare(RawPeer.RANDOM);
    }

    private byte[] finished(String label) {
        return new Finished(Prf12.verifyData(suite.hash(), master, label, peer.transcript.currentHash())).encode();
    }

    /** Reads the connection's Finished, checks its verify_data and adds it to the transcript. */
    private void readConnectionFinished(String label) {
        byte[] expected = finished(label);
        byte[] raw = expect(HandshakeCodes.FINISHED, "Finished");
        if (!MessageDigest.isEqual(expected, raw)) {
            throw new AssertionError("the connection's Finished does not verify");
        }
    }

    /** The next message from the connection, which must be of {@code type}; added to the transcript. */
    private byte[] expect(int type, String name) {
        byte[] raw = peer.readHandshake();
        if (raw == null || (raw[0] & 0xff) != type) {
            throw new AssertionError("expected " + name + " from the connection, got "
                    + (raw == null ? "nothing" : HandshakeCodes.name(raw[0] & 0xff)));
        }
        peer.transcript.add(raw);
        return raw;
    }

    @Override
    public void close() {
        if (keyShare != null) {
            keyShare.close();
        }
        if (master != null) {
            master.close();
        }
    }
}
