package s2n.tls.jsse;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import s2n.tls.ClientAuth;
import s2n.tls.ClientHelloCallback;
import s2n.tls.ClientHelloInfo;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;
import s2n.tls.TlsException;

/**
 * One handshake's set-up, shared by the engine and the socket: the {@link Connection} and its
 * {@link Config} made from the SSLParameters, the key manager's chains, and the trust manager
 * wired in as the certificate check.
 *
 * <p>Trust: the core's own X.509 validation is switched off ({@code disableX509Verification}) and
 * its {@link s2n.tls.CertificateValidationCallback} calls the trust manager instead, so the trust
 * manager alone decides (as in the JDK, it also does endpoint identification when given the engine
 * or socket). Its refusal makes the core fail the handshake with bad_certificate; the
 * {@link CertificateException} becomes the cause of the {@link SSLHandshakeException}.
 *
 * <p>Server certificates: chosen in the core's client hello callback, once the client's SNI and
 * signature algorithms are known (the handshake session shows them to the key manager), one chain
 * per key type the key manager has an alias for; the core then serves the one that fits.
 */
final class Handshaker {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");
    private static final int SIGNATURE_ALGORITHMS = 13;

    final Connection conn;
    final S2NSession session;
    private final ContextState state;
    private final Endpoint endpoint;
    private final SSLParameters params;
    private final SecurityPolicy policy;
    private volatile Exception trustFailure;
    private volatile String rejection;
    /** The context's resumption state (null if it is not ours). */
    private final S2NSessionContext sessions;
    /** A client's cache key: the peer's host and port; null when the engine or socket does not know them. */
    private final String peer;
    /** The session a client offers, from the cache; null if none. */
    private S2NSessionContext.Kept offered;

    Handshaker(ContextState state, Endpoint endpoint, boolean client, SSLSessionContext context, boolean sessionCreation)
            throws SSLException {
        this.state = state;
        this.endpoint = endpoint;
        this.params = endpoint.parameters();
        if (!sessionCreation) {
            throw new SSLHandshakeException("session creation is disabled (setEnableSessionCreation(false)) and the S2N "
                    + "provider does not run resumption-only handshakes, so no handshake can succeed");
        }
        this.policy = CipherSuites.policy(params);
        this.conn = new Connection(client ? Mode.CLIENT : Mode.SERVER);
        this.sessions = context instanceof S2NSessionContext ? (S2NSessionContext) context : null;
        // As SunJSSE: a session is resumed only with the peer, and the identity check, it was made with.
        this.peer = client && sessions != null && endpoint.peerHost() != null && endpoint.peerPort() > 0
                ? endpoint.peerHost() + ":" + endpoint.peerPort() + " " + params.getEndpointIdentificationAlgorithm()
                        + " " + params.getServerNames() : null;
        byte[] id = new byte[32];
        state.random.nextBytes(id);
        this.session = new S2NSession(conn, endpoint.peerHost(), endpoint.peerPort(), context, id);
        session.setLocalSignatureAlgorithms(CipherSuites.jcaSignatureAlgorithms(policy.signatureSchemes()));
        if (client) {
            String sni = serverName();
            if (sni != null) {
                conn.setServerName(sni);
                session.setRequestedServerNames(List.of(new SNIHostName(sni)));
            }
            Config.Builder b = builder();
            Map<String, X509Certificate[]> chains = addChains(b, true);
            session.setLocalChains(chains);
            conn.setConfig(b.build());
            offerKeptSession();
        } else {
            conn.setConfig(builder().clientHelloCallback(this::onClientHello).build());
        }
    }

    /** What every config of this handshake has: policy, no blinding (the JDK has none), the trust manager as the check. */
    private Config.Builder builder() {
        Config.Builder b = Config.builder()
                .securityPolicy(policy)
                .secureRandom(state.random)
                .maxBlindingDelay(Duration.ZERO)
                .disableX509Verification()
                .certificateValidationCallback((c, chain) -> trusted(chain));
        if (conn.mode() == Mode.CLIENT) {
            String[] alpn = params.getApplicationProtocols();
            if (alpn.length > 0) {
                b.applicationProtocols(alpn);
            }
            if (peer != null) {
                b.sessionTicketsEnabled(true)
                        .sessionTicketCallback((c, ticket) -> sessions.keep(peer, ticket.session(), peerChain()));
            }
        } else {
            ClientAuth auth = params.getNeedClientAuth() ? ClientAuth.REQUIRED
                    : params.getWantClientAuth() ? ClientAuth.OPTIONAL : ClientAuth.NONE;
            b.clientAuth(auth);
            if (auth == ClientAuth.NONE && sessions != null) {
                // A resumed handshake carries no client certificate, so a server asking for one does not resume.
                sessions.addTicketKeys(b, state.random);
            }
        }
        return b;
    }

