package s2n.tls.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command lines for {@code gnutls-serv} and {@code gnutls-cli} as the interop tests run them:
 * the versions, suite and group set by a GnuTLS priority string, server certificates never
 * requested, and every connection on 127.0.0.1.
 *
 * <pre>{@code
 * String priority = GnuTls.priority(GnuTls.Versions.TLS12_ONLY, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", List.of("x25519"));
 * try (GnuTls.Server server = GnuTls.echoServer(dir, identity, priority)) {
 *     // connect to 127.0.0.1:server.port(): whatever arrives up to a newline comes back
 * }
 * }</pre>
 *
 * <p>gnutls-serv has no "port 0" and listens on every interface: {@link #echoServer} picks a port
 * that is free on 127.0.0.1 (bound by the kernel, then released) and starts over with another
 * one if gnutls-serv then reports that its IPv4 listener could not bind it.
 */
final class GnuTls {
    /**
     * gnutls-serv's report on its IPv4 listener, on stderr: "Echo Server listening on IPv4 0.0.0.0
     * port 45611...done", or "...bind() failed: Address already in use" (it then goes on with IPv6
     * alone, so the outcome must be read, not just waited for).
     */
    private static final Pattern IPV4_LISTENER =
            Pattern.compile("listening on IPv4 0\\.0\\.0\\.0 port (\\d+)\\.\\.\\.([^\\n]*)\\n");
    /** How many ports {@link #echoServer} tries: each fails only if another process took the port in between. */
    private static final int PORT_ATTEMPTS = 5;
    /** gnutls-cli's line once the handshake is done and it starts copying stdin to the connection. */
    static final String HANDSHAKE_COMPLETED = "- Handshake was completed";
    /**
     * The summary both programs print after the handshake, e.g. "- Description:
     * (TLS1.2-X.509)-(ECDHE-X25519)-(ECDSA-SHA256)-(AES-128-GCM)": version, key exchange and group,
     * signature, cipher.
     */
    static final Pattern DESCRIPTION = Pattern.compile(
            "- Description: \\((TLS1\\.[23])-X\\.509\\)-\\(ECDHE-([A-Z0-9]+)\\)-\\(([^)]+)\\)-\\(([A-Z0-9-]+)\\)");

    private GnuTls() {}

    /** The protocol versions a GnuTLS peer may negotiate, as priority-string elements. */
    enum Versions {
        TLS12_ONLY("+VERS-TLS1.2"),
        TLS13_ONLY("+VERS-TLS1.3"),
        TLS12_TO_TLS13("+VERS-TLS1.3:+VERS-TLS1.2");

        private final String elements;

        Versions(String elements) {
            this.elements = elements;
        }
    }

    /** A started gnutls-serv and the port it listens on. */
    record Server(PeerProcess process, int port) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * A priority string: GnuTLS's NORMAL set limited to {@code versions} and, when not null, to the
     * cipher of {@code ianaSuite} (a TLS 1.2 ECDHE suite or a TLS 1.3 suite) and to {@code groups}
     * (IANA names, in preference order). For TLS 1.2 the key exchange is limited to ECDHE, the only
     * one we implement.
     */
    static String priority(Versions versions, String ianaSuite, List<String> groups) {
        StringBuilder sb = new StringBuilder("NORMAL:-VERS-ALL:").append(versions.elements);
        if (versions != Versions.TLS13_ONLY) {
            sb.append(":-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA");
        }
        if (ianaSuite != null) {
            sb.append(":-CIPHER-ALL:+").append(cipherName(ianaSuite));
        }
        if (groups != null) {
            sb.append(":-GROUP-ALL");
            for (String g : groups) {
                sb.append(":+GROUP-").append(groupName(g));
            }
        }
        return sb.toString();
    }

    /** GnuTLS's name for the bulk cipher of a suite: "AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305". */
    static String cipherName(String ianaSuite) {
        if (ianaSuite.contains("AES_128_GCM")) {
            return "AES-128-GCM";
        }
        if (ianaSuite.contains("AES_256_GCM")) {
            return "AES-256-GCM";
        }
        if (ianaSuite.contains("CHACHA20_POLY1305")) {
            return "CHACHA20-POLY1305";
        }
        throw new IllegalArgumentException("no GnuTLS cipher known for " + ianaSuite);
    }

    /** GnuTLS's name for a group, as in priority strings and its Description line: "X25519", "SECP256R1". */
    static String groupName(String group) {
        switch (group) {
            case "x25519":
            case "secp256r1":
            case "secp384r1":
            case "secp521r1":
                return group.toUpperCase(Locale.ROOT);
            default:
                throw new IllegalArgumentException("no GnuTLS name known for " + group);
        }
    }

    /**
     * Starts {@code gnutls-serv --echo} (what it receives goes back once a newline arrived) with
     * {@code identity}'s whole chain, in gnutls-serv's default configuration otherwise: it asks for
     * a client certificate without requiring one, and our client (which has none) answers with an
     * empty Certificate; {@code extra} options are appended.
     */
    static Server echoServer(Path dir, PemFiles.Identity identity, String priority, String... extra) {
        return echoServer(GnuTls::freeLoopbackPort, dir, identity, priority, extra);
    }

    /** {@link #echoServer(Path, PemFiles.Identity, String, String...)} trying the ports {@code ports} gives, in turn. */
    static Server echoServer(IntSupplier ports, Path dir, PemFiles.Identity identity, String priority, String... extra) {
        AssertionError lastFailure = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = ports.getAsInt();
            List<String> cmd = new ArrayList<>(List.of(Peer.GNUTLS_SERV.program(), "--echo",
                    "--x509certfile", identity.fullChain(), "--x509keyfile", identity.traditionalKey(),
                    "--port", Integer.toString(port), "--priority", priority));
            cmd.addAll(Arrays.asList(extra));
            PeerProcess process = PeerProcess.start(dir, cmd.toArray(new String[0]));
            try {
                Matcher listener = process.awaitStderr(IPV4_LISTENER);
                if (listener.group(2).equals("done")) {
                    return new Server(process, port);
                }
                lastFailure = new AssertionError("gnutls-serv could not listen on port " + port + ": "
                        + listener.group(2) + "\n" + process.describe());
            } catch (RuntimeException | AssertionError e) {
                process.close();
                throw e;
            }
            process.close();
        }
        throw lastFailure;
    }

    /** A port the kernel just handed out on 127.0.0.1, released again for gnutls-serv to take. */
    static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, OurServer.LOOPBACK)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Starts {@code gnutls-cli} to 127.0.0.1:{@code port}, trusting {@code caFile}, sending and
     * verifying the server name localhost (our test certificates name it); {@code extra} options
     * are appended. It prints {@link #HANDSHAKE_COMPLETED}, then sends what arrives on its stdin
     * and prints what it receives until the server closes the connection.
     */
    static PeerProcess client(Path dir, int port, String caFile, String priority, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Peer.GNUTLS_CLI.program(), "--x509cafile", caFile,
                "--sni-hostname", "localhost", "--verify-hostname", "localhost",
                "--port", Integer.toString(port), "--priority", priority));
        cmd.addAll(Arrays.asList(extra));
        cmd.add("127.0.0.1");
        return PeerProcess.start(dir, cmd.toArray(new String[0]));
    }
}
