package s2n.tls.jsse;

import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What a {@link Handshaker} needs from the JSSE object it serves (an {@link S2NEngine} or an
 * {@link S2NSocket}): its parameters, and the key and trust manager calls that take the engine or
 * the socket itself as their last argument.
 */
interface Endpoint {
    /** The parameters the handshake runs with (a copy). */
    SSLParameters parameters();

    String peerHost();

    int peerPort();

    String chooseServerAlias(X509ExtendedKeyManager km, String keyType, Principal[] issuers);

    String chooseClientAlias(X509ExtendedKeyManager km, String[] keyTypes, Principal[] issuers);

    void checkServerTrusted(X509ExtendedTrustManager tm, X509Certificate[] chain, String authType) throws CertificateException;

    void checkClientTrusted(X509ExtendedTrustManager tm, X509Certificate[] chain, String authType) throws CertificateException;

    /**
     * A server's ALPN choice among the client's {@code offered} protocols by the application's
     * selector ({@code setHandshakeApplicationProtocolSelector}); {@link #NO_SELECTOR} when none is set.
     */
    String selectApplicationProtocol(List<String> offered);

    /** Returned by {@link #selectApplicationProtocol} when there is no selector. */
    String NO_SELECTOR = new String("no selector");
}
