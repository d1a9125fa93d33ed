package s2n.tls.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;

/**
 * The plain-socket half of an {@link SSLSocket} layered over another {@link Socket}: addresses,
 * binding and the socket options go to the socket underneath. {@link S2NSocket} adds TLS: the
 * streams, connecting, closing and shutting down.
 */
abstract class OverSocket extends SSLSocket {
    /** The socket the TLS bytes travel over. */
    final Socket base;

    OverSocket(Socket base) {
        this.base = base;
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        base.bind(bindpoint);
    }

    @Override
    public InetAddress getInetAddress() {
        return base.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return base.getLocalAddress();
    }

    @Override
    public int getPort() {
        return base.getPort();
    }

    @Override
    public int getLocalPort() {
        return base.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return base.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return base.getLocalSocketAddress();
    }

    /** No channel: the TLS bytes cannot be read or written around the socket (as the JDK's SSLSocket). */
    @Override
    public SocketChannel getChannel() {
        return null;
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        base.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return base.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        base.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return base.getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        throw new SocketException("urgent data is not supported on an SSLSocket");
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        throw new SocketException("OOB inline is not supported on an SSLSocket");
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return false;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        base.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return base.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        base.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return base.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        base.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return base.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        base.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return base.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        base.setTrafficClass(tc);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return base.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        base.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return base.getReuseAddress();
    }

    @Override
    public boolean isConnected() {
        return base.isConnected();
    }

    @Override
    public boolean isBound() {
        return base.isBound();
    }
}
