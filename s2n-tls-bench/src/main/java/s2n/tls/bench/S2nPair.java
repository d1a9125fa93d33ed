package s2n.tls.bench;

import java.nio.ByteBuffer;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.SecurityPolicy;

/**
 * s2n-tls-java's client and server over two {@link BytePipe}s, through the public API only: the
 * configs are built once (as a server builds them once for all its connections), connections per
 * handshake. {@link #wipeConnections()} reuses the same two connections instead (s2n's
 * {@code s2n_connection_wipe}).
 */
public final class S2nPair implements InMemoryPair {
    /** negotiate() rounds per side before a handshake counts as stuck (it takes about four). */
    private static final int MAX_ROUNDS = 64;

    private final Config clientConfig;
    private final Config serverConfig;
    private final BytePipe clientToServer;
    private final BytePipe serverToClient;
    /** Whether each client offers the session its predecessor received (see {@link #resuming}). */
    private final boolean resuming;
    /** The latest session a client of this pair received; offered by the next one while resuming. */
    private byte[] session;
    private final ByteBuffer scratch = ByteBuffer.allocate(1024);
    private Connection client;
    private Connection server;

    public S2nPair(Scenario scenario, BenchPki pki) {
        this(scenario, pki, new BytePipe(32 * 1024, false), new BytePipe(32 * 1024, false));
    }

    /** A pair over the given pipes (the memory harness passes pipes that shrink when drained). */
    public S2nPair(Scenario scenario, BenchPki pki, BytePipe clientToServer, BytePipe serverToClient) {
        this(scenario, pki, clientToServer, serverToClient, false);
    }

    private S2nPair(Scenario scenario, BenchPki pki, BytePipe clientToServer, BytePipe serverToClient, boolean resuming) {
        this(scenario, pki, clientToServer, serverToClient, resuming, resuming);
    }

    private S2nPair(Scenario scenario, BenchPki pki, BytePipe clientToServer, BytePipe serverToClient, boolean resuming,
            boolean serverTickets) {
        SecurityPolicy policy = OurPolicies.forScenario(scenario);
        this.serverConfig = Config.builder()
                .securityPolicy(policy)
                .certificateChainAndKey(CertificateChainAndKey.of(pki.leafKey(), pki.leafChain()))
                .sessionTicketsEnabled(serverTickets)
                .build();
        this.clientConfig = Config.builder()
                .securityPolicy(policy)
                .withSystemTrust(false)
                .trustCertificates(pki.root())
                .sessionTicketsEnabled(resuming)
                .build();
        this.clientToServer = clientToServer;
        this.serverToClient = serverToClient;
        this.resuming = resuming;
    }

    private S2nPair(S2nPair template, BytePipe clientToServer, BytePipe serverToClient) {
        this.clientConfig = template.clientConfig;
        this.serverConfig = template.serverConfig;
        this.clientToServer = clientToServer;
        this.serverToClient = serverToClient;
        this.resuming = false;
    }

    /**
     * A pair that resumes: the server issues tickets (s2n's default count, under a key made in
     * this process), each client reads the tickets behind the handshake and the next client offers
     * the latest one, as a real client reconnecting does. The first handshake is a full one; every
     * later one resumes ({@link #handshake} fails otherwise).
     */
    public static S2nPair resuming(Scenario scenario, BenchPki pki) {
        return new S2nPair(scenario, pki, new BytePipe(32 * 1024, false), new BytePipe(32 * 1024, false), true);
    }

    /**
     * Full handshakes whose server issues a TLS 1.3 ticket after each (s2n's default count), which
     * the client does not keep: what a JSSE server does by default (SunJSSE's and the S2N
     * provider's), so a JSSE engine and this pair do the same protocol work.
     */
    public static S2nPair issuingTickets(Scenario scenario, BenchPki pki) {
        return new S2nPair(scenario, pki, new BytePipe(32 * 1024, false), new BytePipe(32 * 1024, false), false, true);
    }

    /** Another pair with the same two configs (a server builds one config for all its connections). */
    public S2nPair sharingConfigs(BytePipe clientToServer, BytePipe serverToClient) {
        return new S2nPair(this, clientToServer, serverToClient);
    }

