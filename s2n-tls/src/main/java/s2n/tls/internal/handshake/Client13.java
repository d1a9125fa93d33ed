package s2n.tls.internal.handshake;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import s2n.tls.ProtocolVersion;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.KeyShare;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.CertificateAuthoritiesExtension;
import s2n.tls.internal.handshake.extension.CookieExtension;
import s2n.tls.internal.handshake.extension.EcPointFormatsExtension;
import s2n.tls.internal.handshake.extension.EmptyExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.KeyShareExtension.KeyShareEntry;
import s2n.tls.internal.handshake.extension.PreSharedKeyExtension;
import s2n.tls.internal.handshake.extension.PskKeyExchangeModesExtension;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.extension.StatusRequestExtension;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;
import s2n.tls.internal.handshake.message.CertificateMessage;
import s2n.tls.internal.handshake.message.CertificateRequest;
import s2n.tls.internal.handshake.message.CertificateVerify;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.EncryptedExtensions;
import s2n.tls.internal.handshake.message.Finished;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.internal.policy.Policy;
import s2n.tls.internal.record.PlaintextProtection;
import s2n.tls.internal.resumption.Tls12Session;
import s2n.tls.internal.resumption.Tls13Session;

/**
 * The client side of a TLS 1.3 handshake (RFC 8446 §2, §4): ClientHello, then the server's
 * flight (or a HelloRetryRequest and a second ClientHello), then our Finished. It also sends the
 * ClientHello of every handshake, offering what the policy allows (TLS 1.3 and TLS 1.2 in one
 * hello), and hands over to {@link Client12} when the server's hello selects TLS 1.2.
 */
final class Client13 implements HandshakeFlow {
    private static final int TLS13 = 0x0304;
    private static final int TLS12 = 0x0303;
    private static final int LEGACY_VERSION = 0x0303;

    private final HandshakeContext ctx;
    private final Settings settings;
    private final Policy policy;
    private final Signer signer;
    private final ClientOffer offer;

    private byte[] random;
    private byte[] sessionId;
    /** The key shares we sent: at most one post-quantum hybrid and one (EC)DHE, as s2n sends them. */
    private final List<KeyShare> keyShares = new ArrayList<>(2);
    private boolean offered13;
    private byte[] cookie;
    private ClientHello sentHello;
    private CipherSuite retrySuite;
    private CipherSuite suite;
    private Tls13Secrets secrets;
    private PublicKey serverKey;
    /** The chain we present to a CertificateRequest and its scheme; null when we answer with none. */
    private ClientAuthentication.Choice clientCertificate;
    /** The session offered in the latest ClientHello; null when it offered none. */
    private Tls13Session offeredSession;
    /** Whether the server accepted {@link #offeredSession}. */
    private boolean resumed;
    /** The TLS 1.2 session our hello offers (by session ID or ticket); null for none. */
    private Tls12Session offered12;
    /** Whether our first ClientHello offered early data that the server has not yet turned down. */
    private boolean earlyOffered;
    /** While early data may still be written: our handshake keys, waiting for EndOfEarlyData or a rejection. */
    private s2n.tls.internal.record.RecordProtection pendingHandshakeWrite;

    Client13(HandshakeContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.settings();
        this.policy = settings.policy();
        this.signer = new Signer(settings);
        this.offer = new ClientOffer(settings);
    }

    @Override
    public void send(Message message) throws TlsException {
        switch (message) {
            case CLIENT_HELLO:
                sendClientHello();
                break;
            case CLIENT_CERT:
                sendClientCertificate();
                break;
            case CLIENT_CERT_VERIFY:
                sendClientCertificateVerify();
                break;
            case CLIENT_FINISHED:
                sendClientFinished();
                break;
            case END_OF_EARLY_DATA:
                // RFC 8446 §4.5: under the early keys; then our handshake keys for the Finished.
                ctx.send(new s2n.tls.internal.handshake.message.EndOfEarlyData());
                ctx.endEarlyData();
                ctx.setWriteProtection(pendingHandshakeWrite);
                pendingHandshakeWrite = null;
                break;
            default:
                throw ErrorCode.INTERNAL.exception("client cannot send " + message);
        }
    }

