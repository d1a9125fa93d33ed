package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.EarlyDataStatus;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;
import s2n.tls.SessionCache;
import s2n.tls.testing.TestPki;

/**
 * Resumption with real peers in both directions, TLS 1.3 (RFC 8446 §2.2) and TLS 1.2 by ticket
 * (RFC 5077) and by session ID: OpenSSL's s_client resumes with our server from a session file,
 * our client resumes with s_server, gnutls-serv and the JDK's SSLServerSocket, and the JDK's
 * SSLSocket resumes with our server. Each peer runs in its default configuration but for the
 * version limit (and s_client/s_server's -no_ticket where the session ID path is tested).
 */
@Timeout(90)
class InteropResumptionTest {
    private static final String RESUMED = "NEGOTIATED|MIDDLEBOX_COMPAT";
    private static final byte[] TICKET_KEY = "interop-ticket-key-0123456789abc".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static Config ourServer(TestPki.Issued cert) {
        return ourServer(cert, SecurityPolicy.named("default"));
    }

    /** Tickets and (for TLS 1.2) a session cache, as s2n's s2nd has them. */
    private static Config ourServer(TestPki.Issued cert, SecurityPolicy policy) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(policy)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem()))
                .addTicketKey("interop", TICKET_KEY, Instant.now().minusSeconds(60))
                .sessionCache(SessionCache.inMemory(16)).build();
    }

    /** TLS 1.2: s_client resumes by ticket (its default) or, with -no_ticket, by session ID from our cache. */
    @ParameterizedTest(name = "TLS 1.2 by {0}")
    @ValueSource(strings = {"ticket", "session ID"})
    void openSslClientResumesTls12WithOurServer(String how) throws Exception {
        Peer.OPENSSL.require();
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Path session = dir.resolve("session12.pem");
        boolean ticket = how.equals("ticket");
        String[] noTicket = ticket ? new String[0] : new String[] {"-no_ticket"};
        try (OurServer server = OurServer.start(ourServer(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"),
                SecurityPolicy.named("20240501")), Conversation.OUR_SERVER, 2)) {
            try (PeerProcess first = OpenSsl.client(dir, OpenSsl.Versions.TLS12_ONLY, server.port(), root,
                    concat(noTicket, "-servername", "localhost", "-sess_out", session.toString()))) {
                first.explain(() -> {
                    Conversation.openSslClient(first);
                    assertTrue(first.stdout().contains("New, TLSv1.2"), "a full handshake first");
                });
            }
            try (PeerProcess second = OpenSsl.client(dir, OpenSsl.Versions.TLS12_ONLY, server.port(), root,
                    concat(noTicket, "-servername", "localhost", "-sess_in", session.toString()))) {
                second.explain(() -> {
                    Conversation.openSslClient(second);
                    assertTrue(second.stdout().contains("Reused, TLSv1.2"), "s_client reports the session reused");
                });
            }
            Connection last = server.awaitConnection();
            String firstType = server.connections().get(0).handshakeTypeName();
            assertEquals(ticket, firstType.contains("WITH_SESSION_TICKET"), firstType);
            assertTrue(last.isResumed());
            assertEquals("NEGOTIATED", last.handshakeTypeName());
        }
    }

    /** TLS 1.2: s_server gives a ticket by default and, with -no_ticket, a session ID from its cache. */
    @ParameterizedTest(name = "TLS 1.2 by {0}")
    @ValueSource(strings = {"ticket", "session ID"})
    void ourClientResumesTls12WithOpenSslServer(String how) throws Exception {
        Peer.OPENSSL.require();
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = ourClient(pki);
        boolean ticket = how.equals("ticket");
        String[] options = ticket ? new String[] {"-www", "-naccept", "2"} : new String[] {"-www", "-naccept", "2", "-no_ticket"};
        try (OpenSsl.Server server = OpenSsl.server(dir, OpenSsl.Versions.TLS12_ONLY, identity, options)) {
            server.process().explain(() -> {
                byte[] session;
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    Connection conn = client.handshake();
                    assertEquals(ProtocolVersion.TLS12, conn.actualProtocolVersion());
                    assertEquals(ticket, conn.handshakeTypeName().contains("WITH_SESSION_TICKET"), conn.handshakeTypeName());
                    String page = get(conn);
                    assertTrue(page.contains("New, TLSv1.2"), page);
                    session = conn.session();
                    assertNotNull(session);
                }
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    client.connection().setSession(session);
                    Connection conn = client.handshake();
                    assertTrue(conn.isResumed(), conn.handshakeTypeName());
                    String page = get(conn);
                    assertTrue(page.contains("Reused, TLSv1.2"), page);
                }
                assertEquals(0, server.process().awaitExit());
            });
        }
    }

    @Test
    void ourClientResumesTls12WithGnuTlsServer() throws Exception {
        Peer.GNUTLS_SERV.require();
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = ourClient(pki);
        try (GnuTls.Server server = GnuTls.echoServer(dir, identity, "NORMAL:-VERS-ALL:+VERS-TLS1.2")) {
            server.process().explain(() -> {
                byte[] session;
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    Connection conn = client.handshake();
                    assertEquals(ProtocolVersion.TLS12, conn.actualProtocolVersion());
                    echo(conn, "full handshake\n");
                    session = conn.session();
                    assertNotNull(session);
                    assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                }
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    client.connection().setSession(session);
                    Connection conn = client.handshake();
                    assertTrue(conn.isResumed(), conn.handshakeTypeName());
                    echo(conn, "resumed\n");
                    assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                }
            });
        }
    }

    @Test
    void jdkClientResumesTls12WithOurServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        SSLContext context = InteropJdkSocketTest.clientContext(pki.root());
        try (OurServer server = OurServer.start(ourServer(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"),
                SecurityPolicy.named("20240501")), Conversation.OUR_SERVER, 2)) {
            jdkConversation(context, server.port(), "TLSv1.2");
            jdkConversation(context, server.port(), "TLSv1.2");
            Connection last = server.awaitConnection();
            assertEquals(ProtocolVersion.TLS12, last.actualProtocolVersion());
            assertFalse(server.connections().get(0).isResumed());
            assertTrue(last.isResumed(), "the JDK offered the session from the first connection");
        }
    }

    /** s_client resumes with early data from a file (-early_data); our server accepts and answers it. */
    @Test
    void openSslClientSendsEarlyDataToOurServer() throws Exception {
        Peer.OPENSSL.require();
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Path session = dir.resolve("session-early.pem");
        Path early = dir.resolve("early.txt");
        String earlyText = OurClient.payload(5, 1000);
        Files.writeString(early, earlyText);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        Config config = Config.builder().maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem()))
                .addTicketKey("interop", TICKET_KEY, Instant.now().minusSeconds(60)).maxEarlyData(16384).build();
        OurServer.Session answer = conn -> {
            assertEquals(Blocked.NOT_BLOCKED, conn.negotiate());
            String expected = conn.earlyDataStatus() == EarlyDataStatus.ACCEPTED ? earlyText : Conversation.REQUEST;
            assertEquals(expected, OurClient.readExactly(conn, expected.length()));
            OurClient.sendAll(conn, Conversation.RESPONSE);
            assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
        };
        try (OurServer server = OurServer.start(config, answer, 2)) {
            try (PeerProcess first = OpenSsl.client(dir, server.port(), root, "-servername", "localhost",
                    "-sess_out", session.toString())) {
                first.explain(() -> Conversation.openSslClient(first));
            }
            try (PeerProcess second = OpenSsl.client(dir, server.port(), root, "-servername", "localhost",
                    "-sess_in", session.toString(), "-early_data", early.toString())) {
                second.explain(() -> {
                    // The request went as early data: our server answers it and closes, without stdin.
                    second.awaitStdout(Conversation.RESPONSE);
                    assertEquals(0, second.awaitExit(), "s_client exit code");
                    assertTrue(second.stdout().contains("Early data was accepted"), "s_client reports its early data accepted");
                    assertTrue(second.stdout().contains("Reused, TLSv1.3"));
                });
            }
            Connection last = server.awaitConnection();
            assertEquals(EarlyDataStatus.ACCEPTED, last.earlyDataStatus());
            assertTrue(last.handshakeTypeName().contains("WITH_EARLY_DATA"), last.handshakeTypeName());
        }
    }

    /** Our client resumes with s_server -early_data and sends early data, which s_server prints as such. */
    @Test
    void ourClientSendsEarlyDataToOpenSslServer() throws Exception {
        Peer.OPENSSL.require();
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = ourClient(pki);
        try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-early_data", "-naccept", "2")) {
            server.process().explain(() -> {
                byte[] session;
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    Connection conn = client.handshake();
                    String hello = OurClient.payload(1, 200);
                    OurClient.sendAll(conn, hello);
                    server.process().awaitStdout(hello);
                    String answer = OurClient.payload(2, 200);
                    server.process().write(answer);
                    assertEquals(answer, OurClient.readExactly(conn, answer.length()));
                    session = conn.session();
                    assertNotNull(session, "s_server's ticket arrived before its answer");
                    assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                }
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    Connection conn = client.connection();
                    conn.setSession(session);
                    String early = OurClient.payload(3, 300);
                    java.nio.ByteBuffer src = java.nio.ByteBuffer.wrap(early.getBytes(StandardCharsets.US_ASCII));
                    assertEquals(early.length(), conn.sendEarlyData(src), "s_server's tickets allow 16 KiB of early data");
                    client.handshake();
                    assertEquals(EarlyDataStatus.ACCEPTED, conn.earlyDataStatus());
                    server.process().awaitStdout("Early data received:");
                    server.process().awaitStdout(early);
                    String answer = OurClient.payload(4, 200);
                    server.process().write(answer);
                    assertEquals(answer, OurClient.readExactly(conn, answer.length()));
                    assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                }
            });
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Config ourClient(TestPki pki) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false).trustPem(pki.rootPem())
                .sessionTicketsEnabled(true).build();
    }

    @Test
    void openSslClientResumesWithOurServer() throws Exception {
        Peer.OPENSSL.require();
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        String root = PemFiles.writeRoot(dir, "root", pki);
        Path session = dir.resolve("session.pem");
        try (OurServer server = OurServer.start(ourServer(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost")),
                Conversation.OUR_SERVER, 2)) {
            try (PeerProcess first = OpenSsl.client(dir, server.port(), root, "-servername", "localhost",
                    "-sess_out", session.toString())) {
                first.explain(() -> {
                    Conversation.openSslClient(first);
                    assertTrue(first.stdout().contains("New, TLSv1.3"), "a full handshake first");
                });
            }
            assertTrue(Files.size(session) > 0, "s_client saved the session our ticket gave it");
            try (PeerProcess second = OpenSsl.client(dir, server.port(), root, "-servername", "localhost",
                    "-sess_in", session.toString())) {
                second.explain(() -> {
                    Conversation.openSslClient(second);
                    assertTrue(second.stdout().contains("Reused, TLSv1.3"), "s_client reports the session reused");
                });
            }
            Connection last = server.awaitConnection();
            assertFalse(server.connections().get(0).isResumed());
            assertTrue(last.isResumed());
            assertEquals(RESUMED, last.handshakeTypeName());
        }
    }

    @Test
    void ourClientResumesWithOpenSslServer() throws Exception {
        Peer.OPENSSL.require();
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = ourClient(pki);
        // -www answers a GET with a page saying whether the session was new or reused; two connections.
        try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-www", "-naccept", "2")) {
            server.process().explain(() -> {
                byte[] session;
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    Connection conn = client.handshake();
                    assertFalse(conn.isResumed());
                    String page = get(conn);
                    assertTrue(page.contains("New, TLSv1.3"), page);
                    session = conn.session();
                    assertNotNull(session, "s_server's tickets arrived before its page");
                }
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    client.connection().setSession(session);
                    Connection conn = client.handshake();
                    assertTrue(conn.isResumed(), conn.handshakeTypeName());
                    assertEquals(RESUMED, conn.handshakeTypeName());
                    String page = get(conn);
                    assertTrue(page.contains("Reused, TLSv1.3"), page);
                }
                assertEquals(0, server.process().awaitExit());
            });
        }
    }

    @Test
    void ourClientResumesWithGnuTlsServer() throws Exception {
        Peer.GNUTLS_SERV.require();
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Config config = ourClient(pki);
        try (GnuTls.Server server = GnuTls.echoServer(dir, identity, "NORMAL:-VERS-ALL:+VERS-TLS1.3")) {
            server.process().explain(() -> {
                byte[] session;
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    Connection conn = client.handshake();
                    assertFalse(conn.isResumed());
                    echo(conn, "full handshake\n");
                    session = conn.session();
                    assertNotNull(session, "gnutls-serv's ticket arrived before its echo");
                    assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                }
                try (OurClient client = OurClient.connect(server.port(), config, "localhost")) {
                    client.connection().setSession(session);
                    Connection conn = client.handshake();
                    assertTrue(conn.isResumed(), conn.handshakeTypeName());
                    assertTrue(conn.peerCertificates().isEmpty(), "no Certificate in a resumed handshake");
                    echo(conn, "resumed\n");
                    assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                }
            });
        }
    }

    @Test
    void jdkClientResumesWithOurServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        SSLContext context = InteropJdkSocketTest.clientContext(pki.root());
        try (OurServer server = OurServer.start(ourServer(pki.issue(TestPki.KeyType.ECDSA_P256, "localhost")),
                Conversation.OUR_SERVER, 2)) {
            jdkConversation(context, server.port(), "TLSv1.3");
            jdkConversation(context, server.port(), "TLSv1.3");
            Connection last = server.awaitConnection();
            assertFalse(server.connections().get(0).isResumed());
            assertTrue(last.isResumed(), "the JDK offered the ticket from the first connection");
            assertEquals(RESUMED, last.handshakeTypeName());
        }
    }

    @Test
    void ourClientResumesWithJdkServer() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        int timeout = (int) PeerProcess.TIMEOUT.toMillis();
        try (SSLServerSocket listener = (SSLServerSocket) InteropJdkSocketTest.serverContext(cert).getServerSocketFactory()
                .createServerSocket(0, 2, OurServer.LOOPBACK)) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setSoTimeout(timeout);
            Future<?> jdkSide = thread.submit(() -> {
                for (int i = 0; i < 2; i++) {
                    try (SSLSocket socket = (SSLSocket) listener.accept()) {
                        socket.setSoTimeout(timeout);
                        DataInputStream in = new DataInputStream(socket.getInputStream());
                        byte[] request = new byte[Conversation.REQUEST.length()];
                        in.readFully(request);
                        socket.getOutputStream().write(Conversation.RESPONSE.getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                        assertEquals(-1, in.read());
                    }
                }
                return null;
            });
            Config config = ourClient(pki);
            byte[] session = null;
            for (int i = 0; i < 2; i++) {
                try (OurClient client = OurClient.connect(listener.getLocalPort(), config, "localhost")) {
                    if (session != null) {
                        client.connection().setSession(session);
                    }
                    Connection conn = client.handshake();
                    assertEquals(ProtocolVersion.TLS13, conn.actualProtocolVersion());
                    assertEquals(i == 1, conn.isResumed(), conn.handshakeTypeName());
                    OurClient.sendAll(conn, Conversation.REQUEST);
                    assertEquals(Conversation.RESPONSE, OurClient.readExactly(conn, Conversation.RESPONSE.length()));
                    session = conn.session();
                    assertNotNull(session, "the JDK's ticket arrived before its response");
                    assertEquals(Blocked.NOT_BLOCKED, conn.shutdown());
                }
            }
            jdkSide.get(timeout, TimeUnit.MILLISECONDS);
        } finally {
            thread.shutdownNow();
            thread.awaitTermination(timeout, TimeUnit.MILLISECONDS);
        }
    }

    /** A GET to s_server -www; returns the page, read until its close_notify. */
    private static String get(Connection conn) throws Exception {
        OurClient.sendAll(conn, "GET / HTTP/1.0\r\n\r\n");
        return OurClient.readUntilClosed(conn);
    }

    private static void echo(Connection conn, String line) throws Exception {
        OurClient.sendAll(conn, line);
        assertEquals(line, OurClient.readExactly(conn, line.length()));
    }

    /** One request and response with our server over an SSLSocket of {@code context}. */
    private static void jdkConversation(SSLContext context, int port, String protocol) throws Exception {
        int timeout = (int) PeerProcess.TIMEOUT.toMillis();
        try (SSLSocket jdk = (SSLSocket) context.getSocketFactory().createSocket()) {
            SSLParameters p = jdk.getSSLParameters();
            p.setProtocols(new String[] {protocol});
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(List.of(new SNIHostName("localhost")));
            jdk.setSSLParameters(p);
            jdk.setSoTimeout(timeout);
            jdk.connect(new InetSocketAddress(OurServer.LOOPBACK, port), timeout);
            jdk.startHandshake();
            OutputStream out = jdk.getOutputStream();
            out.write(Conversation.REQUEST.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(jdk.getInputStream());
            byte[] response = new byte[Conversation.RESPONSE.length()];
            in.readFully(response);
            assertEquals(Conversation.RESPONSE, new String(response, StandardCharsets.US_ASCII));
            assertEquals(-1, in.read());
        }
    }
}
