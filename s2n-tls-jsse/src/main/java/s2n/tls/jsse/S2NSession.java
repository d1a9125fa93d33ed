package s2n.tls.jsse;

import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;

/**
 * One connection's session as JSSE sees it, reading the {@link Connection}'s results live: it
 * serves as the handshake session while the handshake runs (what the trust and key managers ask)
 * and as {@code getSession()} once it completed. {@link #getId()} is a random identifier of this
 * object, not a resumable TLS session ID: this provider does not resume sessions (docs/jsse.md).
 */
final class S2NSession extends ExtendedSSLSession {
    /** RFC 8446 §5.1: 2^14 bytes of plaintext per record. */
    static final int APPLICATION_BUFFER_SIZE = 16_384;
    /**
     * The largest record we accept or write: header, 2^14 bytes, and the RFC 8446 §5.2 expansion
     * limit of 256 (the JDK's SSLRecord.maxRecordSize is the same number).
     */
    static final int PACKET_BUFFER_SIZE = 16_709;
    private static final String NULL_SUITE = "SSL_NULL_WITH_NULL_NULL";

    private final Connection conn;
    private final String peerHost;
    private final int peerPort;
    private final SSLSessionContext context;
    private final byte[] id;
    private final long creationTime = System.currentTimeMillis();
    private volatile long lastAccessedTime = creationTime;
    private final Map<String, Object> values = new HashMap<>();
    private volatile boolean invalidated;
    private volatile boolean established;
    private volatile boolean resumed;
    private volatile X509Certificate[] peerCertificates;
    private volatile List<SNIServerName> requestedServerNames = List.of();
    private volatile String[] peerSignatureAlgorithms = new String[0];
    private volatile String[] localSignatureAlgorithms = new String[0];
    /** The chains this side offered, by key type; the one used is chosen by the negotiated scheme. */
    private volatile Map<String, X509Certificate[]> localChains = Map.of();

    S2NSession(Connection conn, String peerHost, int peerPort, SSLSessionContext context, byte[] id) {
        this.conn = conn;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.context = context;
        this.id = id;
    }

    /** A session before any handshake: protocol NONE, suite SSL_NULL_WITH_NULL_NULL, not valid (as the JDK's). */
    static S2NSession notEstablished(String peerHost, int peerPort) {
        return new S2NSession(null, peerHost, peerPort, null, new byte[0]);
    }

    void established() {
        established = true;
        lastAccessedTime = System.currentTimeMillis();
        if (conn != null && peerCertificates == null && !conn.peerCertificates().isEmpty()) {
            peerCertificates = conn.peerCertificates().toArray(new X509Certificate[0]);
        }
    }

    void setResumed(boolean resumed) {
        this.resumed = resumed;
    }

    /** Whether the handshake resumed an earlier session (no certificates were exchanged). */
    boolean resumed() {
        return resumed;
    }

    /** Whether the handshake completed (invalidate() aside). */
    boolean isEstablished() {
        return established;
    }

    void accessed() {
        lastAccessedTime = System.currentTimeMillis();
    }

    void setPeerCertificates(X509Certificate[] chain) {
        this.peerCertificates = chain.clone();
    }

    void setRequestedServerNames(List<SNIServerName> names) {
        this.requestedServerNames = List.copyOf(names);
    }

    void setPeerSignatureAlgorithms(String[] algorithms) {
        this.peerSignatureAlgorithms = algorithms.clone();
    }

    void setLocalSignatureAlgorithms(String[] algorithms) {
        this.localSignatureAlgorithms = algorithms.clone();
    }

    void setLocalChains(Map<String, X509Certificate[]> chains) {
        this.localChains = Map.copyOf(chains);
    }

    @Override
    public byte[] getId() {
        return id.clone();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return context;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessedTime;
    }

    @Override
    public void invalidate() {
        invalidated = true;
    }

    @Override
    public boolean isValid() {
        return established && !invalidated;
    }

    @Override
    public void putValue(String name, Object value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("name and value must not be null");
        }
        Object old;
        synchronized (values) {
            old = values.put(name, value);
        }
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
        if (value instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) value).valueBound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        synchronized (values) {
            return values.get(name);
        }
    }

    @Override
    public void removeValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        Object old;
        synchronized (values) {
            old = values.remove(name);
        }
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        synchronized (values) {
            return values.keySet().toArray(new String[0]);
        }
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        X509Certificate[] chain = peerCertificates;
        if (chain == null || chain.length == 0) {
            throw new SSLPeerUnverifiedException("the peer presented no certificate (or the handshake has not reached it)");
        }
        return chain.clone();
    }

    @Override
    public Certificate[] getLocalCertificates() {
        X509Certificate[] chain = localChain();
        return chain == null ? null : chain.clone();
    }

    /** The chain this side presented: picked among those offered by the scheme it signed with; null if none. */
    private X509Certificate[] localChain() {
        Map<String, X509Certificate[]> chains = localChains;
        if (conn == null || chains.isEmpty()) {
            return null;
        }
        boolean server = conn.mode() == s2n.tls.Mode.SERVER;
        if (!server && !conn.isClientCertificateUsed()) {
            return null;
        }
        String scheme = server ? conn.signatureScheme() : conn.clientSignatureScheme();
        if (scheme == null) {
            return null;
        }
        return chains.get(KeyTypes.forScheme(scheme));
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        return ((X509Certificate) getPeerCertificates()[0]).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        X509Certificate[] chain = localChain();
        return chain == null ? null : chain[0].getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        String suite = conn == null ? null : conn.cipherSuite();
        return suite == null ? NULL_SUITE : suite;
    }

    @Override
    public String getProtocol() {
        if (conn == null || conn.actualProtocolVersion() == ProtocolVersion.UNKNOWN) {
            return "NONE";
        }
        return conn.actualProtocolVersion().protocolName();
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return PACKET_BUFFER_SIZE;
    }

    @Override
    public int getApplicationBufferSize() {
        return APPLICATION_BUFFER_SIZE;
    }

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return localSignatureAlgorithms.clone();
    }

    /**
     * The signature algorithms the peer offered: a server knows the client's signature_algorithms;
     * a client is not told the server's CertificateRequest list by the core, so it reports none.
     */
    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return peerSignatureAlgorithms.clone();
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        return requestedServerNames;
    }

    @Override
    public List<byte[]> getStatusResponses() {
        byte[] ocsp = conn == null ? null : conn.ocspResponse();
        List<byte[]> out = new ArrayList<>();
        if (ocsp != null) {
            out.add(ocsp);
        }
        return out;
    }

    @Override
    public String toString() {
        return "S2NSession[" + getProtocol() + ", " + getCipherSuite() + "]";
    }
}
