package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.PrimitiveIterator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.testing.TestPki;

/**
 * The interop harness itself, with ordinary programs (cat, sh, sleep) standing in for peers where
 * they can, gnutls-serv where only it shows the behaviour: a broken harness would make every
 * interop test pass or hang for the wrong reason.
 */
@Timeout(60)
class PeerProcessTest {
    @TempDir
    Path dir;

    @Test
    void stdinReachesTheProcessAndStdoutComesBack() {
        try (PeerProcess cat = PeerProcess.start(dir, "cat")) {
            cat.write("000001-hello\n");
            cat.awaitStdout("000001-hello\n");
            cat.closeStdin();
            assertEquals(0, cat.awaitExit());
            assertEquals("000001-hello\n", cat.stdout());
        }
    }

    @Test
    void aFailedWaitQuotesCommandExitCodeAndBothStreams() {
        try (PeerProcess sh = PeerProcess.start(dir, "sh", "-c", "echo started; echo oops >&2; exit 3")) {
            assertEquals(3, sh.awaitExit());
            AssertionError e = assertThrows(AssertionError.class, () -> sh.awaitStdout("never printed"));
            String message = e.getMessage();
            assertTrue(message.contains("never showed never printed (the stream ended)"), message);
            assertTrue(message.contains("--- peer: sh -c echo started; echo oops >&2; exit 3 (exit 3)"), message);
            assertTrue(message.contains("--- stdout:\nstarted\n"), message);
            assertTrue(message.contains("--- stderr:\noops\n"), message);
        }
    }

    @Test
    void explainAddsThePeerOutputToOurFailure() {
        try (PeerProcess sh = PeerProcess.start(dir, "sh", "-c", "echo peer-said-this")) {
            sh.awaitExit();
            AssertionError e = assertThrows(AssertionError.class, () -> sh.explain(() -> {
                throw new java.io.IOException("our side failed");
            }));
            assertTrue(e.getMessage().startsWith("java.io.IOException: our side failed\n"), e.getMessage());
            assertTrue(e.getMessage().contains("peer-said-this"), e.getMessage());
            assertEquals("our side failed", e.getCause().getMessage());
        }
    }

    @Test
    void closeKillsARunningProcess() {
        PeerProcess sleeper = PeerProcess.start(dir, "sleep", "600");
        assertTrue(sleeper.isAlive());
        sleeper.close();
        assertFalse(sleeper.isAlive());
    }

    @Test
    void awaitPortReturnsOnceSomethingAcceptsAndFailsWhenThePeerIsGone() throws Exception {
        try (PeerProcess sleeper = PeerProcess.start(dir, "sleep", "600");
             ServerSocket listener = new ServerSocket(0, 1, OurServer.LOOPBACK)) {
            sleeper.awaitPort(listener.getLocalPort());
        }
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, OurServer.LOOPBACK)) {
            closedPort = probe.getLocalPort();
        }
        try (PeerProcess gone = PeerProcess.start(dir, "sh", "-c", "exit 0")) {
            gone.awaitExit();
            AssertionError e = assertThrows(AssertionError.class, () -> gone.awaitPort(closedPort));
            assertTrue(e.getMessage().startsWith("nothing accepts on 127.0.0.1:" + closedPort), e.getMessage());
        }
    }

    @Test
    void everyPeerIsNamedWithItsVersionOrMarkedAbsent() {
        for (Peer peer : new Peer[] {Peer.OPENSSL, Peer.GNUTLS_CLI, Peer.GNUTLS_SERV, Peer.CURL, Peer.JDK}) {
            String name = peer.displayName();
            assertTrue(peer.present() ? name.matches("(OpenSSL|GnuTLS|curl|JDK) \\d+[\\w.+-]*")
                    : name.equals(peer.program() + " (absent)"), name);
        }
        assertTrue(Peer.JDK.present());
    }

    @Test
    void versionNumbersOfTheRealPeers() {
        assertEquals("3.0.19", Peer.versionNumber("OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)\n"));
        assertEquals("3.7.9", Peer.versionNumber("gnutls-cli 3.7.9\nCopyright (C) 2000-2022 Free Software Foundation\n"));
        assertEquals("3.7.9", Peer.versionNumber("gnutls-serv 3.7.9\nCopyright (C) 2000-2022 Free Software Foundation\n"));
        assertEquals("7.88.1", Peer.versionNumber("curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.19\n"));
        assertNull(Peer.versionNumber("command not found\n"));
    }

    /**
     * gnutls-serv cannot be given port 0, so the harness hands it a port that was free a moment
     * ago; if another process took it meanwhile, gnutls-serv says its IPv4 bind failed (and keeps
     * running on IPv6), and the harness must move on to another port rather than connect to the
     * wrong listener.
     */
    @ParameterizedTest(name = "{0}: gnutls-serv moves to another port when its first is taken")
    @MethodSource("gnuTlsServ")
    void gnuTlsServerMovesToAnotherPortWhenItsFirstIsTaken(Peer peer) throws Exception {
        Peer.GNUTLS_SERV.require();
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        try (ServerSocket taken = new ServerSocket(0, 1, OurServer.LOOPBACK)) {
            int free = GnuTls.freeLoopbackPort();
            PrimitiveIterator.OfInt ports = IntStream.of(taken.getLocalPort(), free).iterator();
            try (GnuTls.Server server = GnuTls.echoServer(ports::nextInt, dir, identity, "NORMAL")) {
                // The taken port came first: gnutls-serv was started on it, reported the failed bind, and was replaced.
                assertEquals(free, server.port());
                server.process().awaitPort(free);
            }
        }
    }

    static Stream<Peer> gnuTlsServ() {
        return Stream.of(Peer.GNUTLS_SERV);
    }
}
