package s2n.tls.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command lines for {@code openssl s_server} and {@code s_client} as the interop tests run them:
 * TLS 1.3 only unless a test names other {@link Versions}, 127.0.0.1 only, one connection, and
 * not quiet (the tests read what OpenSSL prints about the connection it made).
 */
final class OpenSsl {
    /** s_server's ready line; with {@code -accept 127.0.0.1:0} it names the port the kernel chose. */
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");
    /**
     * s_client's summary line after the handshake, "New, TLSv1.2, Cipher is ECDHE-ECDSA-AES128-GCM-SHA256":
     * the version and the suite (OpenSSL's name) it negotiated.
     */
    static final Pattern CLIENT_SUMMARY = Pattern.compile("New, (TLSv1\\.[23]), Cipher is (\\S+)");
    /**
     * The ServerHello line of s_server's {@code -msg} trace, "&gt;&gt;&gt; TLS 1.2, Handshake [length 0041], ServerHello":
     * the version s_server chose (s_server prints no other line naming it).
     */
    static final Pattern SERVER_HELLO_SENT =
            Pattern.compile(">>> (TLS 1\\.[23]), Handshake \\[length [0-9a-f]+\\], ServerHello");
    /** The TLS 1.2 suites we implement, by IANA name: key exchange and authentication, then the AEAD and hash. */
    private static final Pattern TLS12_ECDHE_SUITE =
            Pattern.compile("TLS_ECDHE_(ECDSA|RSA)_WITH_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)");

    private OpenSsl() {}

    /** The protocol versions an OpenSSL peer may negotiate, as its command-line options. */
    enum Versions {
        TLS13_ONLY("-tls1_3"),
        TLS12_ONLY("-tls1_2"),
        /** Explicit bounds, so the system's openssl.cnf (MinProtocol) cannot change what is tested. */
        TLS12_TO_TLS13("-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.3");

        private final List<String> options;

        Versions(String... options) {
            this.options = List.of(options);
        }

        List<String> options() {
            return options;
        }
    }

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
        return server(dir, Versions.TLS13_ONLY, identity, extra);
    }

    /** Starts {@code openssl s_server} as {@link #server(Path, PemFiles.Identity, String...)}, limited to {@code versions}. */
    static Server server(Path dir, Versions versions, PemFiles.Identity identity, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Peer.OPENSSL.program(), "s_server"));
        cmd.addAll(versions.options());
        cmd.addAll(List.of("-accept", "127.0.0.1:0", "-naccept", "1",
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
        return client(dir, Versions.TLS13_ONLY, port, caFile, extra);
    }

    /** Starts {@code openssl s_client} as {@link #client(Path, int, String, String...)}, limited to {@code versions}. */
    static PeerProcess client(Path dir, Versions versions, int port, String caFile, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Peer.OPENSSL.program(), "s_client"));
        cmd.addAll(versions.options());
        cmd.addAll(List.of("-connect", "127.0.0.1:" + port, "-CAfile", caFile, "-verify_return_error"));
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
            case "secp521r1":
                return "ECDH, secp521r1, 521 bits";
            default:
                throw new IllegalArgumentException("no OpenSSL name known for " + group);
        }
    }

    /**
     * OpenSSL's name for a TLS 1.2 suite ({@code -cipher}, "Cipher is" lines), from its IANA name:
     * "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" is "ECDHE-RSA-AES128-GCM-SHA256". TLS 1.3 suites keep
     * their IANA names in OpenSSL.
     */
    static String tls12CipherName(String ianaSuite) {
        Matcher m = TLS12_ECDHE_SUITE.matcher(ianaSuite);
        if (!m.matches()) {
            throw new IllegalArgumentException("no OpenSSL name known for " + ianaSuite);
        }
        String cipher = m.group(2).equals("CHACHA20_POLY1305_SHA256") ? "CHACHA20-POLY1305"
                : m.group(2).replace("AES_128_GCM", "AES128-GCM").replace("AES_256_GCM", "AES256-GCM").replace('_', '-');
        return "ECDHE-" + m.group(1) + "-" + cipher;
    }
}
