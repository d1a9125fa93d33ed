package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.Blocked;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.SecurityPolicy;
import s2n.tls.testing.TestPki;

/**
 * Our KeyUpdates (RFC 8446 §4.6.3, {@link Connection#requestKeyUpdate}) understood by real peers,
 * which go on exchanging data under the new keys: OpenSSL's s_server and s_client, gnutls-serv and
 * gnutls-cli, with and without update_requested; and OpenSSL's own KeyUpdate without request
 * (s_server's {@code k}), which we must apply without answering, and crossing with ours. The
 * peers' traces (OpenSSL's {@code -msg}, GnuTLS's {@code -d 4}) show each message; our counts
 * must agree. (Peers' update_requested answered by us: {@code InteropOpenSslTest},
 * {@code InteropGnuTlsTest}.)
 */
@Timeout(60)
class InteropKeyUpdateTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final String FIRST = OurClient.payload(1, 10_000);
    private static final String SECOND = OurClient.payload(2, 10_000);
    private static final String THIRD = OurClient.payload(3, 10_000);
    private static final String FOURTH = OurClient.payload(4, 10_000);
    /** Any KeyUpdate in OpenSSL's {@code -msg} trace, received ({@code <<<}) or sent ({@code >>>}). */
    private static final Pattern OPENSSL_ANY_RECEIVED = Pattern.compile("<<< TLS 1\\.3, Handshake \\[length 0005\\], KeyUpdate");
    private static final Pattern OPENSSL_ANY_SENT = Pattern.compile(">>> TLS 1\\.3, Handshake \\[length 0005\\], KeyUpdate");

    @TempDir
    Path dir;

    /** OpenSSL's {@code -msg} line for a KeyUpdate sent ({@code >>>}) or received ({@code <<<}) with request_update {@code value}. */
    private static Pattern openSslTrace(String direction, int value) {
        return Pattern.compile(Pattern.quote(direction) + " TLS 1\\.3, Handshake \\[length 0005\\], KeyUpdate\\s+18 00 00 01 0" + value);
    }

    private static int value(boolean peerMustUpdate) {
        return peerMustUpdate ? 1 : 0;
    }

    private static Config ourClient() {
        return InteropOpenSslTest.clientConfig(PKI, SecurityPolicy.named("default"));
    }

    private static Config ourServer() {
        return InteropOpenSslTest.serverConfig(PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost"), SecurityPolicy.named("default"));
    }

    /**
     * Our server's part with a client program: handshake, read FIRST, ask for a KeyUpdate, answer
     * SECOND under the new key, read THIRD (under the client's new key, if it had to update), answer
     * FOURTH, close.
     */
    private static OurServer.Session updatingServer(boolean peerMustUpdate) {
        return conn -> {
            assertEquals(Blocked.NOT_BLOCKED, conn.negotiate());
            assertEquals(FIRST, OurClient.readExactly(conn, FIRST.length()));
            conn.requestKeyUpdate(peerMustUpdate);
            OurClient.sendAll(conn, SECOND);
            assertEquals(THIRD, OurClient.readExactly(conn, THIRD.length()));
            OurClient.sendAll(conn, FOURTH);
            assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
        };
    }

    /** The client program's part with {@link #updatingServer}: it prints what arrives and sends its stdin. */
    private static void clientProgram(PeerProcess client) {
        client.write(FIRST);
        client.awaitStdout(SECOND);
        client.write(THIRD);
        client.awaitStdout(FOURTH);
        assertEquals(0, client.awaitExit(), "the client's exit code");
    }

    private static void assertCounts(Connection conn, long sent, long received) {
        assertEquals(sent, conn.keyUpdatesSent(), "KeyUpdates we sent");
        assertEquals(received, conn.keyUpdatesReceived(), "KeyUpdates we received");
    }

    @Nested
    @DisplayNameGeneration(Peer.OpenSslNames.class)
    class WithOpenSsl {
        private String trace() throws Exception {
            return Files.readString(dir.resolve("msg.txt"), StandardCharsets.ISO_8859_1);
        }

        /**
         * Our client's KeyUpdate to s_server: it reads the data after it with our new key, answers
         * update_requested with its own KeyUpdate (which we apply and do not answer), and data goes
         * on both ways.
         */
        @ParameterizedTest(name = "{displayName} peerMustUpdate={0}")
        @ValueSource(booleans = {false, true})
        void ourClientUpdatesItsKey(boolean peerMustUpdate) throws Exception {
            Peer.OPENSSL.require();
            PemFiles.Identity identity = PemFiles.write(dir, "server", PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
            try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-msg", "-msgfile", "msg.txt");
                 OurClient client = OurClient.connect(server.port(), ourClient(), "localhost")) {
                server.process().explain(() -> {
                    Connection conn = client.handshake();
                    InteropOpenSslTest.exchangeWithServer(server.process(), conn);
                    conn.requestKeyUpdate(peerMustUpdate);
                    OurClient.sendAll(conn, FIRST);
                    server.process().awaitStdout(FIRST);
                    server.process().write(SECOND);
                    assertEquals(SECOND, OurClient.readExactly(conn, SECOND.length()));
                    OurClient.sendAll(conn, THIRD);
                    server.process().awaitStdout(THIRD);
                    assertCounts(conn, 1, value(peerMustUpdate));
                    InteropOpenSslTest.closeWithServer(server.process(), client);
                    String trace = trace();
                    assertTrue(openSslTrace("<<<", value(peerMustUpdate)).matcher(trace).find(),
                            "s_server received our KeyUpdate(" + value(peerMustUpdate) + ")");
                    assertEquals(peerMustUpdate, openSslTrace(">>>", 0).matcher(trace).find(),
                            "s_server answered with KeyUpdate(update_not_requested) only if asked");
                    assertFalse(openSslTrace(">>>", 1).matcher(trace).find(), "s_server asked for nothing");
                });
            }
        }

        /** Our server's KeyUpdate to s_client, which goes on sending and receiving. */
        @ParameterizedTest(name = "{displayName} peerMustUpdate={0}")
        @ValueSource(booleans = {false, true})
        void ourServerUpdatesItsKey(boolean peerMustUpdate) throws Exception {
            Peer.OPENSSL.require();
            String root = PemFiles.writeRoot(dir, "root", PKI);
            try (OurServer server = OurServer.start(ourServer(), updatingServer(peerMustUpdate));
                 PeerProcess client = OpenSsl.client(dir, server.port(), root, "-servername", "localhost",
                         "-msg", "-msgfile", "msg.txt")) {
                client.explain(() -> {
                    client.awaitStdout("Verify return code: 0 (ok)");
                    clientProgram(client);
                    Connection conn = server.awaitConnection();
                    assertCounts(conn, 1, value(peerMustUpdate));
                    String trace = trace();
                    assertTrue(openSslTrace("<<<", value(peerMustUpdate)).matcher(trace).find(),
                            "s_client received our KeyUpdate(" + value(peerMustUpdate) + ")");
                    assertEquals(peerMustUpdate, openSslTrace(">>>", 0).matcher(trace).find(),
                            "s_client answered only if asked");
                });
            }
        }

        /** s_server's {@code k}: KeyUpdate(update_not_requested). We switch our read key and send no KeyUpdate. */
        @Test
        void openSslServerUpdatesWithoutRequest() throws Exception {
            Peer.OPENSSL.require();
            PemFiles.Identity identity = PemFiles.write(dir, "server", PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
            try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-msg", "-msgfile", "msg.txt");
                 OurClient client = OurClient.connect(server.port(), ourClient(), "localhost")) {
                server.process().explain(() -> {
                    Connection conn = client.handshake();
                    InteropOpenSslTest.exchangeWithServer(server.process(), conn);
                    server.process().write("k\n");
                    // As in InteropOpenSslTest: s_server serves stdin first, so once it prints
                    // this it has sent its KeyUpdate.
                    OurClient.sendAll(conn, FIRST);
                    server.process().awaitStdout(FIRST);
                    server.process().write(SECOND);
                    assertEquals(SECOND, OurClient.readExactly(conn, SECOND.length()));
                    OurClient.sendAll(conn, THIRD);
                    server.process().awaitStdout(THIRD);
                    assertCounts(conn, 0, 1);
                    InteropOpenSslTest.closeWithServer(server.process(), client);
                    String trace = trace();
                    assertTrue(openSslTrace(">>>", 0).matcher(trace).find(), "s_server sent KeyUpdate(update_not_requested)");
                    assertFalse(OPENSSL_ANY_RECEIVED.matcher(trace).find(), "we did not answer it");
                });
            }
        }

        /**
         * s_server's {@code K} and our update_requested cross in flight: each side answers the
         * other's request once (RFC 8446 §4.6.3), so each sends two KeyUpdates and data flows on.
         */
        @Test
        void requestsCrossWithOpenSslServer() throws Exception {
            Peer.OPENSSL.require();
            PemFiles.Identity identity = PemFiles.write(dir, "server", PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
            try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-msg", "-msgfile", "msg.txt");
                 OurClient client = OurClient.connect(server.port(), ourClient(), "localhost")) {
                server.process().explain(() -> {
                    Connection conn = client.handshake();
                    InteropOpenSslTest.exchangeWithServer(server.process(), conn);
                    server.process().write("K\n");
                    conn.requestKeyUpdate(true);
                    // s_server sends its request before it reads ours (stdin first, see above).
                    OurClient.sendAll(conn, FIRST);
                    server.process().awaitStdout(FIRST);
                    server.process().write(SECOND);
                    assertEquals(SECOND, OurClient.readExactly(conn, SECOND.length()));
                    assertCounts(conn, 1, 2);
                    OurClient.sendAll(conn, THIRD);
                    server.process().awaitStdout(THIRD);
                    assertCounts(conn, 2, 2);
                    InteropOpenSslTest.closeWithServer(server.process(), client);
                    String trace = trace();
                    assertTrue(openSslTrace(">>>", 1).matcher(trace).find(), "s_server's request");
                    assertTrue(openSslTrace("<<<", 1).matcher(trace).find(), "our request");
                    assertTrue(openSslTrace(">>>", 0).matcher(trace).find(), "s_server's answer");
                    assertTrue(openSslTrace("<<<", 0).matcher(trace).find(), "our answer");
                    assertEquals(2, count(OPENSSL_ANY_SENT, trace), "s_server sent two KeyUpdates");
                    assertEquals(2, count(OPENSSL_ANY_RECEIVED, trace), "we sent two KeyUpdates");
                });
            }
        }
    }

    @Nested
    @DisplayNameGeneration(Peer.GnuTlsNames.class)
    class WithGnuTls {
        /** Our client's KeyUpdate to gnutls-serv, which echoes the data after it. */
        @ParameterizedTest(name = "{displayName} peerMustUpdate={0}")
        @ValueSource(booleans = {false, true})
        void ourClientUpdatesItsKey(boolean peerMustUpdate) throws Exception {
            Peer.GNUTLS_SERV.require();
            PemFiles.Identity identity = PemFiles.write(dir, "server", PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
            try (GnuTls.Server server = GnuTls.echoServer(dir, identity,
                    GnuTls.priority(GnuTls.Versions.TLS13_ONLY, null, null), "-d", "4");
                 OurClient client = OurClient.connect(server.port(), ourClient(), "localhost")) {
                server.process().explain(() -> {
                    Connection conn = client.handshake();
                    echo(conn, FIRST);
                    conn.requestKeyUpdate(peerMustUpdate);
                    echo(conn, SECOND);
                    echo(conn, THIRD);
                    assertCounts(conn, 1, value(peerMustUpdate));
                    assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                    server.process().awaitStderr(Pattern.compile("received TLS 1\\.3 key update \\(" + value(peerMustUpdate) + "\\)"));
                    if (peerMustUpdate) {
                        server.process().awaitStderr(Pattern.compile("sending key update \\(0\\)"));
                    }
                });
            }
        }

        /** Our server's KeyUpdate to gnutls-cli, which goes on sending and receiving. */
        @ParameterizedTest(name = "{displayName} peerMustUpdate={0}")
        @ValueSource(booleans = {false, true})
        void ourServerUpdatesItsKey(boolean peerMustUpdate) throws Exception {
            Peer.GNUTLS_CLI.require();
            String root = PemFiles.writeRoot(dir, "root", PKI);
            try (OurServer server = OurServer.start(ourServer(), updatingServer(peerMustUpdate));
                 PeerProcess client = GnuTls.client(dir, server.port(), root,
                         GnuTls.priority(GnuTls.Versions.TLS13_ONLY, null, null), "-d", "4")) {
                client.explain(() -> {
                    client.awaitStdout(GnuTls.HANDSHAKE_COMPLETED);
                    clientProgram(client);
                    Connection conn = server.awaitConnection();
                    assertCounts(conn, 1, value(peerMustUpdate));
                    client.awaitStderr(Pattern.compile("received TLS 1\\.3 key update \\(" + value(peerMustUpdate) + "\\)"));
                });
            }
        }
    }

    private static void echo(Connection conn, String text) throws Exception {
        OurClient.sendAll(conn, text);
        assertEquals(text, OurClient.readExactly(conn, text.length()));
    }

    private static int count(Pattern p, String text) {
        int n = 0;
        Matcher m = p.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
