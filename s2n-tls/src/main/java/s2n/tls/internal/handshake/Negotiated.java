package s2n.tls.internal.handshake;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import s2n.tls.ProtocolVersion;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.crypto.SignatureScheme;

/**
 * What a handshake decided, kept after the handshake state is freed so the connection's getters
 * keep answering. Small on purpose: peer certificates are kept as DER and parsed on demand.
 */
public final class Negotiated {
    private ProtocolVersion actualVersion = ProtocolVersion.UNKNOWN;
    private ProtocolVersion clientVersion = ProtocolVersion.UNKNOWN;
    private ProtocolVersion serverVersion = ProtocolVersion.UNKNOWN;
    private CipherSuite cipherSuite;
    private NamedGroup group;
    private SignatureScheme signatureScheme;
    private SignatureScheme clientSignatureScheme;
    private String applicationProtocol;
    private String serverName;
    private int handshakeType;
    private boolean tls13Names = true;
    private List<byte[]> peerCertificates = List.of();
    private boolean extendedMasterSecret;
    /** A client's TLS 1.3 resumption_master_secret, kept to turn later tickets into PSKs; null if it keeps none. */
    private SecretBytes resumptionSecret;
    /** A TLS 1.2 client's session from this handshake, encoded; null if it keeps none. */
    private byte[] tls12Session;
    /** The lifetime of the TLS 1.2 ticket that came with it, in seconds; -1 if none came. */
    private long tls12TicketLifetime = -1;
    private s2n.tls.EarlyDataStatus earlyDataStatus = s2n.tls.EarlyDataStatus.NOT_REQUESTED;
    /** A server's: the max_early_data of the TLS 1.3 ticket it resumed; -1 without one. */
    private long ticketMaxEarlyData = -1;
    private byte[] ocspResponse;

    /** The version the handshake settled on (s2n's actual protocol version). */
    public ProtocolVersion actualVersion() {
        return actualVersion;
    }

    public void setActualVersion(ProtocolVersion v) {
        actualVersion = v;
        tls13Names = v != ProtocolVersion.TLS12 && v != ProtocolVersion.TLS11 && v != ProtocolVersion.TLS10;
    }

    /**
     * The highest version the client advertised (s2n's client protocol version): a client's own
     * maximum under its policy; on a server, the highest known version in the client's
     * supported_versions, or its legacy_version (at most TLS 1.2) when it sent none.
     */
    public ProtocolVersion clientVersion() {
        return clientVersion;
    }

    public void setClientVersion(ProtocolVersion v) {
        clientVersion = v;
    }

    /**
     * The highest version the server supports (s2n's server protocol version): a server's own
     * maximum under its policy; on a client, the version the ServerHello selected, so TLS 1.2 for
     * any TLS 1.2 handshake even if the server could speak TLS 1.3 (s2n's client does the same).
     */
    public ProtocolVersion serverVersion() {
        return serverVersion;
    }

    public void setServerVersion(ProtocolVersion v) {
        serverVersion = v;
    }

    public CipherSuite cipherSuite() {
        return cipherSuite;
    }

    public void setCipherSuite(CipherSuite s) {
        cipherSuite = s;
    }

    public NamedGroup group() {
        return group;
    }

    public void setGroup(NamedGroup g) {
        group = g;
    }

    public SignatureScheme signatureScheme() {
        return signatureScheme;
    }

    public void setSignatureScheme(SignatureScheme s) {
        signatureScheme = s;
    }

    /** The scheme of the client's CertificateVerify; null when the client sent no certificate. */
    public SignatureScheme clientSignatureScheme() {
        return clientSignatureScheme;
    }

    public void setClientSignatureScheme(SignatureScheme s) {
        clientSignatureScheme = s;
    }

    public String applicationProtocol() {
        return applicationProtocol;
    }

    public void setApplicationProtocol(String p) {
        applicationProtocol = p;
    }

    public String serverName() {
        return serverName;
    }

    public void setServerName(String n) {
        serverName = n;
    }

    public int handshakeType() {
        return handshakeType;
    }

    public void setHandshakeType(int t) {
        handshakeType = t;
    }

