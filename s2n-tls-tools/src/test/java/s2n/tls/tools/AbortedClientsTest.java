package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * #16 item 5: clients that give up mid-handshake. Each of them, one after the other against one
 * s2nd (one connection at a time, {@code --parallelize} and {@code --non-blocking}), ends its connection
 * with one line on stderr naming what happened, and the next client is served as if nothing had:
 * a TCP connection closed before a byte, a ClientHello cut off by a close, a reset mid-hello, a
 * fatal alert instead of a ClientHello, and the JDK's client refusing our certificate (its
 * certificate_unknown alert arrives encrypted, after the server's flight). Then a good client
 * handshakes and echoes.
 */
@Timeout(60)
class AbortedClientsTest {
    private static final long WAIT_MILLIS = 10_000;
    /** A ClientHello's record header and the first bytes of the message, announcing 200 bytes it never sends. */
    private static final byte[] HELLO_START = {0x16, 3, 1, 0, (byte) 200, 1, 0, 0, (byte) 196, 3, 3};
    /** A plaintext fatal handshake_failure alert. */
    private static final byte[] FATAL_ALERT = {0x15, 3, 3, 0, 2, 2, 40};

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "s2nd {0}")
    @ValueSource(strings = {"(one connection at a time)", "--parallelize", "--non-blocking"})
    void eachAbortIsOneLineAndTheNextClientIsServed(String mode) throws Exception {
        String[] options = mode.startsWith("--") ? new String[] {mode} : new String[0];
        try (InProcessServer server = InProcessServer.start(tmp, options)) {
            int port = server.port();

            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                // Connected, then closed without a byte (a port probe, a health check).
            }
            expectLine(server, 1, "the peer closed the connection during the handshake");

            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write(HELLO_START);
                s.getOutputStream().flush();
            }
            expectLine(server, 2, "the peer closed the connection during the handshake");

            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write(HELLO_START);
                s.getOutputStream().flush();
                Thread.sleep(100);
                s.setSoLinger(true, 0); // close() now sends a RST
            }
            expectLine(server, 3, "reset");

            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write(FATAL_ALERT);
                s.getOutputStream().flush();
                s.setSoTimeout((int) WAIT_MILLIS);
                // s2nd sends nothing back to a fatal alert and closes: end of stream.
                assertEquals(-1, s.getInputStream().read());
            }
            expectLine(server, 4, "handshake_failure");

            SSLContext untrusting = SSLContext.getInstance("TLSv1.3");
            untrusting.init(null, null, null); // the JDK's default roots: s2nd's self-signed certificate is not among them
            try (SSLSocket s = (SSLSocket) untrusting.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
                SSLParameters parameters = s.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName("localhost")));
                s.setSSLParameters(parameters);
                s.setSoTimeout((int) WAIT_MILLIS);
                assertThrows(SSLHandshakeException.class, s::startHandshake);
            }
            expectLine(server, 5, "certificate_unknown");

            try (SSLSocket s = JdkClient.trusting(server.certificate()).connect(port)) {
                OutputStream out = s.getOutputStream();
                out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] echo = in.readNBytes(5);
                assertEquals("ping\n", new String(echo, StandardCharsets.US_ASCII));
            }
            assertTrue(server.isServing(), "s2nd stopped serving");
            assertEquals("TLSv1.3", ToolRun.connectionInfo(server.out()).get("Actual protocol version"), server.out());
            server.stop();
            assertEquals(5, server.err().lines().count(), server.err());
        }
    }

    /** Waits for the {@code n}th failure line and checks it is one s2nd line naming {@code what}. */
    private static void expectLine(InProcessServer server, int n, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (server.err().lines().count() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> lines = server.err().lines().toList();
        assertEquals(n, lines.size(), "s2nd's report so far:\n" + server.err());
        String line = lines.get(n - 1);
        assertTrue(line.startsWith("s2nd: connection from 127.0.0.1:") && line.contains(" failed: "), line);
        assertTrue(line.toLowerCase(java.util.Locale.ROOT).contains(what), "expected \"" + what + "\" in: " + line);
        assertTrue(!line.contains("internal error") && !line.contains("Exception"), line);
    }
}
