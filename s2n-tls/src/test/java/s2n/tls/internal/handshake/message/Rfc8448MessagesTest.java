package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.handshake.message.Framing.body;
import static s2n.tls.internal.handshake.message.Framing.hex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.handshake.extension.EmptyExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.KeyShareExtension.KeyShareEntry;
import s2n.tls.internal.handshake.extension.PskKeyExchangeModesExtension;
import s2n.tls.internal.handshake.extension.RecordSizeLimitExtension;
import s2n.tls.internal.handshake.extension.RenegotiationInfoExtension;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;

/**
 * The plaintext handshake messages of RFC 8448 §3 ("Simple 1-RTT Handshake"), copied from the
 * RFC as data: each decodes to the values the trace describes and re-encodes to the same bytes.
 * The transcript hashes the RFC prints, and the server's CertificateVerify signature, check that
 * the copied bytes themselves are exact.
 */
class Rfc8448MessagesTest {
    // RFC 8448 §3: {client} construct a ClientHello handshake message (196 octets).
    static final byte[] CLIENT_HELLO = hex("""
            01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2
            1a 8d 99 12 ec 18 a2 ef 62 83 02 4d ec e7 00 00 06 13 01 13 03 13 02 01
            00 00 91 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01 00 01 00 00
            0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00
            23 00 00 00 33 00 26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e
            43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69 1e 52 9a af 2c 00 2b 00
            03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06
            04 01 05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c
            00 02 40 01""");
    // RFC 8448 §3: {server} construct a ServerHello handshake message (90 octets).
    static final byte[] SERVER_HELLO = hex("""
            02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c
            8a c5 cb 14 34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24
            00 1d 00 20 c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6 cc 25
            3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04""");
    // RFC 8448 §3: {server} construct an EncryptedExtensions handshake message (40 octets).
    static final byte[] ENCRYPTED_EXTENSIONS = hex("""
            08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01
            01 02 01 03 01 04 00 1c 00 02 40 01 00 00 00 00""");
    // RFC 8448 §3: {server} construct a Certificate handshake message (445 octets).
    static final byte[] CERTIFICATE = hex("""
            0b 00 01 b9 00 00 01 b5 00 01 b0 30 82 01 ac 30 82 01 15 a0 03 02 01 02
            02 01 02 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 30 0e 31 0c 30 0a
            06 03 55 04 03 13 03 72 73 61 30 1e 17 0d 31 36 30 37 33 30 30 31 32 33
            35 39 5a 17 0d 32 36 30 37 33 30 30 31 32 33 35 39 5a 30 0e 31 0c 30 0a
            06 03 55 04 03 13 03 72 73 61 30 81 9f 30 0d 06 09 2a 86 48 86 f7 0d 01
            01 01 05 00 03 81 8d 00 30 81 89 02 81 81 00 b4 bb 49 8f 82 79 30 3d 98
            08 36 39 9b 36 c6 98 8c 0c 68 de 55 e1 bd b8 26 d3 90 1a 24 61 ea fd 2d
            e4 9a 91 d0 15 ab bc 9a 95 13 7a ce 6c 1a f1 9e aa 6a f9 8c 7c ed 43 12
            09 98 e1 87 a8 0e e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a 6d 38 e2
            2a 5f da 43 08 46 74 80 30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1 d0
            3e 2b d1 93 ef f0 ab 9a 80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f 02
            03 01 00 01 a3 1a 30 18 30 09 06 03 55 1d 13 04 02 30 00 30 0b 06 03 55
            1d 0f 04 04 03 02 05 a0 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 03
            81 81 00 85 aa d2 a0 e5 b9 27 6b 90 8c 65 f7 3a 72 67 17 06 18 a5 4c 5f
            8a 7b 33 7d 2d f7 a5 94 36 54 17 f2 ea e8 f8 a5 8c 8f 81 72 f9 31 9c f3
            6b 7f d6 c5 5b 80 f2 1a 03 01 51 56 72 60 96 fd 33 5e 5e 67 f2 db f1 02
            70 2e 60 8c ca e6 be c1 fc 63 a4 2a 99 be 5c 3e b7 10 7c 3c 54 e9 b9 eb
            2b d5 20 3b 1c 3b 84 e0 a8 b2 f7 59 40 9b a3 ea c9 d9 1d 40 2d cc 0c c8
            f8 96 12 29 ac 91 87 b4 2b 4d e1 00 00""");
    // RFC 8448 §3: {server} construct a CertificateVerify handshake message (136 octets).
    static final byte[] CERTIFICATE_VERIFY = hex("""
            0f 00 00 84 08 04 00 80 5a 74 7c 5d 88 fa 9b d2 e5 5a b0 85 a6 10 15 b7
            21 1f 82 4c d4 84 14 5a b3 ff 52 f1 fd a8 47 7b 0b 7a bc 90 db 78 e2 d3
            3a 5c 14 1a 07 86 53 fa 6b ef 78 0c 5e a2 48 ee aa a7 85 c4 f3 94 ca b6
            d3 0b be 8d 48 59 ee 51 1f 60 29 57 b1 54 11 ac 02 76 71 45 9e 46 44 5c
            9e a5 8c 18 1e 81 8e 95 b8 c3 fb 0b f3 27 84 09 d3 be 15 2a 3d a5 04 3e
            06 3d da 65 cd f5 ae a2 0d 53 df ac d4 2f 74 f3""");
    // RFC 8448 §3: {server} construct a Finished handshake message (36 octets).
    static final byte[] SERVER_FINISHED = hex("""
            14 00 00 20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30
            95 72 cb 7f ff ee 54 54 b7 8f 07 18""");


