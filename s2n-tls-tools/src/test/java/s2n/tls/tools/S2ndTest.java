package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * s2nd's options, each seen from a client: certificates from files, --www, --parallelize,
 * --max-conns, and the command lines it refuses.
 */
class S2ndTest {
    @TempDir
    Path tmp;

    @Test
    void servesTheCertificateAndKeyFromFilesAndWritesTheChainItServes() throws Exception {
        SelfSignedCertificate own = SelfSignedCertificate.generate("localhost");
        Path cert = Files.writeString(tmp.resolve("cert.pem"), own.certificatePem());
        Path key = Files.writeString(tmp.resolve("key.pem"), own.privateKeyPem());
        try (InProcessServer server = InProcessServer.start(tmp, "--cert", cert.toString(), "--key", key.toString())) {
            assertEquals(own.certificatePem(), Files.readString(server.certificate()));
            try (SSLSocket socket = JdkClient.trusting(cert).connect(server.port())) {
                assertEquals(own.certificate(), socket.getSession().getPeerCertificates()[0]);
                assertEquals("TLSv1.3", socket.getSession().getProtocol());
            }
        }
    }

    @Test
    void selfSignedCertificateNamesLocalhostAndLoopbackAddresses() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp)) {
            try (InputStream in = Files.newInputStream(server.certificate())) {
                java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(in);
                assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")),
                        List.copyOf(cert.getSubjectAlternativeNames()));
                assertEquals("EC", cert.getPublicKey().getAlgorithm());
            }
        }
    }

    @Test
    void wwwAnswersAnHttpRequestWithThePageAndCloses() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--www")) {
            byte[] request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            ToolRun run = ToolRun.s2ncWithInput(request, "--ca-file", server.certificate().toString(),
                    "localhost", Integer.toString(server.port()));
            assertEquals(0, run.exitCode(), run.err());
            String response = run.out();
            int split = response.indexOf("\r\n\r\n");
            assertTrue(split > 0, response);
            List<String> head = List.of(response.substring(0, split).split("\r\n"));
            String body = response.substring(split + 4);
            assertEquals("HTTP/1.1 200 OK", head.get(0));
            assertTrue(head.contains("Content-Type: text/html; charset=utf-8"), head.toString());
            assertTrue(head.contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length), head.toString());
            assertTrue(head.contains("Connection: close"), head.toString());
            assertTrue(body.contains("Actual protocol version: TLSv1.3\n"), body);
            assertTrue(body.contains("Server name: localhost\n"), body);
        }
    }

    @Test
    void parallelizeServesClientsAtTheSameTime() throws Exception {
        // Every client holds its connection open until all have been echoed once: a server that
        // took one client at a time would never get there, and the barrier would time out.
        int clients = 4;
        try (InProcessServer server = InProcessServer.start(tmp, "--parallelize")) {
            JdkClient jdk = JdkClient.trusting(server.certificate());
            assertEquals(clients, echoConcurrently(jdk, server.port(), clients));
        }
    }

    @Test
    void maxConnsStopsServingAfterThatManyConnections() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--max-conns", "2")) {
            JdkClient jdk = JdkClient.trusting(server.certificate());
            for (int i = 0; i < 2; i++) {
                try (SSLSocket socket = jdk.connect(server.port())) {
                    socket.getOutputStream().write('x');
                    assertEquals('x', socket.getInputStream().read());
                }
            }
            server.awaitEnd(10_000);
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), server.port()).close());
            assertEquals(2, server.out().split("Actual protocol version: TLSv1.3").length - 1, server.out());
        }
    }

    @Test
    void aFailedConnectionIsReportedAndTheServerGoesOn() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp)) {
            // Not TLS at all: 22 bytes that are no ClientHello.
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                plain.setSoTimeout(JdkClient.READ_TIMEOUT_MILLIS);
                plain.getOutputStream().write("GET / HTTP/1.1\r\n\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                plain.getInputStream().readAllBytes(); // the alert, then the server closes
            }
            try (SSLSocket socket = JdkClient.trusting(server.certificate()).connect(server.port())) {
                socket.getOutputStream().write("still serving".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("still serving".getBytes(StandardCharsets.US_ASCII),
                        JdkClient.readExactly(socket.getInputStream(), 13));
            }
            server.stop();
            assertTrue(server.err().startsWith("s2nd: connection from 127.0.0.1:"), server.err());
            assertEquals(1, server.err().lines().count(), server.err());
        }
    }

    @ParameterizedTest(name = "s2nd {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "--echo --www 0|--echo and --www exclude each other: choose one",
        "--non-blocking --parallelize 0|--non-blocking and --parallelize exclude each other: choose one",
        "--cert some.pem 0|--cert and --key go together, one --key per --cert: give both, or neither for a self-signed certificate",
        "--www --alpn h2,http/1.1 0|--www speaks HTTP/1.1 only, so --alpn may list http/1.1 and http/1.0, not h2",
        "--max-conns -1 0|--max-conns must be 0 (no limit) or more, not -1",
        "65536|port must be a number from 0 to 65535, not '65536'",
        "--ciphers nope 0|unknown security policy \"nope\"; known policies: KNOWN",
    })
    void commandLinesThatMakeNoSenseAreUsageErrors(String args, String reason) {
        ToolRun run = ToolRun.s2nd(args.split(" "));
        assertEquals(2, run.exitCode());
        reason = reason.replace("KNOWN", String.join(", ", s2n.tls.SecurityPolicy.names()));
        assertEquals("s2nd: " + reason + "\nTry 's2nd --help' for the options.\n", run.err().replace("\r\n", "\n"));
        assertEquals("", run.out());
    }

    @Test
    void unreadableKeyFileIsAFailureNamingIt() throws Exception {
        Path cert = Files.writeString(tmp.resolve("cert.pem"), SelfSignedCertificate.generate("localhost").certificatePem());
        ToolRun run = ToolRun.s2nd("--cert", cert.toString(), "--key", tmp.resolve("absent.key").toString(), "0");
        assertEquals(1, run.exitCode());
        assertEquals("s2nd: cannot read --key " + tmp.resolve("absent.key") + ": no such file", run.err().strip());
    }

    @Test
    void keyThatDoesNotMatchTheCertificateIsRefused() throws Exception {
        Path cert = Files.writeString(tmp.resolve("cert.pem"), SelfSignedCertificate.generate("localhost").certificatePem());
        Path key = Files.writeString(tmp.resolve("other.key"), SelfSignedCertificate.generate("localhost").privateKeyPem());
        ToolRun run = ToolRun.s2nd("--cert", cert.toString(), "--key", key.toString(), "0");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("s2nd: cannot use --cert " + cert + " --key " + key + ": the private key does "
                + "not belong to the leaf certificate"), run.err());
    }

    /**
     * Opens {@code clients} JDK TLS connections at once; each sends a line, reads its echo, waits
     * until every client got its echo, sends a second line, reads it and closes.
     *
     * @return the number of clients that completed
     */
    static int echoConcurrently(JdkClient jdk, int port, int clients) throws Exception {
        return echoConcurrently(jdk, port, clients, () -> { });
    }

    /** As {@link #echoConcurrently(JdkClient, int, int)}, running {@code whileAllOpen} when every client is connected. */
    static int echoConcurrently(JdkClient jdk, int port, int clients, Runnable whileAllOpen) throws Exception {
        CyclicBarrier allEchoedOnce = new CyclicBarrier(clients, whileAllOpen);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int id = i;
                results.add(pool.submit(() -> {
                    try (SSLSocket socket = jdk.connect(port)) {
                        OutputStream out = socket.getOutputStream();
                        InputStream in = socket.getInputStream();
                        byte[] first = ("client " + id + " first\n").getBytes(StandardCharsets.US_ASCII);
                        out.write(first);
                        assertArrayEquals(first, JdkClient.readExactly(in, first.length));
                        allEchoedOnce.await(60, TimeUnit.SECONDS);
                        byte[] second = ("client " + id + " second\n").getBytes(StandardCharsets.US_ASCII);
                        out.write(second);
                        assertArrayEquals(second, JdkClient.readExactly(in, second.length));
                    }
                    return true;
                }));
            }
            int completed = 0;
            for (Future<Boolean> result : results) {
                if (result.get(90, TimeUnit.SECONDS)) {
                    completed++;
                }
            }
            return completed;
        } finally {
            pool.shutdownNow();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
