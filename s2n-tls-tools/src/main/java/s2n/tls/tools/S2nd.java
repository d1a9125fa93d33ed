package s2n.tls.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.ClientAuth;
import s2n.tls.Config;

/**
 * {@code s2nd}, the test server, modelled on s2n's: accepts TLS connections, prints what each
 * handshake negotiated, echoes what clients send (or serves one HTTP page with {@code --www}),
 * and runs until stopped (SIGTERM, Ctrl-C) or until {@code --max-conns} connections are done.
 *
 * <pre>{@code
 * s2nd --write-cert server.pem 8443            # self-signed ECDSA P-256 certificate for localhost
 * s2nd --cert chain.pem --key key.pem --www 0.0.0.0 8443
 * s2nd -m --ca-file clients.pem 8443             # mutual TLS: a client certificate from clients.pem
 * }</pre>
 *
 * <p>It prints {@code listening on HOST:PORT} once it accepts connections; with port 0 that line
 * carries the port the system picked, which is how scripts and tests find it.
 */
@Command(name = "s2nd",
        customSynopsis = "s2nd [OPTIONS] [host] port",
        description = "A TLS server for testing, after s2n-tls's s2nd: echoes what each client sends, or serves "
                + "one page (--www). Prints 'listening on HOST:PORT' when ready, then what each handshake negotiated.",
        mixinStandardHelpOptions = true,
        version = "s2nd (s2n-tls-java) 0.1.0",
        sortOptions = false,
        footer = {"", "Without --cert and --key it serves a self-signed ECDSA P-256 certificate for localhost, "
                + "127.0.0.1 and ::1, made at start; --write-cert saves it for a client's --ca-file.",
            "", "Exit codes: 0 stopped after --max-conns connections; 1 failure (the reason is on stderr); "
                + "2 wrong command line. SIGTERM or Ctrl-C stops it at any time."})
final class S2nd implements Callable<Integer> {
    /** Where s2nd listens when no host is given: loopback only, never every interface by surprise. */
    static final String DEFAULT_HOST = "127.0.0.1";
    /** The names the self-signed certificate is for. */
    static final String[] SELF_SIGNED_NAMES = {"localhost", "127.0.0.1", "::1"};

    @Spec
    private CommandSpec spec;

    private final Main.StandardStreams streams;

