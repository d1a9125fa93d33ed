package s2n.tls.internal.handshake;

import s2n.tls.ClientHelloCallback;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.HandshakeMessage;

/**
 * A server's client hello callback (s2n's {@code s2n_config_set_client_hello_cb}): it runs once,
 * on the first ClientHello, and may accept it, reject it (handshake_failure) or pause the
 * handshake until the application calls {@link #resume} from any thread.
 */
final class ClientHelloGate {
    private boolean ran;
    /** The ClientHello the callback paused on, until {@link #takeResumed}. */
    private byte[] paused;
    private volatile boolean resumed;

    /** Whether {@code raw} is the ClientHello the callback still has to see. */
    boolean isDue(Settings settings, byte[] raw) {
        return !ran && settings.clientHelloHook() != null && (raw[0] & 0xff) == HandshakeCodes.CLIENT_HELLO;
    }

    /**
     * Runs the callback on {@code raw}: true if the handshake goes on now, false if it paused
     * (the message is kept for {@link #takeResumed}).
     *
     * @throws TlsException handshake_failure if the callback rejected it; decode_error if it is malformed
     */
    boolean run(Settings settings, byte[] raw) throws TlsException {
        ran = true;
        ClientHello hello;
        try {
            hello = ClientHello.decode(new Reader(raw, HandshakeMessage.HEADER_LENGTH, raw.length - HandshakeMessage.HEADER_LENGTH));
        } catch (DecodeException e) {
            throw ErrorCode.DECODE.exception("malformed ClientHello: " + e.getMessage());
        }
        ClientHelloCallback.Result result;
        try {
            result = settings.clientHelloHook().run(hello, raw);
        } catch (DecodeException e) {
            throw ErrorCode.DECODE.exception("malformed ClientHello: " + e.getMessage());
        }
        if (result == null || result == ClientHelloCallback.Result.REJECT) {
            throw ErrorCode.HANDSHAKE_FAILURE.exception("the client hello callback rejected the handshake");
        }
        if (result == ClientHelloCallback.Result.PAUSE) {
            paused = raw;
            return false;
        }
        return true;
    }

    /** Whether the handshake holds a paused ClientHello (resumed or not). */
    boolean holdsPaused() {
        return paused != null;
    }

    /** Whether the handshake waits for {@link #resume}. */
    boolean isPaused() {
        return paused != null && !resumed;
    }

    /** The application is done with the paused ClientHello. */
    void resume() {
        resumed = true;
    }

    /** The paused ClientHello once the application resumed it (then forgotten here); null before. */
    byte[] takeResumed() {
        if (paused == null || !resumed) {
            return null;
        }
        byte[] hello = paused;
        paused = null;
        return hello;
    }
}
