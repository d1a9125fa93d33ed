package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;

/** Certificate, CertificateRequest and CertificateVerify in their TLS 1.3 and TLS 1.2 forms. */
class CertificateMessagesTest {
    private static final byte[] LEAF = ClientHelloTest.filled(300, 0x30);
    private static final byte[] ISSUER = ClientHelloTest.filled(200, 0x31);

    static CertificateMessage sampleTls13() {
        Extensions ocsp = Extensions.builder().add(ExtensionType.STATUS_REQUEST, new byte[] {1, 0, 0, 2, 9, 9}).build();
        return new CertificateMessage(new byte[0], List.of(
                new CertificateMessage.CertificateEntry(LEAF, ocsp),
                new CertificateMessage.CertificateEntry(ISSUER, Extensions.empty())));
    }

    @Test
    void tls13CertificateRoundTrips() {
        CertificateMessage cert = sampleTls13();
        byte[] wire = cert.encode();
        CertificateMessage back = CertificateMessage.decode(Framing.body(wire, HandshakeCodes.CERTIFICATE));
        assertEquals(cert, back);
        assertEquals(cert.hashCode(), back.hashCode());
        assertArrayEquals(wire, back.encode());
        assertArrayEquals(new byte[] {1, 0, 0, 2, 9, 9}, back.entries().get(0).extensions().get(ExtensionType.STATUS_REQUEST));
        assertTrue(back.toString().contains("300 bytes"), back.toString());
    }

    @Test
    void tls13CertificateWithContextAndNoEntriesRoundTrips() {
        CertificateMessage cert = new CertificateMessage(new byte[] {4, 5, 6}, List.of());
        assertArrayEquals(Framing.hex("0b 00 00 07 03 04 05 06 00 00 00"), cert.encode());
        assertEquals(cert, CertificateMessage.decode(Framing.body(cert.encode(), HandshakeCodes.CERTIFICATE)));
    }

