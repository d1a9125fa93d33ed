package s2n.tls.jsse;
final class S2NSocketFactory extends javax.net.ssl.SSLSocketFactory {
    S2NSocketFactory(ContextState s) { throw new UnsupportedOperationException("not yet"); }
    public String[] getDefaultCipherSuites() { return null; }
    public String[] getSupportedCipherSuites() { return null; }
    public java.net.Socket createSocket(java.net.Socket s, String h, int p, boolean a) { return null; }
    public java.net.Socket createSocket(String h, int p) { return null; }
    public java.net.Socket createSocket(String h, int p, java.net.InetAddress a, int lp) { return null; }
    public java.net.Socket createSocket(java.net.InetAddress h, int p) { return null; }
    public java.net.Socket createSocket(java.net.InetAddress h, int p, java.net.InetAddress a, int lp) { return null; }
}
