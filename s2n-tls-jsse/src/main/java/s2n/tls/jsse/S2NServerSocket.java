package s2n.tls.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/** An {@link SSLServerSocket} whose {@link #accept()} returns {@link S2NSocket}s in server mode (by default). */
final class S2NServerSocket extends SSLServerSocket {
    private final ContextState state;
    private SSLParameters params;
    private boolean clientMode;
    private boolean sessionCreation = true;

    S2NServerSocket(ContextState state) throws IOException {
        super();
        this.state = state;
        this.params = Parameters.defaults(state);
    }

    S2NServerSocket(ContextState state, int port, int backlog, InetAddress address) throws IOException {
        super(port, backlog, address);
        this.state = state;
        this.params = Parameters.defaults(state);
    }

    @Override
    public Socket accept() throws IOException {
        Socket plain = new Socket();
        implAccept(plain);
        S2NSocket s;
        synchronized (this) {
            s = new S2NSocket(state, plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true, clientMode,
                    Parameters.copy(params));
            s.setEnableSessionCreation(sessionCreation);
        }
        return s;
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return Parameters.array(CipherSuites.SUPPORTED);
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return params.getCipherSuites();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        params.setCipherSuites(Parameters.array(CipherSuites.checked(suites)));
    }

    @Override
    public String[] getSupportedProtocols() {
        return Parameters.array(Protocols.SUPPORTED);
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return params.getProtocols();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        params.setProtocols(Parameters.array(Protocols.checked(protocols)));
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        params.setNeedClientAuth(need);
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return params.getNeedClientAuth();
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        params.setWantClientAuth(want);
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return params.getWantClientAuth();
    }

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        clientMode = mode;
    }

    @Override
    public synchronized boolean getUseClientMode() {
        return clientMode;
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        sessionCreation = flag;
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return sessionCreation;
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        return Parameters.copy(params);
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters update) {
        params = Parameters.merge(params, update);
    }

    @Override
    public String toString() {
        return "S2NServerSocket[" + getLocalSocketAddress() + "]";
    }
}
