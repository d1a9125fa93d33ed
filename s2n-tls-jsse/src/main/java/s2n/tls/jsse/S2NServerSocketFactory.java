package s2n.tls.jsse;
final class S2NServerSocketFactory extends javax.net.ssl.SSLServerSocketFactory {
    S2NServerSocketFactory(ContextState s) { throw new UnsupportedOperationException("not yet"); }
    public String[] getDefaultCipherSuites() { return null; }
    public String[] getSupportedCipherSuites() { return null; }
    public java.net.ServerSocket createServerSocket(int p) { return null; }
    public java.net.ServerSocket createServerSocket(int p, int b) { return null; }
    public java.net.ServerSocket createServerSocket(int p, int b, java.net.InetAddress a) { return null; }
}
