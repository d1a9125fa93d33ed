package s2n.tls.internal.io;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

/**
 * The socket options s2n sets on a connection's own socket (ch07 "Basic IO setup"):
 * TCP_QUICKACK after each handshake read, and, with corked IO, the socket corked while a
 * handshake flight is written. Java has no TCP_CORK, so corking uses s2n's fallback: TCP_NODELAY
 * off while corked, on for application data. Options the platform lacks are skipped silently;
 * {@link #restore()} puts back what the application had.
 */
public final class SocketTuning {
    private static final SocketOption<Boolean> QUICKACK = quickAckOption();

    private final NetworkChannel channel;
    private final boolean quickAck;
    private boolean corkedIo;
    private Boolean originalNoDelay;

    private SocketTuning(NetworkChannel channel) {
        this.channel = channel;
        this.quickAck = QUICKACK != null && channel.supportedOptions().contains(QUICKACK);
    }

    /** Tuning for {@code channel} if it is a socket, else null. */
    public static SocketTuning of(Object channel) {
        if (channel instanceof NetworkChannel && ((NetworkChannel) channel).supportedOptions()
                .contains(StandardSocketOptions.TCP_NODELAY)) {
            return new SocketTuning((NetworkChannel) channel);
        }
        return null;
    }

    private static SocketOption<Boolean> quickAckOption() {
        try {
            return jdk.net.ExtendedSocketOptions.TCP_QUICKACK;
        } catch (LinkageError e) {
            return null;
        }
    }

    /** Whether the platform offers TCP_QUICKACK on this socket. */
    public boolean hasQuickAck() {
        return quickAck;
    }

    /** s2n sets TCP_QUICKACK after every handshake read: Linux clears it again on its own. */
    public void quickAck() {
        if (quickAck) {
            set(QUICKACK, true);
        }
    }

    /** Turns on corking of handshake flights; remembers the application's TCP_NODELAY to restore it. */
    public void useCorkedIo() {
        corkedIo = true;
        if (originalNoDelay == null) {
            originalNoDelay = get(StandardSocketOptions.TCP_NODELAY);
        }
    }

    public boolean isCorkedIo() {
        return corkedIo;
    }

    /** We start writing a flight: hold small writes back. */
    public void cork() {
        if (corkedIo) {
            set(StandardSocketOptions.TCP_NODELAY, false);
        }
    }

    /** The flight is out, or we are reading, or application data starts: push everything now. */
    public void uncork() {
        if (corkedIo) {
            set(StandardSocketOptions.TCP_NODELAY, true);
        }
    }

    /** Puts the application's original options back (s2n does this in wipe). */
    public void restore() {
        if (originalNoDelay != null) {
            set(StandardSocketOptions.TCP_NODELAY, originalNoDelay);
        }
        corkedIo = false;
    }

    private <T> void set(SocketOption<T> option, T value) {
        try {
            channel.setOption(option, value);
        } catch (IOException | UnsupportedOperationException e) {
            // An option the socket refuses (or a socket closed under us) is not worth failing the
            // connection for; the transport error, if any, surfaces on the next read or write.
        }
    }

    private <T> T get(SocketOption<T> option) {
        try {
            return channel.getOption(option);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
