package s2n.tls.internal.handshake;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import s2n.tls.ClientAuth;
import s2n.tls.ProtocolVersion;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.KeySchedule13;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.CertificateAuthoritiesExtension;
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
import s2n.tls.internal.resumption.TicketKeys;

/**
 * The server side of a TLS 1.3 handshake (RFC 8446 §2, §4): read the ClientHello and choose
 * (version, suite, group, certificate and signature scheme, ALPN), ask for another ClientHello if
 * the client's key share will not do, send our flight, read the client's Finished. It reads the
 * first ClientHello of every handshake and hands over to {@link Server12} when TLS 1.2 is the
 * highest version both sides allow.
 */
final class Server13 implements HandshakeFlow {
    private static final int TLS13 = 0x0304;
    private static final int TLS12 = 0x0303;
    private static final int LEGACY_VERSION = 0x0303;

    private final HandshakeContext ctx;
    private final Settings settings;
    private final Signer signer;
    private final Policy policy;

    private boolean retried;
    private byte[] sessionId;
    private CipherSuite suite;
    private NamedGroup group;
    private byte[] clientShare;
    private CertifiedKey certificate;
    private SignatureScheme signatureScheme;
    private boolean clientSentServerName;
    private String applicationProtocol;
    private Tls13Secrets secrets;
    /** ClientHello.random, which names this connection in key-log lines. */
    private byte[] clientRandom;
    /** The schemes our CertificateRequest listed; null when we do not ask for a client certificate. */
    private List<SignatureScheme> requestedSchemes;
    /** The key of the client's certificate, until its CertificateVerify is checked. */
    private PublicKey clientKey;
    /** The session a ticket resumes, with the index of its identity; null for a full handshake. */
    private Tickets13.Accepted resumed;
    /** The NewSessionTickets to send when the handshake completes. */
    private byte[] tickets = new byte[0];
    /** Whether the client asked for a stapled OCSP response (RFC 6066 §8). */
    private boolean clientWantsOcsp;
    /** Whether the client listed psk_dhe_ke, the one mode our tickets are for (RFC 8446 §4.2.9). */
    private boolean clientTakesTickets;
    /** The client sent early_data; {@link #earlyAccepted} says whether we take it. */
    private boolean earlyRequested;
    private boolean earlyAccepted;
    /** Accepted early data: the client's handshake keys wait here until EndOfEarlyData. */
    private s2n.tls.internal.record.RecordProtection pendingHandshakeRead;

    Server13(HandshakeContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.settings();
        this.policy = settings.policy();
        this.signer = new Signer(settings);
    }

    @Override
    public void send(Message message) throws TlsException {
        switch (message) {
            case HELLO_RETRY_MSG:
                sendHelloRetryRequest();
                break;
            case SERVER_HELLO:
                sendServerHello();
                break;
            case ENCRYPTED_EXTENSIONS:
                sendEncryptedExtensions();
                break;
            case SERVER_CERT_REQ:
                sendCertificateRequest();
                break;
            case SERVER_CERT:
                sendCertificate();
                break;
            case SERVER_CERT_VERIFY:
                sendCertificateVerify();
                break;
            case SERVER_FINISHED:
                sendServerFinished();
                break;
            default:
                throw ErrorCode.INTERNAL.exception("server cannot send " + message);
        }
    }

    @Override
    public void receive(Message message, Received received) throws TlsException {
        switch (message) {
            case CLIENT_HELLO:
                if (retried) {
                    readSecondClientHello(received);
                } else {
                    readClientHello(received);
                }
                break;
            case CLIENT_CERT:
                readClientCertificate(received);
                break;
            case CLIENT_CERT_VERIFY:
                readClientCertificateVerify(received);
                break;
            case CLIENT_FINISHED:
                readClientFinished(received);
                break;
            case END_OF_EARLY_DATA:
                readEndOfEarlyData(received);
                break;
            default:
                throw ErrorCode.INTERNAL.exception("server cannot receive " + message);
        }
    }

