package s2n.tls.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import s2n.tls.SendCallback;

/** Writes through the application's {@link SendCallback}, handing it the connection's context. */
public final class CallbackSink implements Sink {
    private final SendCallback callback;
    private final Object context;

    public CallbackSink(SendCallback callback, Object context) {
        this.callback = callback;
        this.context = context;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int before = src.position();
        int n = callback.send(context, src);
        if (n < -1 || n > 0 && src.position() - before != n) {
            throw new IOException("SendCallback returned " + n + " but moved " + (src.position() - before) + " bytes");
        }
        return n;
    }
}
