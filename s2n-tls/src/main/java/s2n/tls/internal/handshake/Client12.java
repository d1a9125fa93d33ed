package s2n.tls.internal.handshake;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import s2n.tls.ClientAuth;
import s2n.tls.ProtocolVersion;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
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
import s2n.tls.internal.resumption.Tls12Session;

/**
 * The client side of a TLS 1.2 full handshake with ECDHE (RFC 5246 §7.3, RFC 8422): the server's
 * hello, certificate, signed key exchange and hello-done, then our key exchange, change_cipher_spec
 * and Finished, then the server's change_cipher_spec and Finished. {@code Client13} sends the one
 * ClientHello and hands over here when the server's hello selects TLS 1.2.
 */
final class Client12 implements HandshakeFlow {
    private final HandshakeContext ctx;
    private final Settings settings;
    private final Policy policy;
    private final Signer signer;
    private boolean extendedMasterSecret;
    private final byte[] clientRandom;
    private final byte[] sessionId;
    private final ClientHello sentHello;

    private byte[] serverRandom;
    private CipherSuite suite;
    private PublicKey serverKey;
    private NamedGroup group;
    private byte[] serverShare;
    private Tls12KeySchedule keys;
    private Tls12Protection pendingWrite;
    private Tls12Protection pendingRead;
    /** The chain we present to a CertificateRequest and its scheme; null when we answer with none. */
    private ClientAuthentication.Choice clientCertificate;
    /** The session our ClientHello offered; null for none. */
    private final Tls12Session offered;
    /** Whether the server accepted {@link #offered}: an abbreviated handshake. */
    private boolean resumed;
    /** The server's hello answered our status_request: a CertificateStatus follows its Certificate. */
    private boolean ocspPromised;
    /** The session ID the server's hello gave (empty for none). */
    private byte[] serverSessionId = new byte[0];
    /** The ticket of the server's NewSessionTicket and its lifetime hint; null until one comes. */
    private byte[] newTicket;
    private long newTicketLifetime;

    Client12(HandshakeContext ctx, byte[] clientRandom, byte[] sessionId, ClientHello sentHello, Tls12Session offered) {
        this.ctx = ctx;
        this.settings = ctx.settings();
        this.policy = settings.policy();
        this.signer = new Signer(settings);
        this.clientRandom = clientRandom;
        this.sessionId = sessionId;
        this.sentHello = sentHello;
        this.offered = offered;
    }

    @Override
    public void send(Message message) throws TlsException {
        switch (message) {
            case CLIENT_CERT:
                // RFC 5246 §7.4.6: without a certificate to send, an empty list and no CertificateVerify.
                ctx.send(new Certificate12(clientCertificate == null ? List.of() : clientCertificate.key().chainDer()));
                break;
            case CLIENT_CERT_VERIFY:
                sendCertificateVerify();
                break;
            case CLIENT_KEY:
                sendClientKeyExchange();
                break;
            case CLIENT_CHANGE_CIPHER_SPEC:
                // RFC 5246 §7.1: our records are protected from the one after change_cipher_spec.
                ctx.sendChangeCipherSpec();
                ctx.setWriteProtection(pendingWrite);
                pendingWrite = null;
                break;
            case CLIENT_FINISHED:
                sendClientFinished();
                break;
            default:
                throw ErrorCode.INTERNAL.exception("TLS 1.2 client cannot send " + message);
        }
    }

    @Override
    public void receive(Message message, Received received) throws TlsException {
        switch (message) {
            case SERVER_CERT:
                readServerCertificate(received);
                break;
            case SERVER_KEY:
                readServerKeyExchange(received);
                break;
            case SERVER_CERT_REQ:
                readCertificateRequest(received);
                break;
            case SERVER_HELLO_DONE:
                ServerHelloDone.decode(received.body());
                if (settings.clientAuth() == ClientAuth.REQUIRED && (ctx.handshakeType() & HandshakeType.CLIENT_AUTH) == 0) {
                    // RFC 5246 §7.4.4: the CertificateRequest comes before ServerHelloDone, or not at all.
                    throw ClientAuthentication.notRequested();
                }
                ctx.transcript().add(received.raw());
                break;
            case SERVER_CHANGE_CIPHER_SPEC:
                ctx.setReadProtection(pendingRead);
                pendingRead = null;
                break;
            case SERVER_FINISHED:
                readServerFinished(received);
                break;
            case SERVER_NEW_SESSION_TICKET:
                readNewSessionTicket(received);
                break;
            case SERVER_CERT_STATUS:
                ctx.negotiated().setOcspResponse(
                        s2n.tls.internal.handshake.message.CertificateStatus12.decode(received.body()).ocspResponse());
                PeerCertificates.checkOcsp(settings, ctx.negotiated().peerCertificates(), ctx.negotiated().ocspResponse());
                ctx.transcript().add(received.raw());
                break;
            default:
                throw ErrorCode.INTERNAL.exception("TLS 1.2 client cannot receive " + message);
        }
    }