    /** Creates the client only (the memory harness creates and measures each side separately). */
    public void newClient() {
        client = new Connection(Mode.CLIENT);
        client.setConfig(clientConfig).setServerName(BenchPki.HOST);
        client.setSendCallback(BytePipe.SEND).setSendContext(clientToServer);
        client.setRecvCallback(BytePipe.RECV).setRecvContext(serverToClient);
    }

    /** Creates the server only. */
    public void newServer() {
        server = new Connection(Mode.SERVER);
        server.setConfig(serverConfig);
        server.setSendCallback(BytePipe.SEND).setSendContext(serverToClient);
        server.setRecvCallback(BytePipe.RECV).setRecvContext(clientToServer);
    }

    /** Forgets (without closing) one side, so the memory harness can see what it retained. */
    public void drop(boolean clientSide) {
        if (clientSide) {
            client = null;
        } else {
            server = null;
        }
    }

    /** The client config all of this pair's (and its siblings') clients use. */
    public Config clientConfig() {
        return clientConfig;
    }

    /** The server config. */
    public Config serverConfig() {
        return serverConfig;
    }

    public Connection client() {
        return client;
    }

    public Connection server() {
        return server;
    }

    @Override
    public void newConnections() {
        close();
        client = new Connection(Mode.CLIENT);
        server = new Connection(Mode.SERVER);
        wire();
    }

    /** Wipes both connections (s2n_connection_wipe) and wires them up again for another handshake. */
    public void wipeConnections() {
        client.wipe();
        server.wipe();
        wire();
    }

    private void wire() {
        clientToServer.clear();
        serverToClient.clear();
        client.setConfig(clientConfig).setServerName(BenchPki.HOST);
        client.setSendCallback(BytePipe.SEND).setSendContext(clientToServer);
        client.setRecvCallback(BytePipe.RECV).setRecvContext(serverToClient);
        server.setConfig(serverConfig);
        server.setSendCallback(BytePipe.SEND).setSendContext(serverToClient);
        server.setRecvCallback(BytePipe.RECV).setRecvContext(clientToServer);
        if (resuming && session != null) {
            client.setSession(session);
        }
    }

    @Override
    public void handshake() throws Exception {
        boolean clientDone = false;
        boolean serverDone = false;
        for (int i = 0; i < MAX_ROUNDS && !(clientDone && serverDone); i++) {
            if (!clientDone) {
                clientDone = client.negotiate() == Blocked.NOT_BLOCKED;
            }
            if (!serverDone) {
                serverDone = server.negotiate() == Blocked.NOT_BLOCKED;
            }
        }
        if (!(clientDone && serverDone)) {
            throw new IllegalStateException("handshake stuck: " + client + " / " + server);
        }
        if (resuming) {
            boolean offered = session != null;
            if (offered && !client.isResumed()) {
                throw new IllegalStateException("offered a session but ran a full handshake: " + client.handshakeTypeName());
            }
            // The tickets behind the handshake (TLS 1.3's NewSessionTicket): read as a client's first recv does.
            scratch.clear();
            if (client.recv(scratch) != 0) {
                throw new IllegalStateException("application data where only tickets were expected");
            }
            session = client.session();
            if (session == null) {
                throw new IllegalStateException("no session after the handshake: " + client);
            }
        }
    }

    /** One negotiate() call on one side: for the memory harness, which steps every pair in lockstep. */
    public boolean step(boolean clientSide) throws Exception {
        return (clientSide ? client : server).negotiate() == Blocked.NOT_BLOCKED;
    }

    @Override
    public void transfer(ByteBuffer data, ByteBuffer sink) throws Exception {
        while (data.hasRemaining()) {
            client.send(data);
            drain(sink);
        }
        drain(sink);
    }

    private void drain(ByteBuffer sink) throws Exception {
        while (true) {
            if (!sink.hasRemaining()) {
                sink.clear();
            }
            if (server.recv(sink) <= 0) {
                return;
            }
        }
    }

    /** Bytes both pipes hold: the memory harness subtracts the transport. */
    public long transportBytes() {
        return clientToServer.retainedBytes() + serverToClient.retainedBytes();
    }

    @Override
    public String negotiated() {
        return client.actualProtocolVersion().protocolName() + " " + client.cipherSuite() + " " + client.keyExchangeGroup();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