    @Override
    public void receive(Message message, Received received) throws TlsException {
        switch (message) {
            case SERVER_HELLO:
                readServerHello(received);
                break;
            case ENCRYPTED_EXTENSIONS:
                readEncryptedExtensions(received);
                break;
            case SERVER_CERT_REQ:
                readCertificateRequest(received);
                break;
            case SERVER_CERT:
                readServerCertificate(received);
                break;
            case SERVER_CERT_VERIFY:
                readServerCertificateVerify(received);
                break;
            case SERVER_FINISHED:
                readServerFinished(received);
                break;
            default:
                throw ErrorCode.INTERNAL.exception("client cannot receive " + message);
        }
    }

    private void sendClientHello() throws TlsException {
        boolean offers13 = policy.allowsTls13();
        boolean offers12 = policy.allowsTls12();
        offered13 = offers13;
        if (!offers13 && !offers12) {
            throw ErrorCode.HANDSHAKE_FAILURE.exception("security policy " + policy.name()
                    + " allows no protocol version and cipher suite this library implements");
        }
        boolean first = random == null;
        if (first) {
            random = new byte[32];
            settings.random().nextBytes(random);
            if (offers13) {
                // RFC 8446 §D.4: a non-empty legacy_session_id turns on middlebox compatibility mode.
                sessionId = new byte[32];
                settings.random().nextBytes(sessionId);
                // s2n sends at most one hybrid share (its most preferred PQ group) and one
                // (EC)DHE share (its most preferred curve); HRR fixes a mismatch.
                List<NamedGroup> pq = policy.postQuantumGroups();
                List<NamedGroup> ecdhe = policy.ecdheGroups();
                if (!pq.isEmpty()) {
                    keyShares.add(pq.get(0).generateKeyShare(settings.random()));
                }
                if (!ecdhe.isEmpty()) {
                    keyShares.add(ecdhe.get(0).generateKeyShare(settings.random()));
                }
            } else {
                sessionId = new byte[0];
            }
            offered12 = offers12 ? offer.session12() : null;
            if (offered12 != null) {
                if (offered12.sessionId().length > 0) {
                    // RFC 5246 §7.4.1.2: the ID of the session to resume (any non-empty ID also
                    // turns on TLS 1.3's middlebox compatibility mode).
                    sessionId = offered12.sessionId().clone();
                } else if (sessionId.length == 0) {
                    // RFC 5077 §3.4: with a ticket, a session ID of our own, which the server echoes to resume.
                    sessionId = new byte[32];
                    settings.random().nextBytes(sessionId);
                }
            }
        }
        Extensions.Builder ext = Extensions.builder();
        String host = settings.serverName();
        if (host != null && !ClientOffer.isIpLiteral(host)) {
            ext.add(ExtensionType.SERVER_NAME, ServerNameExtension.encode(host));
        }
        if (offers13) {
            // RFC 8446 §4.2.1: most preferred first; only versions the policy allows and we implement.
            int[] versions = offers12 ? new int[] {TLS13, TLS12} : new int[] {TLS13};
            ext.add(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeClientHello(versions));
        }
        ext.add(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(offer.groups(offers13)));
        if (offers12) {
            // RFC 8422 §5.1.2: the one point format left.
            ext.add(ExtensionType.EC_POINT_FORMATS,
                    EcPointFormatsExtension.encode(new int[] {EcPointFormatsExtension.UNCOMPRESSED}));
        }
        if (offers13) {
            List<KeyShareEntry> entries = new ArrayList<>(keyShares.size());
            for (KeyShare k : keyShares) {
                entries.add(new KeyShareEntry(k.group().code(), k.publicKey()));
            }
            ext.add(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(entries));
        }
        ext.add(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(offer.signatureSchemes(offers12)));
        if (!policy.certificateSignatureSchemes().isEmpty()) {
            ext.add(ExtensionType.SIGNATURE_ALGORITHMS_CERT,
                    SignatureAlgorithmsExtension.encode(ClientOffer.schemeCodes(policy.certificateSignatureSchemes())));
        }
        if (!settings.applicationProtocols().isEmpty()) {
            ext.add(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
                    AlpnExtension.encode(settings.applicationProtocols()));
        }
        if (settings.requestOcsp()) {
            // RFC 6066 §8 (both versions): ask the server to staple its OCSP response.
            ext.add(ExtensionType.STATUS_REQUEST, StatusRequestExtension.encodeClientHello());
        }
        if (offers12) {
            // RFC 7627 §5.1: required by this library for TLS 1.2.
            ext.add(ExtensionType.EXTENDED_MASTER_SECRET, EmptyExtension.encode());
            if (offered12 != null || settings.resumption().keepTickets()) {
                // RFC 5077 §3.2: the ticket to resume with, or empty to ask for one.
                ext.add(ExtensionType.SESSION_TICKET, offered12 == null ? new byte[0] : offered12.ticket());
            }
        }
        if (cookie != null) {
            ext.add(ExtensionType.COOKIE, CookieExtension.encode(cookie));
        }
        offeredSession = offers13 ? offer.session13(retrySuite) : null;
        int[] binderLengths = null;
        if (offers13 && (offeredSession != null || settings.resumption().keepTickets())) {
            // RFC 8446 §4.2.9: psk_dhe_ke only, so a resumed session keeps forward secrecy. Sent
            // without an offer too: it tells the server we take tickets (the JDK sends none otherwise).
            ext.add(ExtensionType.PSK_KEY_EXCHANGE_MODES,
                    PskKeyExchangeModesExtension.encode(new int[] {PskKeyExchangeModesExtension.PSK_DHE_KE}));
        }
        boolean offerEarly = first && offeredSession != null && settings.resumption().offerEarlyData()
                && offeredSession.maxEarlyData() > 0 && (offeredSession.applicationProtocol() == null
                        || settings.applicationProtocols().contains(offeredSession.applicationProtocol()));
        if (offerEarly) {
            // RFC 8446 §4.2.10: empty in a ClientHello; the data follows under the early keys.
            ext.add(ExtensionType.EARLY_DATA, new byte[0]);
        }
        if (offeredSession != null) {
            // RFC 8446 §4.2.11: pre_shared_key comes last, its binders filled in once the rest is encoded.
            binderLengths = new int[] {offeredSession.suite().hash().length()};
            PreSharedKeyExtension.Identity identity = new PreSharedKeyExtension.Identity(offeredSession.ticket(),
                    offeredSession.obfuscatedAge(settings.clock().millis()));
            ext.add(ExtensionType.PRE_SHARED_KEY, PreSharedKeyExtension.encodeClientHello(List.of(identity), binderLengths));
        }
        sentHello = new ClientHello(LEGACY_VERSION, random, sessionId, offer.suites(offers13, offers12),
                new byte[] {0}, ext.build());
        byte[] sentEncoded = null;
        if (offeredSession == null) {
            ctx.send(sentHello);
        } else {
            byte[] encoded = sentHello.encode();
            int covered = encoded.length - PreSharedKeyExtension.bindersLength(binderLengths);
            byte[] transcriptHash;
            if (first) {
                java.security.MessageDigest d = offeredSession.suite().hash().newDigest();
                d.update(encoded, 0, covered);
                transcriptHash = d.digest();
            } else {
                // After a HelloRetryRequest the binder covers the transcript so far too (§4.2.11.2).
                transcriptHash = ctx.transcript().hashWith(encoded, 0, covered);
            }
            byte[] binder = Tickets13.binder(offeredSession.suite().hash(), offeredSession.psk(), transcriptHash);
            PreSharedKeyExtension.writeBinders(encoded, List.of(binder));
            ctx.sendEncoded(encoded);
            sentEncoded = encoded;
        }
        ctx.negotiated().setClientVersion(offers13 ? ProtocolVersion.TLS13 : ProtocolVersion.TLS12);
        if (first) {
            // RFC 8446 §5.1: only the first ClientHello may use record version 0x0301.
            ctx.setWriteProtection(PlaintextProtection.TLS12);
        }
        if (offerEarly) {
            startEarlyData(sentEncoded);
        }
    }