    @Test
    void clientHelloDecodesToTheTraceValues() {
        ClientHello ch = ClientHello.decode(body(CLIENT_HELLO, HandshakeCodes.CLIENT_HELLO));
        assertEquals(0x0303, ch.legacyVersion());
        assertArrayEquals(hex("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"), ch.random());
        assertEquals(0, ch.legacySessionId().length);
        assertArrayEquals(new int[] {0x1301, 0x1303, 0x1302}, ch.cipherSuites());
        assertArrayEquals(new byte[] {0}, ch.compressionMethods());
        assertTrue(ch.hasExtensionsBlock());
        assertArrayEquals(new int[] {
            ExtensionType.SERVER_NAME, ExtensionType.RENEGOTIATION_INFO, ExtensionType.SUPPORTED_GROUPS,
            ExtensionType.SESSION_TICKET, ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_VERSIONS,
            ExtensionType.SIGNATURE_ALGORITHMS, ExtensionType.PSK_KEY_EXCHANGE_MODES, ExtensionType.RECORD_SIZE_LIMIT,
        }, types(ch.extensions()));
        assertEquals(-1, ch.extensions().firstDuplicate());
        for (Extensions.Extension e : ch.extensions().list()) {
            assertTrue(ExtensionType.allowedInTls13(e.type(), ExtensionType.CH), ExtensionType.name(e.type()));
        }
    }

