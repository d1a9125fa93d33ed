package s2n.tls.jsse;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager of the S2N provider's {@code TrustManagerFactory}: the JDK's PKIX trust
 * manager, which decides every chain it has not accepted before, and a memory of the chains it
 * accepted, as the core's own validator has. A chain accepted once is accepted again without path
 * building, signature verification or host name matching while every certificate in it is within
 * its dates and everything the JDK's decision read is the same: the chain's bytes, the auth type,
 * which side, the protocol, the endpoint identification algorithm, the peer host, the server names
 * and the signature algorithms of the handshake session. Refusals are never remembered.
 *
 * <p>Nothing is remembered when revocation checking is on ({@code com.sun.net.ssl.checkRevocation}),
 * when the factory was initialised with {@code ManagerFactoryParameters} (which may carry revocation
 * checkers), or when the SSLParameters carry AlgorithmConstraints (an application object whose
 * answers may change): then every check goes to the JDK's trust manager.
 */
final class CachingTrustManager extends X509ExtendedTrustManager {
    /** As the core's validator: bounded, emptied when full. */
    static final int MAX_REMEMBERED = 256;

    private final X509ExtendedTrustManager pkix;
    private final boolean remembering;
    private final Map<List<Object>, Window> accepted = new ConcurrentHashMap<>();

    /** When every certificate of an accepted chain is within its dates. */
    private record Window(Instant notBefore, Instant notAfter) {
        boolean covers(Instant now) {
            return !now.isBefore(notBefore) && !now.isAfter(notAfter);
        }
    }

    CachingTrustManager(X509ExtendedTrustManager pkix, boolean remembering) {
        this.pkix = pkix;
        this.remembering = remembering;
    }

    /** Whether accepted chains are remembered (see the class comment for when they are not). */
    boolean remembering() {
        return remembering;
    }

    /** How many accepted chains are remembered (test seam). */
    int remembered() {
        return accepted.size();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        decide(chain, engine == null ? null : key(chain, authType, true, engine.getHandshakeSession(), engine.getSSLParameters()),
                () -> pkix.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        decide(chain, engine == null ? null : key(chain, authType, false, engine.getHandshakeSession(), engine.getSSLParameters()),
                () -> pkix.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        decide(chain, socket instanceof SSLSocket s ? key(chain, authType, true, s.getHandshakeSession(), s.getSSLParameters()) : null,
                () -> pkix.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        decide(chain, socket instanceof SSLSocket s ? key(chain, authType, false, s.getHandshakeSession(), s.getSSLParameters()) : null,
                () -> pkix.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide(chain, key(chain, authType, true, null, null), () -> pkix.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide(chain, key(chain, authType, false, null, null), () -> pkix.checkClientTrusted(chain, authType));
    }

    /** One of the JDK trust manager's checks. */
    private interface JdkCheck {
        void run() throws CertificateException;
    }

    /** Accepts a remembered chain; otherwise asks the JDK's trust manager and remembers its acceptance. */
    private void decide(X509Certificate[] chain, List<Object> key, JdkCheck jdk) throws CertificateException {
        if (seen(key)) {
            return;
        }
        jdk.run();
        remember(key, chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    /**
     * Everything the JDK's decision read, or null when the decision must not be remembered. The
     * certificates compare by their encodings (X509Certificate equality), the arrays by content.
     */
    private List<Object> key(X509Certificate[] chain, String authType, boolean server, SSLSession session,
            SSLParameters params) {
        if (!remembering || chain == null || chain.length == 0 || authType == null) {
            return null;
        }
        if (params != null && params.getAlgorithmConstraints() != null) {
            return null;
        }
        for (X509Certificate c : chain) {
            if (c == null) {
                return null; // the JDK's trust manager says what is wrong with it
            }
        }
        Object names = List.of();
        Object local = List.of();
        Object peer = List.of();
        String protocol = "";
        String host = "";
        if (session != null) {
            protocol = String.valueOf(session.getProtocol());
            host = String.valueOf(session.getPeerHost());
            if (session instanceof ExtendedSSLSession x) {
                names = List.copyOf(x.getRequestedServerNames());
                local = List.of(x.getLocalSupportedSignatureAlgorithms());
                peer = List.of(x.getPeerSupportedSignatureAlgorithms());
            }
        }
        String identification = params == null ? "" : String.valueOf(params.getEndpointIdentificationAlgorithm());
        return Arrays.asList(List.of(chain), authType, server, protocol, identification, host, names, local, peer);
    }

    private boolean seen(List<Object> key) {
        if (key == null) {
            return false;
        }
        Window w = accepted.get(key);
        return w != null && w.covers(Instant.now());
    }

    private void remember(List<Object> key, X509Certificate[] chain) {
        if (key == null) {
            return;
        }
        Instant notBefore = Instant.MIN;
        Instant notAfter = Instant.MAX;
        for (X509Certificate c : chain) {
            Instant from = c.getNotBefore().toInstant();
            Instant until = c.getNotAfter().toInstant();
            notBefore = from.isAfter(notBefore) ? from : notBefore;
            notAfter = until.isBefore(notAfter) ? until : notAfter;
        }
        if (accepted.size() >= MAX_REMEMBERED) {
            accepted.clear();
        }
        accepted.put(key, new Window(notBefore, notAfter));
    }
}
