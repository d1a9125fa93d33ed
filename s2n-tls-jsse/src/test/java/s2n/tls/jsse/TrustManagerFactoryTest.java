package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.TestCerts;
import s2n.tls.testing.TestPki;

/**
 * The S2N provider's TrustManagerFactory: the JDK's PKIX decisions, with accepted chains
 * remembered only for exactly what the decision read.
 */
class TrustManagerFactoryTest {
    private static final X509Certificate[] CHAIN = TestCerts.SERVER_EC.chain();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PKIX", "X509", "X.509"})
    void theProviderMakesRememberingPkixTrustManagers(String algorithm) throws Exception {
        CachingTrustManager tm = ours(algorithm);
        assertTrue(tm.remembering());
        assertEquals(TestCerts.PKI.root, tm.getAcceptedIssuers()[0]);
        SSLContext client = Contexts.ours(null, new TrustManager[] {tm});
        for (int i = 0; i < 3; i++) {
            SSLEngine c = Contexts.clientEngine(client, "TLSv1.3");
            new EnginePair(c, Contexts.serverEngine(Contexts.server(true), null)).handshake();
            assertEquals("TLSv1.3", c.getSession().getProtocol());
        }
        assertEquals(1, tm.remembered(), "three handshakes with one chain, one decision remembered");
    }

    @Test
    void aRememberedChainIsNotDecidedAgainButAnythingElseIs() throws Exception {
        Counting jdk = new Counting(true);
        CachingTrustManager tm = new CachingTrustManager(jdk, true);
        tm.checkServerTrusted(CHAIN, "ECDHE_ECDSA");
        tm.checkServerTrusted(CHAIN, "ECDHE_ECDSA");
        assertEquals(1, jdk.calls.get());
        tm.checkServerTrusted(CHAIN, "RSA");                 // another auth type
        tm.checkClientTrusted(CHAIN, "ECDHE_ECDSA");         // the other side
        tm.checkServerTrusted(new X509Certificate[] {CHAIN[0]}, "ECDHE_ECDSA"); // other bytes
        assertEquals(4, jdk.calls.get());
    }

    @Test
    void refusalsAreNeverRemembered() {
        Counting jdk = new Counting(false);
        CachingTrustManager tm = new CachingTrustManager(jdk, true);
        for (int i = 0; i < 3; i++) {
            assertThrows(CertificateException.class, () -> tm.checkServerTrusted(CHAIN, "ECDHE_ECDSA"));
        }
        assertEquals(3, jdk.calls.get());
        assertEquals(0, tm.remembered());
    }

    @Test
    void aChainOutsideItsDatesIsDecidedEveryTime() throws Exception {
        TestPki pki = TestPki.create(TestPki.KeyType.ECDSA_P256, "expiring");
        X509Certificate[] expired = pki.issueExpired(TestPki.KeyType.ECDSA_P256, "localhost").chain()
                .toArray(new X509Certificate[0]);
        Counting jdk = new Counting(true); // accepts anything: only the dates keep it from being remembered
        CachingTrustManager tm = new CachingTrustManager(jdk, true);
        tm.checkServerTrusted(expired, "ECDHE_ECDSA");
        tm.checkServerTrusted(expired, "ECDHE_ECDSA");
        assertEquals(2, jdk.calls.get());
    }

    @Test
    void notRememberingDecidesEveryTime() throws Exception {
        Counting jdk = new Counting(true);
        CachingTrustManager tm = new CachingTrustManager(jdk, false);
        tm.checkServerTrusted(CHAIN, "ECDHE_ECDSA");
        tm.checkServerTrusted(CHAIN, "ECDHE_ECDSA");
        assertEquals(2, jdk.calls.get());
        assertEquals(0, tm.remembered());
    }

    @Test
    void revocationCheckingTurnsRememberingOff() throws Exception {
        String before = System.getProperty("com.sun.net.ssl.checkRevocation");
        System.setProperty("com.sun.net.ssl.checkRevocation", "true");
        try {
            assertFalse(ours("PKIX").remembering());
        } finally {
            if (before == null) {
                System.clearProperty("com.sun.net.ssl.checkRevocation");
            } else {
                System.setProperty("com.sun.net.ssl.checkRevocation", before);
            }
        }
        assertTrue(ours("PKIX").remembering());
    }

    /** The host name is part of what is remembered: an accepted chain for localhost does not pass for another name. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theHostNameIsPartOfTheDecision(String protocol) throws Exception {
        CachingTrustManager tm = ours("PKIX");
        SSLContext client = Contexts.ours(null, new TrustManager[] {tm});
        SSLEngine right = https(client.createSSLEngine("localhost", 443), protocol);
        new EnginePair(right, Contexts.serverEngine(Contexts.server(true), null)).handshake();
        assertEquals(1, tm.remembered());

        SSLEngine wrong = https(client.createSSLEngine("wrong.example", 443), protocol);
        SSLException e = assertThrows(SSLException.class,
                () -> new EnginePair(wrong, Contexts.serverEngine(Contexts.server(true), null)).handshake());
        assertTrue(e.getMessage().contains("wrong.example"), e.getMessage());
    }

    private static SSLEngine https(SSLEngine e, String protocol) {
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[] {protocol});
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return e;
    }

    private static CachingTrustManager ours(String algorithm) throws Exception {
        TrustManagerFactory f = TrustManagerFactory.getInstance(algorithm, Contexts.S2N);
        f.init(TestCerts.trustStore(TestCerts.PKI.root));
        TrustManager[] managers = f.getTrustManagers();
        assertEquals(1, managers.length);
        return assertInstanceOf(CachingTrustManager.class, managers[0]);
    }

    /** Accepts or refuses everything, counting the decisions. */
    private static final class Counting extends X509ExtendedTrustManager {
        final AtomicInteger calls = new AtomicInteger();
        private final boolean accept;

        Counting(boolean accept) {
            this.accept = accept;
        }

        private void decide() throws CertificateException {
            calls.incrementAndGet();
            if (!accept) {
                throw new CertificateException("refused");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            decide();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            decide();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            decide();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            decide();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            decide();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            decide();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
