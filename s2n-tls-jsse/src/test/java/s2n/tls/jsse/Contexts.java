package s2n.tls.jsse;

import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import s2n.tls.testing.TestCerts;

/** SSLContexts for tests: ours (from a provider instance, never installed globally) and the JDK's SunJSSE. */
final class Contexts {
    static final Provider S2N = new S2NProvider();

    private Contexts() {}

    static SSLContext ours(KeyManager[] km, TrustManager[] tm) throws Exception {
        SSLContext c = SSLContext.getInstance("TLS", S2N);
        c.init(km, tm, new SecureRandom());
        return c;
    }

    static SSLContext jdk(KeyManager[] km, TrustManager[] tm) throws Exception {
        SSLContext c = SSLContext.getInstance("TLS", "SunJSSE");
        c.init(km, tm, new SecureRandom());
        return c;
    }

    /** A server context with the EC and RSA localhost leaves, trusting the test root (for client certificates). */
    static SSLContext server(boolean ours) throws Exception {
        KeyManager[] km = TestCerts.keyManagers(TestCerts.SERVER_EC, TestCerts.SERVER_RSA);
        return ours ? ours(km, TestCerts.PKI.trustManagers()) : jdk(km, TestCerts.PKI.trustManagers());
    }

    /** A client context trusting the test root, with no certificate of its own. */
    static SSLContext client(boolean ours) throws Exception {
        return ours ? ours(null, TestCerts.PKI.trustManagers()) : jdk(null, TestCerts.PKI.trustManagers());
    }

    static SSLEngine clientEngine(SSLContext c, String protocol) {
        SSLEngine e = c.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        if (protocol != null) {
            e.setEnabledProtocols(new String[] {protocol});
        }
        return e;
    }

    static SSLEngine serverEngine(SSLContext c, String protocol) {
        SSLEngine e = c.createSSLEngine();
        e.setUseClientMode(false);
        if (protocol != null) {
            e.setEnabledProtocols(new String[] {protocol});
        }
        return e;
    }
}
