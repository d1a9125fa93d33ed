package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * OCSP stapling (RFC 6066 §8, RFC 8446 §4.4.2.1): a client's status_request (CertificateStatusRequest)
 * and the server's CertificateStatus, which is a TLS 1.3 CertificateEntry's status_request and the
 * body of TLS 1.2's CertificateStatus message alike.
 */
public final class StatusRequestExtension {
    /** CertificateStatusType ocsp(1). */
    public static final int OCSP = 1;

    private StatusRequestExtension() {}

    /** A client's request for OCSP with no responder IDs and no request extensions (what s2n and OpenSSL send). */
    public static byte[] encodeClientHello() {
        return new Writer(5).writeUint8(OCSP).writeUint16(0).writeUint16(0).toByteArray();
    }

    /**
     * Whether a ClientHello's status_request asks for OCSP. Its OCSPStatusRequest must be well
     * formed; a request of another status type is not ours to answer (RFC 6066 §8: ignored).
     */
    public static boolean decodeClientHello(byte[] data) {
        Reader r = new Reader(data);
        int type = r.readUint8();
        if (type != OCSP) {
            return false;
        }
        Reader ids = r.subVector16(0, 0xffff);
        while (ids.hasRemaining()) {
            ids.readVector16(1, 0xffff);
        }
        r.readVector16(0, 0xffff);
        r.expectEnd("status_request");
        return true;
    }

    /** CertificateStatus carrying {@code ocspResponse} (DER OCSPResponse). */
    public static byte[] encodeCertificateStatus(byte[] ocspResponse) {
        return new Writer(4 + ocspResponse.length).writeUint8(OCSP).writeVector24(ocspResponse).toByteArray();
    }

    /** The OCSPResponse of a CertificateStatus; only ocsp(1) exists. */
    public static byte[] decodeCertificateStatus(byte[] data) {
        Reader r = new Reader(data);
        int type = r.readUint8();
        if (type != OCSP) {
            throw new DecodeException("CertificateStatus of status type " + type + ", not ocsp(1)");
        }
        byte[] response = r.readVector24(1, 0xffffff);
        r.expectEnd("CertificateStatus");
        return response;
    }
}
