package s2n.tls.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import javax.net.ssl.SSLServerSocketFactory;

/** {@code SSLContext.getServerSocketFactory()}: {@link S2NServerSocket}s. */
final class S2NServerSocketFactory extends SSLServerSocketFactory {
    private static final int DEFAULT_BACKLOG = 50;
    private final ContextState state;

    S2NServerSocketFactory(ContextState state) {
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
    public ServerSocket createServerSocket() throws IOException {
        return new S2NServerSocket(state);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new S2NServerSocket(state, port, DEFAULT_BACKLOG, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return new S2NServerSocket(state, port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return new S2NServerSocket(state, port, backlog, address);
    }
}
