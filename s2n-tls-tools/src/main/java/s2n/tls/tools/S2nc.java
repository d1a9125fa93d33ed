package s2n.tls.tools;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.TlsException;

/**
 * {@code s2nc}, the test client, modelled on s2n's: connects, negotiates, prints what was
 * negotiated to stderr, then sends its standard input (or {@code --send TEXT}) and copies what
 * the server sends to stdout until the server closes. Exit code 0 when everything worked; 1 with
 * the reason on stderr when the connection, the handshake or certificate verification failed.
 *
 * <pre>{@code
 * echo hello | s2nc --ca-file server.pem --name localhost 127.0.0.1 8443
 * s2nc --ca-file server.pem --cert client.pem --key client-key.pem localhost 8443   # mutual TLS
 * s2nc --insecure --send 'GET / HTTP/1.1' example.com 443
 * }</pre>
 */
@Command(name = "s2nc",
        customSynopsis = "s2nc [OPTIONS] host [port]",
        description = "A TLS client for testing, after s2n-tls's s2nc: sends standard input (or --send TEXT) "
                + "and prints what the server sends back. What the handshake negotiated goes to stderr.",
        mixinStandardHelpOptions = true,
        version = "s2nc (s2n-tls-java) 0.1.0",
        sortOptions = false,
        footer = {"", "Exit codes: 0 success; 1 connection, handshake or verification failure (the reason is "
                + "on stderr); 2 wrong command line."})
final class S2nc implements Callable<Integer> {
    /** How long to wait for TCP's handshake; without a limit a silent address would hang for minutes. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Bytes moved per read of stdin or per recv: one maximum-size TLS record (RFC 8446 §5.1). */
    private static final int BUFFER = 16 * 1024;
    /** At most a second (in 10 ms steps) for a send in flight to finish once the server has closed. */
    private static final int SENDER_GRACE_STEPS = 100;
    /** The contents of --early-data, or null. */
    private byte[] earlyBytes;

    /** The most --reconnect allows: a test tool, not a load generator. */
    static final int MAX_RECONNECTS = 1000;

    @Spec
    private CommandSpec spec;

    private final Main.StandardStreams streams;

    @Parameters(index = "0", paramLabel = "host", description = "Server to connect to: a name or an IP address.")
    private String host;

    @Parameters(index = "1", arity = "0..1", paramLabel = "port", defaultValue = "443",
            description = "Port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = {"-f", "--ca-file"}, paramLabel = "FILE",
            description = "Trust the certificates in this PEM file, in addition to the JDK's.")
    private Path caFile;

    @Option(names = {"-i", "--insecure"}, description = "Do not verify the server's certificate (tests only).")
    private boolean insecure;

    @Option(names = {"-l", "--cert"}, paramLabel = "FILE",
            description = "Client certificate chain, PEM, leaf first: presented when the server asks for one.")
    private Path certFile;

    @Option(names = {"-k", "--key"}, paramLabel = "FILE", description = "Private key for --cert, PEM (PKCS#8, RSA or EC).")
    private Path keyFile;

    @Option(names = {"-n", "--name"}, paramLabel = "SNI",
            description = "Server name for SNI and certificate verification (default: host).")
    private String name;

    @Option(names = {"-a", "--alpn"}, paramLabel = "LIST", split = ",",
            description = "Application protocols to offer, most preferred first, comma-separated.")
    private List<String> alpn;

    @Option(names = {"-c", "--ciphers"}, paramLabel = "POLICY", defaultValue = "default",
            description = "Security policy name (default: ${DEFAULT-VALUE}).")
    private String policy;

    @Option(names = "--groups", paramLabel = "LIST", split = ",",
            description = "Only these key exchange groups of the policy, in this order (e.g. X25519MLKEM768), "
                    + "to pin one for a test.")
    private List<String> groups;

    @Option(names = {"-C", "--corked-io"}, description = "Cork the socket while writing each handshake flight.")
    private boolean corkedIo;

    @Option(names = {"-B", "--non-blocking"}, description = "Drive the handshake over a non-blocking socket and a selector.")
    private boolean nonBlocking;

