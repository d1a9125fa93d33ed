package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * CertificateVerify (RFC 8446 §4.4.3): a signature over the transcript with the key of the
 * certificate just sent. TLS 1.2 (RFC 5246 §7.4.8) has the same wire form, a digitally-signed
 * struct whose SignatureAndHashAlgorithm takes the scheme's two bytes.
 *
 * <pre>
 * struct { SignatureScheme algorithm; opaque signature&lt;0..2^16-1&gt;; } CertificateVerify;
 * </pre>
 *
 * <p>The signature is public; it is not copied defensively (internal code).
 *
 * @param signatureScheme the SignatureScheme code point; the caller checks it was offered
 * @param signature the signature bytes, 0..65535
 */
public record CertificateVerify(int signatureScheme, byte[] signature) implements HandshakeMessage {
    /** Validates ranges. */
    public CertificateVerify {
        MessageFields.uint16(signatureScheme, "algorithm");
        MessageFields.length(signature, 0, 0xffff, "signature");
    }

    /** Decodes a CertificateVerify body (the message without its four-byte header). */
    public static CertificateVerify decode(Reader body) {
        int signatureScheme = body.readUint16();
        byte[] signature = body.readVector16(0, 0xffff);
        body.expectEnd("CertificateVerify");
        return new CertificateVerify(signatureScheme, signature);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.CERTIFICATE_VERIFY;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeUint16(signatureScheme);
        w.writeVector16(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateVerify other && signatureScheme == other.signatureScheme && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * signatureScheme + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "CertificateVerify[signatureScheme=" + hex.toHexDigits((short) signatureScheme) + ", signature=" + hex.formatHex(signature) + "]";
    }
}
