package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPki;

/**
 * The socket options s2n sets (ch07 "Basic IO setup"): TCP_QUICKACK after handshake reads where
 * the platform has it, corking with TCP_NODELAY while a flight is written, restored by wipe().
 */
class SocketOptionsTest {
    private static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    private static final TestPki.Issued CERT = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");

    @Test
    void quickAckDuringTheHandshakeAndCorkingRestoredByWipe() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            CompletableFuture<Void> server = serveOnce(listener);
            try (RecordingSocketChannel socket = new RecordingSocketChannel(SocketChannel.open(listener.getLocalAddress()))) {
                boolean originalNoDelay = socket.getOption(StandardSocketOptions.TCP_NODELAY);
                Connection client = new Connection(Mode.CLIENT).setConfig(ChannelIoTest.clientConfig(PKI))
                        .setServerName("localhost");
                client.setChannel(socket).useCorkedIo();
                assertEquals(Blocked.NOT_BLOCKED, client.negotiate());

                if (socket.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK)) {
                    assertTrue(socket.sets.contains("TCP_QUICKACK=true"), socket.sets.toString());
                }
                // Corked while each flight was written, uncorked after it and for application data.
                assertTrue(socket.sets.contains("TCP_NODELAY=false"), socket.sets.toString());
                assertEquals("TCP_NODELAY=true", last(socket.sets, "TCP_NODELAY"));
                assertTrue(socket.getOption(StandardSocketOptions.TCP_NODELAY));

                client.send(ByteBuffer.wrap("bye".getBytes()));
                client.shutdown();
                server.get(10, TimeUnit.SECONDS);

                client.wipe();
                assertEquals(originalNoDelay, socket.getOption(StandardSocketOptions.TCP_NODELAY), "wipe() restores the option");
                assertTrue(socket.isOpen(), "wipe() leaves the channel open");
            }
        }
    }

    @Test
    void quickAckIsSetOnLinux() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "TCP_QUICKACK is a Linux option");
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            CompletableFuture<Void> server = serveOnce(listener);
            try (RecordingSocketChannel socket = new RecordingSocketChannel(SocketChannel.open(listener.getLocalAddress()))) {
                assertTrue(socket.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK));
                Connection client = new Connection(Mode.CLIENT).setConfig(ChannelIoTest.clientConfig(PKI))
                        .setServerName("localhost");
                client.setChannel(socket);
                assertEquals(Blocked.NOT_BLOCKED, client.negotiate());
                long quickAcks = socket.sets.stream().filter("TCP_QUICKACK=true"::equals).count();
                assertTrue(quickAcks >= 1, "set after each handshake read: " + socket.sets);
                assertFalse(socket.sets.stream().anyMatch(s -> s.startsWith("TCP_NODELAY")), "no corking unless asked");
                client.send(ByteBuffer.wrap("bye".getBytes()));
                client.shutdown();
                server.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void corkedIoNeedsTheConnectionsOwnSocket() {
        Connection c = new Connection(Mode.CLIENT);
        c.setSendCallback(MemoryPipe.SEND);
        IllegalStateException e = assertThrows(IllegalStateException.class, c::useCorkedIo);
        assertTrue(e.getMessage().contains("setChannel"), e.getMessage());
    }

    private static String last(List<String> sets, String option) {
        String out = null;
        for (String s : sets) {
            if (s.startsWith(option)) {
                out = s;
            }
        }
        return out;
    }

    private static CompletableFuture<Void> serveOnce(ServerSocketChannel listener) {
        return CompletableFuture.runAsync(() -> {
            try (SocketChannel s = listener.accept()) {
                Connection server = new Connection(Mode.SERVER)
                        .setConfig(ChannelIoTest.serverConfig(CERT, SecurityPolicy.named("default")));
                server.setChannel(s);
                server.negotiate();
                ByteBuffer in = ByteBuffer.allocate(100);
                while (server.recv(in) >= 0) {
                    in.clear();
                }
                server.shutdown();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** A SocketChannel that passes everything to a real one and records every option it is given. */
    static final class RecordingSocketChannel extends SocketChannel {
        private final SocketChannel delegate;
        final List<String> sets = new ArrayList<>();

        RecordingSocketChannel(SocketChannel delegate) {
            super(delegate.provider());
            this.delegate = delegate;
        }

        @Override
        public <T> SocketChannel setOption(SocketOption<T> name, T value) throws IOException {
            sets.add(name.name() + "=" + value);
            delegate.setOption(name, value);
            return this;
        }

        @Override
        public <T> T getOption(SocketOption<T> name) throws IOException {
            return delegate.getOption(name);
        }

        @Override
        public Set<SocketOption<?>> supportedOptions() {
            return delegate.supportedOptions();
        }

        @Override
        public SocketChannel bind(SocketAddress local) throws IOException {
            delegate.bind(local);
            return this;
        }

        @Override
        public SocketChannel shutdownInput() throws IOException {
            delegate.shutdownInput();
            return this;
        }

        @Override
        public SocketChannel shutdownOutput() throws IOException {
            delegate.shutdownOutput();
            return this;
        }

        @Override
        public Socket socket() {
            return delegate.socket();
        }

        @Override
        public boolean isConnected() {
            return delegate.isConnected();
        }

        @Override
        public boolean isConnectionPending() {
            return delegate.isConnectionPending();
        }

        @Override
        public boolean connect(SocketAddress remote) throws IOException {
            return delegate.connect(remote);
        }

        @Override
        public boolean finishConnect() throws IOException {
            return delegate.finishConnect();
        }

        @Override
        public SocketAddress getRemoteAddress() throws IOException {
            return delegate.getRemoteAddress();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return delegate.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return delegate.write(srcs, offset, length);
        }

        @Override
        public SocketAddress getLocalAddress() throws IOException {
            return delegate.getLocalAddress();
        }

        @Override
        protected void implCloseSelectableChannel() throws IOException {
            delegate.close();
        }

        @Override
        protected void implConfigureBlocking(boolean block) throws IOException {
            delegate.configureBlocking(block);
        }
    }
}
