package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.TestCerts;

/** Our SSLSocket and SSLServerSocket against the JDK's, over real sockets on 127.0.0.1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketInteropTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Accepts one connection: reads a line, answers "echo: line", closes; returns what the server socket saw. */
    private static CompletableFuture<SSLSocket> serveOnce(SSLServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                OutputStream out = s.getOutputStream();
                out.write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                s.close();
                return s;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * Accepts one connection and reads it to the end of the client's stream (its close_notify);
     * with {@code answer}, a TLS 1.3 connection then writes "got " and what it read (a half-closed
     * peer may still send). Returns what was read.
     */
    private static CompletableFuture<String> readToTheEnd(SSLServerSocket server, boolean answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                String request = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (answer && s.getSession().getProtocol().equals("TLSv1.3")) {
                    s.getOutputStream().write(("got " + request).getBytes(StandardCharsets.UTF_8));
                }
                return request;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String talk(SSLSocket client, String line) throws IOException {
        client.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        String answer = in.readLine();
        assertEquals(null, in.readLine(), "the server's close_notify ends the stream");
        return answer;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void jdkSocketToOurServerSocket(String protocol) throws Exception {
        SSLContext ours = Contexts.server(true);
        try (SSLServerSocket server = (SSLServerSocket) ours.getServerSocketFactory().createServerSocket(0, 5, LOOPBACK)) {
            assertEquals("S2NServerSocket", server.getClass().getSimpleName());
            AtomicReference<HandshakeCompletedEvent> event = new AtomicReference<>();
            CompletableFuture<SSLSocket> served = CompletableFuture.supplyAsync(() -> {
                try {
                    SSLSocket s = (SSLSocket) server.accept();
                    CompletableFuture<HandshakeCompletedEvent> done = new CompletableFuture<>();
                    s.addHandshakeCompletedListener(done::complete);
                    s.startHandshake();
                    event.set(done.get(10, TimeUnit.SECONDS));
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    String line = in.readLine();
                    s.getOutputStream().write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
                    s.close();
                    return s;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) Contexts.client(false).getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                client.setEnabledProtocols(new String[] {protocol});
                assertEquals("echo: hi", talk(client, "hi"));
                assertEquals(protocol, client.getSession().getProtocol());
            }
            SSLSocket s = served.get(20, TimeUnit.SECONDS);
            assertEquals(protocol, s.getSession().getProtocol());
            assertNotNull(event.get());
            assertEquals(s, event.get().getSocket());
            assertEquals(s.getSession().getCipherSuite(), event.get().getCipherSuite());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ourSocketToJdkServerSocket(String protocol) throws Exception {
        SSLContext jdk = Contexts.server(false);
        try (SSLServerSocket server = (SSLServerSocket) jdk.getServerSocketFactory().createServerSocket(0, 5, LOOPBACK)) {
            server.setNeedClientAuth(true);
            CompletableFuture<SSLSocket> served = serveOnce(server);
            SSLContext ours = Contexts.ours(TestCerts.keyManagers(TestCerts.CLIENT_EC), TestCerts.PKI.trustManagers());
            try (SSLSocket client = (SSLSocket) ours.getSocketFactory().createSocket("localhost", server.getLocalPort())) {
                assertEquals("S2NSocket", client.getClass().getSimpleName());
                client.setEnabledProtocols(new String[] {protocol});
                javax.net.ssl.SSLParameters p = client.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(p);
                client.startHandshake();
                assertEquals(protocol, client.getSession().getProtocol());
                assertEquals("echo: hello", talk(client, "hello"));
            }
            SSLSocket s = served.get(20, TimeUnit.SECONDS);
            assertEquals("CN=test client",
                    ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName());
        }
    }

    /**
     * shutdownOutput() as the JDK's SSLSocket does it: close_notify, then a TCP half-close; reading
     * goes on. A TLS 1.3 peer may still answer (RFC 8446 §6.1); a TLS 1.2 peer answers with its
     * close_notify.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void shutdownOutputSendsCloseNotifyAndReadingGoesOn(String protocol) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) Contexts.server(false).getServerSocketFactory()
                .createServerSocket(0, 5, LOOPBACK)) {
            CompletableFuture<String> served = readToTheEnd(server, true);
            try (SSLSocket client = (SSLSocket) Contexts.client(true).getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                client.setEnabledProtocols(new String[] {protocol});
                OutputStream out = client.getOutputStream();
                out.write("request".getBytes(StandardCharsets.UTF_8));
                assertFalse(client.isOutputShutdown());
                client.shutdownOutput();
                assertTrue(client.isOutputShutdown());
                assertFalse(client.isInputShutdown());
                assertThrows(SocketException.class, client::getOutputStream);
                assertThrows(SocketException.class, () -> out.write(1));
                String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(protocol.equals("TLSv1.3") ? "got request" : "", answer);
                assertEquals("request", served.get(20, TimeUnit.SECONDS));
                client.shutdownOutput(); // a second call does nothing
            }
        }
    }

    /**
     * shutdownInput() as the JDK's: reading ends at once, and when the peer has not said
     * close_notify the call says so with an SSLException; writing goes on.
     */
    @Test
    void shutdownInputEndsReadingAndWarnsWithoutThePeersCloseNotify() throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) Contexts.server(false).getServerSocketFactory()
                .createServerSocket(0, 5, LOOPBACK)) {
            CompletableFuture<String> served = readToTheEnd(server, false);
            try (SSLSocket client = (SSLSocket) Contexts.client(true).getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                client.startHandshake();
                InputStream in = client.getInputStream();
                SSLException e = assertThrows(SSLException.class, client::shutdownInput);
                assertTrue(e.getMessage().contains("close_notify"), e.getMessage());
                assertTrue(client.isInputShutdown());
                assertFalse(client.isOutputShutdown());
                assertEquals(-1, in.read());
                assertThrows(SocketException.class, client::getInputStream);
                client.shutdownInput(); // a second call does nothing, and does not throw again
                client.getOutputStream().write("still here".getBytes(StandardCharsets.UTF_8));
                client.close();
                assertEquals("still here", served.get(20, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void readTimeoutLeavesTheSocketUsable() throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) Contexts.server(false).getServerSocketFactory()
                .createServerSocket(0, 5, LOOPBACK)) {
            CompletableFuture<SSLSocket> served = CompletableFuture.supplyAsync(() -> {
                try {
                    SSLSocket s = (SSLSocket) server.accept();
                    s.startHandshake();
                    Thread.sleep(700);
                    s.getOutputStream().write("late\n".getBytes(StandardCharsets.UTF_8));
                    s.close();
                    return s;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) Contexts.client(true).getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                client.startHandshake();
                client.setSoTimeout(200);
                assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
                client.setSoTimeout(10_000);
                assertEquals('l', client.getInputStream().read());
            }
            served.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void untrustedServerFailsStartHandshake() throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) Contexts.server(false).getServerSocketFactory()
                .createServerSocket(0, 5, LOOPBACK)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                } catch (IOException expected) {
                    // the JDK server hears our bad_certificate
                }
            });
            SSLContext distrusting = Contexts.ours(null, TestCerts.untrusted().trustManagers());
            try (SSLSocket client = (SSLSocket) distrusting.getSocketFactory().createSocket("localhost", server.getLocalPort())) {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, client::startHandshake);
                assertTrue(e.getMessage().contains("bad_certificate"), e.getMessage());
                assertEquals("SSL_NULL_WITH_NULL_NULL", client.getSession().getCipherSuite());
            }
            served.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void httpsUrlConnectionWithOurSocketFactory() throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) Contexts.server(false).getServerSocketFactory()
                .createServerSocket(0, 5, LOOPBACK)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                        // the request head
                    }
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            HttpsURLConnection c = (HttpsURLConnection) new URL("https://localhost:" + server.getLocalPort() + "/").openConnection();
            c.setSSLSocketFactory(Contexts.client(true).getSocketFactory());
            assertEquals(200, c.getResponseCode());
            assertEquals("hello", new String(c.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            assertTrue(c.getCipherSuite().startsWith("TLS_"), c.getCipherSuite());
            c.disconnect();
            served.get(20, TimeUnit.SECONDS);
        }
    }
}
