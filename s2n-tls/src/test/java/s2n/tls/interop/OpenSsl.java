package s2n.tls.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Command lines for {@code openssl s_server} and {@code s_client} as the interop tests run them:
 * TLS 1.3 only, 127.0.0.1 only, one connection, and not quiet (the tests read what OpenSSL
 * prints about the connection it made).
 */
final class OpenSsl {
    /** s_server's ready line; with {@code -accept 127.0.0.1:0} it names the port the kernel chose. */
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    private OpenSsl() {}

    /** A started s_server and the port it listens on. */
    record Server(PeerProcess process, int port) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * Starts {@code openssl s_server -tls1_3} on 127.0.0.1, port chosen by the kernel, for one
     * connection, presenting {@code identity}; {@code extra} options are appended.
     */
    static Server server(Path dir, PemFiles.Identity identity, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Peer.OPENSSL.program(), "s_server", "-tls1_3",
                "-accept", "127.0.0.1:0", "-naccept", "1",
                "-cert", identity.leaf(), "-cert_chain", identity.chain(), "-key", identity.key()));
        cmd.addAll(Arrays.asList(extra));
        PeerProcess process = PeerProcess.start(dir, cmd.toArray(new String[0]));
        try {
            int port = Integer.parseInt(process.awaitStdout(ACCEPT).group(1));
            return new Server(process, port);
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
    }

    /**
     * Starts {@code openssl s_client -tls1_3} to 127.0.0.1:{@code port}, verifying the server
     * against {@code caFile} and failing the handshake on a verification error
     * ({@code -verify_return_error}); {@code extra} options are appended.
     */
    static PeerProcess client(Path dir, int port, String caFile, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Peer.OPENSSL.program(), "s_client", "-tls1_3",
                "-connect", "127.0.0.1:" + port, "-CAfile", caFile, "-verify_return_error"));
        cmd.addAll(Arrays.asList(extra));
        return PeerProcess.start(dir, cmd.toArray(new String[0]));
    }

    /** How s_client's "Server Temp Key:" line names the key exchange of {@code group} (IANA name). */
    static String temporaryKeyName(String group) {
        switch (group) {
            case "x25519":
                return "X25519, 253 bits";
            case "secp256r1":
                return "ECDH, prime256v1, 256 bits";
            case "secp384r1":
                return "ECDH, secp384r1, 384 bits";
            default:
                throw new IllegalArgumentException("no OpenSSL name known for " + group);
        }
    }
}
