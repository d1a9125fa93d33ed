package s2n.tls.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** Writes to a channel; a non-blocking channel's {@code 0} means "would block", as in java.nio. */
public final class ChannelSink implements Sink {
    private final WritableByteChannel channel;

    public ChannelSink(WritableByteChannel channel) {
        this.channel = channel;
    }

    public WritableByteChannel channel() {
        return channel;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }
}