    private void readClientHello(Received received) throws TlsException {
        ClientHello hello = ClientHello.decode(received.body());
        clientRandom = hello.random();
        Negotiated n = ctx.negotiated();
        n.setServerVersion(policy.maximumVersion());
        if (chooseVersion(hello) == ProtocolVersion.TLS12) {
            Server12 next = new Server12(ctx);
            ctx.switchToTls12(next);
            next.readClientHello(hello, received);
            return;
        }
        ExtensionChecks.checkAllowed(hello.extensions(), ExtensionType.CH, "ClientHello");
        checkPreSharedKeyIsLast(hello);
        // RFC 8446 §4.1.2: a TLS 1.3 ClientHello offers exactly the null compression method.
        if (hello.compressionMethods().length != 1 || hello.compressionMethods()[0] != 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("TLS 1.3 ClientHello must offer only the null compression method");
        }
        sessionId = hello.legacySessionId();
        byte[] statusRequest = hello.extensions().get(ExtensionType.STATUS_REQUEST);
        clientWantsOcsp = statusRequest != null && StatusRequestExtension.decodeClientHello(statusRequest);
        suite = chooseCipherSuite(hello);
        chooseCertificate(hello);
        chooseGroup(hello);
        applicationProtocol = ServerChoices.applicationProtocol(settings, hello);
        if (applicationProtocol != null) {
            n.setApplicationProtocol(applicationProtocol);
        }
        byte[] sni = hello.extensions().get(ExtensionType.SERVER_NAME);
        if (sni != null) {
            clientSentServerName = true;
            n.setServerName(ServerNameExtension.decode(sni));
        }

        ctx.transcript().selectHash(suite.hash());
        resumed = chooseResumption(hello, received.raw());
        ctx.transcript().add(received.raw());
        int type = HandshakeType.NEGOTIATED | (resumed == null ? HandshakeType.FULL_HANDSHAKE : 0);
        if (sessionId.length > 0) {
            type |= HandshakeType.MIDDLEBOX_COMPAT;
        }
        if (clientShare == null) {
            type |= HandshakeType.HELLO_RETRY_REQUEST;
        }
        if (settings.clientAuth() != ClientAuth.NONE && resumed == null) {
            requestedSchemes = ClientAuthentication.requestedSchemes(policy, true);
            type |= HandshakeType.CLIENT_AUTH;
        }
        type |= chooseEarlyData(hello);
        ctx.addHandshakeType(type);
    }

    /**
     * RFC 8446 §4.2.10: early data is accepted only with the first PSK identity, on a handshake
     * without HelloRetryRequest, with the ticket's suite and ALPN, within its max_early_data and
     * ours, with a ticket age the client agrees with (§8.3), once per ticket (§8.1), and if the
     * application agrees. Otherwise it is rejected and skipped. Returns the flags it adds.
     */
    private int chooseEarlyData(ClientHello hello) throws TlsException {
        if (resumed != null) {
            ctx.negotiated().setTicketMaxEarlyData(resumed.session().maxEarlyData());
        }
        byte[] early = hello.extensions().get(ExtensionType.EARLY_DATA);
        if (early == null) {
            return 0;
        }
        if (early.length != 0) {
            throw ErrorCode.DECODE.exception("early_data in a ClientHello must be empty");
        }
        earlyRequested = true;
        ctx.negotiated().setEarlyDataStatus(s2n.tls.EarlyDataStatus.REJECTED);
        // s2n's flag: the client's one compatibility CCS comes right after its ClientHello.
        int flags = sessionId.length > 0 ? HandshakeType.EARLY_CLIENT_CCS : 0;
        long limit = clientShare == null ? 0 : ServerChoices.earlyDataLimit(settings, resumed, suite, applicationProtocol);
        if (limit <= 0) {
            if (clientShare == null) {
                // A HelloRetryRequest: the early data comes before the second ClientHello, unreadable.
                ctx.skipRejectedEarlyData(ServerChoices.earlySkipBudget(settings));
            }
            return flags;
        }
        earlyAccepted = true;
        ctx.negotiated().setEarlyDataStatus(s2n.tls.EarlyDataStatus.ACCEPTED);
        try (KeySchedule13.EarlySecret es = KeySchedule13.early(suite.hash(), resumed.session().psk());
                SecretBytes secret = es.clientEarlyTrafficSecret(ctx.transcript().currentHash())) {
            SecretLog.log(settings.secretLog(), "CLIENT_EARLY_TRAFFIC_SECRET", clientRandom, secret.bytes());
            ctx.setReadProtection(s2n.tls.internal.record.Tls13Protection.create(suite, SecretBytes.copyOf(secret.bytes())));
        }
        ctx.acceptEarlyData(limit);
        return flags | HandshakeType.WITH_EARLY_DATA;
    }