    /** The ServerHello that selected TLS 1.2; {@code Client13} already checked legacy_version and the downgrade sentinel. */
    void readServerHello(ServerHello hello, Received received) throws TlsException {
        boolean echoed = sessionId.length > 0 && MessageDigest.isEqual(hello.legacySessionIdEcho(), sessionId);
        if (echoed && offered == null) {
            // RFC 5246 §7.4.1.3: an echoed session id means resumption, and we offered no session.
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server resumes a session we did not offer");
        }
        resumed = echoed;
        serverSessionId = hello.legacySessionIdEcho();
        if (hello.compressionMethod() != 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("ServerHello selects compression method " + hello.compressionMethod());
        }
        CipherSuite chosen = CipherSuite.of(hello.cipherSuite());
        if (!policy.tls12CipherSuites().contains(chosen)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server selected cipher suite " + chosen
                    + ", which we did not offer for TLS 1.2");
        }
        suite = chosen;
        boolean ticketPromised = checkServerHelloExtensions(hello.extensions());
        serverRandom = hello.random();
        if (resumed) {
            resumeOffered(hello, received, ticketPromised);
            return;
        }
        if (settings.clientAuth() != ClientAuth.NONE && !settings.certificates().isEmpty()) {
            // Should the server ask, our CertificateVerify signs the messages themselves (RFC 5246 §7.4.8).
            ctx.transcript().retainBytes();
        }
        ctx.transcript().selectHash(suite.hash());
        ctx.transcript().add(received.raw());