    @Test
    void clientHelloExtensionsDecodeToTheTraceValues() {
        Extensions ext = ClientHello.decode(body(CLIENT_HELLO, HandshakeCodes.CLIENT_HELLO)).extensions();
        assertEquals("server", ServerNameExtension.decode(ext.get(ExtensionType.SERVER_NAME)));
        assertArrayEquals(new byte[0], RenegotiationInfoExtension.decode(ext.get(ExtensionType.RENEGOTIATION_INFO)));
        assertArrayEquals(new int[] {0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104},
                SupportedGroupsExtension.decode(ext.get(ExtensionType.SUPPORTED_GROUPS)));
        EmptyExtension.decode(ext.get(ExtensionType.SESSION_TICKET));
        List<KeyShareEntry> shares = KeyShareExtension.decodeClientHello(ext.get(ExtensionType.KEY_SHARE));
        assertEquals(1, shares.size());
        assertEquals(0x001d, shares.get(0).group());
        assertArrayEquals(hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"), shares.get(0).keyExchange());
        assertArrayEquals(new int[] {0x0304}, SupportedVersionsExtension.decodeClientHello(ext.get(ExtensionType.SUPPORTED_VERSIONS)));
        int[] schemes = SignatureAlgorithmsExtension.decode(ext.get(ExtensionType.SIGNATURE_ALGORITHMS));
        assertEquals(15, schemes.length);
        assertEquals(0x0403, schemes[0]);
        assertEquals(0x0804, schemes[4]);
        assertEquals(0x0202, schemes[14]);
        assertArrayEquals(new int[] {PskKeyExchangeModesExtension.PSK_DHE_KE},
                PskKeyExchangeModesExtension.decode(ext.get(ExtensionType.PSK_KEY_EXCHANGE_MODES)));
        assertEquals(0x4001, RecordSizeLimitExtension.decode(ext.get(ExtensionType.RECORD_SIZE_LIMIT)));
        assertNull(ext.get(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION));
    }

    @Test
    void serverHelloDecodesToTheTraceValues() {
        ServerHello sh = ServerHello.decode(body(SERVER_HELLO, HandshakeCodes.SERVER_HELLO));
        assertEquals(0x0303, sh.legacyVersion());
        assertArrayEquals(hex("a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928"), sh.random());
        assertEquals(0, sh.legacySessionIdEcho().length);
        assertEquals(0x1301, sh.cipherSuite());
        assertEquals(0, sh.compressionMethod());
        assertFalse(sh.isHelloRetryRequest());
        assertFalse(sh.hasDowngradeSentinel12());
        assertFalse(sh.hasDowngradeSentinel11());
        assertArrayEquals(new int[] {ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_VERSIONS}, types(sh.extensions()));
        KeyShareEntry share = KeyShareExtension.decodeServerHello(sh.extensions().get(ExtensionType.KEY_SHARE));
        assertEquals(0x001d, share.group());
        assertArrayEquals(hex("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f"), share.keyExchange());
        assertEquals(0x0304, SupportedVersionsExtension.decodeServerHello(sh.extensions().get(ExtensionType.SUPPORTED_VERSIONS)));
    }

    @Test
    void encryptedExtensionsDecodeToTheTraceValues() {
        EncryptedExtensions ee = EncryptedExtensions.decode(body(ENCRYPTED_EXTENSIONS, HandshakeCodes.ENCRYPTED_EXTENSIONS));
        assertArrayEquals(new int[] {ExtensionType.SUPPORTED_GROUPS, ExtensionType.RECORD_SIZE_LIMIT, ExtensionType.SERVER_NAME},
                types(ee.extensions()));
        assertEquals(9, SupportedGroupsExtension.decode(ee.extensions().get(ExtensionType.SUPPORTED_GROUPS)).length);
        assertEquals(0x4001, RecordSizeLimitExtension.decode(ee.extensions().get(ExtensionType.RECORD_SIZE_LIMIT)));
        assertTrue(ServerNameExtension.isEmptyAcknowledgement(ee.extensions().get(ExtensionType.SERVER_NAME)));
        for (Extensions.Extension e : ee.extensions().list()) {
            assertTrue(ExtensionType.allowedInTls13(e.type(), ExtensionType.EE), ExtensionType.name(e.type()));
        }
    }

    @Test
    void certificateHoldsOneRsaCertificateWithoutExtensions() throws Exception {
        CertificateMessage cert = CertificateMessage.decode(body(CERTIFICATE, HandshakeCodes.CERTIFICATE));
        assertEquals(0, cert.requestContext().length);
        assertEquals(1, cert.entries().size());
        CertificateMessage.CertificateEntry entry = cert.entries().get(0);
        assertEquals(0x1b0, entry.certData().length);
        assertTrue(entry.extensions().isEmpty());
        X509Certificate x509 = parse(entry.certData());
        assertEquals("CN=rsa", x509.getSubjectX500Principal().getName());
    }

    @Test
    void certificateVerifyIsRsaPssOverTheTranscriptAndVerifiesWithTheDecodedCertificate() throws Exception {
        CertificateVerify cv = CertificateVerify.decode(body(CERTIFICATE_VERIFY, HandshakeCodes.CERTIFICATE_VERIFY));
        assertEquals(0x0804, cv.signatureScheme());
        assertEquals(128, cv.signature().length);

        // RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, then Transcript-Hash(CH..Certificate).
        byte[] transcriptHash = sha256(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERTIFICATE);
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(" ".repeat(64).getBytes(StandardCharsets.US_ASCII));
        signed.write("TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII));
        signed.write(0);
        signed.write(transcriptHash);

        X509Certificate x509 = parse(CertificateMessage.decode(body(CERTIFICATE, HandshakeCodes.CERTIFICATE)).entries().get(0).certData());
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        pss.initVerify(x509.getPublicKey());
        pss.update(signed.toByteArray());
        assertTrue(pss.verify(cv.signature()));
    }

    @Test
    void finishedCarriesThirtyTwoBytesOfVerifyData() {
        Finished fin = Finished.decode(body(SERVER_FINISHED, HandshakeCodes.FINISHED));
        assertArrayEquals(hex("9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"), fin.verifyData());
    }

    @Test
    void everyMessageReEncodesToTheTraceBytes() {
        assertArrayEquals(CLIENT_HELLO, ClientHello.decode(body(CLIENT_HELLO, HandshakeCodes.CLIENT_HELLO)).encode());
        assertArrayEquals(SERVER_HELLO, ServerHello.decode(body(SERVER_HELLO, HandshakeCodes.SERVER_HELLO)).encode());
        assertArrayEquals(ENCRYPTED_EXTENSIONS,
                EncryptedExtensions.decode(body(ENCRYPTED_EXTENSIONS, HandshakeCodes.ENCRYPTED_EXTENSIONS)).encode());
        assertArrayEquals(CERTIFICATE, CertificateMessage.decode(body(CERTIFICATE, HandshakeCodes.CERTIFICATE)).encode());
        assertArrayEquals(CERTIFICATE_VERIFY,
                CertificateVerify.decode(body(CERTIFICATE_VERIFY, HandshakeCodes.CERTIFICATE_VERIFY)).encode());
        assertArrayEquals(SERVER_FINISHED, Finished.decode(body(SERVER_FINISHED, HandshakeCodes.FINISHED)).encode());
    }

    @Test
    void copiedBytesMatchTheTranscriptHashesTheRfcPrints() throws Exception {
        // RFC 8448 §3 prints these as the hash input to "c hs traffic" and "c ap traffic".
        assertArrayEquals(hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8"),
                sha256(CLIENT_HELLO, SERVER_HELLO));
        assertArrayEquals(hex("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13"),
                sha256(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY, SERVER_FINISHED));
    }

    @Test
    void aBuiltClientHelloEqualsTheDecodedOne() {
        Extensions ext = Extensions.builder()
                .add(ExtensionType.SERVER_NAME, ServerNameExtension.encode("server"))
                .add(ExtensionType.RENEGOTIATION_INFO, RenegotiationInfoExtension.encode(new byte[0]))
                .add(ExtensionType.SUPPORTED_GROUPS, SupportedGroupsExtension.encode(
                        new int[] {0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104}))
                .add(ExtensionType.SESSION_TICKET, EmptyExtension.encode())
                .add(ExtensionType.KEY_SHARE, KeyShareExtension.encodeClientHello(List.of(new KeyShareEntry(0x001d,
                        hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c")))))
                .add(ExtensionType.SUPPORTED_VERSIONS, SupportedVersionsExtension.encodeClientHello(new int[] {0x0304}))
                .add(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {
                    0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0402,
                    0x0502, 0x0602, 0x0202}))
                .add(ExtensionType.PSK_KEY_EXCHANGE_MODES, PskKeyExchangeModesExtension.encode(new int[] {1}))
                .add(ExtensionType.RECORD_SIZE_LIMIT, RecordSizeLimitExtension.encode(0x4001))
                .build();
        ClientHello built = new ClientHello(0x0303, hex("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"),
                new byte[0], new int[] {0x1301, 0x1303, 0x1302}, new byte[] {0}, ext);
        assertArrayEquals(CLIENT_HELLO, built.encode());
        assertEquals(ClientHello.decode(body(CLIENT_HELLO, HandshakeCodes.CLIENT_HELLO)), built);
    }

    private static int[] types(Extensions ext) {
        return ext.list().stream().mapToInt(Extensions.Extension::type).toArray();
    }

    private static byte[] sha256(byte[]... messages) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] m : messages) {
            sha.update(m);
        }
        return sha.digest();
    }

    private static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
