package s2n.tls.testing;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's own TLS (an {@link SSLEngine}) as an in-memory peer, exchanging records with one of
 * our connections through two {@link MemoryPipe}s. Single-threaded; call {@link #pump()} between
 * calls on our side.
 */
public final class JdkPeer {
    private final SSLEngine engine;
    /** Bytes our connection wrote, for the JDK to read. */
    public final MemoryPipe toJdk = new MemoryPipe();
    /** Bytes the JDK wrote, for our connection to read. */
    public final MemoryPipe fromJdk = new MemoryPipe();
    private ByteBuffer netIn = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer netOut;
    private ByteBuffer appIn;
    private final ByteArrayQueue received = new ByteArrayQueue();

    private JdkPeer(SSLEngine engine) throws SSLException {
        this.engine = engine;
        engine.beginHandshake();
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 4);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
    }

    /** A JDK server presenting {@code cert}, offering {@code alpn} (empty for none). */
    public static JdkPeer server(TestPki.Issued cert, String[] protocols, String[] cipherSuites, String... alpn)
            throws Exception {
        return new JdkPeer(serverEngine(cert, protocols, cipherSuites, alpn));
    }

    /**
     * A JDK server as {@link #server}, that asks for a client certificate without requiring one
     * ({@code setWantClientAuth(true)}): it must be set before the handshake begins.
     */
    public static JdkPeer serverAskingForClientCertificate(TestPki.Issued cert, String[] protocols, String[] cipherSuites)
            throws Exception {
        SSLEngine engine = serverEngine(cert, protocols, cipherSuites, new String[0]);
        engine.setWantClientAuth(true);
        return new JdkPeer(engine);
    }

    /**
     * A JDK server as {@link #server} that requires a client certificate issued under
     * {@code clientRoot} ({@code setNeedClientAuth(true)}).
     */
    public static JdkPeer serverRequiringClientCertificate(TestPki.Issued cert, X509Certificate clientRoot,
            String[] protocols, String[] cipherSuites) throws Exception {
        SSLEngine engine = serverEngine(cert, protocols, cipherSuites, new String[0], clientRoot);
        engine.setNeedClientAuth(true);
        return new JdkPeer(engine);
    }

    private static SSLEngine serverEngine(TestPki.Issued cert, String[] protocols, String[] cipherSuites, String[] alpn)
            throws Exception {
        return serverEngine(cert, protocols, cipherSuites, alpn, null);
    }

    private static javax.net.ssl.KeyManager[] keyManagers(TestPki.Issued cert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", cert.key(), "pw".toCharArray(), cert.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        return kmf.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers(X509Certificate root) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TestPki.trustStore(root));
        return tmf.getTrustManagers();
    }

    private static SSLEngine serverEngine(TestPki.Issued cert, String[] protocols, String[] cipherSuites, String[] alpn,
            X509Certificate clientRoot) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keyManagers(cert), clientRoot == null ? null : trustManagers(clientRoot), null);
        SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(false);
        configure(engine, protocols, cipherSuites, alpn);
        return engine;
    }

    /** A JDK client trusting {@code root}, checking the server's name (HTTPS rules) and sending it as SNI. */
    public static JdkPeer client(X509Certificate root, String host, String[] protocols, String[] cipherSuites,
            String... alpn) throws Exception {
        return client(root, host, null, protocols, cipherSuites, alpn);
    }

    /** A JDK client as {@link #client}, presenting {@code clientCert} when the server asks (null: none). */
    public static JdkPeer client(X509Certificate root, String host, TestPki.Issued clientCert, String[] protocols,
            String[] cipherSuites, String... alpn) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(clientCert == null ? null : keyManagers(clientCert), trustManagers(root), null);
        SSLEngine engine = ctx.createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        List<SNIServerName> names = new ArrayList<>();
        names.add(new SNIHostName(host));
        p.setServerNames(names);
        engine.setSSLParameters(p);
        configure(engine, protocols, cipherSuites, alpn);
        return new JdkPeer(engine);
    }

    private static void configure(SSLEngine engine, String[] protocols, String[] cipherSuites, String[] alpn) {
        SSLParameters p = engine.getSSLParameters();
        if (protocols != null) {
            p.setProtocols(protocols);
        }
        if (cipherSuites != null) {
            p.setCipherSuites(cipherSuites);
        }
        if (alpn.length > 0) {
            p.setApplicationProtocols(alpn);
        }
        engine.setSSLParameters(p);
    }

    public SSLEngine engine() {
        return engine;
    }

    /** Does all the work the engine can do with the bytes it has. */
    public void pump() throws SSLException {
        for (int guard = 0; guard < 10_000; guard++) {
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                continue;
            }
            if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                wrap(ByteBuffer.allocate(0));
                continue;
            }
            netIn.put(toJdk.drain());
            netIn.flip();
            boolean progressed = false;
            while (netIn.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    appIn = grow(appIn);
                    continue;
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    break;
                }
                progressed = true;
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK
                        || r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    break;
                }
            }
            netIn.compact();
            collect();
            if (!progressed && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_TASK
                    && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                return;
            }
        }
        throw new AssertionError("JDK engine did not settle");
    }

    private void wrap(ByteBuffer app) throws SSLException {
        netOut.clear();
        SSLEngineResult r = engine.wrap(app, netOut);
        netOut.flip();
        byte[] b = new byte[netOut.remaining()];
        netOut.get(b);
        fromJdk.inject(b);
        if (r.getStatus() == SSLEngineResult.Status.CLOSED && b.length == 0) {
            fromJdk.close();
        }
    }

    private void collect() {
        appIn.flip();
        byte[] b = new byte[appIn.remaining()];
        appIn.get(b);
        appIn.clear();
        received.add(b);
    }

    private static ByteBuffer grow(ByteBuffer b) {
        ByteBuffer bigger = ByteBuffer.allocate(b.capacity() * 2);
        b.flip();
        bigger.put(b);
        return bigger;
    }

    public boolean handshakeDone() {
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        return hs == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && engine.getSession().getCipherSuite() != null
                && !engine.getSession().getCipherSuite().equals("SSL_NULL_WITH_NULL_NULL");
    }

    /** Encrypts {@code data} and queues it for our side. */
    public void send(byte[] data) throws SSLException {
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) {
            wrap(src);
        }
    }

    /** Everything the JDK has decrypted so far. */
    public byte[] takeReceived() {
        return received.takeAll();
    }

    /** Sends close_notify. */
    public void closeOutbound() throws SSLException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            wrap(ByteBuffer.allocate(0));
        }
    }

    /** A growable byte queue. */
    private static final class ByteArrayQueue {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        void add(byte[] b) {
            out.write(b, 0, b.length);
        }

        byte[] takeAll() {
            byte[] b = out.toByteArray();
            out.reset();
            return b;
        }
    }
}
