package s2n.tls.jsse;

import javax.net.ssl.SSLParameters;

/**
 * What an application sets on an {@link S2NEngine}, an {@link S2NSocket} or an
 * {@link S2NServerSocket} before the handshake: the SSLParameters (suites, protocols, client auth
 * and the rest), client or server mode, and session creation. The three JSSE classes delegate
 * their setters and getters here, so each rule (which names are accepted, how
 * {@code setSSLParameters} merges, when the mode may change) is written once. Thread-safe: every
 * method locks this holder.
 */
final class EndpointSettings {
    private SSLParameters params;
    /** Null until chosen: an engine must be told its mode; sockets are made with one. */
    private Boolean clientMode;
    private boolean sessionCreation = true;

    private EndpointSettings(SSLParameters params, Boolean clientMode, boolean sessionCreation) {
        this.params = params;
        this.clientMode = clientMode;
        this.sessionCreation = sessionCreation;
    }

    /**
     * A new endpoint's settings: the context's protocols and every supported suite.
     *
     * @param clientMode the mode, or null when the application must choose it (an engine)
     */
    static EndpointSettings defaults(ContextState state, Boolean clientMode) {
        return new EndpointSettings(Parameters.defaults(state), clientMode, true);
    }

    /** An independent copy: what a server socket hands each socket it accepts. */
    synchronized EndpointSettings copy() {
        return new EndpointSettings(Parameters.copy(params), clientMode, sessionCreation);
    }

    static String[] supportedCipherSuites() {
        return Parameters.array(CipherSuites.SUPPORTED);
    }

    static String[] supportedProtocols() {
        return Parameters.array(Protocols.SUPPORTED);
    }

    synchronized String[] enabledCipherSuites() {
        return params.getCipherSuites();
    }

    /** Only the names {@link CipherSuites} supports; any other is an IllegalArgumentException. */
    synchronized void enableCipherSuites(String[] suites) {
        params.setCipherSuites(Parameters.array(CipherSuites.checked(suites)));
    }

    synchronized String[] enabledProtocols() {
        return params.getProtocols();
    }

    /** TLSv1.3 and TLSv1.2 only; any other name is an IllegalArgumentException. */
    synchronized void enableProtocols(String[] protocols) {
        params.setProtocols(Parameters.array(Protocols.checked(protocols)));
    }

    synchronized boolean needClientAuth() {
        return params.getNeedClientAuth();
    }

    /** As SSLParameters: setting need clears want. */
    synchronized void needClientAuth(boolean need) {
        params.setNeedClientAuth(need);
    }

    synchronized boolean wantClientAuth() {
        return params.getWantClientAuth();
    }

    /** As SSLParameters: setting want clears need. */
    synchronized void wantClientAuth(boolean want) {
        params.setWantClientAuth(want);
    }

    /** Client mode once chosen; false before (what {@code getUseClientMode()} says for an engine not yet told). */
    synchronized boolean clientMode() {
        return clientMode != null && clientMode;
    }

    synchronized boolean clientModeChosen() {
        return clientMode != null;
    }

    /**
     * Chooses the mode.
     *
     * @param handshakeBegan whether the endpoint's handshake has begun: then the mode is fixed and
     *     this is an IllegalArgumentException, as in the JDK
     */
    synchronized void clientMode(boolean mode, boolean handshakeBegan) {
        if (handshakeBegan) {
            throw new IllegalArgumentException("setUseClientMode() after the handshake began");
        }
        clientMode = mode;
    }

    synchronized boolean sessionCreation() {
        return sessionCreation;
    }

    synchronized void sessionCreation(boolean flag) {
        sessionCreation = flag;
    }

    /** A copy of the parameters: {@code getSSLParameters()}, and what a handshake runs with. */
    synchronized SSLParameters sslParameters() {
        return Parameters.copy(params);
    }

    /** {@code setSSLParameters(update)}: merged as {@link Parameters#merge} says, names checked. */
    synchronized void sslParameters(SSLParameters update) {
        params = Parameters.merge(params, update);
    }

    /** "client", "server" or "mode unset", for toString(). */
    synchronized String modeName() {
        return clientMode == null ? "mode unset" : clientMode ? "client" : "server";
    }
}
