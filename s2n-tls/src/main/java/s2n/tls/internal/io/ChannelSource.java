package s2n.tls.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Reads from a channel; a non-blocking channel's {@code 0} means "would block", as in java.nio. */
public final class ChannelSource implements Source {
    private final ReadableByteChannel channel;

    public ChannelSource(ReadableByteChannel channel) {
        this.channel = channel;
    }

    public ReadableByteChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }
}