    @Parameters(arity = "1..2", paramLabel = "[host] port", hideParamSyntax = true,
            description = "Address to listen on (default host " + DEFAULT_HOST + "); port 0 picks a free port.")
    private List<String> hostAndPort;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "Certificate chain to serve, PEM, leaf first. Repeat with --key for several chains: each "
                    + "handshake takes the one naming the client's SNI (exact before wildcard) that suits its "
                    + "signature schemes, the first otherwise.")
    private List<Path> certFiles;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Private key for the --cert in the same position, PEM (PKCS#8, RSA or EC).")
    private List<Path> keyFiles;

    @Option(names = {"-c", "--ciphers"}, paramLabel = "POLICY", defaultValue = "default",
            description = "Security policy name (default: ${DEFAULT-VALUE}).")
    private String policy;

    @Option(names = "--groups", paramLabel = "LIST", split = ",",
            description = "Only these key exchange groups of the policy, in this order (e.g. X25519MLKEM768), "
                    + "to pin one for a test.")
    private List<String> groups;

    @Option(names = {"-m", "--mutual-auth", "--mutualAuth"}, arity = "0..1", paramLabel = "MODE",
            parameterConsumer = MutualAuthMode.class,
            description = "Ask each client for a certificate (as s2n's s2nd -m): required (the default) or optional; "
                    + "the same as --client-auth MODE.")
    private String mutualAuthFlag;

    /**
     * Takes {@code -m}'s optional MODE only when the next argument is one ({@code s2nd -m 8443}
     * keeps 8443 as the port), else means required.
     */
    static final class MutualAuthMode implements picocli.CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(java.util.Stack<String> args, picocli.CommandLine.Model.ArgSpec argSpec,
                CommandSpec commandSpec) {
            String next = args.isEmpty() ? null : args.peek();
            if ("required".equals(next) || "optional".equals(next)) {
                argSpec.setValue(args.pop());
            } else {
                argSpec.setValue("required");
            }
        }
    }

    @Option(names = "--client-auth", paramLabel = "MODE",
            description = "Ask each client for a certificate: required (no certificate, no handshake) or optional. "
                    + "Verified against --ca-file unless --insecure.")
    private String mutualAuth;

    @Option(names = {"-t", "--ca-file"}, paramLabel = "FILE",
            description = "With client authentication: trust only the CA certificates in this PEM file for client "
                    + "certificates.")
    private Path caFile;

    @Option(names = {"-i", "--insecure"},
            description = "With client authentication: accept any client certificate (its CertificateVerify is still "
                    + "checked; tests only).")
    private boolean insecure;

    @Option(names = {"-A", "--alpn"}, paramLabel = "LIST", split = ",",
            description = "Application protocols to accept, most preferred first, comma-separated.")
    private List<String> alpn;

    @Option(names = {"-e", "--echo"}, description = "Echo what each client sends until it closes (the default).")
    private boolean echo;

    @Option(names = {"-w", "--www"},
            description = "Answer each client's HTTP request with a page saying what was negotiated, then close.")
    private boolean www;

    @Option(names = "--non-blocking", description = "Serve every connection from one thread with a selector; idle connections free their "
            + "handshake state and record buffers.")
    private boolean nonBlocking;

    @Option(names = "--parallelize", description = "A thread per connection (default: one connection at a time).")
    private boolean parallelize;

    @Option(names = {"-X", "--max-conns"}, paramLabel = "N", defaultValue = "0",
            description = "Exit after N connections (0: never).")
    private int maxConnections;

    @Option(names = {"-C", "--corked-io"}, description = "Cork the socket while writing each handshake flight.")
    private boolean corkedIo;

    @Option(names = "--write-cert", paramLabel = "FILE",
            description = "Write the certificate chain served (the first, with several), as PEM, before listening.")
    private Path writeCert;

    @Option(names = "--ocsp", paramLabel = "FILE",
            description = "Staple the DER OCSP response in FILE for the (first) certificate, to clients that ask.")
    private Path ocspFile;

    @Option(names = {"-T", "--no-session-ticket"},
            description = "Issue no session tickets (TLS 1.2 clients still resume by session ID from the cache).")
    private boolean noSessionTicket;

    @Option(names = {"-E", "--max-early-data"}, paramLabel = "N", defaultValue = "0",
            description = "Accept up to N bytes of TLS 1.3 early data (0-RTT) per resumed connection, once per ticket "
                    + "(default: none). Early data can be replayed: only for requests safe to repeat.")
    private int maxEarlyData;

    @Option(names = "--stk-file", paramLabel = "FILE",
            description = "Seal session tickets with the key in FILE (16 bytes or more, raw), so that several s2nd "
                    + "resume each other's sessions (default: a random key for this process).")
    private Path ticketKeyFile;

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "Append the connections' secrets to FILE in the NSS key log format, to decrypt captures "
                    + "(default: $SSLKEYLOGFILE if set). Debugging only.")
    private Path keyLog;

    /** s2n's s2nd keeps 256 sessions in its cache. */
    static final int SESSION_CACHE_SIZE = 256;

    S2nd(Main.StandardStreams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        try (Server server = start()) {
            streams.out().println("listening on " + ServerSession.describe(server.address()));
            streams.out().flush();
            server.serve();
            return 0;
        } catch (ToolFailure e) {
            if (e.exitCode() == Main.USAGE) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            streams.err().println("s2nd: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            streams.err().println("s2nd: " + e.getMessage());
            return Main.FAILURE;
        }
    }

    /**
     * Checks the options, loads or makes the certificate, writes it if asked, and binds: the
     * server returned is listening and ready to {@link Server#serve()}.
     *
     * @throws ToolFailure with {@link Main#USAGE} for options that do not make sense, else
     *     {@link Main#FAILURE} (unreadable files, address in use)
     */
    Server start() throws ToolFailure {
        checkOptions();
        InetSocketAddress address = address();
        List<CertificateChainAndKey> certificates = certificates();
        Config config = config(certificates);
        String warning = OmittedGroups.warning("s2nd", policy);
        if (warning != null) {
            streams.err().println(warning);
        }
        if (writeCert != null) {
            // The default chain: the one a client without SNI (or with a name none matches) gets.
            PemFiles.writeCertificates(writeCert, certificates.get(0).certificates());
        }
        ServeSettings settings = new ServeSettings(config, www, corkedIo, maxConnections, streams.out(), streams.err());
        Server.Threading threading = nonBlocking ? Server.Threading.SELECTOR
                : parallelize ? Server.Threading.THREAD_PER_CONNECTION : Server.Threading.ONE_AT_A_TIME;
        try {
            return Server.open(address, threading, settings);
        } catch (IOException e) {
            throw new ToolFailure("cannot listen on " + ServerSession.describe(address) + ": " + e.getMessage());
        }
    }

    /**
     * As s2n's s2nd: a session cache of {@value #SESSION_CACHE_SIZE} for TLS 1.2 session IDs, and
     * session tickets under --stk-file's key or (ours) a random one, unless -T.
     */
    private void sessionTickets(Config.Builder builder) throws ToolFailure {
        builder.sessionCache(s2n.tls.SessionCache.inMemory(SESSION_CACHE_SIZE));
        try {
            builder.maxEarlyData(maxEarlyData);
        } catch (IllegalArgumentException e) {
            throw usage("--max-early-data: " + e.getMessage());
        }
        if (noSessionTicket) {
            return;
        }
        if (ticketKeyFile == null) {
            builder.sessionTicketsEnabled(true);
            return;
        }
        byte[] key;
        try {
            key = java.nio.file.Files.readAllBytes(ticketKeyFile);
        } catch (IOException e) {
            throw new ToolFailure("cannot read --stk-file " + ticketKeyFile + ": " + e.getMessage());
        }
        try {
            // Introduced an hour ago, so that a key file shared by several servers started a
            // little apart seals at once on each of them.
            builder.addTicketKey("s2nd", key, java.time.Instant.now().minusSeconds(3600));
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("cannot use --stk-file " + ticketKeyFile + ": " + e.getMessage());
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    private void checkOptions() throws ToolFailure {
        if (noSessionTicket && ticketKeyFile != null) {
            throw usage("--no-session-ticket and --stk-file exclude each other: choose one");
        }
        if (ocspFile != null && certFiles == null) {
            throw usage("--ocsp is for a --cert of your own: the self-signed certificate has no OCSP responder");
        }
        if (noSessionTicket && maxEarlyData > 0) {
            throw usage("--max-early-data needs session tickets: it excludes --no-session-ticket");
        }
        if (echo && www) {
            throw usage("--echo and --www exclude each other: choose one");
        }
        if (nonBlocking && parallelize) {
            throw usage("--non-blocking and --parallelize exclude each other: choose one");
        }
        if (certFiles == null ? keyFiles != null : keyFiles == null || keyFiles.size() != certFiles.size()) {
            throw usage("--cert and --key go together, one --key per --cert: give both, or neither for a self-signed certificate");
        }
        if (mutualAuthFlag != null) {
            if (mutualAuth != null && !mutualAuth.equals(mutualAuthFlag)) {
                throw usage("--mutual-auth " + mutualAuthFlag + " and --client-auth " + mutualAuth + " disagree: choose one");
            }
            mutualAuth = mutualAuthFlag;
        }
        if (mutualAuth == null && (caFile != null || insecure)) {
            throw usage("--ca-file and --insecure only matter with --mutual-auth or --client-auth");
        }
        if (mutualAuth != null && caFile == null && !insecure) {
            throw usage("client authentication needs --ca-file FILE to verify client certificates against (or --insecure)");
        }
        if (caFile != null && insecure) {
            throw usage("--ca-file and --insecure exclude each other: choose one");
        }
        clientAuth();
        if (maxConnections < 0) {
            throw usage("--max-conns must be 0 (no limit) or more, not " + maxConnections);
        }
        if (www && alpn != null) {
            for (String protocol : alpn) {
                if (!protocol.equals("http/1.1") && !protocol.equals("http/1.0")) {
                    throw usage("--www speaks HTTP/1.1 only, so --alpn may list http/1.1 and http/1.0, not " + protocol);
                }
            }
        }
    }

    private InetSocketAddress address() throws ToolFailure {
        String host = hostAndPort.size() == 2 ? hostAndPort.get(0) : DEFAULT_HOST;
        String portText = hostAndPort.get(hostAndPort.size() - 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw usage("port must be a number from 0 to 65535, not '" + portText + "'");
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetSocketAddress address = new InetSocketAddress(literal, port);
        if (address.isUnresolved()) {
            throw new ToolFailure("cannot resolve host " + host);
        }
        return address;
    }

    /** The chains to serve, the default first: --cert/--key pairs in order, or one self-signed. */
    private List<CertificateChainAndKey> certificates() throws ToolFailure {
        if (certFiles == null) {
            SelfSignedCertificate self = SelfSignedCertificate.generate(SELF_SIGNED_NAMES);
            return List.of(CertificateChainAndKey.of(self.privateKey(), List.of(self.certificate())));
        }
        List<CertificateChainAndKey> out = new java.util.ArrayList<>();
        for (int i = 0; i < certFiles.size(); i++) {
            Path certFile = certFiles.get(i);
            Path keyFile = keyFiles.get(i);
            String chainPem = PemFiles.read(certFile, "--cert");
            String keyPem = PemFiles.read(keyFile, "--key");
            try {
                CertificateChainAndKey chain = CertificateChainAndKey.fromPem(chainPem, keyPem);
                if (i == 0 && ocspFile != null) {
                    chain = chain.withOcspResponse(readOcsp());
                }
                out.add(chain);
            } catch (IllegalArgumentException e) {
                throw new ToolFailure("cannot use --cert " + certFile + " --key " + keyFile + ": " + e.getMessage());
            }
        }
        return out;
    }

    private byte[] readOcsp() throws ToolFailure {
        try {
            return java.nio.file.Files.readAllBytes(ocspFile);
        } catch (IOException e) {
            throw new ToolFailure("cannot read --ocsp " + ocspFile + ": " + e.getMessage());
        }
    }

    private Config config(List<CertificateChainAndKey> certificates) throws ToolFailure {
        try {
            Config.Builder builder = Config.builder()
                    // Like s2n's own tools: no blinding delay, so a failure reaches the peer at once.
                    .maxBlindingDelay(java.time.Duration.ZERO).securityPolicy(policy);
            if (groups != null) {
                builder.securityPolicy(s2n.tls.SecurityPolicy.named(policy).withGroups(groups.toArray(new String[0])));
            }
            for (CertificateChainAndKey c : certificates) {
                builder.certificateChainAndKey(c);
            }
            if (alpn != null) {
                builder.applicationProtocols(alpn.toArray(new String[0]));
            }
            if (mutualAuth != null) {
                builder.clientAuth(clientAuth());
                if (insecure) {
                    builder.disableX509Verification();
                } else {
                    String pem = PemFiles.read(caFile, "--ca-file");
                    try {
                        builder.withSystemTrust(false).trustPem(pem);
                    } catch (IllegalArgumentException e) {
                        throw new ToolFailure("cannot use --ca-file " + caFile + ": " + e.getMessage());
                    }
                }
            }
            KeyLogFile.install(builder, KeyLogFile.choose(keyLog));
            sessionTickets(builder);
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The --client-auth mode (--mutual-auth is required); NONE without either. */
    private ClientAuth clientAuth() throws ToolFailure {
        if (mutualAuth == null) {
            return ClientAuth.NONE;
        }
        switch (mutualAuth) {
            case "required":
                return ClientAuth.REQUIRED;
            case "optional":
                return ClientAuth.OPTIONAL;
            default:
                throw usage("--client-auth is required or optional, not '" + mutualAuth + "'");
        }
    }

    private static ToolFailure usage(String message) {
        return new ToolFailure(message, Main.USAGE);
    }
}