    @Test
    void tls13CertificateEveryTruncationIsADecodeError() {
        byte[] body = Framing.bodyBytes(sampleTls13().encode());
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            int length = n;
            assertThrows(DecodeException.class, () -> CertificateMessage.decode(new Reader(cut)), "truncated to " + length);
        }
    }

    @Test
    void tls13CertificateEmptyCertDataIsMalformed() {
        // context<0>, then a 5-byte list holding one entry: cert_data<0> (illegal: 1..2^24-1), extensions<0>.
        byte[] body = Framing.hex("00 000005 000000 0000");
        assertThrows(DecodeException.class, () -> CertificateMessage.decode(new Reader(body)));
    }

    @Test
    void tls13CertificateTrailingBytesAreMalformed() {
        byte[] body = Framing.bodyBytes(sampleTls13().encode());
        assertThrows(DecodeException.class, () -> CertificateMessage.decode(new Reader(Arrays.copyOf(body, body.length + 1))));
    }

    @Test
    void tls13EntryWithBrokenExtensionsIsMalformed() {
        // One entry: cert_data<1> = {0x30}, then an extensions block claiming 4 bytes with only 2 present.
        byte[] body = Framing.hex("00 000008 000001 30 0004 0000");
        assertThrows(DecodeException.class, () -> CertificateMessage.decode(new Reader(body)));
    }

    @Test
    void tls12CertificateRoundTrips() {
        Certificate12 cert = new Certificate12(List.of(LEAF, ISSUER));
        byte[] wire = cert.encode();
        assertEquals(4 + 3 + 3 + 300 + 3 + 200, wire.length);
        Certificate12 back = Certificate12.decode(Framing.body(wire, HandshakeCodes.CERTIFICATE));
        assertEquals(cert, back);
        assertEquals(cert.hashCode(), back.hashCode());
        assertArrayEquals(wire, back.encode());
        assertNotEquals(cert, new Certificate12(List.of(LEAF)));
        assertEquals("Certificate12[certificates=[300 bytes, 200 bytes]]", cert.toString());
    }

    @Test
    void tls12EmptyCertificateListIsLegalBytes() {
        Certificate12 none = Certificate12.decode(new Reader(new byte[] {0, 0, 0}));
        assertTrue(none.certificates().isEmpty());
    }

    @Test
    void tls12CertificateMalformations() {
        byte[] body = Framing.bodyBytes(new Certificate12(List.of(LEAF, ISSUER)).encode());
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            assertThrows(DecodeException.class, () -> Certificate12.decode(new Reader(cut)));
        }
        assertThrows(DecodeException.class, () -> Certificate12.decode(new Reader(Framing.hex("000003 000000"))), "empty ASN.1Cert");
        assertThrows(DecodeException.class, () -> Certificate12.decode(new Reader(Arrays.copyOf(body, body.length + 1))));
        List<byte[]> withEmpty = new ArrayList<>();
        withEmpty.add(new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> new Certificate12(withEmpty));
    }

    @Test
    void tls13CertificateRequestRoundTrips() {
        Extensions ext = Extensions.builder()
                .add(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {0x0804, 0x0403}))
                .build();
        CertificateRequest cr = new CertificateRequest(new byte[] {7}, ext);
        byte[] wire = cr.encode();
        CertificateRequest back = CertificateRequest.decode(Framing.body(wire, HandshakeCodes.CERTIFICATE_REQUEST));
        assertEquals(cr, back);
        assertArrayEquals(wire, back.encode());
        assertArrayEquals(new int[] {0x0804, 0x0403}, SignatureAlgorithmsExtension.decode(back.extensions().get(ExtensionType.SIGNATURE_ALGORITHMS)));
        byte[] body = Framing.bodyBytes(wire);
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            assertThrows(DecodeException.class, () -> CertificateRequest.decode(new Reader(cut)));
        }
    }

    @Test
    void tls12CertificateRequestRoundTrips() {
        CertificateRequest12 cr = new CertificateRequest12(new byte[] {CertificateRequest12.RSA_SIGN, (byte) CertificateRequest12.ECDSA_SIGN},
                new int[] {0x0401, 0x0403}, List.of(new byte[] {0x30, 0x00}, new byte[] {0x30, 0x01, 0x02}));
        byte[] wire = cr.encode();
        assertArrayEquals(Framing.hex("0d 000014 02 01 40 0004 0401 0403 0009 0002 3000 0003 300102"), wire);
        CertificateRequest12 back = CertificateRequest12.decode(Framing.body(wire, HandshakeCodes.CERTIFICATE_REQUEST));
        assertEquals(cr, back);
        assertEquals(cr.hashCode(), back.hashCode());
        assertArrayEquals(wire, back.encode());
    }

    @Test
    void tls12CertificateRequestMalformations() {
        assertThrows(DecodeException.class, () -> CertificateRequest12.decode(new Reader(Framing.hex("00 0002 0401 0000"))), "no types");
        assertThrows(DecodeException.class, () -> CertificateRequest12.decode(new Reader(Framing.hex("01 01 0000 0000"))), "no schemes");
        assertThrows(DecodeException.class, () -> CertificateRequest12.decode(new Reader(Framing.hex("01 01 0003 040104 0000"))), "odd");
        assertThrows(DecodeException.class, () -> CertificateRequest12.decode(new Reader(Framing.hex("01 01 0002 0401 0002 0000"))), "empty DN");
        assertThrows(DecodeException.class, () -> CertificateRequest12.decode(new Reader(Framing.hex("01 01 0002 0401 0000 00"))), "trailing");
        assertEquals(0, CertificateRequest12.decode(new Reader(Framing.hex("01 01 0002 0401 0000"))).certificateAuthorities().size());
    }

    @Test
    void certificateVerifyRoundTripsAndRejectsMalformedBodies() {
        CertificateVerify cv = new CertificateVerify(0x0403, ClientHelloTest.filled(71, 0x11));
        byte[] wire = cv.encode();
        assertEquals(4 + 2 + 2 + 71, wire.length);
        CertificateVerify back = CertificateVerify.decode(Framing.body(wire, HandshakeCodes.CERTIFICATE_VERIFY));
        assertEquals(cv, back);
        assertEquals(cv.hashCode(), back.hashCode());
        assertArrayEquals(wire, back.encode());
        assertThrows(DecodeException.class, () -> CertificateVerify.decode(new Reader(Framing.hex("0804 0003 0102"))));
        assertThrows(DecodeException.class, () -> CertificateVerify.decode(new Reader(Framing.hex("0804 0001 01 ff"))));
        assertThrows(DecodeException.class, () -> CertificateVerify.decode(new Reader(Framing.hex("08"))));
    }
}
