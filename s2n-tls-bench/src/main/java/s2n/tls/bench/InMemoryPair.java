package s2n.tls.bench;

import java.nio.ByteBuffer;

/**
 * A client and a server of one library, connected in memory and driven from one thread: the
 * shape every in-memory benchmark uses, whatever the library.
 *
 * <pre>{@code
 * try (InMemoryPair pair = Library.JDK.newPair(scenario, pki)) {
 *     pair.newConnections();
 *     pair.handshake();
 *     pair.transfer(data, sink);   // client -> server
 * }
 * }</pre>
 */
public interface InMemoryPair extends AutoCloseable {
    /** Drops the current connections (if any) and creates a fresh client and server. */
    void newConnections() throws Exception;

    /** Runs a full handshake on the current connections, both sides to completion. */
    void handshake() throws Exception;

    /**
     * Sends every remaining byte of {@code data} from the client and receives them all on the
     * server into {@code sink} (cleared as it fills; its contents are not kept).
     */
    void transfer(ByteBuffer data, ByteBuffer sink) throws Exception;

    /** The negotiated protocol and cipher suite as the client sees them, e.g. {@code TLSv1.3 TLS_AES_128_GCM_SHA256}. */
    String negotiated();

    /** Frees both connections. */
    @Override
    void close();
}
