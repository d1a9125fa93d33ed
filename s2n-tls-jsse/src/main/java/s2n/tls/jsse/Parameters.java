package s2n.tls.jsse;

import java.util.List;
import javax.net.ssl.SSLParameters;

/**
 * SSLParameters as an engine or socket keeps them: a private copy, merged the way the JDK merges
 * {@code setSSLParameters} (null suites, protocols, server names and SNI matchers leave the current
 * ones; everything else is replaced).
 */
final class Parameters {
    private Parameters() {}

    static SSLParameters copy(SSLParameters p) {
        SSLParameters c = new SSLParameters(p.getCipherSuites(), p.getProtocols());
        if (p.getNeedClientAuth()) {
            c.setNeedClientAuth(true);
        } else {
            c.setWantClientAuth(p.getWantClientAuth());
        }
        c.setAlgorithmConstraints(p.getAlgorithmConstraints());
        c.setEndpointIdentificationAlgorithm(p.getEndpointIdentificationAlgorithm());
        if (p.getServerNames() != null) {
            c.setServerNames(p.getServerNames());
        }
        if (p.getSNIMatchers() != null) {
            c.setSNIMatchers(p.getSNIMatchers());
        }
        c.setUseCipherSuitesOrder(p.getUseCipherSuitesOrder());
        c.setEnableRetransmissions(p.getEnableRetransmissions());
        c.setMaximumPacketSize(p.getMaximumPacketSize());
        c.setApplicationProtocols(p.getApplicationProtocols());
        CipherSuites.copyNewerParameters(p, c);
        return c;
    }

    /** {@code current} with {@code update} applied; checks suite and protocol names (IllegalArgumentException). */
    static SSLParameters merge(SSLParameters current, SSLParameters update) {
        SSLParameters c = copy(current);
        if (update.getCipherSuites() != null) {
            c.setCipherSuites(CipherSuites.checked(update.getCipherSuites()).toArray(new String[0]));
        }
        if (update.getProtocols() != null) {
            c.setProtocols(Protocols.checked(update.getProtocols()).toArray(new String[0]));
        }
        if (update.getNeedClientAuth()) {
            c.setNeedClientAuth(true);
        } else {
            c.setWantClientAuth(update.getWantClientAuth());
        }
        c.setAlgorithmConstraints(update.getAlgorithmConstraints());
        c.setEndpointIdentificationAlgorithm(update.getEndpointIdentificationAlgorithm());
        if (update.getServerNames() != null) {
            c.setServerNames(update.getServerNames());
        }
        if (update.getSNIMatchers() != null) {
            c.setSNIMatchers(update.getSNIMatchers());
        }
        c.setUseCipherSuitesOrder(update.getUseCipherSuitesOrder());
        c.setEnableRetransmissions(update.getEnableRetransmissions());
        c.setMaximumPacketSize(update.getMaximumPacketSize());
        String[] alpn = update.getApplicationProtocols();
        if (alpn != null) {
            for (String p : alpn) {
                if (p == null || p.isEmpty() || p.length() > 255) {
                    throw new IllegalArgumentException("an application protocol name has 1 to 255 characters: " + p);
                }
            }
            c.setApplicationProtocols(alpn);
        }
        CipherSuites.copyNewerParameters(update, c);
        return c;
    }

    /** The defaults of a new engine or socket: the context's protocols and every supported suite. */
    static SSLParameters defaults(ContextState state) {
        return new SSLParameters(CipherSuites.SUPPORTED.toArray(new String[0]), state.defaultProtocols.toArray(new String[0]));
    }

    static String[] array(List<String> list) {
        return list.toArray(new String[0]);
    }
}
