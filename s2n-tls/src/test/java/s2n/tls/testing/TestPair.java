package s2n.tls.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import s2n.tls.Blocked;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.TlsException;

/**
 * A client and a server connected in memory through the public callback API, driven from one
 * thread (the way s2n's tests and its Rust TestPair work).
 */
public final class TestPair implements AutoCloseable {
    /** Rounds of negotiate() on both sides before we call a handshake stuck. */
    private static final int MAX_ROUNDS = 100_000;

    public final Connection client;
    public final Connection server;
    public final MemoryPipe clientToServer;
    public final MemoryPipe serverToClient;
    /** Every blocked status each side returned, in order, for tests that check them. */
    public final List<Blocked> clientBlocked = new ArrayList<>();
    public final List<Blocked> serverBlocked = new ArrayList<>();

    public TestPair(Config clientConfig, Config serverConfig) {
        this(clientConfig, serverConfig, MemoryPipe.Behavior.NORMAL);
    }

    public TestPair(Config clientConfig, Config serverConfig, MemoryPipe.Behavior behavior) {
        this(new Connection(Mode.CLIENT), new Connection(Mode.SERVER), clientConfig, serverConfig, behavior);
    }

    /** Wires existing (new or wiped) connections together. */
    public TestPair(Connection client, Connection server, Config clientConfig, Config serverConfig,
            MemoryPipe.Behavior behavior) {
        this.client = client;
        this.server = server;
        this.clientToServer = new MemoryPipe(behavior);
        this.serverToClient = new MemoryPipe(behavior);
        client.setConfig(clientConfig);
        server.setConfig(serverConfig);
        client.setServerName("localhost");
        client.setSendCallback(MemoryPipe.SEND).setSendContext(clientToServer);
        client.setRecvCallback(MemoryPipe.RECV).setRecvContext(serverToClient);
        server.setSendCallback(MemoryPipe.SEND).setSendContext(serverToClient);
        server.setRecvCallback(MemoryPipe.RECV).setRecvContext(clientToServer);
    }

    /** Negotiates both sides to completion; throws the first side's failure. */
    public void handshake() throws TlsException {
        boolean clientDone = false;
        boolean serverDone = false;
        for (int i = 0; i < MAX_ROUNDS && !(clientDone && serverDone); i++) {
            if (!clientDone) {
                Blocked b = client.negotiate();
                clientBlocked.add(b);
                clientDone = b == Blocked.NOT_BLOCKED;
            }
            if (!serverDone) {
                Blocked b = server.negotiate();
                serverBlocked.add(b);
                serverDone = b == Blocked.NOT_BLOCKED;
            }
        }
        if (!(clientDone && serverDone)) {
            throw new AssertionError("handshake did not complete: client " + client + ", server " + server);
        }
    }

    /** Sends {@code data} from one side and receives it on the other, pumping both; returns what arrived. */
    public static byte[] transfer(Connection from, Connection to, byte[] data) throws TlsException {
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer dst = ByteBuffer.allocate(data.length);
        for (int i = 0; (src.hasRemaining() || dst.hasRemaining()) && i < 10_000_000; i++) {
            if (src.hasRemaining()) {
                from.send(src);
            }
            if (dst.hasRemaining()) {
                int n = to.recv(dst);
                if (n < 0) {
                    throw new AssertionError("peer closed after " + dst.position() + " bytes");
                }
            }
        }
        if (dst.hasRemaining()) {
            throw new AssertionError("transfer stuck at " + dst.position() + " of " + data.length);
        }
        return dst.array();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
