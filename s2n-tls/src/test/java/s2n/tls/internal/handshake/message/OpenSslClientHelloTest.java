package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.handshake.message.Framing.hex;

import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.EcPointFormatsExtension;
import s2n.tls.internal.handshake.extension.EmptyExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.KeyShareExtension.KeyShareEntry;
import s2n.tls.internal.handshake.extension.PskKeyExchangeModesExtension;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;

/**
 * ClientHellos sent by a real OpenSSL 3.0.19 {@code s_client} (captured on 127.0.0.1 with
 * {@code -servername example.com} and {@code -tls1_3} or {@code -tls1_2}), kept as data: the
 * handshake body only, record and handshake headers stripped.
 */
class OpenSslClientHelloTest {
    // openssl s_client -connect 127.0.0.1:PORT -tls1_3 -servername example.com (OpenSSL 3.0.19)
    static final byte[] OPENSSL_TLS13_BODY = hex("""
            030323345cc1552c35841c056f58905a60b094d15b06793a74aa78246871b63e
            cdc520aac450f3e01f8d6a37bdfd0a1a6b4252bf4533ef8a1c3c62453e147776
            575bc6000813021303130100ff0100009b00000010000e00000b6578616d706c
            652e636f6d000b000403000102000a00160014001d0017001e00190018010001
            01010201030104002300000016000000170000000d001e001c04030503060308
            0708080809080a080b080408050806040105010601002b0003020304002d0002
            0101003300260024001d0020d1aaf2c59e352f31ea688d6589bc9dacfc65a1a1
            fe1a5688519849c1637f671a""");

    // openssl s_client -connect 127.0.0.1:PORT -tls1_2 -servername example.com (OpenSSL 3.0.19)
    static final byte[] OPENSSL_TLS12_BODY = hex("""
            03030fb0716695839b7c57e614a10b59ef17e956e0c4453cce2dc981926f027a
            faf6000038c02cc030009fcca9cca8ccaac02bc02f009ec024c028006bc023c0
            270067c00ac0140039c009c0130033009d009c003d003c0035002f00ff010000
            6600000010000e00000b6578616d706c652e636f6d000b000403000102000a00
            0c000a001d0017001e00190018002300000016000000170000000d002a002804
            0305030603080708080809080a080b0804080508060401050106010303030103
            02040205020602""");

    @Test
    void tls13HelloOffersTls13SuitesAndAnX25519Share() {
        ClientHello ch = ClientHello.decode(new Reader(OPENSSL_TLS13_BODY));
        assertEquals(0x0303, ch.legacyVersion());
        // RFC 8446 §D.4: middlebox compatibility mode sends a 32-byte legacy_session_id.
        assertEquals(32, ch.legacySessionId().length);
        assertArrayEquals(new int[] {0x1302, 0x1303, 0x1301, 0x00ff}, ch.cipherSuites());
        assertTrue(ch.offersCipherSuite(0x1301));
        assertArrayEquals(new byte[] {0}, ch.compressionMethods());
        assertEquals(-1, ch.extensions().firstDuplicate());

        var ext = ch.extensions();
        assertEquals("example.com", ServerNameExtension.decode(ext.get(ExtensionType.SERVER_NAME)));
        assertArrayEquals(new int[] {0x0304}, SupportedVersionsExtension.decodeClientHello(ext.get(ExtensionType.SUPPORTED_VERSIONS)));
        List<KeyShareEntry> shares = KeyShareExtension.decodeClientHello(ext.get(ExtensionType.KEY_SHARE));
        assertEquals(1, shares.size());
        assertEquals(0x001d, shares.get(0).group());
        assertEquals(32, shares.get(0).keyExchange().length);
        assertEquals(0x001d, SupportedGroupsExtension.decode(ext.get(ExtensionType.SUPPORTED_GROUPS))[0]);
        int[] schemes = SignatureAlgorithmsExtension.decode(ext.get(ExtensionType.SIGNATURE_ALGORITHMS));
        assertTrue(contains(schemes, 0x0804) && contains(schemes, 0x0403) && contains(schemes, 0x0807), "rsa_pss, ecdsa, ed25519");
        assertArrayEquals(new int[] {1}, PskKeyExchangeModesExtension.decode(ext.get(ExtensionType.PSK_KEY_EXCHANGE_MODES)));
        assertArrayEquals(new int[] {0, 1, 2}, EcPointFormatsExtension.decode(ext.get(ExtensionType.EC_POINT_FORMATS)));
        EmptyExtension.decode(ext.get(ExtensionType.EXTENDED_MASTER_SECRET));
        EmptyExtension.decode(ext.get(ExtensionType.ENCRYPT_THEN_MAC));
        assertEquals(ExtensionType.KEY_SHARE, ext.lastType());
    }

    @Test
    void tls12HelloHasNoTls13Machinery() {
        ClientHello ch = ClientHello.decode(new Reader(OPENSSL_TLS12_BODY));
        assertEquals(0x0303, ch.legacyVersion());
        assertEquals(0, ch.legacySessionId().length);
        assertEquals(28, ch.cipherSuites().length);
        assertEquals(0xc02c, ch.cipherSuites()[0]);
        assertTrue(ch.offersCipherSuite(0xc02f), "ECDHE-RSA-AES128-GCM-SHA256");
        assertTrue(ch.offersCipherSuite(0x00ff), "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        assertFalse(ch.offersCipherSuite(0x1301));
        assertFalse(ch.extensions().contains(ExtensionType.SUPPORTED_VERSIONS));
        assertFalse(ch.extensions().contains(ExtensionType.KEY_SHARE));
        assertEquals("example.com", ServerNameExtension.decode(ch.extensions().get(ExtensionType.SERVER_NAME)));
        assertArrayEquals(new int[] {0x001d, 0x0017, 0x001e, 0x0019, 0x0018},
                SupportedGroupsExtension.decode(ch.extensions().get(ExtensionType.SUPPORTED_GROUPS)));
        assertTrue(ch.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET));
    }

    @Test
    void bothReEncodeToTheCapturedBytes() {
        for (byte[] captured : List.of(OPENSSL_TLS13_BODY, OPENSSL_TLS12_BODY)) {
            ClientHello ch = ClientHello.decode(new Reader(captured));
            Writer w = new Writer();
            ch.encodeBody(w);
            assertArrayEquals(captured, w.toByteArray());
            assertArrayEquals(HandshakeMessage.frame(HandshakeCodes.CLIENT_HELLO, captured), ch.encode());
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
