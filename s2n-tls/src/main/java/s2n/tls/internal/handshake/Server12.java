package s2n.tls.internal.handshake;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import s2n.tls.ClientAuth;
import s2n.tls.ProtocolVersion;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.AeadAlgorithm;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.KeyShare;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.EcPointFormatsExtension;
import s2n.tls.internal.handshake.extension.EmptyExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.RenegotiationInfoExtension;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.message.Certificate12;
import s2n.tls.internal.handshake.message.CertificateRequest12;
import s2n.tls.internal.handshake.message.CertificateVerify;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.ClientKeyExchange12;
import s2n.tls.internal.handshake.message.Finished;
import s2n.tls.internal.handshake.message.NewSessionTicket12;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.internal.handshake.message.ServerHelloDone;
import s2n.tls.internal.handshake.message.ServerKeyExchange12;
import s2n.tls.internal.policy.Policy;
import s2n.tls.internal.record.Tls12Protection;
import s2n.tls.internal.resumption.TicketKeys;
import s2n.tls.internal.resumption.Tls12Session;

/**
 * The server side of a TLS 1.2 full handshake with ECDHE (RFC 5246 §7.3, RFC 8422): choose suite,
 * certificate, signature scheme and group from the ClientHello in our order of preference (s2n's
 * rule: the server's order wins), send hello, certificate, signed key exchange and hello-done,
 * read the client's key exchange, change_cipher_spec and Finished, answer with ours.
 * {@code Server13} reads the ClientHello and hands over here when TLS 1.2 is the version.
 */
final class Server12 implements HandshakeFlow {
    /** RFC 8446 §4.1.3: "DOWNGRD" 01 ends the random of a TLS 1.3-capable server that negotiates TLS 1.2. */
    private static final int SENTINEL_LENGTH = 8;

    private final HandshakeContext ctx;
    private final Settings settings;
    private final Policy policy;
    private final Signer signer;

    private byte[] clientRandom;
    private byte[] serverRandom;
    private CipherSuite suite;
    private CertifiedKey certificate;
    private SignatureScheme signatureScheme;
    private NamedGroup group;
    private boolean secureRenegotiation;
    private boolean clientSentPointFormats;
    private boolean clientSentServerName;
    private boolean extendedMasterSecret;
    private String applicationProtocol;
    private KeyShare keyShare;
    private Tls12KeySchedule keys;
    private Tls12Protection pendingRead;
    private Tls12Protection pendingWrite;
    /** The schemes our CertificateRequest listed; null when we do not ask for a client certificate. */
    private List<SignatureScheme> requestedSchemes;
    /** The key of the client's certificate, until its CertificateVerify is checked. */
    private java.security.PublicKey clientKey;
    /** The session an abbreviated handshake resumes; null for a full handshake. */
    private Tls12Session resumed;
    /** The client's legacy_session_id, echoed when we resume. */
    private byte[] clientSessionId;
    /** Our session ID: the client's when resuming, a new one for the cache, else empty. */
    private byte[] sessionId = new byte[0];
    /** Whether a NewSessionTicket (RFC 5077 §3.3) goes out in this handshake. */
    private boolean issueTicket;
    /** A resumed ticket whose key only decrypts now: a new ticket goes out in the abbreviated handshake. */
    private boolean renewTicket;
    private long renewedIssued;
    private long renewedLifetimeMillis;
    /** Whether a CertificateStatus goes out: the client asked and the chosen chain has a response. */
    private boolean stapleOcsp;

    Server12(HandshakeContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.settings();
        this.policy = settings.policy();
        this.signer = new Signer(settings);
    }