    /**
     * After a ClientHello offering early data (RFC 8446 §4.2.10, §D.4): our one compatibility
     * change_cipher_spec right after it (EARLY_CLIENT_CCS), then early data under
     * client_early_traffic_secret, up to the ticket's max_early_data.
     */
    private void startEarlyData(byte[] clientHello) throws TlsException {
        earlyOffered = true;
        ctx.negotiated().setEarlyDataStatus(s2n.tls.EarlyDataStatus.REQUESTED);
        ctx.addHandshakeType(HandshakeType.NEGOTIATED | HandshakeType.MIDDLEBOX_COMPAT | HandshakeType.WITH_EARLY_DATA
                | HandshakeType.EARLY_CLIENT_CCS);
        s2n.tls.internal.crypto.Hash hash = offeredSession.suite().hash();
        try (s2n.tls.internal.crypto.KeySchedule13.EarlySecret es = s2n.tls.internal.crypto.KeySchedule13.early(hash,
                offeredSession.psk());
                s2n.tls.internal.crypto.SecretBytes secret = es.clientEarlyTrafficSecret(hash.digest(clientHello))) {
            SecretLog.log(settings.secretLog(), "CLIENT_EARLY_TRAFFIC_SECRET", random, secret.bytes());
            ctx.setWriteProtection(s2n.tls.internal.record.Tls13Protection.create(offeredSession.suite(),
                    s2n.tls.internal.crypto.SecretBytes.copyOf(secret.bytes())));
        }
        ctx.allowEarlyDataWrites(offeredSession.maxEarlyData());
    }

