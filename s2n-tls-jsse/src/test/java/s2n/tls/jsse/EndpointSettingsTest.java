package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The settings the engine, the socket and the server socket share ({@link EndpointSettings}): the
 * same rules on all three, and a server socket's settings copied into each socket it accepts.
 */
class EndpointSettingsTest {
    private static final String[] ONE_SUITE = {"TLS_AES_256_GCM_SHA384"};
    private static final String[] TLS12 = {"TLSv1.2"};

    @Test
    void theSameRulesOnEngineSocketAndServerSocket() throws Throwable {
        SSLContext c = Contexts.server(true);
        SSLEngine engine = c.createSSLEngine();
        try (SSLSocket socket = (SSLSocket) c.getSocketFactory().createSocket();
                SSLServerSocket server = (SSLServerSocket) c.getServerSocketFactory().createServerSocket()) {
            assertFalse(engine.getUseClientMode(), "an engine not yet told its mode says false");
            assertTrue(socket.getUseClientMode());
            assertFalse(server.getUseClientMode());
            for (Object endpoint : new Object[] {engine, socket, server}) {
                assertArrayEquals(engine.getSupportedCipherSuites(), (String[]) call(endpoint, "getSupportedCipherSuites"));
                assertArrayEquals(engine.getSupportedProtocols(), (String[]) call(endpoint, "getSupportedProtocols"));
                assertThrows(IllegalArgumentException.class,
                        () -> call(endpoint, "setEnabledCipherSuites", (Object) new String[] {"TLS_RSA_WITH_RC4_128_MD5"}));
                assertThrows(IllegalArgumentException.class,
                        () -> call(endpoint, "setEnabledProtocols", (Object) new String[] {"TLSv1.1"}));
                call(endpoint, "setEnabledCipherSuites", (Object) ONE_SUITE);
                call(endpoint, "setEnabledProtocols", (Object) TLS12);
                call(endpoint, "setNeedClientAuth", true);
                SSLParameters p = (SSLParameters) call(endpoint, "getSSLParameters");
                assertArrayEquals(ONE_SUITE, p.getCipherSuites());
                assertArrayEquals(TLS12, p.getProtocols());
                assertTrue(p.getNeedClientAuth());
                call(endpoint, "setWantClientAuth", true);
                assertEquals(false, call(endpoint, "getNeedClientAuth"), "want clears need");
                assertEquals(true, call(endpoint, "getWantClientAuth"));
                SSLParameters update = new SSLParameters();
                update.setApplicationProtocols(new String[] {"http/1.1"});
                call(endpoint, "setSSLParameters", update);
                p = (SSLParameters) call(endpoint, "getSSLParameters");
                assertArrayEquals(ONE_SUITE, p.getCipherSuites(), "null suites in an update keep the current ones");
                assertArrayEquals(new String[] {"http/1.1"}, p.getApplicationProtocols());
            }
        }
    }

    @Test
    void anEngineKeepsItsModeOnceTheHandshakeBegan() throws Exception {
        SSLEngine engine = Contexts.client(true).createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.setUseClientMode(false));
        assertEquals("setUseClientMode() after the handshake began", e.getMessage());
        assertTrue(engine.getUseClientMode());
    }

    @Test
    void anAcceptedSocketGetsACopyOfTheServerSocketsSettings() throws Exception {
        SSLContext c = Contexts.server(true);
        try (SSLServerSocket server = (SSLServerSocket) c.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket plain = new Socket()) {
            server.setEnabledCipherSuites(ONE_SUITE);
            server.setNeedClientAuth(true);
            server.setEnableSessionCreation(false);
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
            try (SSLSocket accepted = (SSLSocket) server.accept()) {
                server.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
                server.setNeedClientAuth(false);
                server.setUseClientMode(true);
                assertArrayEquals(ONE_SUITE, accepted.getEnabledCipherSuites(), "later changes to the server socket stay there");
                assertTrue(accepted.getNeedClientAuth());
                assertFalse(accepted.getEnableSessionCreation());
                assertFalse(accepted.getUseClientMode());
            }
        }
    }

    /**
     * Calls the public method {@code name} that SSLEngine, SSLSocket and SSLServerSocket each
     * declare (they share no supertype for it); an exception it throws is rethrown as it is.
     */
    private static Object call(Object target, String name, Object... args) throws Throwable {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError(target.getClass() + " has no " + name);
    }
}
