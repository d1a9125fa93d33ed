package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.TestCerts;

/** ALPN, SNI, client authentication and trust manager verdicts through our engine, against the JDK's. */
class EngineFeaturesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void alpnOurClientToJdkServer(String protocol) throws Exception {
        SSLEngine ours = Contexts.clientEngine(Contexts.client(true), protocol);
        SSLParameters p = ours.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        ours.setSSLParameters(p);
        SSLEngine jdk = Contexts.serverEngine(Contexts.server(false), null);
        SSLParameters q = jdk.getSSLParameters();
        q.setApplicationProtocols(new String[] {"http/1.1"});
        jdk.setSSLParameters(q);
        new EnginePair(ours, jdk).handshake();
        assertEquals("http/1.1", ours.getApplicationProtocol());
        assertEquals("http/1.1", jdk.getApplicationProtocol());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void alpnJdkClientToOurServerWithAndWithoutSelector(String protocol) throws Exception {
        SSLEngine jdk = Contexts.clientEngine(Contexts.client(false), protocol);
        SSLParameters p = jdk.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        jdk.setSSLParameters(p);
        SSLEngine ours = Contexts.serverEngine(Contexts.server(true), null);
        SSLParameters q = ours.getSSLParameters();
        q.setApplicationProtocols(new String[] {"h2"});
        ours.setSSLParameters(q);
        new EnginePair(jdk, ours).handshake();
        assertEquals("h2", ours.getApplicationProtocol());
        assertEquals("h2", jdk.getApplicationProtocol());

        SSLEngine jdk2 = Contexts.clientEngine(Contexts.client(false), protocol);
        jdk2.setSSLParameters(p);
        SSLEngine ours2 = Contexts.serverEngine(Contexts.server(true), null);
        AtomicReference<List<String>> offered = new AtomicReference<>();
        AtomicReference<SSLSession> during = new AtomicReference<>();
        ours2.setHandshakeApplicationProtocolSelector((engine, protocols) -> {
            offered.set(protocols);
            during.set(engine.getHandshakeSession());
            return protocols.get(protocols.size() - 1);
        });
        new EnginePair(jdk2, ours2).handshake();
        assertEquals(List.of("h2", "http/1.1"), offered.get());
        assertNotNull(during.get(), "the selector runs during the handshake");
        assertEquals("http/1.1", ours2.getApplicationProtocol());
        assertEquals("http/1.1", jdk2.getApplicationProtocol());

        SSLEngine jdk3 = Contexts.clientEngine(Contexts.client(false), protocol);
        jdk3.setSSLParameters(p);
        SSLEngine ours3 = Contexts.serverEngine(Contexts.server(true), null);
        ours3.setHandshakeApplicationProtocolSelector((engine, protocols) -> null);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, new EnginePair(jdk3, ours3)::handshake);
        assertTrue(e.getMessage().contains("selector"), e.getMessage());
    }

    /**
     * What Jetty's ALPN (ALPNServerConnection.select) reads inside the selector: the handshake
     * session's protocol and suite, for HTTP/2's RFC 7540 §9.2.2 suite check. SunJSSE has chosen
     * both by then; our selector runs in the core's client hello callback, before the core
     * chooses them, so the session still says NONE and SSL_NULL_WITH_NULL_NULL (docs/jsse.md).
     * Jetty then accepts h2, which is right for every suite we offer (all ECDHE AEAD).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakeSessionInsideTheAlpnSelector(String protocol) throws Exception {
        for (boolean ours : new boolean[] {true, false}) {
            SSLEngine client = Contexts.clientEngine(Contexts.client(false), protocol);
            SSLParameters p = client.getSSLParameters();
            p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            client.setSSLParameters(p);
            SSLEngine server = Contexts.serverEngine(Contexts.server(ours), null);
            List<String> seen = new ArrayList<>();
            server.setHandshakeApplicationProtocolSelector((engine, protocols) -> {
                SSLSession s = engine.getHandshakeSession();
                seen.add(s.getProtocol());
                seen.add(s.getCipherSuite());
                return "h2";
            });
            new EnginePair(client, server).handshake();
            assertEquals("h2", server.getApplicationProtocol());
            List<String> expected = ours ? List.of("NONE", "SSL_NULL_WITH_NULL_NULL")
                    : List.of(protocol, server.getSession().getCipherSuite());
            assertEquals(expected, seen, ours ? "S2N" : "SunJSSE");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void noAlpnIsTheEmptyString(String protocol) throws Exception {
        SSLEngine ours = Contexts.clientEngine(Contexts.client(true), protocol);
        new EnginePair(ours, Contexts.serverEngine(Contexts.server(false), null)).handshake();
        assertEquals("", ours.getApplicationProtocol());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void sniBothWays(String protocol) throws Exception {
        // Our client sends the SNI of its parameters; the JDK server only accepts that name.
        SSLEngine ours = Contexts.clientEngine(Contexts.client(true), protocol);
        SSLParameters p = ours.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("localhost")));
        ours.setSSLParameters(p);
        SSLEngine jdk = Contexts.serverEngine(Contexts.server(false), null);
        SSLParameters q = jdk.getSSLParameters();
        q.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("localhost")));
        jdk.setSSLParameters(q);
        new EnginePair(ours, jdk).handshake();
        assertEquals(List.of(new SNIHostName("localhost")), ((ExtendedSSLSession) jdk.getSession()).getRequestedServerNames());

        // The JDK client sends the peer host as SNI; our server's key manager sees it in the handshake session.
        List<SNIServerName> seen = new ArrayList<>();
        X509ExtendedKeyManager km = (X509ExtendedKeyManager) TestCerts.keyManagers(TestCerts.SERVER_EC)[0];
        KeyManager recording = new RecordingKeyManager(km, seen);
        SSLContext server = Contexts.ours(new KeyManager[] {recording}, TestCerts.PKI.trustManagers());
        SSLEngine jdkClient = Contexts.clientEngine(Contexts.client(false), protocol);
        SSLParameters sni = jdkClient.getSSLParameters();
        sni.setServerNames(List.of(new SNIHostName("localhost"))); // the JDK sends none for a dotless name by itself
        jdkClient.setSSLParameters(sni);
        SSLEngine ourServer = Contexts.serverEngine(server, null);
        new EnginePair(jdkClient, ourServer).handshake();
        assertTrue(seen.contains(new SNIHostName("localhost")), "key manager saw " + seen);
        assertEquals(List.of(new SNIHostName("localhost")),
                ((ExtendedSSLSession) ourServer.getSession()).getRequestedServerNames());

        // An SNI matcher on our server that refuses the name ends the handshake.
        SSLEngine ourStrict = Contexts.serverEngine(Contexts.server(true), null);
        SSLParameters strict = ourStrict.getSSLParameters();
        strict.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("other\\.example")));
        ourStrict.setSSLParameters(strict);
        SSLEngine namedClient = Contexts.clientEngine(Contexts.client(false), protocol);
        namedClient.setSSLParameters(sni);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                new EnginePair(namedClient, ourStrict)::handshake);
        assertTrue(e.getMessage().contains("SNIMatcher") || e.getMessage().contains("handshake_failure"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void needClientAuthWithAJdkClientThatHasAKey(String protocol) throws Exception {
        SSLContext jdkClient = Contexts.jdk(TestCerts.keyManagers(TestCerts.CLIENT_EC), TestCerts.PKI.trustManagers());
        SSLEngine jdk = Contexts.clientEngine(jdkClient, protocol);
        SSLEngine ours = Contexts.serverEngine(Contexts.server(true), null);
        ours.setNeedClientAuth(true);
        new EnginePair(jdk, ours).handshake();
        X509Certificate client = (X509Certificate) ours.getSession().getPeerCertificates()[0];
        assertEquals("CN=test client", client.getSubjectX500Principal().getName());
        assertEquals(client, jdk.getSession().getLocalCertificates()[0]);

        // Without a key the JDK client sends no certificate: both sides fail.
        SSLEngine bare = Contexts.clientEngine(Contexts.client(false), protocol);
        SSLEngine strict = Contexts.serverEngine(Contexts.server(true), null);
        strict.setNeedClientAuth(true);
        EnginePair pair = new EnginePair(bare, strict);
        SSLHandshakeException ourSide = assertThrows(SSLHandshakeException.class, () -> driveUntilBothFail(pair));
        assertNotNull(ourSide);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ourClientPresentsItsCertificateToAJdkServer(String protocol) throws Exception {
        SSLContext ourClient = Contexts.ours(TestCerts.keyManagers(TestCerts.CLIENT_EC), TestCerts.PKI.trustManagers());
        SSLEngine ours = Contexts.clientEngine(ourClient, protocol);
        SSLEngine jdk = Contexts.serverEngine(Contexts.server(false), null);
        jdk.setNeedClientAuth(true);
        new EnginePair(ours, jdk).handshake();
        assertEquals("CN=test client",
                ((X509Certificate) jdk.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName());
        assertEquals("CN=test client",
                ((X509Certificate) ours.getSession().getLocalCertificates()[0]).getSubjectX500Principal().getName());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void trustManagerThatRejectsTheServerFailsBothSides(String protocol) throws Exception {
        SSLContext distrusting = Contexts.ours(null, TestCerts.untrusted().trustManagers());
        EnginePair pair = new EnginePair(Contexts.clientEngine(distrusting, protocol),
                Contexts.serverEngine(Contexts.server(false), null));
        Failures f = failures(pair);
        assertNotNull(f.client, "our client failed");
        assertTrue(f.client.getMessage().contains("trust manager rejected") && f.client.getMessage().contains("bad_certificate"),
                f.client.getMessage());
        assertInstanceOf(CertificateException.class, f.client.getCause());
        assertNotNull(f.server, "the JDK server failed too, on our alert");
        assertTrue(f.server.getMessage().contains("bad_certificate"), f.server.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void trustManagerThatRejectsTheClientFailsBothSides(String protocol) throws Exception {
        SSLContext jdkClient = Contexts.jdk(TestCerts.keyManagers(TestCerts.CLIENT_EC), TestCerts.PKI.trustManagers());
        SSLContext ourServer = Contexts.ours(TestCerts.keyManagers(TestCerts.SERVER_EC), TestCerts.untrusted().trustManagers());
        SSLEngine server = Contexts.serverEngine(ourServer, null);
        server.setNeedClientAuth(true);
        Failures f = failures(new EnginePair(Contexts.clientEngine(jdkClient, protocol), server));
        assertNotNull(f.server, "our server failed");
        assertTrue(f.server.getMessage().contains("trust manager rejected"), f.server.getMessage());
        assertNotNull(f.client, "the JDK client failed too");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void endpointIdentificationChecksTheHostName(String protocol) throws Exception {
        SSLEngine wrongHost = Contexts.client(true).createSSLEngine("wrong.example", 443);
        wrongHost.setUseClientMode(true);
        wrongHost.setEnabledProtocols(new String[] {protocol});
        SSLParameters p = wrongHost.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        wrongHost.setSSLParameters(p);
        Failures f = failures(new EnginePair(wrongHost, Contexts.serverEngine(Contexts.server(false), null)));
        assertNotNull(f.client);
        assertTrue(f.client.getMessage().contains("wrong.example"), f.client.getMessage());

        // Off (null algorithm, the default): the same name mismatch is accepted, as in the JDK.
        SSLEngine lenient = Contexts.client(true).createSSLEngine("wrong.example", 443);
        lenient.setUseClientMode(true);
        lenient.setEnabledProtocols(new String[] {protocol});
        new EnginePair(lenient, Contexts.serverEngine(Contexts.server(false), null)).handshake();
        assertEquals(protocol, lenient.getSession().getProtocol());
    }

    /** Each side's SSLHandshakeException, driving both until neither moves. */
    record Failures(Exception client, Exception server) {}

    private static Failures failures(EnginePair pair) throws Exception {
        Exception client = null;
        Exception server = null;
        pair.client.beginHandshake();
        pair.server.beginHandshake();
        for (int i = 0; i < 200; i++) {
            boolean moved = false;
            if (client == null) {
                try {
                    moved |= pair.step(pair.client, pair.toServer, pair.toClient, pair.clientResults, pair.clientReceived);
                } catch (SSLHandshakeException e) {
                    client = e;
                    flushAlert(pair.client, pair.toServer);
                    moved = true;
                }
            }
            if (server == null) {
                try {
                    moved |= pair.step(pair.server, pair.toClient, pair.toServer, pair.serverResults, pair.serverReceived);
                } catch (SSLHandshakeException e) {
                    server = e;
                    flushAlert(pair.server, pair.toClient);
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        return new Failures(client, server);
    }

    private static void flushAlert(SSLEngine e, ByteBuffer out) {
        try {
            while (!e.isOutboundDone()) {
                if (EnginePair.wrap(e, ByteBuffer.allocate(0), out, new ArrayList<>()) == 0) {
                    break;
                }
            }
        } catch (Exception ignored) {
            // the alert is best effort, as in any SSLEngine user
        }
    }

    private static void driveUntilBothFail(EnginePair pair) throws Exception {
        Failures f = failures(pair);
        assertNotNull(f.client, "the JDK client failed");
        if (f.server != null) {
            throw f.server;
        }
        throw new AssertionError("our server did not fail");
    }

    /** A key manager that records the SNI names the handshake session shows when the server alias is chosen. */
    private static final class RecordingKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager km;
        private final List<SNIServerName> seen;

        RecordingKeyManager(X509ExtendedKeyManager km, List<SNIServerName> seen) {
            this.km = km;
            this.seen = seen;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            SSLSession s = engine.getHandshakeSession();
            if (s instanceof ExtendedSSLSession) {
                seen.addAll(((ExtendedSSLSession) s).getRequestedServerNames());
            }
            return km.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return km.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return km.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return km.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return km.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return km.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return km.getPrivateKey(alias);
        }
    }
}