    @Override
    public void send(Message message) throws TlsException {
        switch (message) {
            case SERVER_HELLO:
                sendServerHello();
                break;
            case SERVER_CERT:
                ctx.send(new Certificate12(certificate.chainDer()));
                break;
            case SERVER_KEY:
                sendServerKeyExchange();
                break;
            case SERVER_CERT_REQ:
                // RFC 5246 §7.4.4; the CAs only if the config names them (as s2n).
                ctx.send(new CertificateRequest12(ClientAuthentication.certificateTypes(),
                        ClientAuthentication.codes(requestedSchemes), settings.certificateAuthorities()));
                break;
            case SERVER_HELLO_DONE:
                ctx.send(new ServerHelloDone());
                break;
            case SERVER_CHANGE_CIPHER_SPEC:
                ctx.sendChangeCipherSpec();
                ctx.setWriteProtection(pendingWrite);
                pendingWrite = null;
                break;
            case SERVER_FINISHED:
                sendServerFinished();
                break;
            case SERVER_NEW_SESSION_TICKET:
                sendNewSessionTicket();
                break;
            case SERVER_CERT_STATUS:
                // RFC 6066 §8: the leaf's OCSP response, after the Certificate.
                ctx.send(new s2n.tls.internal.handshake.message.CertificateStatus12(certificate.ocspResponse()));
                break;
            default:
                throw ErrorCode.INTERNAL.exception("TLS 1.2 server cannot send " + message);
        }
    }

    @Override
    public void receive(Message message, Received received) throws TlsException {
        switch (message) {
            case CLIENT_CERT:
                readClientCertificate(received);
                break;
            case CLIENT_KEY:
                readClientKeyExchange(received);
                break;
            case CLIENT_CERT_VERIFY:
                readClientCertificateVerify(received);
                break;
            case CLIENT_CHANGE_CIPHER_SPEC:
                ctx.setReadProtection(pendingRead);
                pendingRead = null;
                break;
            case CLIENT_FINISHED:
                readClientFinished(received);
                break;
            default:
                throw ErrorCode.INTERNAL.exception("TLS 1.2 server cannot receive " + message);
        }
    }

    /** The ClientHello, once {@code Server13} has decided on TLS 1.2. */
    void readClientHello(ClientHello hello, Received received) throws TlsException {
        ExtensionChecks.checkAllowed(hello.extensions(), ExtensionType.CH, "ClientHello");
        if (!offersNullCompression(hello)) {
            // RFC 5246 §7.4.1.2: the list MUST contain the null method.
            throw ErrorCode.ILLEGAL_PARAMETER.exception("ClientHello does not offer the null compression method");
        }
        readRenegotiationSignal(hello);
        byte[] ems = hello.extensions().get(ExtensionType.EXTENDED_MASTER_SECRET);
        if (ems != null) {
            EmptyExtension.decode(ems);
            extendedMasterSecret = true;
        } else if (policy.requiresExtendedMasterSecret()) {
            // RFC 7627 §5.2: a server that requires the extension may abort a full handshake without it.
            throw ErrorCode.HANDSHAKE_FAILURE.exception("client does not offer extended_master_secret (RFC 7627), "
                    + "which policy " + policy.name() + " requires for TLS 1.2");
        }
        ctx.negotiated().setExtendedMasterSecret(extendedMasterSecret);
        byte[] pointFormats = hello.extensions().get(ExtensionType.EC_POINT_FORMATS);
        if (pointFormats != null) {
            Client12.requireUncompressed(EcPointFormatsExtension.decode(pointFormats));
            clientSentPointFormats = true;
        }
        clientRandom = hello.random();
        clientSessionId = hello.legacySessionId();
        resumed = findSession(hello);
        if (resumed == null) {
            renewTicket = false;
            chooseSuiteAndCertificate(hello);
        } else {
            suite = resumed.suite();
        }
        applicationProtocol = ServerChoices.applicationProtocol(settings, hello);
        byte[] sni = hello.extensions().get(ExtensionType.SERVER_NAME);

        Negotiated n = ctx.negotiated();
        if (sni != null) {
            clientSentServerName = true;
            n.setServerName(ServerNameExtension.decode(sni));
        }
        n.setActualVersion(ProtocolVersion.TLS12);
        n.setCipherSuite(suite);
        n.setGroup(group);
        n.setSignatureScheme(signatureScheme);
        n.setApplicationProtocol(applicationProtocol);
        if (resumed != null) {
            // RFC 5246 §7.3: the abbreviated handshake; the session ID we echo says so.
            sessionId = clientSessionId;
            issueTicket = renewTicket;
            renewedIssued = resumed.issuedMillis();
            renewedLifetimeMillis = resumed.lifetimeSeconds() * 1000;
            ctx.transcript().selectHash(suite.hash());
            ctx.transcript().add(received.raw());
            ctx.addHandshakeType(HandshakeType.NEGOTIATED | (issueTicket ? HandshakeType.WITH_SESSION_TICKET : 0));
            return;
        }
        chooseSessionIssuance(hello);
        byte[] statusRequest = hello.extensions().get(ExtensionType.STATUS_REQUEST);
        stapleOcsp = statusRequest != null && certificate.ocspResponse() != null
                && s2n.tls.internal.handshake.extension.StatusRequestExtension.decodeClientHello(statusRequest);
        int type = HandshakeType.NEGOTIATED | HandshakeType.FULL_HANDSHAKE | HandshakeType.TLS12_PERFECT_FORWARD_SECRECY
                | (issueTicket ? HandshakeType.WITH_SESSION_TICKET : 0) | (stapleOcsp ? HandshakeType.OCSP_STATUS : 0);
        if (settings.clientAuth() != ClientAuth.NONE) {
            requestedSchemes = ClientAuthentication.requestedSchemes(policy, false);
            type |= HandshakeType.CLIENT_AUTH;
            // The client's CertificateVerify signs the messages themselves (RFC 5246 §7.4.8).
            ctx.transcript().retainBytes();
        }
        ctx.transcript().selectHash(suite.hash());
        ctx.transcript().add(received.raw());
        ctx.addHandshakeType(type);
    }