    /** A client offers the session kept for its peer, if any; a session the core cannot read is dropped. */
    private void offerKeptSession() {
        if (peer == null) {
            return;
        }
        S2NSessionContext.Kept kept = sessions.find(peer);
        if (kept == null) {
            return;
        }
        try {
            conn.setSession(kept.session());
            offered = kept;
        } catch (IllegalArgumentException e) {
            sessions.forget(peer);
        }
    }

    /** The peer's chain as this session knows it: from this handshake, or from the one it resumes. */
    private X509Certificate[] peerChain() {
        List<X509Certificate> now = conn.peerCertificates();
        if (!now.isEmpty()) {
            return now.toArray(new X509Certificate[0]);
        }
        return offered == null ? null : offered.peerCertificates();
    }

    /**
     * The handshake completed: the session is established. A client that resumed reports the
     * chain of the full handshake it resumes; it keeps the session it has now for its peer (the
     * TLS 1.2 one; TLS 1.3 tickets come later, through the ticket callback), and drops one the
     * server did not resume.
     */
    void established() {
        boolean resumed = conn.isResumed();
        if (conn.mode() == Mode.CLIENT && resumed && offered != null && offered.peerCertificates() != null) {
            session.setPeerCertificates(offered.peerCertificates());
        }
        session.setResumed(resumed);
        session.established();
        if (peer == null) {
            return;
        }
        if (offered != null && !resumed) {
            sessions.forget(peer);
        }
        byte[] now = conn.session();
        if (now != null && conn.actualProtocolVersion() == ProtocolVersion.TLS12) {
            sessions.keep(peer, now, peerChain());
        } else if (now != null) {
            java.util.Arrays.fill(now, (byte) 0);
        }
    }

    /**
     * The client's SNI: the first SNIHostName of the parameters, else the peer host if it is a
     * dotted name, not an IP literal (the JDK's rule: no SNI for "localhost").
     */
    private String serverName() {
        List<SNIServerName> names = params.getServerNames();
        if (names != null) {
            for (SNIServerName n : names) {
                if (n.getType() == StandardConstants.SNI_HOST_NAME) {
                    return ((SNIHostName) n).getAsciiName();
                }
            }
            return null;
        }
        String host = endpoint.peerHost();
        if (host == null || host.isEmpty() || host.length() > 255 || IP_LITERAL.matcher(host).matches()
                || host.indexOf('.') <= 0 || host.endsWith(".")) {
            return null;
        }
        return host;
    }

    /** Adds one chain per key type the key manager has an alias for; returns them by key type. */
    private Map<String, X509Certificate[]> addChains(Config.Builder b, boolean client) {
        Map<String, X509Certificate[]> out = new LinkedHashMap<>();
        X509ExtendedKeyManager km = state.keyManager;
        if (km == null) {
            return out;
        }
        List<String> aliases = new ArrayList<>();
        for (String type : KeyTypes.ALL) {
            String alias = client ? endpoint.chooseClientAlias(km, new String[] {type}, null)
                    : endpoint.chooseServerAlias(km, type, null);
            if (alias == null || aliases.contains(alias)) {
                continue;
            }
            X509Certificate[] chain = km.getCertificateChain(alias);
            PrivateKey key = km.getPrivateKey(alias);
            if (chain == null || chain.length == 0 || key == null) {
                continue;
            }
            try {
                b.certificateChainAndKey(state.chains.of(key, chain));
            } catch (IllegalArgumentException e) {
                continue; // the key manager's key does not belong to its chain: not a usable alias
            }
            aliases.add(alias);
            out.put(KeyTypes.of(chain[0]), chain);
        }
        return out;
    }

