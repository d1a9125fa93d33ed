package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our SSLEngine against the JDK's (SunJSSE) SSLEngine, both directions, TLS 1.3 and TLS 1.2, in memory. */
class EngineInteropTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ourClientToJdkServer(String protocol) throws Exception {
        SSLEngine ours = Contexts.clientEngine(Contexts.client(true), protocol);
        SSLEngine jdk = Contexts.serverEngine(Contexts.server(false), null);
        EnginePair pair = new EnginePair(ours, jdk).handshake();
        assertTrue(pair.clientResults.stream().anyMatch(r -> r.getHandshakeStatus() == HandshakeStatus.FINISHED),
                "our client reported FINISHED once: " + pair.clientResults);
        assertEquals(1, pair.clientResults.stream().filter(r -> r.getHandshakeStatus() == HandshakeStatus.FINISHED).count());
        checkSessions(ours.getSession(), jdk.getSession(), protocol);
        X509Certificate leaf = (X509Certificate) ours.getSession().getPeerCertificates()[0];
        assertEquals("CN=localhost", leaf.getSubjectX500Principal().getName().replace(" rsa", "").substring(0, 12));
        exchange(pair);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void jdkClientToOurServer(String protocol) throws Exception {
        SSLEngine jdk = Contexts.clientEngine(Contexts.client(false), protocol);
        jdk.setSSLParameters(withHttps(jdk));
        SSLEngine ours = Contexts.serverEngine(Contexts.server(true), null);
        EnginePair pair = new EnginePair(jdk, ours).handshake();
        assertEquals(1, pair.serverResults.stream().filter(r -> r.getHandshakeStatus() == HandshakeStatus.FINISHED).count(),
                "our server reported FINISHED once: " + pair.serverResults);
        checkSessions(jdk.getSession(), ours.getSession(), protocol);
        assertTrue(ours.getSession().getLocalCertificates().length >= 1, "our server names the chain it sent");
        assertEquals(((X509Certificate) jdk.getSession().getPeerCertificates()[0]).getSubjectX500Principal(),
                ((X509Certificate) ours.getSession().getLocalCertificates()[0]).getSubjectX500Principal());
        assertThrows(SSLPeerUnverifiedException.class, () -> ours.getSession().getPeerCertificates(),
                "no client certificate was asked for");
        exchange(pair);
    }

    private static javax.net.ssl.SSLParameters withHttps(SSLEngine e) {
        javax.net.ssl.SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    private static void checkSessions(SSLSession client, SSLSession server, String protocol) {
        assertEquals(protocol, client.getProtocol());
        assertEquals(protocol, server.getProtocol());
        assertEquals(client.getCipherSuite(), server.getCipherSuite());
        assertEquals(protocol.equals("TLSv1.3"), !client.getCipherSuite().contains("_WITH_"), client.getCipherSuite());
        assertTrue(client.isValid() && server.isValid());
    }

    /** Data both ways, small and larger than a record, nothing lost or reordered. */
    private static void exchange(EnginePair pair) throws Exception {
        byte[] hello = "hello over s2n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(hello, pair.transfer(true, hello));
        byte[] big = new byte[100_000];
        new Random(7).nextBytes(big);
        assertArrayEquals(big, pair.transfer(false, big));
        assertArrayEquals(big, pair.transfer(true, big));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ourEnginesTalkToEachOther(String protocol) throws Exception {
        SSLContext server = Contexts.server(true);
        EnginePair pair = new EnginePair(Contexts.clientEngine(Contexts.client(true), protocol),
                Contexts.serverEngine(server, null)).handshake();
        checkSessions(pair.client.getSession(), pair.server.getSession(), protocol);
        exchange(pair);
    }
}