    /** The server turned our early data down (HelloRetryRequest, no PSK, or no early_data in EncryptedExtensions). */
    private void earlyDataRejected() throws TlsException {
        if (!earlyOffered) {
            return;
        }
        earlyOffered = false;
        ctx.negotiated().setEarlyDataStatus(s2n.tls.EarlyDataStatus.REJECTED);
        ctx.endEarlyData();
        ctx.clearHandshakeType(HandshakeType.WITH_EARLY_DATA);
    }

    private void readServerHello(Received received) throws TlsException {
        ServerHello hello = ServerHello.decode(received.body());
        if (offered13 && hello.isHelloRetryRequest()) {
            readHelloRetryRequest(hello, received);
            return;
        }
        byte[] versions = hello.extensions().get(ExtensionType.SUPPORTED_VERSIONS);
        if (versions == null) {
            readLegacyServerHello(hello, received);
            return;
        }
        checkServerHelloBasics(hello, "ServerHello", ExtensionType.SH);
        int version = SupportedVersionsExtension.decodeServerHello(versions);
        if (version != TLS13) {
            // RFC 8446 §4.2.1: a version not offered, or one older than TLS 1.3, in supported_versions.
            throw ErrorCode.ILLEGAL_PARAMETER.exception(String.format("server selected version 0x%04x, which we did not offer", version));
        }
        CipherSuite chosen = offeredSuite(hello.cipherSuite());
        if (retrySuite != null && !chosen.equals(retrySuite)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("ServerHello suite " + chosen + " differs from HelloRetryRequest's " + retrySuite);
        }
        byte[] psk = hello.extensions().get(ExtensionType.PRE_SHARED_KEY);
        if (psk != null) {
            // checkOffered has made sure we offered one; RFC 8446 §4.2.11: one we offered, whose
            // hash is the chosen suite's.
            int selected = PreSharedKeyExtension.decodeServerHello(psk);
            if (selected != 0) {
                throw ErrorCode.ILLEGAL_PARAMETER.exception("server selected PSK identity " + selected + ", we offered one");
            }
            if (offeredSession.suite().hash() != chosen.hash()) {
                throw ErrorCode.ILLEGAL_PARAMETER.exception("server resumed a " + offeredSession.suite()
                        + " session with " + chosen + ", whose hash differs");
            }
            resumed = true;
        }
        byte[] share = hello.extensions().get(ExtensionType.KEY_SHARE);
        if (share == null) {
            throw ErrorCode.MISSING_EXTENSION.exception("ServerHello has no key_share (we offer only psk_dhe_ke)");
        }
        KeyShareEntry entry = KeyShareExtension.decodeServerHello(share);
        KeyShare keyShare = sentShare(entry.group());
        if (keyShare == null) {
            // RFC 8446 §4.2.8: the server's share must be for a group we sent a share for.
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server's key share is for " + NamedGroup.of(entry.group())
                    + ", we sent shares for " + sentGroups());
        }
        suite = chosen;
        ctx.transcript().selectHash(suite.hash());
        ctx.transcript().add(received.raw());
        secrets = new Tls13Secrets(suite, resumed ? offeredSession.psk() : null, keyShare.agree(entry.keyExchange()),
                ctx.transcript().currentHash());
        secrets.logHandshakeSecrets(settings.secretLog(), random);
        closeKeyShares();
        ctx.setReadProtection(secrets.handshakeProtection(false));
        if (earlyOffered && !resumed) {
            // RFC 8446 §4.2.10: early data needs the PSK; a full handshake rejects it.
            earlyDataRejected();
        }
        if (earlyOffered) {
            // Early data may go on until EncryptedExtensions says whether it was accepted.
            pendingHandshakeWrite = secrets.handshakeProtection(true);
        } else {
            // From here our alerts are protected too: the server reads with our handshake keys.
            ctx.setWriteProtection(secrets.handshakeProtection(true));
        }