    /** The server's look at the ClientHello: SNI, ALPN selection, then the chains, in a config of their own. */
    private ClientHelloCallback.Result onClientHello(Connection c, ClientHelloInfo hello) {
        try {
            String name = hello.serverName();
            if (name != null) {
                SNIHostName sni = new SNIHostName(name);
                session.setRequestedServerNames(List.of(sni));
                Collection<SNIMatcher> matchers = params.getSNIMatchers();
                if (matchers != null && !matchers.isEmpty() && !matches(matchers, sni)) {
                    return reject("the client's server name " + name + " matches none of the SNIMatchers");
                }
            }
            session.setPeerSignatureAlgorithms(peerSignatureAlgorithms(hello.extension(SIGNATURE_ALGORITHMS)));
            Config.Builder b = builder();
            List<String> offered = hello.applicationProtocols();
            String chosen = endpoint.selectApplicationProtocol(offered);
            if (chosen == Endpoint.NO_SELECTOR) {
                String[] alpn = params.getApplicationProtocols();
                if (alpn.length > 0) {
                    b.applicationProtocols(alpn);
                }
            } else if (chosen == null) {
                return reject("the application protocol selector accepted none of " + offered);
            } else if (!chosen.isEmpty()) {
                if (!offered.contains(chosen)) {
                    return reject("the application protocol selector chose " + chosen + ", which the client did not offer "
                            + offered);
                }
                b.applicationProtocols(chosen);
            }
            Map<String, X509Certificate[]> chains = addChains(b, false);
            if (chains.isEmpty()) {
                return reject("no server certificate: the key manager "
                        + (state.keyManager == null ? "is missing (SSLContext.init got none)" : "chose no alias for " + KeyTypes.ALL));
            }
            session.setLocalChains(chains);
            c.setConfig(b.build());
            return ClientHelloCallback.Result.CONTINUE;
        } catch (RuntimeException e) {
            return reject("choosing the server's configuration failed: " + e);
        }
    }

    private ClientHelloCallback.Result reject(String why) {
        rejection = why;
        return ClientHelloCallback.Result.REJECT;
    }

    private static boolean matches(Collection<SNIMatcher> matchers, SNIHostName name) {
        for (SNIMatcher m : matchers) {
            if (m.getType() == StandardConstants.SNI_HOST_NAME && m.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /** signature_algorithms (RFC 8446 §4.2.3): u16 length, then u16 code points. */
    private static String[] peerSignatureAlgorithms(byte[] extension) {
        List<String> schemes = new ArrayList<>();
        if (extension != null && extension.length >= 2) {
            ByteBuffer b = ByteBuffer.wrap(extension);
            int length = Math.min(b.getShort() & 0xffff, b.remaining()) & ~1;
            for (int i = 0; i < length; i += 2) {
                String name = CipherSuites.schemeName(b.getShort() & 0xffff);
                if (name != null) {
                    schemes.add(name);
                }
            }
        }
        return CipherSuites.jcaSignatureAlgorithms(schemes);
    }

    /** The core's certificate check: the trust manager's verdict. */
    private boolean trusted(List<X509Certificate> chain) {
        X509Certificate[] certs = chain.toArray(new X509Certificate[0]);
        session.setPeerCertificates(certs);
        X509TrustManager tm = state.trustManager;
        try {
            if (conn.mode() == Mode.CLIENT) {
                String authType = KeyTypes.serverAuthType(conn.cipherSuite(), conn.actualProtocolVersion() == ProtocolVersion.TLS13);
                if (tm instanceof X509ExtendedTrustManager) {
                    endpoint.checkServerTrusted((X509ExtendedTrustManager) tm, certs, authType);
                } else {
                    tm.checkServerTrusted(certs, authType);
                    HostNameCheck.check(params.getEndpointIdentificationAlgorithm(), serverNameForIdentity(), certs[0]);
                }
            } else {
                String authType = KeyTypes.clientAuthType(certs[0]);
                if (tm instanceof X509ExtendedTrustManager) {
                    endpoint.checkClientTrusted((X509ExtendedTrustManager) tm, certs, authType);
                } else {
                    tm.checkClientTrusted(certs, authType);
                }
            }
            return true;
        } catch (Exception e) {
            trustFailure = e;
            return false;
        }
    }

    private String serverNameForIdentity() {
        for (SNIServerName n : session.getRequestedServerNames()) {
            if (n instanceof SNIHostName) {
                return ((SNIHostName) n).getAsciiName();
            }
        }
        return endpoint.peerHost();
    }

    /**
     * The JSSE exception for a core failure: an {@link SSLHandshakeException} during the handshake,
     * an {@link SSLException} after; the alert sent or received is in the message.
     */
    SSLException translate(TlsException e, boolean handshaking) {
        String alert = e.alert() == null ? ""
                : e.type() == TlsException.Type.ALERT ? " (alert received: " + e.alert().name() + ")"
                : " (alert sent: " + e.alert().name() + ")";
        Exception trust = trustFailure;
        String why = rejection;
        String message;
        Throwable cause = e;
        if (trust != null) {
            message = "the trust manager rejected the peer's certificate chain: " + trust.getMessage() + alert;
            cause = trust;
        } else if (why != null) {
            message = why + alert;
        } else {
            message = e.getMessage() + alert;
        }
        SSLException x = handshaking ? new SSLHandshakeException(message) : new SSLException(message);
        x.initCause(cause);
        if (cause != e) {
            x.addSuppressed(e);
        }
        return x;
    }
}
