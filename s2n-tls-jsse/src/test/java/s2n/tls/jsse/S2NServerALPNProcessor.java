package s2n.tls.jsse;

import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.java.server.JDK9ServerALPNProcessor;

/**
 * Jetty's ALPN for our engine. Jetty's own {@code JDK9ServerALPNProcessor} drives the standard
 * {@code SSLEngine.setHandshakeApplicationProtocolSelector}, but applies only to engines whose class
 * is in the {@code java.base} module (the JDK's); this one applies it to {@link S2NEngine}
 * unchanged. Registered for tests in {@code META-INF/services/org.eclipse.jetty.io.ssl.ALPNProcessor$Server};
 * an application doing HTTP/2 over the S2N provider with Jetty needs the same few lines
 * (docs/jsse.md).
 */
public final class S2NServerALPNProcessor extends JDK9ServerALPNProcessor {
    @Override
    public boolean appliesTo(SSLEngine engine) {
        return engine.getClass().getName().equals("s2n.tls.jsse.S2NEngine"); // what an application can write: the class is not public
    }

    @Override
    public String toString() {
        return "S2NServerALPNProcessor";
    }
}