    /**
     * The session the client offers, if we can resume it (RFC 5077 §3.4 ticket first, then the
     * session ID in our cache, RFC 5246 §7.4.1.2): it opens under our keys, is within its
     * lifetime, its suite is one the client offers and our policy allows, and the client offers
     * the extended master secret, which every session of ours has (RFC 7627 §5.3). Anything else
     * is a full handshake. A server that asks for client certificates never resumes: the session
     * would not carry the certificate.
     */
    private Tls12Session findSession(ClientHello hello) {
        Resumption r = settings.resumption();
        TicketKeys keys = r.ticketKeys();
        if (keys == null || !extendedMasterSecret || settings.clientAuth() != ClientAuth.NONE) {
            return null;
        }
        long now = settings.clock().millis();
        byte[] ticket = hello.extensions().get(ExtensionType.SESSION_TICKET);
        byte[] state = null;
        if (r.tickets() && ticket != null && ticket.length > 0) {
            state = keys.open(ticket, now);
            // A ticket sealed by a key now only decrypting is replaced (s2n's renewal), if a key can seal.
            renewTicket = state != null && !keys.sealedByCurrentKey(ticket, now) && keys.remainingDecryptMillis(now) > 0;
        }
        if (state == null && r.cache() != null && clientSessionId.length > 0) {
            byte[] entry = r.cache().retrieve(clientSessionId.clone());
            state = entry == null ? null : keys.open(entry, now);
        }
        if (state == null) {
            return null;
        }
        Tls12Session s = Tls12Session.decodeServerState(state);
        java.util.Arrays.fill(state, (byte) 0);
        if (s == null) {
            return null;
        }
        if (!s.isFresh(now) || !hello.offersCipherSuite(s.suite().code()) || !policy.tls12CipherSuites().contains(s.suite())) {
            s.wipe();
            return null;
        }
        if (clientSessionId.length == 0) {
            // RFC 5077 §3.4: with no session ID to echo, the client could not tell we resumed.
            s.wipe();
            return null;
        }
        return s;
    }

