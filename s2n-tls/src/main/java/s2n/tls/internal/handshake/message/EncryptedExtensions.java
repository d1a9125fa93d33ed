package s2n.tls.internal.handshake.message;

import java.util.Objects;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.Extensions;

/**
 * EncryptedExtensions (RFC 8446 §4.3.1): the server's answers to ClientHello extensions that do
 * not shape the key exchange (ALPN, server_name acknowledgement, record_size_limit...), sent
 * under handshake keys.
 *
 * <pre>
 * struct { Extension extensions&lt;0..2^16-1&gt;; } EncryptedExtensions;
 * </pre>
 *
 * @param extensions the extensions, in wire order
 */
public record EncryptedExtensions(Extensions extensions) implements HandshakeMessage {
    /** Rejects a null block. */
    public EncryptedExtensions {
        Objects.requireNonNull(extensions, "extensions");
    }

    /** Decodes an EncryptedExtensions body (the message without its four-byte header). */
    public static EncryptedExtensions decode(Reader body) {
        Extensions extensions = Extensions.decode(body);
        body.expectEnd("EncryptedExtensions");
        return new EncryptedExtensions(extensions);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void encodeBody(Writer w) {
        extensions.encode(w);
    }
}
