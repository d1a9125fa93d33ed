package s2n.tls.internal.handshake;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.SignatureScheme;

/**
 * The handshake's signatures: with the private key here, or through the application's async
 * signer (s2n's async private-key operations). A flow asks {@link #sign} again each time the
 * handshake reaches the message; while the signer's stage is not done, that throws
 * {@link Pending}, and {@code Handshake.negotiate} returns ON_APPLICATION_INPUT. The result is
 * verified against the certificate before it is used (s2n's validation mode).
 */
public final class Signer {
    /** Thrown while the application's signature is not ready; the message is sent on a later negotiate. */
    static final class Pending extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Pending() {
            super("waiting for the application's signature", null, false, false);
        }
    }

    /** The application's signer, bound to its connection. */
    @FunctionalInterface
    public interface Async {
        CompletableFuture<byte[]> sign(SignatureScheme scheme, byte[] content, java.security.cert.X509Certificate leaf);
    }

    private final Settings settings;
    private CompletableFuture<byte[]> pending;

    Signer(Settings settings) {
        this.settings = settings;
    }

    byte[] sign(CertifiedKey key, SignatureScheme scheme, byte[] content) throws TlsException {
        Async async = settings.signer();
        if (async == null) {
            if (key.privateKey() == null) {
                throw ErrorCode.INTERNAL.exception("certificate " + key.leaf().getSubjectX500Principal()
                        + " has no private key here and the config has no AsyncSigner");
            }
            return scheme.sign(key.privateKey(), content, settings.random());
        }
        if (pending == null) {
            pending = async.sign(scheme, content.clone(), key.leaf());
            if (pending == null) {
                throw ErrorCode.INTERNAL.exception("the async signer returned no stage");
            }
        }
        if (!pending.isDone()) {
            throw new Pending();
        }
        byte[] signature;
        try {
            signature = pending.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw ErrorCode.INTERNAL.exception("the async signer failed: " + cause, cause);
        } finally {
            pending = null;
        }
        if (signature == null || !scheme.verify(key.publicKey(), content, signature)) {
            throw ErrorCode.INTERNAL.exception("the async signer's " + scheme.name()
                    + " signature does not verify with the certificate's key");
        }
        return signature;
    }
}
