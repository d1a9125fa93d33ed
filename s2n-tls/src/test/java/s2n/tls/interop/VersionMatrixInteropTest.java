package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Blocked;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;
import s2n.tls.testing.TestPki;

/**
 * The version matrix with real peers as processes: client {TLS 1.2 only, TLS 1.2-1.3} x server
 * {TLS 1.2 only, TLS 1.2-1.3}, our side against OpenSSL and against GnuTLS, ours as the client and
 * as the server. Our side checks the three version getters as s2n defines them (see
 * {@code Negotiated}): actual = the version negotiated; client = the highest version the client
 * advertised; server = the highest version the server supports, except that a client reads it from
 * the ServerHello and so says TLS 1.2 for any TLS 1.2 handshake. The peer reports the version it
 * negotiated too. The same matrix with the JDK in process is in {@code VersionNegotiationTest}.
 */
@Timeout(60)
class VersionMatrixInteropTest {
    /** s2n's TLS 1.2-only policy (its default before v1.6.0). */
    static final String TLS12_ONLY_POLICY = "20240501";
    /** s2n's current default: TLS 1.2 and TLS 1.3. */
    static final String TLS12_TO_TLS13_POLICY = "default";
    private static final int PAYLOAD = 2000;

    @TempDir
    Path dir;

    /** One side's range of versions, as our policy and as each peer's options. */
    enum Range {
        TLS12_ONLY(ProtocolVersion.TLS12, TLS12_ONLY_POLICY, OpenSsl.Versions.TLS12_ONLY, GnuTls.Versions.TLS12_ONLY),
        TLS12_TO_TLS13(ProtocolVersion.TLS13, TLS12_TO_TLS13_POLICY, OpenSsl.Versions.TLS12_TO_TLS13,
                GnuTls.Versions.TLS12_TO_TLS13);

        final ProtocolVersion highest;
        final String policy;
        final OpenSsl.Versions openSsl;
        final GnuTls.Versions gnuTls;

        Range(ProtocolVersion highest, String policy, OpenSsl.Versions openSsl, GnuTls.Versions gnuTls) {
            this.highest = highest;
            this.policy = policy;
            this.openSsl = openSsl;
            this.gnuTls = gnuTls;
        }

        @Override
        public String toString() {
            return this == TLS12_ONLY ? "1.2 only" : "1.2-1.3";
        }
    }

    /** Each peer x client range x server range. */
    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Peer peer : new Peer[] {Peer.OPENSSL, Peer.GNUTLS_CLI}) {
            for (Range client : Range.values()) {
                for (Range server : Range.values()) {
                    out.add(Arguments.of(peer, client, server));
                }
            }
        }
        return out.stream();
    }

    private static ProtocolVersion negotiated(Range client, Range server) {
        return client.highest.compareTo(server.highest) < 0 ? client.highest : server.highest;
    }

    private static List<ProtocolVersion> versions(Connection c) {
        return List.of(c.actualProtocolVersion(), c.clientProtocolVersion(), c.serverProtocolVersion());
    }

    private static TestPki pki() {
        return TestPki.shared(TestPki.KeyType.ECDSA_P256);
    }

    @ParameterizedTest(name = "{0} server {2} <- our client {1}")
    @MethodSource("matrix")
    void ourClientToPeerServer(Peer peer, Range client, Range server) throws Exception {
        ProtocolVersion expected = negotiated(client, server);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki().issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = InteropOpenSslTest.clientConfig(pki(), SecurityPolicy.named(client.policy));
        String peerSaw;
        if (peer == Peer.OPENSSL) {
            peer.require();
            try (OpenSsl.Server s = OpenSsl.server(dir, server.openSsl, identity, "-msg", "-msgfile", "msg.txt");
                 OurClient c = OurClient.connect(s.port(), config, "localhost")) {
                s.process().explain(() -> {
                    Connection conn = c.handshake();
                    // s2n's client: the server's version is the one its ServerHello chose.
                    assertEquals(List.of(expected, client.highest, expected), versions(conn),
                            "actual, client, server versions on our client");
                    InteropOpenSslTest.exchangeWithServer(s.process(), conn);
                    InteropOpenSslTest.closeWithServer(s.process(), c);
                });
            }
            String trace = Files.readString(dir.resolve("msg.txt"), StandardCharsets.ISO_8859_1);
            Matcher hello = OpenSsl.SERVER_HELLO_SENT.matcher(trace);
            assertTrue(hello.find(), "s_server's trace shows its ServerHello");
            peerSaw = hello.group(1);
        } else {
            Peer.GNUTLS_SERV.require();
            try (GnuTls.Server s = GnuTls.echoServer(dir, identity, GnuTls.priority(server.gnuTls, null, null));
                 OurClient c = OurClient.connect(s.port(), config, "localhost")) {
                s.process().explain(() -> {
                    Connection conn = c.handshake();
                    assertEquals(List.of(expected, client.highest, expected), versions(conn),
                            "actual, client, server versions on our client");
                    String text = OurClient.payload(1, PAYLOAD);
                    OurClient.sendAll(conn, text);
                    assertEquals(text, OurClient.readExactly(conn, text.length()));
                    assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                });
                peerSaw = s.process().awaitStdout(GnuTls.DESCRIPTION).group(1);
            }
        }
        assertEquals(expected, parseVersion(peerSaw), peer + "'s version");
    }

    @ParameterizedTest(name = "{0} client {1} -> our server {2}")
    @MethodSource("matrix")
    void peerClientToOurServer(Peer peer, Range client, Range server) throws Exception {
        ProtocolVersion expected = negotiated(client, server);
        String root = PemFiles.writeRoot(dir, "root", pki());
        Config config = InteropOpenSslTest.serverConfig(pki().issue(TestPki.KeyType.ECDSA_P256, "localhost"),
                SecurityPolicy.named(server.policy));
        peer.require();
        try (OurServer ours = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess c = peer == Peer.OPENSSL
                     ? OpenSsl.client(dir, client.openSsl, ours.port(), root, "-servername", "localhost")
                     : GnuTls.client(dir, ours.port(), root, GnuTls.priority(client.gnuTls, null, null))) {
            c.explain(() -> {
                Matcher summary;
                if (peer == Peer.OPENSSL) {
                    Conversation.openSslClient(c);
                    summary = OpenSsl.CLIENT_SUMMARY.matcher(c.stdout());
                } else {
                    Conversation.gnuTlsClient(c);
                    summary = GnuTls.DESCRIPTION.matcher(c.stdout());
                }
                assertTrue(summary.find(), peer + " names the version it negotiated");
                assertEquals(expected, parseVersion(summary.group(1)), peer + "'s version");
                Connection conn = ours.awaitConnection();
                // s2n's server: the client's version is the highest it offered, the server's is its own highest.
                assertEquals(List.of(expected, client.highest, server.highest), versions(conn),
                        "actual, client, server versions on our server");
            });
        }
    }

    /** A version as a peer prints it: "TLSv1.2" (s_client), "TLS 1.2" (s_server's -msg), "TLS1.2" (GnuTLS). */
    static ProtocolVersion parseVersion(String printed) {
        switch (printed.replaceAll("[^0-9.]", "")) {
            case "1.2":
                return ProtocolVersion.TLS12;
            case "1.3":
                return ProtocolVersion.TLS13;
            default:
                throw new AssertionError("not a version we speak: " + printed);
        }
    }
}
