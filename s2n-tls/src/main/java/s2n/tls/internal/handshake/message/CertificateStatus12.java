package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * TLS 1.2 CertificateStatus (RFC 6066 §8): the server's stapled OCSP response, right after its
 * Certificate, when its ServerHello answered the client's status_request.
 */
public record CertificateStatus12(byte[] ocspResponse) implements HandshakeMessage {
    /** CertificateStatusType ocsp(1), the only one. */
    private static final int OCSP = 1;

    /** Validates ranges. */
    public CertificateStatus12 {
        MessageFields.length(ocspResponse, 1, 0xffffff, "OCSPResponse");
    }

    /** Decodes the body (the message without its four-byte header). */
    public static CertificateStatus12 decode(Reader body) {
        int type = body.readUint8();
        if (type != OCSP) {
            throw new s2n.tls.internal.codec.DecodeException("CertificateStatus of status type " + type + ", not ocsp(1)");
        }
        byte[] response = body.readVector24(1, 0xffffff);
        body.expectEnd("CertificateStatus");
        return new CertificateStatus12(response);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.CERTIFICATE_STATUS;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeUint8(OCSP);
        w.writeVector24(ocspResponse);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateStatus12 other && Arrays.equals(ocspResponse, other.ocspResponse);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ocspResponse);
    }

    @Override
    public String toString() {
        return "CertificateStatus12[" + ocspResponse.length + " bytes]";
    }
}
