package s2n.tls.internal.handshake.message;

import java.util.ArrayList;
import java.util.List;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The TLS 1.2 Certificate message (RFC 5246 §7.4.2): a certificate chain, sender's certificate
 * first. The TLS 1.3 form is {@link CertificateMessage}; the two never appear in one handshake.
 *
 * <pre>
 * opaque ASN.1Cert&lt;1..2^24-1&gt;;
 * struct { ASN.1Cert certificate_list&lt;0..2^24-1&gt;; } Certificate;
 * </pre>
 *
 * <p>An empty list is legal bytes (RFC 5246 §7.4.6: a client with no suitable certificate).
 * Arrays are not copied defensively (internal code).
 *
 * @param certificates DER certificates in wire order (stored as an unmodifiable list)
 */
public record Certificate12(List<byte[]> certificates) implements HandshakeMessage {
    /** Validates lengths and freezes the list. */
    public Certificate12 {
        MessageFields.lengths(certificates, 1, 0xffffff, "ASN.1Cert");
        certificates = List.copyOf(certificates);
    }

    /** Decodes a TLS 1.2 Certificate body (the message without its four-byte header). */
    public static Certificate12 decode(Reader body) {
        Reader list = body.subVector24(0, 0xffffff);
        body.expectEnd("Certificate");
        List<byte[]> certificates = new ArrayList<>();
        while (list.hasRemaining()) {
            certificates.add(list.readVector24(1, 0xffffff));
        }
        return new Certificate12(certificates);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.CERTIFICATE;
    }

    @Override
    public void encodeBody(Writer w) {
        int list = w.beginVector24();
        for (byte[] certificate : certificates) {
            w.writeVector24(certificate);
        }
        w.endVector24(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate12 other && MessageFields.equalLists(certificates, other.certificates);
    }

    @Override
    public int hashCode() {
        return MessageFields.hashList(certificates);
    }

    /** Shows certificate sizes, not bytes. */
    @Override
    public String toString() {
        return "Certificate12[certificates=" + MessageFields.sizes(certificates) + "]";
    }
}
