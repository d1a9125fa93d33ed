package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Two SSLEngines joined in memory: each side's wrap output is the other's unwrap input. Every
 * result is checked against the buffers: bytesConsumed and bytesProduced must equal how far the
 * source and destination positions moved.
 */
final class EnginePair {
    private static final int MAX_STEPS = 10_000;

    final SSLEngine client;
    final SSLEngine server;
    /** Bytes on their way from client to server, and back (kept in read mode between steps). */
    final ByteBuffer toServer = ByteBuffer.allocate(1 << 20).flip();
    final ByteBuffer toClient = ByteBuffer.allocate(1 << 20).flip();
    final List<SSLEngineResult> clientResults = new ArrayList<>();
    final List<SSLEngineResult> serverResults = new ArrayList<>();
    final ByteArrayOutputStream clientReceived = new ByteArrayOutputStream();
    final ByteArrayOutputStream serverReceived = new ByteArrayOutputStream();

    EnginePair(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        client.setUseClientMode(true);
        server.setUseClientMode(false);
    }

    /** Runs both handshakes to the end; throws the first SSLException either side raised. */
    EnginePair handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < MAX_STEPS; i++) {
            boolean moved = step(client, toServer, toClient, clientResults, clientReceived)
                    | step(server, toClient, toServer, serverResults, serverReceived);
            if (!moved && !handshaking(client) && !handshaking(server)) {
                return this;
            }
        }
        throw new AssertionError("handshake stuck: client " + client.getHandshakeStatus() + ", server " + server.getHandshakeStatus());
    }

    private static boolean handshaking(SSLEngine e) {
        HandshakeStatus hs = e.getHandshakeStatus();
        return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED;
    }

    /** One wrap or unwrap as the engine's status asks; true if any byte moved. */
    boolean step(SSLEngine e, ByteBuffer out, ByteBuffer in, List<SSLEngineResult> results, ByteArrayOutputStream received)
            throws SSLException {
        switch (e.getHandshakeStatus()) {
            case NEED_WRAP:
                return wrap(e, ByteBuffer.allocate(0), out, results) > 0;
            case NEED_UNWRAP:
                return unwrap(e, in, results, received) > 0;
            case NEED_TASK:
                Runnable task;
                while ((task = e.getDelegatedTask()) != null) {
                    task.run();
                }
                return true;
            default:
                // Not handshaking: still read what arrived (post-handshake messages, close_notify).
                return in.hasRemaining() && unwrap(e, in, results, received) > 0;
        }
    }

    /** Wraps {@code src} into {@code out} (read mode); returns the bytes produced. */
    static int wrap(SSLEngine e, ByteBuffer src, ByteBuffer out, List<SSLEngineResult> results) throws SSLException {
        ByteBuffer dst = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        int srcBefore = src.position();
        SSLEngineResult r = e.wrap(src, dst);
        results.add(r);
        assertEquals(src.position() - srcBefore, r.bytesConsumed(), "bytesConsumed of " + r);
        assertEquals(dst.position(), r.bytesProduced(), "bytesProduced of " + r);
        dst.flip();
        append(out, dst);
        return r.bytesProduced();
    }

    /** Unwraps from {@code in} (read mode) into {@code received}; returns the bytes consumed. */
    static int unwrap(SSLEngine e, ByteBuffer in, List<SSLEngineResult> results, ByteArrayOutputStream received)
            throws SSLException {
        ByteBuffer dst = ByteBuffer.allocate(e.getSession().getApplicationBufferSize());
        int before = in.position();
        SSLEngineResult r = e.unwrap(in, dst);
        results.add(r);
        assertEquals(in.position() - before, r.bytesConsumed(), "bytesConsumed of " + r);
        assertEquals(dst.position(), r.bytesProduced(), "bytesProduced of " + r);
        assertTrue(r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW, "a full application buffer overflowed: " + r);
        received.write(dst.array(), 0, dst.position());
        return r.bytesConsumed();
    }

    /** Appends {@code bytes} to a read-mode buffer. */
    static void append(ByteBuffer readMode, ByteBuffer bytes) {
        readMode.compact();
        readMode.put(bytes);
        readMode.flip();
    }

    /** Sends {@code data} from one side and pumps until the other has received it all. */
    byte[] transfer(boolean fromClient, byte[] data) throws SSLException {
        SSLEngine from = fromClient ? client : server;
        SSLEngine to = fromClient ? server : client;
        ByteBuffer wire = fromClient ? toServer : toClient;
        ByteArrayOutputStream received = fromClient ? serverReceived : clientReceived;
        List<SSLEngineResult> fromResults = fromClient ? clientResults : serverResults;
        List<SSLEngineResult> toResults = fromClient ? serverResults : clientResults;
        received.reset();
        ByteBuffer src = ByteBuffer.wrap(data);
        for (int i = 0; i < MAX_STEPS && received.size() < data.length; i++) {
            if (src.hasRemaining()) {
                wrap(from, src, wire, fromResults);
            }
            while (wire.hasRemaining()) {
                if (unwrap(to, wire, toResults, received) == 0) {
                    break;
                }
            }
        }
        return received.toByteArray();
    }

    static SSLEngineResult last(List<SSLEngineResult> results) {
        return results.get(results.size() - 1);
    }
}