        Negotiated n = ctx.negotiated();
        n.setActualVersion(ProtocolVersion.TLS13);
        n.setServerVersion(ProtocolVersion.TLS13);
        n.setCipherSuite(suite);
        n.setGroup(keyShare.group());
        ctx.addHandshakeType(HandshakeType.NEGOTIATED | HandshakeType.MIDDLEBOX_COMPAT
                | (resumed ? 0 : HandshakeType.FULL_HANDSHAKE));
    }

    /**
     * A ServerHello without supported_versions selects TLS 1.2 or older by its legacy_version
     * (RFC 8446 §4.1.3). TLS 1.2 goes on in {@link Client12}, unless the random says a TLS 1.3
     * server was pushed down to it.
     */
    private void readLegacyServerHello(ServerHello hello, Received received) throws TlsException {
        if (offered13 && (hello.hasDowngradeSentinel12() || hello.hasDowngradeSentinel11())) {
            // RFC 8446 §4.1.3: a TLS 1.3 server answering with an older version marks its random.
            throw ErrorCode.DOWNGRADE_DETECTED.exception("server negotiated an older version although it supports TLS 1.3");
        }
        if (retrySuite != null) {
            // RFC 8446 §4.1.4: a HelloRetryRequest commits the server to TLS 1.3.
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server selected TLS 1.2 after a HelloRetryRequest");
        }
        if (earlyOffered) {
            // Our early data and change_cipher_spec are out already; a TLS 1.2 handshake cannot follow them.
            throw ErrorCode.PROTOCOL_VERSION.exception("server selected TLS 1.2 for a TLS 1.3 session we sent early data with");
        }
        if (hello.legacyVersion() != TLS12 || !policy.allowsTls12()) {
            throw ErrorCode.PROTOCOL_VERSION.exception(String.format(
                    "server selected version 0x%04x, but this client offers only %s", hello.legacyVersion(),
                    policy.allowsTls12() ? "TLS 1.2 and newer" : "TLS 1.3"));
        }
        closeKeyShares();
        Client12 next = new Client12(ctx, random, sessionId, sentHello, offered12);
        ctx.switchToTls12(next);
        next.readServerHello(hello, received);
    }

    private void readHelloRetryRequest(ServerHello hrr, Received received) throws TlsException {
        if (retrySuite != null) {
            // RFC 8446 §4.1.4
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("server sent a second HelloRetryRequest");
        }
        checkServerHelloBasics(hrr, "HelloRetryRequest", ExtensionType.HRR);
        byte[] versions = hrr.extensions().get(ExtensionType.SUPPORTED_VERSIONS);
        if (versions == null || SupportedVersionsExtension.decodeServerHello(versions) != TLS13) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("HelloRetryRequest does not select TLS 1.3");
        }
        CipherSuite chosen = offeredSuite(hrr.cipherSuite());
        byte[] share = hrr.extensions().get(ExtensionType.KEY_SHARE);
        byte[] newCookie = hrr.extensions().get(ExtensionType.COOKIE);
        if (share == null && newCookie == null) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("HelloRetryRequest would not change the ClientHello");
        }
        NamedGroup group = null;
        if (share != null) {
            group = NamedGroup.of(KeyShareExtension.decodeHelloRetryRequest(share));
            if (!policy.supportedGroups().contains(group)) {
                throw ErrorCode.ILLEGAL_PARAMETER.exception("HelloRetryRequest asks for " + group + ", which we did not offer");
            }
            if (sentShare(group.code()) != null) {
                throw ErrorCode.ILLEGAL_PARAMETER.exception("HelloRetryRequest asks for " + group
                        + ", for which we already sent a key share");
            }
        }
        if (newCookie != null) {
            cookie = CookieExtension.decode(newCookie);
        }
        if (earlyOffered) {
            // RFC 8446 §4.1.2: a HelloRetryRequest rejects early data; the second ClientHello is plaintext again.
            earlyDataRejected();
            ctx.setWriteProtection(PlaintextProtection.TLS12);
        }
        retrySuite = chosen;
        ctx.transcript().selectHash(chosen.hash());
        ctx.transcript().replaceWithMessageHash();
        ctx.transcript().add(received.raw());
        if (group != null) {
            closeKeyShares();
            keyShares.add(group.generateKeyShare(settings.random()));
        }
        // FULL_HANDSHAKE or not: the ServerHello says, by accepting a PSK or not.
        ctx.addHandshakeType(HandshakeType.NEGOTIATED | HandshakeType.HELLO_RETRY_REQUEST | HandshakeType.MIDDLEBOX_COMPAT);
    }

    private void checkServerHelloBasics(ServerHello hello, String name, int context) throws TlsException {
        if (hello.legacyVersion() != LEGACY_VERSION) {
            throw ErrorCode.PROTOCOL_VERSION.exception(String.format("%s has legacy_version 0x%04x", name, hello.legacyVersion()));
        }
        if (!MessageDigest.isEqual(hello.legacySessionIdEcho(), sessionId)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " does not echo our legacy_session_id");
        }
        if (hello.compressionMethod() != 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " selects compression method " + hello.compressionMethod());
        }
        ExtensionChecks.checkAllowed(hello.extensions(), context, name);
        ExtensionChecks.checkOffered(hello.extensions(), sentHello.extensions(), name, ExtensionType.COOKIE);
    }

    private CipherSuite offeredSuite(int code) throws TlsException {
        CipherSuite s = CipherSuite.of(code);
        if (!policy.tls13CipherSuites().contains(s)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server selected cipher suite " + s + ", which we did not offer");
        }
        return s;
    }

    private void readEncryptedExtensions(Received received) throws TlsException {
        EncryptedExtensions ee = EncryptedExtensions.decode(received.body());
        ExtensionChecks.checkAllowed(ee.extensions(), ExtensionType.EE, "EncryptedExtensions");
        ExtensionChecks.checkOffered(ee.extensions(), sentHello.extensions(), "EncryptedExtensions");
        byte[] early = ee.extensions().get(ExtensionType.EARLY_DATA);
        if (early != null) {
            if (early.length != 0) {
                throw ErrorCode.DECODE.exception("early_data in EncryptedExtensions must be empty");
            }
            if (!earlyOffered) {
                // checkOffered let it through only if this ClientHello offered it; a rejection came first.
                throw ErrorCode.ILLEGAL_PARAMETER.exception("server accepted early data after turning it down");
            }
            ctx.negotiated().setEarlyDataStatus(s2n.tls.EarlyDataStatus.ACCEPTED);
        } else if (earlyOffered) {
            earlyDataRejected();
            ctx.setWriteProtection(pendingHandshakeWrite);
            pendingHandshakeWrite = null;
        }
        byte[] alpn = ee.extensions().get(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        if (alpn != null) {
            List<String> selected = AlpnExtension.decode(alpn);
            // RFC 7301 §3.1: the server's list contains exactly one protocol, one the client offered.
            if (selected.size() != 1 || !settings.applicationProtocols().contains(selected.get(0))) {
                throw ErrorCode.ILLEGAL_PARAMETER.exception("server selected application protocol " + selected
                        + ", we offered " + settings.applicationProtocols());
            }
            ctx.negotiated().setApplicationProtocol(selected.get(0));
        }
        byte[] sni = ee.extensions().get(ExtensionType.SERVER_NAME);
        if (sni != null && !ServerNameExtension.isEmptyAcknowledgement(sni)) {
            throw ErrorCode.DECODE.exception("server_name in EncryptedExtensions must be empty");
        }
        if (settings.serverName() != null) {
            ctx.negotiated().setServerName(settings.serverName());
        }
        ctx.transcript().add(received.raw());
    }

    private void readServerCertificate(Received received) throws TlsException {
        if (settings.clientAuth() == s2n.tls.ClientAuth.REQUIRED
                && (ctx.handshakeType() & HandshakeType.CLIENT_AUTH) == 0) {
            // RFC 8446 §4.3.2: a CertificateRequest comes before the server's Certificate, or not at all.
            throw ClientAuthentication.notRequested();
        }
        CertificateMessage message = CertificateMessage.decode(received.body());
        if (message.requestContext().length != 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server Certificate has a non-empty certificate_request_context");
        }
        if (message.entries().isEmpty()) {
            // RFC 8446 §4.4.2.4
            throw ErrorCode.DECODE.exception("server sent an empty Certificate message");
        }
        List<byte[]> der = new ArrayList<>();
        for (CertificateMessage.CertificateEntry e : message.entries()) {
            ExtensionChecks.checkAllowed(e.extensions(), ExtensionType.CT, "CertificateEntry");
            ExtensionChecks.checkOffered(e.extensions(), sentHello.extensions(), "CertificateEntry");
            byte[] status = e.extensions().get(ExtensionType.STATUS_REQUEST);
            if (status != null && der.isEmpty()) {
                // RFC 8446 §4.4.2.1: the leaf's stapled OCSP response (an intermediate's is not kept).
                ctx.negotiated().setOcspResponse(StatusRequestExtension.decodeCertificateStatus(status));
            }
            der.add(e.certData());
        }
        List<X509Certificate> chain = PeerCertificates.parse(der);
        PeerCertificates.verify(settings, chain, true);
        PeerCertificates.checkOcsp(settings, chain, ctx.negotiated().ocspResponse());
        serverKey = chain.get(0).getPublicKey();
        ctx.negotiated().setPeerCertificates(der);
        ctx.transcript().add(received.raw());
    }

    private void readServerCertificateVerify(Received received) throws TlsException {
        CertificateVerify verify = CertificateVerify.decode(received.body());
        SignatureScheme scheme = SignatureScheme.of(verify.signatureScheme());
        if (!policy.supportedSignatureSchemes().contains(scheme) || !scheme.allowedInTls13()) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server signed with " + scheme + ", which we did not offer");
        }
        if (!scheme.supportsKey(serverKey, true)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server signed with " + scheme
                    + ", which does not fit its certificate's " + serverKey.getAlgorithm() + " key");
        }
        byte[] content = Tls13Signatures.signedContent(true, ctx.transcript().currentHash());
        if (!scheme.verify(serverKey, content, verify.signature())) {
            throw ErrorCode.DECRYPT_ERROR.exception("server's CertificateVerify signature does not verify");
        }
        ctx.negotiated().setSignatureScheme(scheme);
        ctx.transcript().add(received.raw());
    }

    private void readServerFinished(Received received) throws TlsException {
        Finished finished = Finished.decode(received.body());
        secrets.verifyFinished(false, finished.verifyData(), ctx.transcript().currentHash());
        ctx.transcript().add(received.raw());
        secrets.deriveApplicationSecrets(ctx.transcript().currentHash(), settings.resumption().keepTickets());
        secrets.logApplicationSecrets(settings.secretLog(), random);
        ctx.setReadProtection(secrets.applicationProtection(false));
    }

    /**
     * RFC 8446 §4.3.2: the context is empty during the handshake, and signature_algorithms is
     * mandatory ("MUST be specified"); extensions we do not know are ignored, known ones that do
     * not belong in a CertificateRequest are illegal (§4.2). We choose our answer here: a chain
     * whose key signs with a scheme the server lists, or none (an empty Certificate).
     */
    private void readCertificateRequest(Received received) throws TlsException {
        CertificateRequest request = CertificateRequest.decode(received.body());
        if (request.context().length != 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("CertificateRequest during the handshake has a "
                    + request.context().length + "-byte certificate_request_context");
        }
        ExtensionChecks.checkAllowed(request.extensions(), ExtensionType.CR, "CertificateRequest");
        byte[] sigs = request.extensions().get(ExtensionType.SIGNATURE_ALGORITHMS);
        if (sigs == null) {
            throw ErrorCode.MISSING_EXTENSION.exception("CertificateRequest has no signature_algorithms");
        }
        byte[] names = request.extensions().get(ExtensionType.CERTIFICATE_AUTHORITIES);
        clientCertificate = ClientAuthentication.choose(settings, SignatureAlgorithmsExtension.decode(sigs), true, null,
                names == null ? List.of() : CertificateAuthoritiesExtension.decode(names));
        if (clientCertificate == null && settings.clientAuth() == s2n.tls.ClientAuth.REQUIRED) {
            throw ClientAuthentication.noFittingCertificate(settings);
        }
        if (clientCertificate != null) {
            // The table with CLIENT_AUTH alone adds our CertificateVerify after the Certificate.
            ctx.clearHandshakeType(HandshakeType.NO_CLIENT_CERT);
        }
        ctx.transcript().add(received.raw());
    }

    /**
     * RFC 8446 §4.4.2: our chain, or, asked for a certificate we do not send, an empty Certificate
     * and no CertificateVerify; whether that is enough is the server's decision.
     */
    private void sendClientCertificate() throws TlsException {
        List<CertificateMessage.CertificateEntry> entries = new ArrayList<>();
        if (clientCertificate != null) {
            for (byte[] der : clientCertificate.key().chainDer()) {
                entries.add(new CertificateMessage.CertificateEntry(der, s2n.tls.internal.handshake.extension.Extensions.empty()));
            }
        }
        ctx.send(new CertificateMessage(new byte[0], entries));
    }

    /** RFC 8446 §4.4.3: the client's context string over the transcript through our Certificate. */
    private void sendClientCertificateVerify() throws TlsException {
        byte[] content = Tls13Signatures.signedContent(false, ctx.transcript().currentHash());
        SignatureScheme scheme = clientCertificate.scheme();
        byte[] signature = signer.sign(clientCertificate.key(), scheme, content);
        ctx.send(new CertificateVerify(scheme.code(), signature));
        ctx.negotiated().setClientSignatureScheme(scheme);
    }

    private void sendClientFinished() throws TlsException {
        ctx.send(new Finished(secrets.finished(true, ctx.transcript().currentHash())));
        ctx.setWriteProtection(secrets.applicationProtection(true));
        if (settings.resumption().keepTickets()) {
            // RFC 8446 §7.1: over the transcript through our Finished; each later ticket's PSK comes from it.
            ctx.negotiated().setResumptionSecret(secrets.resumptionMasterSecret(ctx.transcript().currentHash()));
        }
        close();
    }

    @Override
    public void collectSecrets(java.util.List<byte[]> out) {
        if (secrets != null) {
            secrets.collectSecrets(out);
        }
    }

    /** The share we sent for {@code code}, or null. */
    private KeyShare sentShare(int code) {
        for (KeyShare k : keyShares) {
            if (k.group().code() == code) {
                return k;
            }
        }
        return null;
    }

    private List<NamedGroup> sentGroups() {
        List<NamedGroup> out = new ArrayList<>(keyShares.size());
        for (KeyShare k : keyShares) {
            out.add(k.group());
        }
        return out;
    }

    private void closeKeyShares() {
        for (KeyShare k : keyShares) {
            k.close();
        }
        keyShares.clear();
    }

    @Override
    public void close() {
        closeKeyShares();
        if (pendingHandshakeWrite != null) {
            pendingHandshakeWrite.close();
            pendingHandshakeWrite = null;
        }
        if (secrets != null) {
            secrets.close();
        }
    }
}
