package s2n.tls.bench;

import java.lang.reflect.Method;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * A client and a server {@link SSLEngine} of one JSSE implementation (the JDK's SunJSSE or
 * BouncyCastle's BCJSSE), driven in memory from one thread with buffers allocated once: the
 * efficient way to use an SSLEngine, so the comparison measures the engine, not the driver.
 *
 * <p>Each library uses its own key and trust manager factories, the client checks the server's
 * name (endpoint identification {@code HTTPS} against the SNI name), and engines are created
 * without a peer host so the client never resumes: every handshake is a full one
 * ({@link #fullHandshakes()} counts them on the server's key manager to prove it), except in a
 * pair from {@link #jdkResuming}.
 */
public final class EnginePair implements InMemoryPair {
    private static final char[] PASSWORD = "bench".toCharArray();
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** wrap/unwrap calls per side per handshake before it counts as stuck. */
    private static final int MAX_STEPS = 256;

    private final Scenario scenario;
    private final boolean bouncyCastle;
    private final SSLContext clientContext;
    private final SSLContext serverContext;
    private final CountingKeyManager keyManager;
    private final CountingTrustManager trustManager;
    private final ByteBuffer clientToServer;
    private final ByteBuffer serverToClient;
    private final ByteBuffer clientApp;
    private final ByteBuffer serverApp;
    private SSLEngine client;
    private SSLEngine server;
    private boolean recordServerHello;
    private int serverHelloGroup = -1;
    /** Whether client engines are created for a peer host and port, so the client resumes (see {@link #jdkResuming}). */
    private final boolean resuming;

    private EnginePair(Scenario scenario, BenchPki pki, Provider provider) throws Exception {
        this(scenario, pki, provider, false);
    }

    /**
     * @param provider null for the JDK's SunJSSE; BCJSSE (with its own key and trust manager
     *     factories); or our S2N provider, which has a TrustManagerFactory of its own and takes the
     *     JDK's key manager, as an application that puts the provider first gets
     */
    private EnginePair(Scenario scenario, BenchPki pki, Provider provider, boolean resuming) throws Exception {
        this.scenario = scenario;
        this.resuming = resuming;
        this.bouncyCastle = provider instanceof BouncyCastleJsseProvider;
        if (!bouncyCastle) {
            // SunJSSE before JDK 20, and our provider there too, take the groups from this property.
            pinJdkGroupGlobally(String.join(",", scenario.offeredGroups()));
        } else {
            requireBouncyCastleJce();
        }
        KeyManagerFactory kmf = !bouncyCastle ? KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm())
                : KeyManagerFactory.getInstance("X509", provider);
        kmf.init(pki.keyStore(PASSWORD), PASSWORD);
        this.keyManager = new CountingKeyManager(firstX509(kmf.getKeyManagers()));
        // Each provider's own PKIX trust manager, as an application gets with the provider first in
        // the list: SunJSSE's for the JDK, BCJSSE's, and S2N's (the JDK's, remembering accepted chains).
        TrustManagerFactory tmf = provider == null ? TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
                : TrustManagerFactory.getInstance("PKIX", provider);
        tmf.init(pki.trustStore());
        this.serverContext = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
        serverContext.init(new KeyManager[] {keyManager}, null, new SecureRandom());
        this.clientContext = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
        // BCJSSE wants a SecureRandom passed in (it asks for "DEFAULT" otherwise, which ACCP lacks).
        this.trustManager = new CountingTrustManager(firstX509Trust(tmf.getTrustManagers()));
        clientContext.init(null, new TrustManager[] {trustManager}, new SecureRandom());
        // Room for a whole flight (the server's can exceed one record) and for any one record's plaintext.
        this.clientToServer = ByteBuffer.allocate(64 * 1024);
        this.serverToClient = ByteBuffer.allocate(64 * 1024);
        this.clientApp = ByteBuffer.allocate(64 * 1024);
        this.serverApp = ByteBuffer.allocate(64 * 1024);
    }

    /** The JDK's SSLEngine with whatever JCA providers are installed. */
    public static EnginePair jdk(Scenario scenario, BenchPki pki) throws Exception {
        return new EnginePair(scenario, pki, null);
    }

    /**
     * The JDK's SSLEngine resuming: client engines are created for one peer host and port, so the
     * client context's session cache offers the last session (a TLS 1.3 ticket, a TLS 1.2 session
     * ID or ticket) and the server resumes it with its defaults. The first handshake is a full one;
     * {@link #serverChainChecks()} shows that the later ones are not (the server's key manager is
     * no witness: JDK 25's server consults it on resumption too).
     */
    public static EnginePair jdkResuming(Scenario scenario, BenchPki pki) throws Exception {
        return new EnginePair(scenario, pki, null, true);
    }

    /**
     * Our JSSE provider's SSLEngine (s2n-tls-jsse over {@code s2n.tls.Connection}), configured
     * through SSLParameters exactly as the JDK's, with the JDK's key manager and the provider's own
     * PKIX trust manager ({@code TrustManagerFactory.getInstance("PKIX", "S2N")}).
     */
    public static EnginePair s2nJsse(Scenario scenario, BenchPki pki) throws Exception {
        return new EnginePair(scenario, pki, new s2n.tls.jsse.S2NProvider());
    }

    /** BouncyCastle's SSLEngine (a private BCJSSE instance; its crypto through the installed JCA providers). */
    public static EnginePair bouncyCastle(Scenario scenario, BenchPki pki) throws Exception {
        return new EnginePair(scenario, pki, new BouncyCastleJsseProvider());
    }

    /**
     * JDK 17 reads its named groups once, from {@code jdk.tls.namedGroups}; JDK 20+ also takes them
     * per engine (done in {@link #configure}). Benchmarks run one scenario per JVM, so the global
     * setting is exact there; it must happen before the JDK's TLS classes initialise.
     */
    private static void pinJdkGroupGlobally(String groups) {
        if (SET_NAMED_GROUPS == null && System.getProperty("jdk.tls.namedGroups") == null) {
            System.setProperty("jdk.tls.namedGroups", groups);
        }
    }

    /**
     * BCJSSE looks its algorithms up under BouncyCastle's JCA names, and finds ChaCha20-Poly1305
     * among the JDK's providers under none of them; BouncyCastle's documented setup registers its
     * JCA provider too. It goes last, so the JDK's providers (or ACCP, installed first) still do
     * everything they can.
     */
    private static synchronized void requireBouncyCastleJce() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    @Override
    public void newConnections() {
        close();
        client = newEngine(true);
        server = newEngine(false);
        clientToServer.clear();
        serverToClient.clear();
    }

    /** A configured engine of this pair's contexts, for drivers of their own (the memory harness). */
    public SSLEngine newEngine(boolean isClient) {
        SSLEngine e = isClient && resuming ? clientContext.createSSLEngine(BenchPki.HOST, 443)
                : (isClient ? clientContext : serverContext).createSSLEngine();
        e.setUseClientMode(isClient);
        configure(e, isClient);
        return e;
    }

    private void configure(SSLEngine engine, boolean isClient) {
        String[] groups = isClient ? scenario.offeredGroups() : scenario.serverGroups();
        if (bouncyCastle) {
            // BCJSSE's client offers ecdsa_secp256r1_sha256 only when secp256r1 is among its groups,
            // even in TLS 1.3; with the scenario's group first it still sends that one key share
            // (the smoke test checks the ServerHello's group).
            groups = scenario.serverGroups();
            BCSSLEngine bc = (BCSSLEngine) engine;
            BCSSLParameters p = bc.getParameters();
            p.setProtocols(new String[] {scenario.version().jsseName()});
            p.setCipherSuites(new String[] {scenario.suite()});
            p.setNamedGroups(groups);
            if (isClient) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
                p.setServerNames(List.of(new org.bouncycastle.jsse.BCSNIHostName(BenchPki.HOST)));
            }
            bc.setParameters(p);
            return;
        }
        engine.setSSLParameters(jdkParameters(engine.getSSLParameters(), isClient));
    }

    /** The scenario's version, suite and groups (and, for a client, name checks) on the JDK's parameters. */
    SSLParameters jdkParameters(SSLParameters p, boolean isClient) {
        p.setProtocols(new String[] {scenario.version().jsseName()});
        p.setCipherSuites(new String[] {scenario.suite()});
        setNamedGroupsIfSupported(p, isClient ? scenario.offeredGroups() : scenario.serverGroups());
        if (isClient) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(List.of(new SNIHostName(BenchPki.HOST)));
        }
        return p;
    }

    private static final Method SET_NAMED_GROUPS = findSetNamedGroups();

    private static Method findSetNamedGroups() {
        try {
            return SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException e) {
            return null; // JDK 17-19: the system property does it
        }
    }

    private static void setNamedGroupsIfSupported(SSLParameters p, String[] groups) {
        if (SET_NAMED_GROUPS != null) {
            try {
                SET_NAMED_GROUPS.invoke(p, (Object) groups);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("SSLParameters.setNamedGroups failed", e);
            }
        }
    }

    @Override
    public void handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        boolean clientDone = false;
        boolean serverDone = false;
        for (int i = 0; i < MAX_STEPS && !(clientDone && serverDone); i++) {
            clientDone = advance(client, serverToClient, clientToServer, clientApp);
            serverDone = advance(server, clientToServer, serverToClient, serverApp);
            if (i == 0 && recordServerHello) {
                serverHelloGroup = ServerHelloProbe.group(serverToClient, false);
            }
        }
        if (!(clientDone && serverDone)) {
            throw new IllegalStateException("handshake stuck: client " + client.getHandshakeStatus()
                    + ", server " + server.getHandshakeStatus());
        }
        // Post-handshake messages (the JDK server's NewSessionTicket): a client reads them with its first read.
        unwrapAll(client, serverToClient, clientApp);
        unwrapAll(server, clientToServer, serverApp);
    }

    /** Runs the engine's handshake as far as it goes with the bytes it has; true once it is done. */
    private static boolean advance(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws SSLException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK:
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    break;
                case NEED_WRAP:
                    check(engine.wrap(EMPTY, out));
                    break;
                case NOT_HANDSHAKING:
                case FINISHED:
                    return true;
                default: // NEED_UNWRAP, NEED_UNWRAP_AGAIN
                    in.flip();
                    SSLEngineResult r = engine.unwrap(in, app);
                    in.compact();
                    app.clear();
                    check(r);
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                            || (r.bytesConsumed() == 0 && r.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP)) {
                        return false;
                    }
                    break;
            }
        }
    }

    private static void unwrapAll(SSLEngine engine, ByteBuffer in, ByteBuffer app) throws SSLException {
        in.flip();
        while (in.hasRemaining()) {
            SSLEngineResult r = engine.unwrap(in, app);
            app.clear();
            check(r);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                break;
            }
        }
        in.compact();
    }

    private static void check(SSLEngineResult r) {
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW || r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new IllegalStateException("unexpected engine result " + r);
        }
    }

    @Override
    public void transfer(ByteBuffer data, ByteBuffer sink) throws SSLException {
        int room = server.getSession().getApplicationBufferSize();
        ByteBuffer app = sink.capacity() >= room ? sink : serverApp;
        while (data.hasRemaining()) {
            check(client.wrap(data, clientToServer));
            clientToServer.flip();
            while (clientToServer.hasRemaining()) {
                // The sink keeps what it received until it fills (a write may span records).
                if (app != sink || app.remaining() < room) {
                    app.clear();
                }
                SSLEngineResult r = server.unwrap(clientToServer, app);
                check(r);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    break;
                }
            }
            clientToServer.compact();
        }
    }

    /**
     * Makes later handshakes note the key exchange group of the ServerHello, which neither engine
     * reports (for the smoke test; not while benchmarking).
     */
    void recordServerHelloGroup() {
        recordServerHello = true;
    }

    /** The group code of the last noted ServerHello's key_share (x25519 = 0x1d, secp256r1 = 0x17), or -1. */
    int serverHelloGroup() {
        return serverHelloGroup;
    }

    /**
     * The server chains the client has checked: one per full handshake, none when it resumes (the
     * server sends no Certificate then), whatever the JDK version.
     */
    public long serverChainChecks() {
        return trustManager.serverChecks.get();
    }

    /** Full handshakes the server has done (each asks its key manager for a certificate once). */
    public long fullHandshakes() {
        return keyManager.serverAliasRequests.get();
    }

    public SSLEngine client() {
        return client;
    }

    public SSLEngine server() {
        return server;
    }

    /** The server's SSLContext, whose session cache an idle server engine shares (memory harness). */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** The client's SSLContext. */
    public SSLContext clientContext() {
        return clientContext;
    }

    @Override
    public String negotiated() {
        return client.getSession().getProtocol() + " " + client.getSession().getCipherSuite();
    }

    @Override
    public void close() {
        client = null;
        server = null;
    }

    private static X509ExtendedKeyManager firstX509(KeyManager[] managers) {
        for (KeyManager m : managers) {
            if (m instanceof X509ExtendedKeyManager) {
                return (X509ExtendedKeyManager) m;
            }
        }
        throw new IllegalStateException("no X509ExtendedKeyManager");
    }

    private static X509ExtendedTrustManager firstX509Trust(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509ExtendedTrustManager) {
                return (X509ExtendedTrustManager) m;
            }
        }
        throw new IllegalStateException("no X509ExtendedTrustManager");
    }

    /** Delegates everything; counts the server chains checked, one per full handshake. */
    private static final class CountingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        final AtomicLong serverChecks = new AtomicLong();

        CountingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            serverChecks.incrementAndGet();
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            serverChecks.incrementAndGet();
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            serverChecks.incrementAndGet();
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** Delegates everything; counts the server certificate choices, one per full handshake. */
    private static final class CountingKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        final AtomicLong serverAliasRequests = new AtomicLong();

        CountingKeyManager(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            String alias = delegate.chooseEngineServerAlias(keyType, issuers, engine);
            if (alias != null) {
                serverAliasRequests.incrementAndGet();
            }
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
