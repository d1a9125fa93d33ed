package s2n.tls.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/** An {@link SSLServerSocket} whose {@link #accept()} returns {@link S2NSocket}s in server mode (by default). */
final class S2NServerSocket extends SSLServerSocket {
    private final ContextState state;
    /** What each accepted socket starts with (a copy); server mode unless setUseClientMode(true). */
    private final EndpointSettings settings;

    S2NServerSocket(ContextState state) throws IOException {
        super();
        this.state = state;
        this.settings = EndpointSettings.defaults(state, false);
    }

    S2NServerSocket(ContextState state, int port, int backlog, InetAddress address) throws IOException {
        super(port, backlog, address);
        this.state = state;
        this.settings = EndpointSettings.defaults(state, false);
    }

    @Override
    public Socket accept() throws IOException {
        Socket plain = new Socket();
        implAccept(plain);
        return new S2NSocket(state, plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true, settings.copy());
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return EndpointSettings.supportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return settings.enabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        settings.enableCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return EndpointSettings.supportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return settings.enabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        settings.enableProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        settings.needClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return settings.needClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        settings.wantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return settings.wantClientAuth();
    }

    /** Any time: it only decides the mode of the sockets accepted after it. */
    @Override
    public void setUseClientMode(boolean mode) {
        settings.clientMode(mode, false);
    }

    @Override
    public boolean getUseClientMode() {
        return settings.clientMode();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        settings.sessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return settings.sessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return settings.sslParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters update) {
        settings.sslParameters(update);
    }

    @Override
    public String toString() {
        return "S2NServerSocket[" + getLocalSocketAddress() + "]";
    }
}
