package s2n.tls.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/** {@code SSLContext.getSocketFactory()}: client-mode {@link S2NSocket}s, on a new socket or layered over one. */
final class S2NSocketFactory extends SSLSocketFactory {
    private final ContextState state;

    S2NSocketFactory(ContextState state) {
        this.state = state;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return Parameters.array(CipherSuites.SUPPORTED);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return Parameters.array(CipherSuites.SUPPORTED);
    }

    @Override
    public Socket createSocket() {
        return new S2NSocket(state, new Socket(), null, -1, true, EndpointSettings.defaults(state, true));
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        if (!s.isConnected()) {
            throw new java.net.SocketException("the socket to layer over is not connected");
        }
        return new S2NSocket(state, s, host, port, autoClose, EndpointSettings.defaults(state, true));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port));
        return new S2NSocket(state, s, host, port, true, EndpointSettings.defaults(state, true));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(localHost, localPort));
        s.connect(new InetSocketAddress(host, port));
        return new S2NSocket(state, s, host, port, true, EndpointSettings.defaults(state, true));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = new Socket(host, port);
        return new S2NSocket(state, s, host.getHostAddress(), port, true, EndpointSettings.defaults(state, true));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket s = new Socket(address, port, localAddress, localPort);
        return new S2NSocket(state, s, address.getHostAddress(), port, true, EndpointSettings.defaults(state, true));
    }
}
