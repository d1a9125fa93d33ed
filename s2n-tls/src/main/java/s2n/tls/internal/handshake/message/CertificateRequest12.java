package s2n.tls.internal.handshake.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.CodePointVectors;

/**
 * The TLS 1.2 CertificateRequest (RFC 5246 §7.4.4): a server asking the client to authenticate,
 * with the certificate types, signature algorithms and CAs it accepts.
 *
 * <pre>
 * struct {
 *     ClientCertificateType certificate_types&lt;1..2^8-1&gt;;
 *     SignatureAndHashAlgorithm supported_signature_algorithms&lt;2..2^16-2&gt;;
 *     DistinguishedName certificate_authorities&lt;0..2^16-1&gt;;   // opaque DistinguishedName&lt;1..2^16-1&gt;
 * } CertificateRequest;
 * </pre>
 *
 * <p>Arrays are not copied defensively (internal code).
 *
 * @param certificateTypes ClientCertificateType codes, 1..255 of them (rsa_sign 1, ecdsa_sign 64)
 * @param signatureSchemes SignatureAndHashAlgorithm pairs as two-byte code points, at least one
 * @param certificateAuthorities DER distinguished names, each 1..65535 bytes (stored as an unmodifiable list)
 */
public record CertificateRequest12(byte[] certificateTypes, int[] signatureSchemes, List<byte[]> certificateAuthorities)
        implements HandshakeMessage {

    /** ClientCertificateType rsa_sign (RFC 5246 §7.4.4). */
    public static final int RSA_SIGN = 1;
    /** ClientCertificateType ecdsa_sign (RFC 8422 §5.5). */
    public static final int ECDSA_SIGN = 64;

    /** Validates lengths and freezes the CA list. */
    public CertificateRequest12 {
        MessageFields.length(certificateTypes, 1, 0xff, "certificate_types");
        MessageFields.uint16s(signatureSchemes, "supported_signature_algorithms");
        if (signatureSchemes.length < 1 || signatureSchemes.length > 0x7fff) {
            throw new IllegalArgumentException("supported_signature_algorithms needs 1..32767 entries: " + signatureSchemes.length);
        }
        MessageFields.lengths(certificateAuthorities, 1, 0xffff, "DistinguishedName");
        certificateAuthorities = List.copyOf(certificateAuthorities);
    }

    /** Decodes a TLS 1.2 CertificateRequest body (the message without its four-byte header). */
    public static CertificateRequest12 decode(Reader body) {
        byte[] certificateTypes = body.readVector8(1, 0xff);
        int[] signatureSchemes = CodePointVectors.readUint16Vector16(body, 2, 0xfffe, "supported_signature_algorithms");
        Reader names = body.subVector16(0, 0xffff);
        body.expectEnd("CertificateRequest");
        List<byte[]> certificateAuthorities = new ArrayList<>();
        while (names.hasRemaining()) {
            certificateAuthorities.add(names.readVector16(1, 0xffff));
        }
        return new CertificateRequest12(certificateTypes, signatureSchemes, certificateAuthorities);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.CERTIFICATE_REQUEST;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeVector8(certificateTypes);
        CodePointVectors.writeUint16Vector16(w, signatureSchemes, 1, "supported_signature_algorithms");
        int names = w.beginVector16();
        for (byte[] name : certificateAuthorities) {
            w.writeVector16(name);
        }
        w.endVector16(names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest12 other
                && Arrays.equals(certificateTypes, other.certificateTypes)
                && Arrays.equals(signatureSchemes, other.signatureSchemes)
                && MessageFields.equalLists(certificateAuthorities, other.certificateAuthorities);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(certificateTypes);
        h = 31 * h + Arrays.hashCode(signatureSchemes);
        return 31 * h + MessageFields.hashList(certificateAuthorities);
    }

    @Override
    public String toString() {
        return "CertificateRequest12[certificateTypes=" + HexFormat.of().formatHex(certificateTypes)
                + ", signatureSchemes=" + MessageFields.codePoints(signatureSchemes)
                + ", certificateAuthorities=" + MessageFields.sizes(certificateAuthorities) + "]";
    }
}
