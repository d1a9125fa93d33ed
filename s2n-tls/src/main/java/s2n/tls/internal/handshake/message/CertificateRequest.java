package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.Extensions;

/**
 * The TLS 1.3 CertificateRequest (RFC 8446 §4.3.2): a server asking the client to authenticate.
 * What it accepts travels in extensions (signature_algorithms, which is mandatory, and
 * certificate_authorities, oid_filters...). The TLS 1.2 form is {@link CertificateRequest12}.
 *
 * <pre>
 * struct {
 *     opaque certificate_request_context&lt;0..2^8-1&gt;;
 *     Extension extensions&lt;2..2^16-1&gt;;
 * } CertificateRequest;
 * </pre>
 *
 * <p>A missing signature_algorithms is negotiation's to reject ({@code missing_extension}), so
 * an empty block decodes. Arrays are not copied defensively (internal code).
 *
 * @param context 0..255 bytes, echoed in the client's Certificate; empty during the handshake
 * @param extensions the extensions, in wire order
 */
public record CertificateRequest(byte[] context, Extensions extensions) implements HandshakeMessage {
    /** Validates the context length and rejects nulls. */
    public CertificateRequest {
        MessageFields.length(context, 0, 0xff, "certificate_request_context");
        Objects.requireNonNull(extensions, "extensions");
    }

    /** Decodes a TLS 1.3 CertificateRequest body (the message without its four-byte header). */
    public static CertificateRequest decode(Reader body) {
        byte[] context = body.readVector8(0, 0xff);
        Extensions extensions = Extensions.decode(body);
        body.expectEnd("CertificateRequest");
        return new CertificateRequest(context, extensions);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.CERTIFICATE_REQUEST;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeVector8(context);
        extensions.encode(w);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest other && Arrays.equals(context, other.context) && extensions.equals(other.extensions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(context) + extensions.hashCode();
    }

    @Override
    public String toString() {
        return "CertificateRequest[context=" + HexFormat.of().formatHex(context) + ", extensions=" + extensions + "]";
    }
}