    /** s2n's name for the handshake type, e.g. {@code NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT}. */
    public String handshakeTypeName() {
        return HandshakeType.name(handshakeType, tls13Names);
    }

    /**
     * Whether this TLS 1.2 handshake derived its master secret with the extended master secret
     * (RFC 7627 §4); false for TLS 1.3, which has no such choice. A session resumed from this one
     * must make the same choice (RFC 7627 §5.3).
     */
    public boolean extendedMasterSecret() {
        return extendedMasterSecret;
    }

    public void setExtendedMasterSecret(boolean used) {
        extendedMasterSecret = used;
    }

    public void setPeerCertificates(List<byte[]> der) {
        peerCertificates = Collections.unmodifiableList(new ArrayList<>(der));
    }

    /** The peer's certificate chain as sent, leaf first; empty if none was received. */
    public List<X509Certificate> peerCertificates() {
        if (peerCertificates.isEmpty()) {
            return List.of();
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>(peerCertificates.size());
            for (byte[] d : peerCertificates) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(d)));
            }
            return Collections.unmodifiableList(out);
        } catch (CertificateException e) {
            // These bytes were parsed once already during the handshake.
            throw new IllegalStateException("peer certificate no longer parses", e);
        }
    }

    /** A TLS 1.3 client's resumption_master_secret, or null. */
    public SecretBytes resumptionSecret() {
        return resumptionSecret;
    }

    /** Takes ownership of {@code secret} (zeroing any earlier one). */
    public void setResumptionSecret(SecretBytes secret) {
        if (resumptionSecret != null) {
            resumptionSecret.close();
        }
        resumptionSecret = secret;
    }

    /** A TLS 1.2 client's session from this handshake (not a copy); null if it keeps none. */
    public byte[] tls12Session() {
        return tls12Session;
    }

    /** The lifetime of the ticket the TLS 1.2 session came with, in seconds; -1 if it came with none. */
    public long tls12TicketLifetime() {
        return tls12TicketLifetime;
    }

    /** Takes ownership of {@code session} (zeroing an earlier one). */
    public void setTls12Session(byte[] session, long ticketLifetime) {
        if (tls12Session != null) {
            java.util.Arrays.fill(tls12Session, (byte) 0);
        }
        tls12Session = session;
        tls12TicketLifetime = ticketLifetime;
    }

    /** The OCSP response the server stapled, or null. */
    public byte[] ocspResponse() {
        return ocspResponse;
    }

    public void setOcspResponse(byte[] response) {
        ocspResponse = response;
    }

    /** What became of early data (RFC 8446 §4.2.10). */
    public s2n.tls.EarlyDataStatus earlyDataStatus() {
        return earlyDataStatus;
    }

    public void setEarlyDataStatus(s2n.tls.EarlyDataStatus status) {
        earlyDataStatus = status;
    }

    /** A server's: the max_early_data of the TLS 1.3 ticket it resumed; -1 if it resumed none. */
    public long ticketMaxEarlyData() {
        return ticketMaxEarlyData;
    }

    public void setTicketMaxEarlyData(long bytes) {
        ticketMaxEarlyData = bytes;
    }

    /** Whether the handshake resumed a session: negotiated, and not a full handshake. */
    public boolean resumed() {
        return (handshakeType & HandshakeType.NEGOTIATED) != 0 && (handshakeType & HandshakeType.FULL_HANDSHAKE) == 0;
    }

    /** Forgets everything, for a wiped connection; zeroes the resumption secret. */
    public void reset() {
        setResumptionSecret(null);
        setTls12Session(null, -1);
        earlyDataStatus = s2n.tls.EarlyDataStatus.NOT_REQUESTED;
        ticketMaxEarlyData = -1;
        ocspResponse = null;
        actualVersion = ProtocolVersion.UNKNOWN;
        clientVersion = ProtocolVersion.UNKNOWN;
        serverVersion = ProtocolVersion.UNKNOWN;
        cipherSuite = null;
        group = null;
        signatureScheme = null;
        clientSignatureScheme = null;
        applicationProtocol = null;
        serverName = null;
        handshakeType = 0;
        tls13Names = true;
        peerCertificates = List.of();
        extendedMasterSecret = false;
    }
}
