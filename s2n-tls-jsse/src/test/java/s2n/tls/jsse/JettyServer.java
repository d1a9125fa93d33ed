package s2n.tls.jsse;

import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An embedded Jetty 12 on 127.0.0.1 and a free port, serving HTTPS the way a Jetty user sets it up:
 * a {@link SslContextFactory.Server} with a key store and {@code setProvider("S2N")}, so Jetty
 * makes its SSLContext, its key managers (wrapped in its SNI key manager) and its engines itself;
 * the provider must be registered ({@code Security.addProvider}). Every request gets a page naming
 * the engine's class, the negotiated protocol and suite and the connection's id; {@code /big}
 * adds {@link #BIG} bytes of filler. {@link #close()} stops it.
 */
final class JettyServer implements AutoCloseable {
    /** The filler {@code /big} adds: several records' worth, so Jetty wraps and flushes in a loop. */
    static final int BIG = 100_000;

    private final Server server = new Server();
    final int port;
    /** The engines requests arrived on, as Jetty's SslConnection holds them. */
    final List<SSLEngine> engines = new CopyOnWriteArrayList<>();
    final SslContextFactory.Server ssl = new SslContextFactory.Server();

    /**
     * Starts it.
     *
     * @param http2 also HTTP/2: ALPN offers h2 then http/1.1 (through {@link S2NServerALPNProcessor})
     * @param configure may set more of the SslContextFactory first (client auth, a trust store)
     */
    JettyServer(KeyStore keys, char[] password, boolean http2, Consumer<SslContextFactory.Server> configure) throws Exception {
        ssl.setProvider(S2NProvider.NAME);
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword(new String(password));
        ssl.setKeyManagerPassword(new String(password));
        configure.accept(ssl);
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer()); // the SslSessionData request attribute, and its SNI host check
        ServerConnector connector;
        if (http2) {
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol("http/1.1");
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                    new HTTP2ServerConnectionFactory(http), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, ssl, new HttpConnectionFactory(http));
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        server.setHandler(new Page());
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw e;
        }
        port = connector.getLocalPort();
    }

    /** The page: what the connection negotiated, read from the engine Jetty used and from Jetty's own SSL session data. */
    private final class Page extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            SSLEngine engine = ((SslConnection.SslEndPoint) endPoint).getSslConnection().getSSLEngine();
            engines.add(engine);
            SSLSession session = engine.getSession();
            EndPoint.SslSessionData data = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
            StringBuilder body = new StringBuilder()
                    .append("<!DOCTYPE html>\n<html><head><title>s2n-tls-java under Jetty</title></head>\n")
                    .append("<body style=\"background:#fff;color:#000;font:20px sans-serif\">\n")
                    .append("<h1>Jetty over the S2N provider</h1>\n<pre>\n")
                    .append("Engine: ").append(engine.getClass().getName()).append('\n')
                    .append("Protocol: ").append(session.getProtocol()).append('\n')
                    .append("HTTP: ").append(request.getConnectionMetaData().getProtocol()).append('\n')
                    .append("ALPN: ").append(engine.getApplicationProtocol()).append('\n')
                    .append("Cipher suite: ").append(data == null ? "(no SslSessionData)" : data.cipherSuite()).append('\n')
                    .append("Connection: ").append(request.getConnectionMetaData().getId()).append('\n')
                    .append("Client certificate: ").append(data == null || data.peerCertificates() == null ? "none"
                            : data.peerCertificates()[0].getSubjectX500Principal().getName()).append('\n')
                    .append("</pre>\n");
            if (request.getHttpURI().getPath().equals("/big")) {
                body.append("<p>").append("x".repeat(BIG)).append("</p>\n");
            }
            body.append("</body></html>\n");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            Content.Sink.write(response, true, body.toString(), callback);
            return true;
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
