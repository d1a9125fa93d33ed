package s2n.tls.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Iterator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The JDK's counterpart of {@code s2nd --non-blocking} for {@link ManyConnectionsMain}: one thread,
 * one selector, an {@link SSLEngine} per connection ({@link EngineChannel}, buffers shared),
 * TLS 1.3 only, the group from {@code -Djdk.tls.namedGroups}. It holds every connection until the
 * client closes it, and stops when its standard input closes (its parent is gone).
 *
 * <pre>
 * java -Djdk.tls.namedGroups=x25519 -cp benchmarks.jar s2n.tls.bench.JdkSelectorServer PKI_DIR 0
 * listening on 127.0.0.1:40321
 * </pre>
 */
public final class JdkSelectorServer {
    private JdkSelectorServer() {}

    public static void main(String[] args) throws Exception {
        PemPki pki = PemPki.in(Path.of(args[0]));
        int port = Integer.parseInt(args[1]);
        SSLContext ctx = pki.jdkServerContext();
        try (Selector selector = Selector.open(); ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", port), 1024);
            listener.configureBlocking(false);
            SelectionKey acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
            InetSocketAddress bound = (InetSocketAddress) listener.getLocalAddress();
            System.out.println("listening on 127.0.0.1:" + bound.getPort());
            System.out.flush();
            exitWhenStdinCloses();
            serve(selector, listener, acceptKey, ctx);
        }
    }

    private static void serve(Selector selector, ServerSocketChannel listener, SelectionKey acceptKey, SSLContext ctx)
            throws IOException {
        EngineChannel.Buffers buffers = new EngineChannel.Buffers();
        long handshakes = 0;
        while (selector.isOpen()) {
            selector.select();
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key == acceptKey) {
                    SocketChannel ch;
                    while ((ch = listener.accept()) != null) {
                        ch.configureBlocking(false);
                        SSLEngine engine = ctx.createSSLEngine();
                        engine.setUseClientMode(false);
                        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
                        EngineChannel conn = new EngineChannel(engine, ch, buffers);
                        advance(ch.register(selector, SelectionKey.OP_READ, conn), conn);
                    }
                    continue;
                }
                EngineChannel conn = (EngineChannel) key.attachment();
                boolean wasDone = conn.handshakeDone();
                advance(key, conn);
                if (!wasDone && conn.handshakeDone()) {
                    handshakes++;
                }
            }
        }
        System.err.println("JdkSelectorServer: " + handshakes + " handshakes");
    }

    /** A server whose parent died must not linger: its standard input closing is the sign. */
    private static void exitWhenStdinCloses() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Nothing is expected on standard input; it only tells that the parent is alive.
                }
            } catch (IOException e) {
                // Treated as closed.
            }
            System.exit(0);
        }, "stdin-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void advance(SelectionKey key, EngineChannel conn) {
        int interest;
        try {
            interest = conn.advance();
        } catch (IOException | RuntimeException e) {
            System.err.println("JdkSelectorServer: connection failed: " + e);
            interest = -1;
        }
        if (interest < 0) {
            key.cancel();
            conn.close();
        } else {
            key.interestOps(interest);
        }
    }
}