        Negotiated n = ctx.negotiated();
        n.setActualVersion(ProtocolVersion.TLS12);
        // s2n's meaning on a client: the version the server's hello revealed.
        n.setServerVersion(ProtocolVersion.TLS12);
        n.setCipherSuite(suite);
        if (settings.serverName() != null) {
            n.setServerName(settings.serverName());
        }
        ctx.addHandshakeType(HandshakeType.NEGOTIATED | HandshakeType.FULL_HANDSHAKE
                | HandshakeType.TLS12_PERFECT_FORWARD_SECRECY | (ticketPromised ? HandshakeType.WITH_SESSION_TICKET : 0)
                | (ocspPromised ? HandshakeType.OCSP_STATUS : 0));
    }

    /**
     * The server resumes the session we offered (RFC 5246 §7.3): with its suite (§7.4.1.3) and the
     * extended master secret it was made with (RFC 7627 §5.3), keys from its master secret.
     */
    private void resumeOffered(ServerHello hello, Received received, boolean ticketPromised) throws TlsException {
        if (!suite.equals(offered.suite())) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server resumed our " + offered.suite() + " session with " + suite);
        }
        if (!extendedMasterSecret) {
            throw ErrorCode.HANDSHAKE_FAILURE.exception("server resumed our session without the extended master secret "
                    + "it was made with (RFC 7627 §5.3)");
        }
        if (ocspPromised) {
            // An abbreviated handshake sends no Certificate, so no CertificateStatus either.
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server promises a CertificateStatus in a resumed handshake");
        }
        ctx.transcript().selectHash(suite.hash());
        ctx.transcript().add(received.raw());
        keys = Tls12KeySchedule.resumed(suite, offered.master().clone());
        keys.log(settings.secretLog(), clientRandom);
        Tls12KeySchedule.Protections p = keys.protections(clientRandom, serverRandom);
        pendingWrite = p.clientWrite();
        pendingRead = p.serverWrite();
        Negotiated n = ctx.negotiated();
        n.setActualVersion(ProtocolVersion.TLS12);
        n.setServerVersion(ProtocolVersion.TLS12);
        n.setCipherSuite(suite);
        if (settings.serverName() != null) {
            n.setServerName(settings.serverName());
        }
        ctx.addHandshakeType(HandshakeType.NEGOTIATED | (ticketPromised ? HandshakeType.WITH_SESSION_TICKET : 0));
    }

    /** RFC 5077 §3.3: a ticket for the next connection; an empty one means the server kept none. */
    private void readNewSessionTicket(Received received) throws TlsException {
        NewSessionTicket12 ticket = NewSessionTicket12.decode(received.body());
        ctx.transcript().add(received.raw());
        if (ticket.ticket().length > 0) {
            newTicket = ticket.ticket();
            newTicketLifetime = ticket.lifetimeHint();
        }
    }

    /**
     * What this handshake leaves to resume with, for {@code Connection.session()}: the server's
     * new ticket, else the session ID it gave, else (resumed) the ticket we offered; kept only
     * by a client that keeps sessions, and only with the extended master secret.
     */
    private void keepSession() {
        Resumption r = settings.resumption();
        if (!r.keepTickets() || !extendedMasterSecret) {
            return;
        }
        long now = settings.clock().millis();
        long stateLifetime = r.sessionStateLifetimeMillis() / 1000;
        byte[] id = new byte[0];
        byte[] ticket = new byte[0];
        long issued = now;
        long lifetime = stateLifetime;
        if (newTicket != null) {
            ticket = newTicket;
            // RFC 5077 §5.6: 0 means the server gave no hint.
            lifetime = newTicketLifetime == 0 ? stateLifetime : Math.min(newTicketLifetime, stateLifetime);
        } else if (resumed) {
            id = offered.sessionId();
            ticket = offered.ticket();
            issued = offered.issuedMillis();
            lifetime = offered.lifetimeSeconds();
        } else if (serverSessionId.length > 0) {
            id = serverSessionId;
        } else {
            return;
        }
        Tls12Session s = new Tls12Session(suite, keys.masterCopy(), issued, lifetime,
                ctx.negotiated().applicationProtocol(), settings.serverName(), id, ticket);
        ctx.negotiated().setTls12Session(s.encodeClientSession(), newTicket == null ? -1 : lifetime);
        s.wipe();
    }

    /**
     * RFC 5246 §7.4.1.4: only extensions we offered, each once; renegotiation_info is the one
     * exception (RFC 5746 §3.6: we signalled with the SCSV instead).
     */
    private boolean checkServerHelloExtensions(Extensions extensions) throws TlsException {
        int duplicate = extensions.firstDuplicate();
        if (duplicate >= 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("ServerHello carries " + ExtensionType.name(duplicate) + " twice");
        }
        boolean extendedMasterSecret = false;
        boolean ticketPromised = false;
        for (Extensions.Extension e : extensions.list()) {
            if (e.type() != ExtensionType.RENEGOTIATION_INFO && !sentHello.extensions().contains(e.type())) {
                throw ErrorCode.UNSUPPORTED_EXTENSION.exception("ServerHello carries " + ExtensionType.name(e.type())
                        + ", which we did not offer");
            }
            switch (e.type()) {
                case ExtensionType.RENEGOTIATION_INFO:
                    if (RenegotiationInfoExtension.decode(e.data()).length != 0) {
                        // RFC 5746 §3.4
                        throw ErrorCode.HANDSHAKE_FAILURE.exception("renegotiation_info is not empty on an initial handshake");
                    }
                    break;
                case ExtensionType.EXTENDED_MASTER_SECRET:
                    EmptyExtension.decode(e.data());
                    extendedMasterSecret = true;
                    break;
                case ExtensionType.EC_POINT_FORMATS:
                    requireUncompressed(EcPointFormatsExtension.decode(e.data()));
                    break;
                case ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION:
                    readApplicationProtocol(e.data());
                    break;
                case ExtensionType.SERVER_NAME:
                    if (!ServerNameExtension.isEmptyAcknowledgement(e.data())) {
                        throw ErrorCode.DECODE.exception("server_name in ServerHello must be empty");
                    }
                    break;
                case ExtensionType.STATUS_REQUEST:
                    if (e.data().length != 0) {
                        // RFC 6066 §8: the server's status_request is empty.
                        throw ErrorCode.DECODE.exception("status_request in ServerHello must be empty");
                    }
                    ocspPromised = true;
                    break;
                case ExtensionType.SESSION_TICKET:
                    if (e.data().length != 0) {
                        // RFC 5077 §3.2: the server's SessionTicket extension is empty.
                        throw ErrorCode.DECODE.exception("session_ticket in ServerHello must be empty");
                    }
                    ticketPromised = true;
                    break;
                default:
                    // Offered for TLS 1.3 only (key_share, signature_algorithms_cert, ...).
                    throw ErrorCode.ILLEGAL_PARAMETER.exception(ExtensionType.name(e.type())
                            + " is not allowed in a TLS 1.2 ServerHello");
            }
        }
        if (!extendedMasterSecret && policy.requiresExtendedMasterSecret()) {
            // RFC 7627 §5.2: a client that requires the extension may abort a full handshake without it.
            throw ErrorCode.HANDSHAKE_FAILURE.exception("server does not support extended_master_secret (RFC 7627), "
                    + "which policy " + policy.name() + " requires for TLS 1.2");
        }
        this.extendedMasterSecret = extendedMasterSecret;
        ctx.negotiated().setExtendedMasterSecret(extendedMasterSecret);
        return ticketPromised;
    }

    static void requireUncompressed(int[] formats) throws TlsException {
        for (int f : formats) {
            if (f == EcPointFormatsExtension.UNCOMPRESSED) {
                return;
            }
        }
        // RFC 8422 §5.1.2: uncompressed points are the one format everyone must accept.
        throw ErrorCode.ILLEGAL_PARAMETER.exception("ec_point_formats does not include uncompressed");
    }

    private void readApplicationProtocol(byte[] data) throws TlsException {
        List<String> selected = AlpnExtension.decode(data);
        // RFC 7301 §3.1: exactly one protocol, one the client offered.
        if (selected.size() != 1 || !settings.applicationProtocols().contains(selected.get(0))) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server selected application protocol " + selected
                    + ", we offered " + settings.applicationProtocols());
        }
        ctx.negotiated().setApplicationProtocol(selected.get(0));
    }

    private void readServerCertificate(Received received) throws TlsException {
        Certificate12 message = Certificate12.decode(received.body());
        if (message.certificates().isEmpty()) {
            throw ErrorCode.DECODE.exception("server sent an empty Certificate message");
        }
        List<X509Certificate> chain = PeerCertificates.parse(message.certificates());
        PeerCertificates.verify(settings, chain, true);
        PublicKey key = chain.get(0).getPublicKey();
        if (!Tls12Signatures.keyFitsSuite(key, suite)) {
            // RFC 5246 §7.4.2: the certificate must suit the negotiated key exchange.
            throw ErrorCode.CERT_UNSUPPORTED.exception("server's " + key.getAlgorithm() + " certificate cannot authenticate "
                    + suite);
        }
        NamedGroup curve = Tls12Signatures.curveOf(key);
        if (key instanceof java.security.interfaces.ECKey && (curve == null || !policy.ecdheGroups().contains(curve))) {
            // RFC 8422 §5.1.1: the server's ECDSA key must be on a curve we listed.
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server's ECDSA certificate is on " + (curve == null ? "an unknown curve"
                    : curve.name()) + ", which we did not offer");
        }
        serverKey = key;
        ctx.negotiated().setPeerCertificates(message.certificates());
        ctx.transcript().add(received.raw());
    }

    private void readServerKeyExchange(Received received) throws TlsException {
        ServerKeyExchange12 ske = ServerKeyExchange12.decode(received.body());
        NamedGroup offeredGroup = NamedGroup.of(ske.namedGroup());
        if (!policy.ecdheGroups().contains(offeredGroup)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server chose group " + offeredGroup + ", which we did not offer");
        }
        SignatureScheme scheme = SignatureScheme.of(ske.signatureScheme());
        if (!policy.supportedSignatureSchemes().contains(scheme)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server signed with " + scheme + ", which we did not offer");
        }
        if (!scheme.supportsKey(serverKey, false)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("server signed with " + scheme
                    + ", which does not fit its certificate's " + serverKey.getAlgorithm() + " key");
        }
        byte[] signed = Tls12Signatures.signedParams(clientRandom, serverRandom, ske.signedParams());
        if (!scheme.verify(serverKey, signed, ske.signature())) {
            throw ErrorCode.DECRYPT_ERROR.exception("server's ServerKeyExchange signature does not verify");
        }
        group = offeredGroup;
        serverShare = ske.publicKey();
        ctx.negotiated().setGroup(group);
        ctx.negotiated().setSignatureScheme(scheme);
        ctx.transcript().add(received.raw());
    }

    /**
     * RFC 5246 §7.4.4: the certificate types, signature algorithms and CAs the server accepts.
     * We choose our answer here: a chain of an asked-for type whose key signs with an asked-for
     * scheme (one under a named CA first), or none (an empty Certificate).
     */
    private void readCertificateRequest(Received received) throws TlsException {
        CertificateRequest12 request = CertificateRequest12.decode(received.body());
        clientCertificate = ClientAuthentication.choose(settings, request.signatureSchemes(), false,
                request.certificateTypes(), request.certificateAuthorities());
        if (clientCertificate == null && settings.clientAuth() == ClientAuth.REQUIRED) {
            throw ClientAuthentication.noFittingCertificate(settings);
        }
        if (clientCertificate != null) {
            // The table with CLIENT_AUTH alone adds our CertificateVerify after the key exchange.
            ctx.clearHandshakeType(HandshakeType.NO_CLIENT_CERT);
        }
        ctx.transcript().add(received.raw());
    }

    /** RFC 5246 §7.4.8: a signature over every handshake message so far, with the scheme's own hash. */
    private void sendCertificateVerify() throws TlsException {
        SignatureScheme scheme = clientCertificate.scheme();
        byte[] signature = signer.sign(clientCertificate.key(), scheme, ctx.transcript().bufferedBytes());
        ctx.send(new CertificateVerify(scheme.code(), signature));
        ctx.negotiated().setClientSignatureScheme(scheme);
    }

    private void sendClientKeyExchange() throws TlsException {
        try (KeyShare share = group.generateKeyShare(settings.random());
                SecretBytes preMaster = share.agree(serverShare)) {
            ctx.send(new ClientKeyExchange12(share.publicKey()));
            // RFC 7627 §4: the session hash covers every message through ClientKeyExchange.
            keys = extendedMasterSecret
                    ? Tls12KeySchedule.extended(suite, preMaster, ctx.transcript().currentHash())
                    : Tls12KeySchedule.legacy(suite, preMaster, clientRandom, serverRandom);
        }
        keys.log(settings.secretLog(), clientRandom);
        Tls12KeySchedule.Protections p = keys.protections(clientRandom, serverRandom);
        pendingWrite = p.clientWrite();
        pendingRead = p.serverWrite();
    }

    private void sendClientFinished() throws TlsException {
        ctx.send(new Finished(keys.clientVerifyData(ctx.transcript().currentHash())));
        if (resumed) {
            // The abbreviated handshake ends with our Finished.
            keepSession();
            close();
        }
    }

    private void readServerFinished(Received received) throws TlsException {
        Finished finished = Finished.decode(received.body());
        byte[] expected = keys.serverVerifyData(ctx.transcript().currentHash());
        if (finished.verifyData().length != expected.length) {
            throw ErrorCode.DECODE.exception("server Finished has " + finished.verifyData().length + " bytes, expected "
                    + expected.length);
        }
        if (!MessageDigest.isEqual(expected, finished.verifyData())) {
            throw ErrorCode.DECRYPT_ERROR.exception("server Finished does not verify");
        }
        ctx.transcript().add(received.raw());
        if (!resumed) {
            keepSession();
            close();
        }
    }

    @Override
    public void collectSecrets(java.util.List<byte[]> out) {
        if (keys != null) {
            keys.collectSecrets(out);
        }
    }

    @Override
    public void close() {
        // The offered session is the connection's (session() may hand it out again): not ours to wipe.
        if (keys != null) {
            keys.close();
        }
        if (pendingWrite != null) {
            pendingWrite.close();
            pendingWrite = null;
        }
        if (pendingRead != null) {
            pendingRead.close();
            pendingRead = null;
        }
    }
}
