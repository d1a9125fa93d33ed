package s2n.tls.jsse;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The SPI behind {@code SSLContext.getInstance("TLS", "S2N")} (and TLSv1.3, TLSv1.2, Default):
 * {@link #engineInit} takes the key and trust managers, every engine and socket made afterwards
 * uses them.
 */
final class S2NSSLContextSpi extends SSLContextSpi {
    private final List<String> defaultProtocols;
    private final boolean isDefault;
    private final S2NSessionContext clientSessions = new S2NSessionContext();
    private final S2NSessionContext serverSessions = new S2NSessionContext();
    private volatile ContextState state;

    S2NSSLContextSpi(List<String> defaultProtocols, boolean isDefault) {
        this.defaultProtocols = defaultProtocols;
        this.isDefault = isDefault;
        if (isDefault) {
            try {
                this.state = ContextState.jdkDefaults(defaultProtocols, clientSessions, serverSessions);
            } catch (KeyManagementException e) {
                // SSLContext.getDefault() reports this as a NoSuchAlgorithmException with the cause.
                throw new IllegalStateException("the JDK's default key or trust managers failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
        if (isDefault) {
            // As the JDK's: the default context is initialised already and may not be re-initialised.
            throw new KeyManagementException("the Default SSLContext is initialized automatically; use getInstance(\"TLS\")");
        }
        state = ContextState.of(km, tm, sr, defaultProtocols, clientSessions, serverSessions);
    }

    private ContextState state() {
        ContextState s = state;
        if (s == null) {
            throw new IllegalStateException("SSLContext is not initialized: call init(keyManagers, trustManagers, random) first");
        }
        return s;
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return new S2NSocketFactory(state());
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new S2NServerSocketFactory(state());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return new S2NEngine(state(), null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return new S2NEngine(state(), host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return serverSessions;
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return clientSessions;
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return state().defaultParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return state().supportedParameters();
    }
}
