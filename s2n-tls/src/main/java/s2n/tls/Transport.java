package s2n.tls;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.handshake.IoHooks;
import s2n.tls.internal.io.CallbackSink;
import s2n.tls.internal.io.CallbackSource;
import s2n.tls.internal.io.ChannelSink;
import s2n.tls.internal.io.ChannelSource;
import s2n.tls.internal.io.Sink;
import s2n.tls.internal.io.SocketTuning;
import s2n.tls.internal.io.Source;

/**
 * A connection's two directions of IO, each a channel or a callback with its context, plus the
 * socket options s2n sets on a socket it manages.
 */
final class Transport {
    private ReadableByteChannel readChannel;
    private WritableByteChannel writeChannel;
    private RecvCallback recvCallback;
    private Object recvContext;
    private SendCallback sendCallback;
    private Object sendContext;
    private Source source;
    private Sink sink;
    private SocketTuning readTuning;
    private SocketTuning writeTuning;
    private final IoHooks hooks = new IoHooks() {
        @Override
        public void afterHandshakeRead() {
            if (readTuning != null) {
                readTuning.quickAck();
            }
        }

        @Override
        public void flightStarted() {
            if (writeTuning != null) {
                writeTuning.cork();
            }
        }

        @Override
        public void flightEnded() {
            if (writeTuning != null) {
                writeTuning.uncork();
            }
        }
    };

    void setRead(ReadableByteChannel channel) {
        if (channel == null) {
            throw new IllegalArgumentException("channel must not be null");
        }
        if (!channel.isOpen()) {
            throw new IllegalArgumentException("the channel is closed; pass an open, connected channel");
        }
        readChannel = channel;
        recvCallback = null;
        source = null;
        readTuning = SocketTuning.of(channel);
    }

    /** The peer's address when reading from a socket channel, for diagnostics; null otherwise. */
    String peerAddress() {
        if (readChannel instanceof java.nio.channels.SocketChannel) {
            try {
                java.net.SocketAddress a = ((java.nio.channels.SocketChannel) readChannel).getRemoteAddress();
                return a == null ? null : a.toString();
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }

    void setWrite(WritableByteChannel channel) {
        if (channel == null) {
            throw new IllegalArgumentException("channel must not be null");
        }
        if (!channel.isOpen()) {
            throw new IllegalArgumentException("the channel is closed; pass an open, connected channel");
        }
        if (writeTuning != null) {
            writeTuning.restore();
        }
        writeChannel = channel;
        sendCallback = null;
        sink = null;
        writeTuning = SocketTuning.of(channel);
    }

    void setRecvCallback(RecvCallback callback) {
        if (callback == null) {
            throw new IllegalArgumentException("callback must not be null");
        }
        recvCallback = callback;
        readChannel = null;
        readTuning = null;
        source = null;
    }

    void setRecvContext(Object context) {
        recvContext = context;
        source = null;
    }

    void setSendCallback(SendCallback callback) {
        if (callback == null) {
            throw new IllegalArgumentException("callback must not be null");
        }
        if (writeTuning != null) {
            writeTuning.restore();
        }
        sendCallback = callback;
        writeChannel = null;
        writeTuning = null;
        sink = null;
    }

    void setSendContext(Object context) {
        sendContext = context;
        sink = null;
    }

    void useCorkedIo() {
        if (writeTuning == null) {
            throw new IllegalStateException("corked IO needs the connection's own socket: call setChannel(socketChannel) "
                    + "or setWriteChannel(socketChannel) first (it cannot work through a SendCallback)");
        }
        writeTuning.useCorkedIo();
    }

    Source source() {
        if (source == null) {
            if (recvCallback != null) {
                source = new CallbackSource(recvCallback, recvContext);
            } else if (readChannel != null) {
                source = new ChannelSource(readChannel);
            } else {
                throw new IllegalStateException("nothing to read from: call setChannel, setReadChannel or setRecvCallback first");
            }
        }
        return source;
    }

    Sink sink() {
        if (sink == null) {
            if (sendCallback != null) {
                sink = new CallbackSink(sendCallback, sendContext);
            } else if (writeChannel != null) {
                sink = new ChannelSink(writeChannel);
            } else {
                throw new IllegalStateException("nothing to write to: call setChannel, setWriteChannel or setSendCallback first");
            }
        }
        return sink;
    }

    /** Whether a transport is set for writing (an alert can be sent). */
    boolean canWrite() {
        return sendCallback != null || writeChannel != null;
    }

    IoHooks hooks() {
        return hooks;
    }

    /** The handshake is over: application data is never corked. */
    void handshakeDone() {
        if (writeTuning != null) {
            writeTuning.uncork();
        }
    }

    SocketTuning writeTuning() {
        return writeTuning;
    }

    SocketTuning readTuning() {
        return readTuning;
    }

    /** Forgets the transport, restoring the socket options s2n changed. */
    void reset() {
        if (writeTuning != null) {
            writeTuning.restore();
        }
        readChannel = null;
        writeChannel = null;
        recvCallback = null;
        recvContext = null;
        sendCallback = null;
        sendContext = null;
        source = null;
        sink = null;
        readTuning = null;
        writeTuning = null;
    }

    /** A transport failure as a TlsException whose message says, when it is so, that the peer went away. */
    static TlsException describe(IOException e) {
        String m = String.valueOf(e.getMessage());
        boolean peerGone = m.contains("Broken pipe") || m.contains("Connection reset") || m.contains("connection was aborted");
        return ErrorCode.IO.exception(peerGone ? "the peer closed the connection (" + m + ")" : "I/O error: " + m, e);
    }
}
