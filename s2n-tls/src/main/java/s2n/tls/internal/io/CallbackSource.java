package s2n.tls.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import s2n.tls.RecvCallback;

/** Reads through the application's {@link RecvCallback}, handing it the connection's context. */
public final class CallbackSource implements Source {
    private final RecvCallback callback;
    private final Object context;

    public CallbackSource(RecvCallback callback, Object context) {
        this.callback = callback;
        this.context = context;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int before = dst.position();
        int n = callback.recv(context, dst);
        if (n > 0 && dst.position() == before) {
            // The callback reported bytes without putting them in the buffer: a contract violation
            // we cannot recover from (we would decrypt garbage), so say exactly what went wrong.
            throw new IOException("RecvCallback returned " + n + " but did not advance the buffer's position");
        }
        if (n < -1 || n > 0 && dst.position() - before != n) {
            throw new IOException("RecvCallback returned " + n + " but moved " + (dst.position() - before) + " bytes");
        }
        return n;
    }
}
