package s2n.tls.internal.handshake.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.Extensions;

/**
 * The TLS 1.3 Certificate message (RFC 8446 §4.4.2): a certificate chain, end-entity first, each
 * certificate with its own extensions (OCSP status, SCTs). The TLS 1.2 form, which has neither a
 * context nor per-certificate extensions, is {@link Certificate12}.
 *
 * <pre>
 * struct {
 *     opaque cert_data&lt;1..2^24-1&gt;;           // DER X.509 (or a raw public key)
 *     Extension extensions&lt;0..2^16-1&gt;;
 * } CertificateEntry;
 * struct {
 *     opaque certificate_request_context&lt;0..2^8-1&gt;;
 *     CertificateEntry certificate_list&lt;0..2^24-1&gt;;
 * } Certificate;
 * </pre>
 *
 * <p>An empty list is legal bytes (a client declining to authenticate); whether it is acceptable
 * is negotiation's call. How long a chain may be is the X.509 layer's. Arrays are not copied
 * defensively (internal code).
 *
 * @param requestContext 0..255 bytes; empty except in reply to a post-handshake CertificateRequest
 * @param entries the chain in wire order (stored as an unmodifiable list)
 */
public record CertificateMessage(byte[] requestContext, List<CertificateEntry> entries) implements HandshakeMessage {

    /**
     * One certificate of the chain and its extensions.
     *
     * @param certData the DER encoding, 1..2^24-1 bytes (not copied)
     * @param extensions its extensions, in wire order
     */
    public record CertificateEntry(byte[] certData, Extensions extensions) {
        /** Validates the length and rejects nulls. */
        public CertificateEntry {
            MessageFields.length(certData, 1, 0xffffff, "cert_data");
            Objects.requireNonNull(extensions, "extensions");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CertificateEntry other && Arrays.equals(certData, other.certData) && extensions.equals(other.extensions);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(certData) + extensions.hashCode();
        }

        /** Shows the certificate's size, not its bytes: a chain would fill a screen. */
        @Override
        public String toString() {
            return "CertificateEntry[certData=" + certData.length + " bytes, extensions=" + extensions + "]";
        }
    }

    /** Validates lengths and freezes the list. */
    public CertificateMessage {
        MessageFields.length(requestContext, 0, 0xff, "certificate_request_context");
        entries = List.copyOf(entries);
    }

    /** Decodes a TLS 1.3 Certificate body (the message without its four-byte header). */
    public static CertificateMessage decode(Reader body) {
        byte[] requestContext = body.readVector8(0, 0xff);
        Reader list = body.subVector24(0, 0xffffff);
        body.expectEnd("Certificate");
        List<CertificateEntry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] certData = list.readVector24(1, 0xffffff);
            entries.add(new CertificateEntry(certData, Extensions.decode(list)));
        }
        return new CertificateMessage(requestContext, entries);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.CERTIFICATE;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeVector8(requestContext);
        int list = w.beginVector24();
        for (CertificateEntry entry : entries) {
            w.writeVector24(entry.certData());
            entry.extensions().encode(w);
        }
        w.endVector24(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateMessage other && Arrays.equals(requestContext, other.requestContext) && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(requestContext) + entries.hashCode();
    }

    @Override
    public String toString() {
        return "Certificate[requestContext=" + HexFormat.of().formatHex(requestContext) + ", entries=" + entries + "]";
    }
}