    /** RFC 8446 §4.5: the client's early data ends; its handshake keys take over. */
    private void readEndOfEarlyData(Received received) throws TlsException {
        s2n.tls.internal.handshake.message.EndOfEarlyData.decode(received.body());
        ctx.transcript().add(received.raw());
        ctx.endEarlyData();
        ctx.setReadProtection(pendingHandshakeRead);
        pendingHandshakeRead = null;
    }

    /**
     * The highest version both sides allow (s2n: the server's preference wins, so the highest).
     * supported_versions decides when present (RFC 8446 §4.2.1); without it legacy_version is the
     * client's highest, and TLS 1.3 is never negotiated.
     */
    private ProtocolVersion chooseVersion(ClientHello hello) throws TlsException {
        Negotiated n = ctx.negotiated();
        byte[] versions = hello.extensions().get(ExtensionType.SUPPORTED_VERSIONS);
        boolean offers13 = false;
        boolean offers12 = false;
        if (versions == null) {
            n.setClientVersion(ProtocolVersion.fromWireValue(Math.min(hello.legacyVersion(), TLS12)));
            offers12 = hello.legacyVersion() >= TLS12;
        } else {
            int highest = 0;
            for (int v : SupportedVersionsExtension.decodeClientHello(versions)) {
                if (ProtocolVersion.fromWireValue(v) != ProtocolVersion.UNKNOWN) {
                    highest = Math.max(highest, v);
                }
                offers13 |= v == TLS13;
                offers12 |= v == TLS12;
            }
            n.setClientVersion(ProtocolVersion.fromWireValue(highest));
        }
        if (hello.offersCipherSuite(CipherSuite.TLS_FALLBACK_SCSV.code())
                && n.clientVersion().compareTo(policy.maximumVersion()) < 0) {
            // RFC 7507 §3: the client retried with a lower version than we support; someone interfered.
            throw ErrorCode.INAPPROPRIATE_FALLBACK.exception("client falls back to " + n.clientVersion().protocolName()
                    + " although this server supports " + policy.maximumVersion().protocolName());
        }
        if (offers13 && policy.allowsTls13()) {
            return ProtocolVersion.TLS13;
        }
        if (offers12 && policy.allowsTls12()) {
            return ProtocolVersion.TLS12;
        }
        throw ErrorCode.PROTOCOL_VERSION.exception("no protocol version in common: client offers up to "
                + n.clientVersion().protocolName() + ", this server allows " + allowedVersions());
    }

    private String allowedVersions() {
        if (policy.allowsTls13() && policy.allowsTls12()) {
            return "TLS 1.2 and TLS 1.3";
        }
        return policy.allowsTls13() ? "only TLS 1.3" : "only TLS 1.2";
    }

    /**
     * RFC 8446 §4.2.11: the session of the first offered ticket we can use, its binder checked
     * over the ClientHello up to the binders (after a HelloRetryRequest, over the transcript so
     * far and that); null for a full handshake. Only psk_dhe_ke is accepted (s2n's default):
     * resumption keeps forward secrecy.
     */
    private Tickets13.Accepted chooseResumption(ClientHello hello, byte[] raw) throws TlsException {
        byte[] modes = hello.extensions().get(ExtensionType.PSK_KEY_EXCHANGE_MODES);
        clientTakesTickets = false;
        if (modes != null) {
            for (int m : PskKeyExchangeModesExtension.decode(modes)) {
                clientTakesTickets |= m == PskKeyExchangeModesExtension.PSK_DHE_KE;
            }
        }
        byte[] data = hello.extensions().get(ExtensionType.PRE_SHARED_KEY);
        if (data == null) {
            return null;
        }
        if (modes == null) {
            // RFC 8446 §4.2.9: a PSK offer needs psk_key_exchange_modes.
            throw ErrorCode.MISSING_EXTENSION.exception("ClientHello offers a PSK without psk_key_exchange_modes");
        }
        PreSharedKeyExtension.Offer offer = PreSharedKeyExtension.decodeClientHello(data);
        TicketKeys keys = settings.resumption().ticketKeys();
        if (!settings.resumption().issuesTls13Tickets() || !clientTakesTickets || settings.clientAuth() != ClientAuth.NONE) {
            return null;
        }
        byte[] binderHash = ctx.transcript().hashWith(raw, 0, raw.length - offer.bindersLength());
        return Tickets13.accept(offer, keys, suite, settings.clock().millis(), binderHash);
    }