    @Option(names = "--send", paramLabel = "TEXT",
            description = "Send TEXT and a newline instead of standard input.")
    private String send;

    @Option(names = {"-r", "--reconnect"}, paramLabel = "N", defaultValue = "0",
            description = "Connect again N times after the first, each time offering the latest session ticket "
                    + "(s2n's s2nc -r does 5); data is exchanged on the last connection only.")
    private int reconnects;

    @Option(names = {"-T", "--no-session-ticket"}, description = "Take no session tickets and offer none.")
    private boolean noSessionTicket;

    @Option(names = "--ticket-in", paramLabel = "FILE", description = "Offer the session in FILE (from --ticket-out) to resume.")
    private Path ticketIn;

    @Option(names = "--ticket-out", paramLabel = "FILE",
            description = "Write the latest session ticket the server sent to FILE, for --ticket-in. "
                    + "It holds a resumption secret: keep it private.")
    private Path ticketOut;

    @Option(names = {"-s", "--status"}, description = "Ask the server to staple its OCSP response (shown as 'OCSP response').")
    private boolean statusRequest;

    @Option(names = {"-E", "--early-data"}, paramLabel = "FILE",
            description = "Send FILE as TLS 1.3 early data (0-RTT) on each connection that offers a session allowing it "
                    + "(--ticket-in, --reconnect); sent again after the handshake if the server rejects it.")
    private Path earlyData;

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "Append the connections' secrets to FILE in the NSS key log format, to decrypt captures "
                    + "(default: $SSLKEYLOGFILE if set). Debugging only.")
    private Path keyLog;

    S2nc(Main.StandardStreams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        try {
            connectAndExchange();
            return 0;
        } catch (ToolFailure e) {
            if (e.exitCode() == Main.USAGE) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            streams.err().println("s2nc: " + e.getMessage());
            return e.exitCode();
        } finally {
            streams.out().flush();
            streams.err().flush();
        }
    }

    private void connectAndExchange() throws ToolFailure {
        Config config = config();
        String warning = OmittedGroups.warning("s2nc", policy);
        if (warning != null) {
            streams.err().println(warning);
        }
        if (noSessionTicket && (ticketIn != null || ticketOut != null)) {
            throw new ToolFailure("--no-session-ticket excludes --ticket-in and --ticket-out", Main.USAGE);
        }
        if (earlyData != null && noSessionTicket) {
            throw new ToolFailure("--early-data needs session tickets: it excludes --no-session-ticket", Main.USAGE);
        }
        byte[] early = null;
        if (earlyData != null) {
            try {
                early = Files.readAllBytes(earlyData);
            } catch (IOException e) {
                throw new ToolFailure("cannot read --early-data " + earlyData + ": " + e.getMessage());
            }
        }
        this.earlyBytes = early;
        byte[] session = ticketIn == null ? null : readSession();
        if (reconnects < 0 || reconnects > MAX_RECONNECTS) {
            throw new ToolFailure("--reconnect takes 0 to " + MAX_RECONNECTS + ", not " + reconnects, Main.USAGE);
        }
        int connections = reconnects + 1;
        for (int i = 0; i < connections; i++) {
            session = connectOnce(config, session, i == connections - 1);
        }
        if (ticketOut != null) {
            if (session == null) {
                streams.err().println("s2nc: the server sent no session ticket; " + ticketOut + " not written");
            } else {
                try {
                    Files.write(ticketOut, session);
                } catch (IOException e) {
                    throw new ToolFailure("cannot write --ticket-out " + ticketOut + ": " + e.getMessage());
                } finally {
                    Arrays.fill(session, (byte) 0);
                }
            }
        }
    }

    private byte[] readSession() throws ToolFailure {
        try {
            return Files.readAllBytes(ticketIn);
        } catch (IOException e) {
            throw new ToolFailure("cannot read --ticket-in " + ticketIn + ": " + e.getMessage());
        }
    }

    /**
     * One connection, offering {@code session} if not null: negotiates and prints what was
     * negotiated, then exchanges data ({@code last}) or just closes, reading the tickets the
     * server sent on the way. Returns the latest session to resume with, or null.
     */
    private byte[] connectOnce(Config config, byte[] session, boolean last) throws ToolFailure {
        try (Connection conn = new Connection(Mode.CLIENT)) {
            conn.setConfig(config);
            try {
                conn.setServerName(name != null ? name : hostLiteral());
            } catch (IllegalArgumentException e) {
                throw new ToolFailure("--name: " + e.getMessage(), Main.USAGE);
            }
            if (session != null) {
                try {
                    conn.setSession(session);
                } catch (IllegalArgumentException e) {
                    throw new ToolFailure("cannot use --ticket-in " + ticketIn + ": " + e.getMessage());
                }
            }
            try (SocketChannel channel = connect()) {
                conn.setChannel(channel);
                if (corkedIo) {
                    conn.useCorkedIo();
                }
                ByteBuffer early = earlyBytes == null || session == null ? null : ByteBuffer.wrap(earlyBytes);
                try {
                    if (early != null) {
                        // With the ClientHello, over the still blocking socket.
                        conn.sendEarlyData(early);
                    }
                    if (nonBlocking) {
                        negotiateWithSelector(conn, channel);
                    } else {
                        conn.negotiate();
                    }
                } catch (TlsException e) {
                    throw new ToolFailure("handshake failed: " + e.getMessage());
                }
                streams.err().print(ConnectionInfo.block(conn));
                streams.err().flush();
                if (early != null && (early.hasRemaining() || conn.earlyDataStatus() != s2n.tls.EarlyDataStatus.ACCEPTED)) {
                    // Rejected early data never reached the server; what did not fit goes now too.
                    ByteBuffer rest = conn.earlyDataStatus() == s2n.tls.EarlyDataStatus.ACCEPTED
                            ? early : ByteBuffer.wrap(earlyBytes);
                    try {
                        while (rest.hasRemaining()) {
                            conn.send(rest);
                        }
                    } catch (TlsException e) {
                        throw new ToolFailure("sending the early data again failed: " + e.getMessage());
                    }
                }
                if (last) {
                    exchange(conn);
                } else {
                    try {
                        // Our close_notify, then the server's: the tickets it sent come before that.
                        conn.shutdown();
                    } catch (TlsException e) {
                        throw new ToolFailure("shutdown failed: " + e.getMessage());
                    }
                }
                return conn.session();
            } catch (IOException e) {
                // The selector could not be opened, or closing the socket failed.
                throw new ToolFailure("I/O error: " + e.getMessage());
            }
        }
    }

    private Config config() throws ToolFailure {
        try {
            Config.Builder builder = Config.builder()
                    // Like s2n's own tools: no blinding delay, so a failure reaches the peer at once.
                    .maxBlindingDelay(java.time.Duration.ZERO).securityPolicy(policy);
            if (groups != null) {
                builder.securityPolicy(s2n.tls.SecurityPolicy.named(policy).withGroups(groups.toArray(new String[0])));
            }
            if (caFile != null) {
                String pem = PemFiles.read(caFile, "--ca-file");
                try {
                    builder.trustPem(pem);
                } catch (IllegalArgumentException e) {
                    throw new ToolFailure("cannot use --ca-file " + caFile + ": " + e.getMessage());
                }
            }
            if (insecure) {
                builder.disableX509Verification();
            }
            if ((certFile == null) != (keyFile == null)) {
                throw new ToolFailure("--cert and --key go together: give both, or neither", Main.USAGE);
            }
            if (certFile != null) {
                String chainPem = PemFiles.read(certFile, "--cert");
                String keyPem = PemFiles.read(keyFile, "--key");
                try {
                    builder.certificateChainAndKey(CertificateChainAndKey.fromPem(chainPem, keyPem));
                } catch (IllegalArgumentException e) {
                    throw new ToolFailure("cannot use --cert " + certFile + " --key " + keyFile + ": " + e.getMessage());
                }
            }
            if (alpn != null) {
                builder.applicationProtocols(alpn.toArray(new String[0]));
            }
            KeyLogFile.install(builder, KeyLogFile.choose(keyLog));
            // As s2n's s2nc: session tickets on unless -T.
            builder.sessionTicketsEnabled(!noSessionTicket);
            builder.statusRequest(statusRequest);
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage(), Main.USAGE);
        }
    }

    private SocketChannel connect() throws ToolFailure {
        if (port < 1 || port > 65535) {
            throw new ToolFailure("port must be a number from 1 to 65535, not " + port, Main.USAGE);
        }
        InetSocketAddress address = new InetSocketAddress(hostLiteral(), port);
        if (address.isUnresolved()) {
            throw new ToolFailure("cannot resolve host " + host);
        }
        String where = ServerSession.describe(address);
        try {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.socket().connect(address, CONNECT_TIMEOUT_MILLIS);
                return channel;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new ToolFailure("cannot connect to " + where + ": " + e.getMessage());
        }
    }

    /** The host without the brackets of an IPv6 literal ({@code [::1]} is {@code ::1}). */
    private String hostLiteral() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The handshake over a non-blocking socket: negotiate until blocked, wait on a selector for
     * what the connection is blocked on, repeat. The socket goes back to blocking mode afterwards,
     * since stdin cannot be selected on and the data phase is simplest with blocking IO.
     */
    private static void negotiateWithSelector(Connection conn, SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            SelectionKey key = channel.register(selector, 0);
            Blocked b;
            while ((b = conn.negotiate()) != Blocked.NOT_BLOCKED) {
                if (b != Blocked.ON_READ && b != Blocked.ON_WRITE) {
                    throw new IllegalStateException("the handshake is blocked " + b + ", which s2nc never asks for");
                }
                key.interestOps(b == Blocked.ON_READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
                selector.select();
                selector.selectedKeys().clear();
            }
        }
        // Closing the selector deregistered the channel, which blocking mode requires.
        channel.configureBlocking(true);
    }

    /**
     * Full duplex: a thread sends stdin (or {@code --send}) and then close_notify, while this one
     * prints what arrives until the server's close_notify. The connection allows exactly this, one
     * sender and one receiver at once.
     */
    private void exchange(Connection conn) throws ToolFailure {
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        AtomicBoolean sending = new AtomicBoolean();
        Thread sender = new Thread(() -> {
            try {
                if (send != null) {
                    sendFully(conn, ByteBuffer.wrap((send + "\n").getBytes(StandardCharsets.UTF_8)), sending);
                } else {
                    sendAll(conn, streams.in(), sending);
                }
                conn.shutdownSend();
            } catch (Exception e) {
                sendFailure.compareAndSet(null, e);
            }
        }, "s2nc-send");
        // The server may close first (s2nd --www does) while stdin is still open: do not wait for it.
        sender.setDaemon(true);
        sender.start();

        ByteBuffer received = ByteBuffer.allocate(BUFFER);
        try {
            int n;
            while ((n = conn.recv(received)) >= 0) {
                streams.out().write(received.array(), 0, n);
                streams.out().flush();
                received.clear();
            }
        } catch (TlsException e) {
            throw new ToolFailure("connection failed: " + e.getMessage());
        }
        // The server's close_notify came. What the sender failed with before then is ours to report;
        // the marker put in its place silences what it fails with from now on (sending after our
        // shutdown, or on a closed connection), which is expected.
        Exception failure = sendFailure.getAndSet(new IllegalStateException("s2nc is closing"));
        if (failure != null) {
            throw new ToolFailure("sending failed: " + failure.getMessage());
        }
        try {
            conn.shutdown(); // sends our close_notify if the sender has not yet
        } catch (TlsException e) {
            throw new ToolFailure("shutdown failed: " + e.getMessage());
        }
        // A send in flight finishes before the connection is freed under it; a sender waiting on
        // stdin is not waited for.
        try {
            for (int i = 0; i < SENDER_GRACE_STEPS && sending.get() && sender.isAlive(); i++) {
                sender.join(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sendAll(Connection conn, InputStream in, AtomicBoolean sending) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            sendFully(conn, ByteBuffer.wrap(buffer, 0, n), sending);
        }
    }

    private static void sendFully(Connection conn, ByteBuffer data, AtomicBoolean sending) throws TlsException {
        sending.set(true);
        try {
            while (data.hasRemaining()) {
                conn.send(data);
            }
        } finally {
            sending.set(false);
        }
    }
}