    /**
     * How a full handshake leaves a session behind: a ticket if tickets are on and the client
     * asked for one (RFC 5077 §3.2, an empty or unusable session_ticket), else a session ID in our
     * cache if there is one; neither without the extended master secret or with client
     * certificates, or when no key can seal now.
     */
    private void chooseSessionIssuance(ClientHello hello) {
        Resumption r = settings.resumption();
        if (r.ticketKeys() == null || !extendedMasterSecret || settings.clientAuth() != ClientAuth.NONE
                || r.ticketKeys().remainingDecryptMillis(settings.clock().millis()) <= 0) {
            return;
        }
        if (r.tickets() && hello.extensions().contains(ExtensionType.SESSION_TICKET)) {
            issueTicket = true;
        } else if (r.cache() != null) {
            sessionId = new byte[32];
            settings.random().nextBytes(sessionId);
        }
    }

    /**
     * The session this handshake made (or, renewing a ticket, the one it resumed: its issue time
     * and lifetime stay), sealed with our current key; null if none can seal.
     */
    private byte[] sealSession(long now) {
        long issued = renewTicket ? renewedIssued : now;
        long end = Math.min(issued + (renewTicket ? renewedLifetimeMillis : settings.resumption().sessionStateLifetimeMillis()),
                now + settings.resumption().ticketKeys().remainingDecryptMillis(now));
        long lifetimeSeconds = (end - issued) / 1000;
        if (end <= now || lifetimeSeconds <= 0) {
            return null;
        }
        Tls12Session s = new Tls12Session(suite, keys.masterCopy(), issued, lifetimeSeconds, applicationProtocol,
                ctx.negotiated().serverName(), null, null);
        byte[] state = s.encodeServerState();
        s.wipe();
        try {
            return settings.resumption().ticketKeys().seal(state, now, settings.random());
        } finally {
            java.util.Arrays.fill(state, (byte) 0);
        }
    }

    /** RFC 5077 §3.3: the ticket, or (no key can seal any more) an empty one, which the RFC allows. */
    private void sendNewSessionTicket() throws TlsException {
        long now = settings.clock().millis();
        byte[] ticket = sealSession(now);
        long hint = ticket == null ? 0 : Math.min(settings.resumption().sessionStateLifetimeMillis(),
                settings.resumption().ticketKeys().remainingDecryptMillis(now)) / 1000;
        if (ticket != null && renewTicket) {
            hint = Math.min(hint, (renewedIssued + renewedLifetimeMillis - now) / 1000);
        }
        ctx.send(new NewSessionTicket12(hint, ticket == null ? new byte[0] : ticket));
    }