    @Override
    public byte[] postHandshakeMessages() {
        byte[] out = tickets;
        tickets = new byte[0];
        return out;
    }

    private static void checkPreSharedKeyIsLast(ClientHello hello) throws TlsException {
        // RFC 8446 §4.2.11: pre_shared_key MUST be the last extension.
        if (hello.extensions().contains(ExtensionType.PRE_SHARED_KEY)
                && hello.extensions().lastType() != ExtensionType.PRE_SHARED_KEY) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("pre_shared_key is not the last extension of the ClientHello");
        }
    }

    private CipherSuite chooseCipherSuite(ClientHello hello) throws TlsException {
        Set<Integer> offered = new HashSet<>();
        for (int s : hello.cipherSuites()) {
            offered.add(s);
        }
        List<CipherSuite> ours = policy.tls13CipherSuites();
        if (policy.chachaBoosting() && hello.cipherSuites().length > 0) {
            // s2n's ChaCha20 boosting: a client that puts ChaCha20 first (no AES hardware) gets it.
            CipherSuite first = CipherSuite.of(hello.cipherSuites()[0]);
            if (first.aead() == s2n.tls.internal.crypto.AeadAlgorithm.CHACHA20_POLY1305 && ours.contains(first)) {
                return first;
            }
        }
        for (CipherSuite s : ours) {
            if (offered.contains(s.code())) {
                return s;
            }
        }
        throw ErrorCode.CIPHER_NOT_SUPPORTED.exception("no cipher suite in common; policy " + policy.name() + " allows " + ours);
    }

    /** The first of our certificates (those matching the SNI first) that can sign with a scheme the client offers. */
    private void chooseCertificate(ClientHello hello) throws TlsException {
        byte[] sigs = hello.extensions().get(ExtensionType.SIGNATURE_ALGORITHMS);
        if (sigs == null) {
            // RFC 8446 §9.2: certificate authentication requires signature_algorithms.
            throw ErrorCode.MISSING_EXTENSION.exception("ClientHello has no signature_algorithms");
        }
        Set<Integer> offered = new HashSet<>();
        for (int s : SignatureAlgorithmsExtension.decode(sigs)) {
            offered.add(s);
        }
        List<CertifiedKey> candidates = ServerChoices.certificateCandidates(settings, hello);
        for (CertifiedKey k : candidates) {
            for (SignatureScheme s : policy.supportedSignatureSchemes()) {
                if (s.allowedInTls13() && offered.contains(s.code()) && k.canSign(s, true)) {
                    certificate = k;
                    signatureScheme = s;
                    return;
                }
            }
        }
        throw ErrorCode.HANDSHAKE_FAILURE.exception("none of our certificates can sign with a signature scheme "
                + "the client offers");
    }

    /**
     * The client's own key share if it is for a group we allow (no extra round trip, as s2n does);
     * otherwise our most preferred group the client supports, through a HelloRetryRequest.
     */
    private void chooseGroup(ClientHello hello) throws TlsException {
        byte[] groupsData = hello.extensions().get(ExtensionType.SUPPORTED_GROUPS);
        byte[] sharesData = hello.extensions().get(ExtensionType.KEY_SHARE);
        if (groupsData == null || sharesData == null) {
            // RFC 8446 §9.2: without a PSK both are required, and each requires the other.
            throw ErrorCode.MISSING_EXTENSION.exception("ClientHello lacks "
                    + (groupsData == null ? "supported_groups" : "key_share"));
        }
        Set<Integer> clientGroups = new HashSet<>();
        for (int g : SupportedGroupsExtension.decode(groupsData)) {
            clientGroups.add(g);
        }
        List<KeyShareEntry> shares = KeyShareExtension.decodeClientHello(sharesData);
        Set<Integer> seen = new HashSet<>();
        for (KeyShareEntry e : shares) {
            if (!seen.add(e.group())) {
                throw ErrorCode.ILLEGAL_PARAMETER.exception("two key shares for " + NamedGroup.of(e.group()));
            }
            if (!clientGroups.contains(e.group())) {
                throw ErrorCode.ILLEGAL_PARAMETER.exception("key share for " + NamedGroup.of(e.group())
                        + ", which is not in supported_groups");
            }
        }
        List<NamedGroup> ours = policy.supportedGroups();
        // As s2n: a client that supports one of our post-quantum groups gets one, even at the cost
        // of a HelloRetryRequest; only then do we settle for (EC)DHE.
        for (List<NamedGroup> tier : List.of(policy.postQuantumGroups(), policy.ecdheGroups())) {
            for (KeyShareEntry e : shares) {
                NamedGroup g = NamedGroup.of(e.group());
                if (tier.contains(g)) {
                    group = g;
                    clientShare = e.keyExchange();
                    return;
                }
            }
            for (NamedGroup g : tier) {
                if (clientGroups.contains(g.code())) {
                    group = g;
                    return;
                }
            }
        }
        throw ErrorCode.HANDSHAKE_FAILURE.exception("no key exchange group in common; policy " + policy.name()
                + " allows " + ours);
    }

    private void sendHelloRetryRequest() throws TlsException {
        Extensions ext = Extensions.builder()
                .add(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeServerHello(TLS13))
                .add(ExtensionType.KEY_SHARE, KeyShareExtension.encodeHelloRetryRequest(group.code()))
                .build();
        ctx.transcript().replaceWithMessageHash();
        ctx.send(ServerHello.helloRetryRequest(suite.code(), sessionId, ext));
        retried = true;
    }

    private void readSecondClientHello(Received received) throws TlsException {
        ClientHello hello = ClientHello.decode(received.body());
        ExtensionChecks.checkAllowed(hello.extensions(), ExtensionType.CH, "second ClientHello");
        checkPreSharedKeyIsLast(hello);
        // RFC 8446 §4.1.2: the second ClientHello repeats the first but for the key share.
        byte[] versions = hello.extensions().get(ExtensionType.SUPPORTED_VERSIONS);
        boolean offers13 = false;
        if (versions != null) {
            for (int v : SupportedVersionsExtension.decodeClientHello(versions)) {
                offers13 |= v == TLS13;
            }
        }
        if (!offers13) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("second ClientHello no longer offers TLS 1.3");
        }
        if (!MessageDigest.isEqual(sessionId, hello.legacySessionId())) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("second ClientHello changed legacy_session_id");
        }
        if (hello.extensions().contains(ExtensionType.EARLY_DATA)) {
            // RFC 8446 §4.1.2: the client removes early_data after a HelloRetryRequest.
            throw ErrorCode.ILLEGAL_PARAMETER.exception("second ClientHello offers early data");
        }
        boolean suiteOffered = false;
        for (int s : hello.cipherSuites()) {
            suiteOffered |= s == suite.code();
        }
        if (!suiteOffered) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("second ClientHello no longer offers " + suite);
        }
        byte[] sharesData = hello.extensions().get(ExtensionType.KEY_SHARE);
        List<KeyShareEntry> shares = sharesData == null ? List.of() : KeyShareExtension.decodeClientHello(sharesData);
        if (shares.size() != 1 || shares.get(0).group() != group.code()) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("second ClientHello must carry exactly one key share, for " + group);
        }
        clientShare = shares.get(0).keyExchange();
        if (resumed != null) {
            resumed.session().wipe();
        }
        // RFC 8446 §4.1.2: the second ClientHello may drop or keep its PSKs, with new binders.
        resumed = chooseResumption(hello, received.raw());
        if (resumed == null) {
            ctx.addHandshakeType(HandshakeType.FULL_HANDSHAKE);
        } else {
            ctx.clearHandshakeType(HandshakeType.FULL_HANDSHAKE);
        }
        ctx.transcript().add(received.raw());
    }

    private void sendServerHello() throws TlsException {
        byte[] random = new byte[32];
        settings.random().nextBytes(random);
        NamedGroup.Exchange exchange = group.respond(clientShare, settings.random());
        SecretBytes shared = exchange.secret();
        byte[] ourShare = exchange.share();
        Extensions.Builder ext = Extensions.builder()
                .add(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeServerHello(TLS13))
                .add(ExtensionType.KEY_SHARE, KeyShareExtension.encodeServerHello(new KeyShareEntry(group.code(), ourShare)));
        if (resumed != null) {
            ext.add(ExtensionType.PRE_SHARED_KEY, PreSharedKeyExtension.encodeServerHello(resumed.index()));
        }
        ctx.send(new ServerHello(LEGACY_VERSION, random, sessionId, suite.code(), 0, ext.build()));
        secrets = new Tls13Secrets(suite, resumed == null ? null : resumed.session().psk(), shared,
                ctx.transcript().currentHash());
        if (resumed != null) {
            resumed.session().wipe();
        }
        secrets.logHandshakeSecrets(settings.secretLog(), clientRandom);
        ctx.setWriteProtection(secrets.handshakeProtection(false));
        if (earlyAccepted) {
            // The early data and EndOfEarlyData come under the early keys first.
            pendingHandshakeRead = secrets.handshakeProtection(true);
        } else {
            ctx.setReadProtection(secrets.handshakeProtection(true));
            if (earlyRequested && !retried) {
                ctx.skipRejectedEarlyData(ServerChoices.earlySkipBudget(settings));
            }
        }

        Negotiated n = ctx.negotiated();
        n.setActualVersion(ProtocolVersion.TLS13);
        n.setCipherSuite(suite);
        n.setGroup(group);
        n.setSignatureScheme(resumed == null ? signatureScheme : null);
    }

    private void sendEncryptedExtensions() throws TlsException {
        Extensions.Builder ext = Extensions.builder();
        if (clientSentServerName) {
            // RFC 6066 §3: an empty server_name acknowledges that we used the client's name.
            ext.add(ExtensionType.SERVER_NAME, new byte[0]);
        }
        if (applicationProtocol != null) {
            ext.add(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, AlpnExtension.encode(List.of(applicationProtocol)));
        }
        if (earlyAccepted) {
            // RFC 8446 §4.2.10: an empty early_data in EncryptedExtensions accepts it.
            ext.add(ExtensionType.EARLY_DATA, new byte[0]);
        }
        ctx.send(new EncryptedExtensions(ext.build()));
    }

    /**
     * RFC 8446 §4.3.2: an empty context (we ask during the handshake only), the schemes we accept
     * in the client's CertificateVerify, and certificate_authorities if the config names its CAs
     * (like s2n, only when asked to).
     */
    private void sendCertificateRequest() throws TlsException {
        Extensions.Builder ext = Extensions.builder()
                .add(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(
                        ClientAuthentication.codes(requestedSchemes)));
        if (!settings.certificateAuthorities().isEmpty()) {
            ext.add(ExtensionType.CERTIFICATE_AUTHORITIES,
                    CertificateAuthoritiesExtension.encode(settings.certificateAuthorities()));
        }
        ctx.send(new CertificateRequest(new byte[0], ext.build()));
    }

    /**
     * RFC 8446 §4.4.2: the client's chain, with the request's (empty) context. An empty chain is
     * an OPTIONAL server's "no certificate" (NO_CLIENT_CERT: no CertificateVerify follows) and a
     * REQUIRED server's certificate_required (§4.4.2.4).
     */
    private void readClientCertificate(Received received) throws TlsException {
        CertificateMessage message = CertificateMessage.decode(received.body());
        if (message.requestContext().length != 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("client Certificate has a " + message.requestContext().length
                    + "-byte certificate_request_context; our CertificateRequest's was empty");
        }
        if (message.entries().isEmpty()) {
            if (settings.clientAuth() == ClientAuth.REQUIRED) {
                throw ErrorCode.CERT_REQUIRED.exception("client sent no certificate, and this server requires one");
            }
            ctx.addHandshakeType(HandshakeType.NO_CLIENT_CERT);
            ctx.transcript().add(received.raw());
            return;
        }
        List<byte[]> der = new ArrayList<>();
        for (CertificateMessage.CertificateEntry e : message.entries()) {
            ExtensionChecks.checkAllowed(e.extensions(), ExtensionType.CT, "client CertificateEntry");
            // §4.4.2: only extensions our CertificateRequest named, and it named none of these.
            ExtensionChecks.checkOffered(e.extensions(), Extensions.empty(), "client CertificateEntry");
            der.add(e.certData());
        }
        List<X509Certificate> chain = PeerCertificates.parse(der);
        PeerCertificates.verify(settings, chain, false);
        clientKey = chain.get(0).getPublicKey();
        ctx.negotiated().setPeerCertificates(der);
        ctx.transcript().add(received.raw());
    }

    /** RFC 8446 §4.4.3: a scheme we listed, fitting the client's key, over the client's context string. */
    private void readClientCertificateVerify(Received received) throws TlsException {
        CertificateVerify verify = CertificateVerify.decode(received.body());
        SignatureScheme scheme = ClientAuthentication.verifyScheme(verify.signatureScheme(), requestedSchemes, clientKey, true);
        byte[] content = Tls13Signatures.signedContent(false, ctx.transcript().currentHash());
        if (!scheme.verify(clientKey, content, verify.signature())) {
            throw ErrorCode.DECRYPT_ERROR.exception("client's CertificateVerify signature does not verify");
        }
        ctx.negotiated().setClientSignatureScheme(scheme);
        clientKey = null;
        ctx.transcript().add(received.raw());
    }

    private void sendCertificate() throws TlsException {
        List<CertificateMessage.CertificateEntry> entries = new ArrayList<>();
        for (byte[] der : certificate.chainDer()) {
            Extensions ext = Extensions.empty();
            if (entries.isEmpty() && clientWantsOcsp && certificate.ocspResponse() != null) {
                // RFC 8446 §4.4.2.1: the leaf's OCSP response, in its CertificateEntry.
                ext = Extensions.builder().add(ExtensionType.STATUS_REQUEST,
                        StatusRequestExtension.encodeCertificateStatus(certificate.ocspResponse())).build();
            }
            entries.add(new CertificateMessage.CertificateEntry(der, ext));
        }
        ctx.send(new CertificateMessage(new byte[0], entries));
    }

    private void sendCertificateVerify() throws TlsException {
        byte[] content = Tls13Signatures.signedContent(true, ctx.transcript().currentHash());
        byte[] signature = signer.sign(certificate, signatureScheme, content);
        ctx.send(new CertificateVerify(signatureScheme.code(), signature));
    }

    private void sendServerFinished() throws TlsException {
        ctx.send(new Finished(secrets.finished(false, ctx.transcript().currentHash())));
        secrets.deriveApplicationSecrets(ctx.transcript().currentHash(), issuesTickets());
        secrets.logApplicationSecrets(settings.secretLog(), clientRandom);
        ctx.setWriteProtection(secrets.applicationProtection(false));
    }

    private void readClientFinished(Received received) throws TlsException {
        Finished finished = Finished.decode(received.body());
        secrets.verifyFinished(true, finished.verifyData(), ctx.transcript().currentHash());
        ctx.transcript().add(received.raw());
        ctx.setReadProtection(secrets.applicationProtection(true));
        if (issuesTickets()) {
            try (SecretBytes res = secrets.resumptionMasterSecret(ctx.transcript().currentHash())) {
                tickets = Tickets13.issue(settings, ctx.negotiated(), res, settings.clock().millis());
            }
        }
        close();
    }

    @Override
    public void collectSecrets(java.util.List<byte[]> out) {
        if (secrets != null) {
            secrets.collectSecrets(out);
        }
    }

    /**
     * Whether this handshake ends with tickets: the config has ticket keys and asks for some, the
     * client can use them (it listed psk_dhe_ke: RFC 8446 §4.2.9 says not to send tickets for
     * modes it did not), and no client certificate is involved (a resumed session would not
     * carry it, so mutual TLS connections are never resumed).
     */
    private boolean issuesTickets() {
        Resumption r = settings.resumption();
        return r.issuesTls13Tickets() && r.ticketCount() > 0 && clientTakesTickets
                && settings.clientAuth() == ClientAuth.NONE;
    }

    @Override
    public void close() {
        if (secrets != null) {
            secrets.close();
        }
        if (pendingHandshakeRead != null) {
            pendingHandshakeRead.close();
            pendingHandshakeRead = null;
        }
        if (resumed != null) {
            resumed.session().wipe();
        }
        clientShare = null;
    }
}
