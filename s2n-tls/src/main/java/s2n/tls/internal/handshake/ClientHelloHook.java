package s2n.tls.internal.handshake;

import s2n.tls.ClientHelloCallback;
import s2n.tls.internal.handshake.message.ClientHello;

/** The application's {@link ClientHelloCallback}, bound to its connection. */
public interface ClientHelloHook {
    /** Runs the callback on the first ClientHello ({@code raw}: the whole message). */
    ClientHelloCallback.Result run(ClientHello hello, byte[] raw);

    /** The settings as the callback left them (it may have swapped the config). */
    Settings settingsNow();
}