    private static boolean offersNullCompression(ClientHello hello) {
        for (byte m : hello.compressionMethods()) {
            if (m == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 5746 §3.6: the SCSV or an empty renegotiation_info says the client supports secure
     * renegotiation; then our ServerHello carries an empty renegotiation_info. Neither is fine too
     * (s2n continues for compatibility): we never renegotiate either way.
     */
    private void readRenegotiationSignal(ClientHello hello) throws TlsException {
        byte[] info = hello.extensions().get(ExtensionType.RENEGOTIATION_INFO);
        if (info != null && RenegotiationInfoExtension.decode(info).length != 0) {
            throw ErrorCode.HANDSHAKE_FAILURE.exception("renegotiation_info is not empty on an initial handshake");
        }
        secureRenegotiation = info != null || hello.offersCipherSuite(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV.code());
    }

    /**
     * Our most preferred suite the client offers for which we have a certificate that can sign
     * with a scheme the client accepts, and a group both support (every suite here is ECDHE).
     * ChaCha20 boosting, where the policy allows it: a client that lists a ChaCha20 suite first
     * gets our most preferred ChaCha20 suite, if any works (s2n's rule).
     */
    private void chooseSuiteAndCertificate(ClientHello hello) throws TlsException {
        Set<Integer> clientGroups = groupSet(hello.extensions().get(ExtensionType.SUPPORTED_GROUPS));
        group = chooseGroup(clientGroups);
        byte[] sigs = hello.extensions().get(ExtensionType.SIGNATURE_ALGORITHMS);
        List<SignatureScheme> clientSchemes = new ArrayList<>();
        if (sigs == null) {
            // RFC 5246 §7.4.1.4.1: without signature_algorithms only SHA-1 is certain to be accepted.
            clientSchemes.addAll(Tls12Signatures.defaultSchemes());
        } else {
            for (int code : SignatureAlgorithmsExtension.decode(sigs)) {
                clientSchemes.add(SignatureScheme.of(code));
            }
        }
        List<CertifiedKey> candidates = ServerChoices.certificateCandidates(settings, hello);
        boolean boost = policy.chachaBoosting() && hello.cipherSuites().length > 0
                && CipherSuite.of(hello.cipherSuites()[0]).aead() == AeadAlgorithm.CHACHA20_POLY1305;
        CipherSuite fallback = null;
        CertifiedKey fallbackKey = null;
        SignatureScheme fallbackScheme = null;
        for (CipherSuite s : policy.tls12CipherSuites()) {
            if (!hello.offersCipherSuite(s.code())) {
                continue;
            }
            for (CertifiedKey k : candidates) {
                SignatureScheme scheme = schemeFor(k, s, clientSchemes, clientGroups);
                if (scheme == null) {
                    continue;
                }
                if (!boost || s.aead() == AeadAlgorithm.CHACHA20_POLY1305) {
                    suite = s;
                    certificate = k;
                    signatureScheme = scheme;
                    return;
                }
                if (fallback == null) {
                    fallback = s;
                    fallbackKey = k;
                    fallbackScheme = scheme;
                }
                break;
            }
        }
        if (fallback == null) {
            throw ErrorCode.CIPHER_NOT_SUPPORTED.exception("no TLS 1.2 cipher suite in common for which we have a certificate "
                    + "and a signature scheme the client accepts; policy " + policy.name() + " allows "
                    + policy.tls12CipherSuites());
        }
        suite = fallback;
        certificate = fallbackKey;
        signatureScheme = fallbackScheme;
    }

    /** Our most preferred scheme the client accepts that {@code key} can sign with for {@code s}, or null. */
    private SignatureScheme schemeFor(CertifiedKey key, CipherSuite s, List<SignatureScheme> clientSchemes,
            Set<Integer> clientGroups) {
        if (!Tls12Signatures.keyFitsSuite(key.publicKey(), s)) {
            return null;
        }
        if (key.publicKey() instanceof java.security.interfaces.ECKey) {
            // RFC 8422 §5.1.1: an ECDSA certificate's curve must be one the client supports.
            NamedGroup curve = Tls12Signatures.curveOf(key.publicKey());
            if (curve == null || (clientGroups != null && !clientGroups.contains(curve.code()))) {
                return null;
            }
        }
        for (SignatureScheme scheme : policy.supportedSignatureSchemes()) {
            if (clientSchemes.contains(scheme) && key.canSign(scheme, false)) {
                return scheme;
            }
        }
        return null;
    }

    /**
     * Our most preferred group the client supports; with no supported_groups, RFC 8422 §4 lets us
     * choose any, so our first.
     */
    private NamedGroup chooseGroup(Set<Integer> clientGroups) throws TlsException {
        for (NamedGroup g : policy.ecdheGroups()) {
            if (clientGroups == null || clientGroups.contains(g.code())) {
                return g;
            }
        }
        throw ErrorCode.HANDSHAKE_FAILURE.exception("no key exchange group in common; policy " + policy.name()
                + " allows " + policy.ecdheGroups());
    }

    /** The client's supported_groups as a set, or null if it sent none. */
    private static Set<Integer> groupSet(byte[] supportedGroups) {
        if (supportedGroups == null) {
            return null;
        }
        Set<Integer> out = new HashSet<>();
        for (int g : SupportedGroupsExtension.decode(supportedGroups)) {
            out.add(g);
        }
        return out;
    }

    private void sendServerHello() throws TlsException {
        serverRandom = new byte[32];
        settings.random().nextBytes(serverRandom);
        if (policy.allowsTls13()) {
            // RFC 8446 §4.1.3: we could have spoken TLS 1.3, so say so where a TLS 1.3 client will look.
            byte[] sentinel = ServerHello.DOWNGRADE_TLS12_SENTINEL();
            System.arraycopy(sentinel, 0, serverRandom, serverRandom.length - SENTINEL_LENGTH, SENTINEL_LENGTH);
        }
        Extensions.Builder ext = Extensions.builder();
        if (secureRenegotiation) {
            ext.add(ExtensionType.RENEGOTIATION_INFO, RenegotiationInfoExtension.encode(new byte[0]));
        }
        if (clientSentServerName) {
            // RFC 6066 §3: an empty server_name acknowledges that we used the client's name.
            ext.add(ExtensionType.SERVER_NAME, new byte[0]);
        }
        if (clientSentPointFormats) {
            // RFC 8422 §5.2: answered only if the client sent the extension.
            ext.add(ExtensionType.EC_POINT_FORMATS,
                    EcPointFormatsExtension.encode(new int[] {EcPointFormatsExtension.UNCOMPRESSED}));
        }
        if (extendedMasterSecret) {
            // RFC 7627 §5.2: echoed only to a client that offered it.
            ext.add(ExtensionType.EXTENDED_MASTER_SECRET, EmptyExtension.encode());
        }
        if (applicationProtocol != null) {
            ext.add(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, AlpnExtension.encode(List.of(applicationProtocol)));
        }
        if (issueTicket) {
            // RFC 5077 §3.2: an empty session_ticket promises a NewSessionTicket.
            ext.add(ExtensionType.SESSION_TICKET, new byte[0]);
        }
        if (stapleOcsp) {
            // RFC 6066 §8: an empty status_request promises a CertificateStatus.
            ext.add(ExtensionType.STATUS_REQUEST, new byte[0]);
        }
        ctx.send(new ServerHello(0x0303, serverRandom, sessionId, suite.code(), 0, ext.build()));
        if (resumed != null) {
            // The abbreviated handshake: keys from the session's master secret and the new randoms.
            keys = Tls12KeySchedule.resumed(suite, resumed.master().clone());
            resumed.wipe();
            keys.log(settings.secretLog(), clientRandom);
            Tls12KeySchedule.Protections p = keys.protections(clientRandom, serverRandom);
            pendingRead = p.clientWrite();
            pendingWrite = p.serverWrite();
        }
    }

    private void sendServerKeyExchange() throws TlsException {
        if (keyShare == null) {
            // Once: an async signature brings us back here with the same share.
            keyShare = group.generateKeyShare(settings.random());
        }
        ServerKeyExchange12 unsigned = new ServerKeyExchange12(ServerKeyExchange12.NAMED_CURVE, group.code(),
                keyShare.publicKey(), signatureScheme.code(), new byte[0]);
        byte[] signed = Tls12Signatures.signedParams(clientRandom, serverRandom, unsigned.signedParams());
        byte[] signature = signer.sign(certificate, signatureScheme, signed);
        ctx.send(new ServerKeyExchange12(ServerKeyExchange12.NAMED_CURVE, group.code(), keyShare.publicKey(),
                signatureScheme.code(), signature));
    }

    /**
     * RFC 5246 §7.4.6: the client's chain. An empty one is an OPTIONAL server's "no certificate"
     * (NO_CLIENT_CERT: no CertificateVerify follows) and a REQUIRED server's handshake_failure.
     */
    private void readClientCertificate(Received received) throws TlsException {
        Certificate12 message = Certificate12.decode(received.body());
        if (message.certificates().isEmpty()) {
            if (settings.clientAuth() == ClientAuth.REQUIRED) {
                throw ErrorCode.HANDSHAKE_FAILURE.exception("client sent no certificate, and this server requires one");
            }
            ctx.addHandshakeType(HandshakeType.NO_CLIENT_CERT);
            ctx.transcript().add(received.raw());
            return;
        }
        List<java.security.cert.X509Certificate> chain = PeerCertificates.parse(message.certificates());
        java.security.PublicKey key = chain.get(0).getPublicKey();
        if (!ClientAuthentication.typeRequested(key, ClientAuthentication.certificateTypes())) {
            // RFC 5246 §7.4.6: the certificate MUST be of a type the CertificateRequest listed.
            throw ErrorCode.CERT_UNSUPPORTED.exception("client's " + key.getAlgorithm()
                    + " certificate is of no type our CertificateRequest listed");
        }
        PeerCertificates.verify(settings, chain, false);
        clientKey = key;
        ctx.negotiated().setPeerCertificates(message.certificates());
        ctx.transcript().add(received.raw());
    }

    /** RFC 5246 §7.4.8: a scheme we listed, fitting the client's key, over every handshake message before it. */
    private void readClientCertificateVerify(Received received) throws TlsException {
        CertificateVerify verify = CertificateVerify.decode(received.body());
        SignatureScheme scheme = ClientAuthentication.verifyScheme(verify.signatureScheme(), requestedSchemes, clientKey, false);
        if (!scheme.verify(clientKey, ctx.transcript().bufferedBytes(), verify.signature())) {
            throw ErrorCode.DECRYPT_ERROR.exception("client's CertificateVerify signature does not verify");
        }
        ctx.negotiated().setClientSignatureScheme(scheme);
        clientKey = null;
        ctx.transcript().add(received.raw());
    }

    private void readClientKeyExchange(Received received) throws TlsException {
        ClientKeyExchange12 cke = ClientKeyExchange12.decode(received.body());
        try (SecretBytes preMaster = keyShare.agree(cke.publicKey())) {
            ctx.transcript().add(received.raw());
            // RFC 7627 §4: the session hash covers every message through ClientKeyExchange.
            keys = extendedMasterSecret
                    ? Tls12KeySchedule.extended(suite, preMaster, ctx.transcript().currentHash())
                    : Tls12KeySchedule.legacy(suite, preMaster, clientRandom, serverRandom);
        } finally {
            keyShare.close();
            keyShare = null;
        }
        keys.log(settings.secretLog(), clientRandom);
        Tls12KeySchedule.Protections p = keys.protections(clientRandom, serverRandom);
        pendingRead = p.clientWrite();
        pendingWrite = p.serverWrite();
    }

    private void readClientFinished(Received received) throws TlsException {
        Finished finished = Finished.decode(received.body());
        byte[] expected = keys.clientVerifyData(ctx.transcript().currentHash());
        if (finished.verifyData().length != expected.length) {
            throw ErrorCode.DECODE.exception("client Finished has " + finished.verifyData().length + " bytes, expected "
                    + expected.length);
        }
        if (!MessageDigest.isEqual(expected, finished.verifyData())) {
            throw ErrorCode.DECRYPT_ERROR.exception("client Finished does not verify");
        }
        ctx.transcript().add(received.raw());
        if (resumed != null) {
            // The abbreviated handshake ends with the client's Finished.
            close();
        }
    }

    private void sendServerFinished() throws TlsException {
        ctx.send(new Finished(keys.serverVerifyData(ctx.transcript().currentHash())));
        if (resumed != null) {
            return;
        }
        if (sessionId.length > 0) {
            long now = settings.clock().millis();
            byte[] entry = sealSession(now);
            if (entry != null) {
                settings.resumption().cache().store(sessionId.clone(), entry,
                        java.time.Duration.ofMillis(settings.resumption().sessionStateLifetimeMillis()));
            }
        }
        close();
    }

    @Override
    public void collectSecrets(java.util.List<byte[]> out) {
        if (keys != null) {
            keys.collectSecrets(out);
        }
    }

    /**
     * s2n deletes a session-cache entry when a handshake that involves it fails: the one it
     * resumed or the one it would have stored.
     */
    @Override
    public void failed() {
        SessionCacheRef.delete(settings.resumption(), sessionId);
    }

    @Override
    public void close() {
        if (resumed != null) {
            resumed.wipe();
        }
        if (keyShare != null) {
            keyShare.close();
            keyShare = null;
        }
        if (keys != null) {
            keys.close();
        }
        if (pendingRead != null) {
            pendingRead.close();
            pendingRead = null;
        }
        if (pendingWrite != null) {
            pendingWrite.close();
            pendingWrite = null;
        }
    }
}
