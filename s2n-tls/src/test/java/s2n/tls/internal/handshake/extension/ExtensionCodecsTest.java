package s2n.tls.internal.handshake.extension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static s2n.tls.internal.handshake.extension.ExtensionsTest.hex;

import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;

/** The small extension codecs: exact bytes, round trips, and malformed data. */
class ExtensionCodecsTest {
    @Test
    void supportedVersionsClientHelloForm() {
        byte[] data = SupportedVersionsExtension.encodeClientHello(new int[] {0x0304, 0x0303});
        assertArrayEquals(hex("04 0304 0303"), data);
        assertArrayEquals(new int[] {0x0304, 0x0303}, SupportedVersionsExtension.decodeClientHello(data));
        assertArrayEquals(new int[] {0x7a7a, 0x0304}, SupportedVersionsExtension.decodeClientHello(hex("04 7a7a 0304")), "GREASE is kept");
        assertThrows(DecodeException.class, () -> SupportedVersionsExtension.decodeClientHello(hex("00")), "versions<2..254>");
        assertThrows(DecodeException.class, () -> SupportedVersionsExtension.decodeClientHello(hex("03 0304 03")), "odd length");
        assertThrows(DecodeException.class, () -> SupportedVersionsExtension.decodeClientHello(hex("ff" + "03".repeat(255))), "over 254");
        assertThrows(DecodeException.class, () -> SupportedVersionsExtension.decodeClientHello(hex("02 0304 00")), "trailing");
        assertThrows(IllegalArgumentException.class, () -> SupportedVersionsExtension.encodeClientHello(new int[0]));
    }

    @Test
    void supportedVersionsServerHelloForm() {
        assertArrayEquals(hex("0304"), SupportedVersionsExtension.encodeServerHello(0x0304));
        assertEquals(0x0304, SupportedVersionsExtension.decodeServerHello(hex("0304")));
        assertThrows(DecodeException.class, () -> SupportedVersionsExtension.decodeServerHello(hex("02 0304")), "the ClientHello form");
        assertThrows(DecodeException.class, () -> SupportedVersionsExtension.decodeServerHello(hex("03")));
    }

    @Test
    void supportedGroups() {
        byte[] data = SupportedGroupsExtension.encode(new int[] {0x001d, 0x0017});
        assertArrayEquals(hex("0004 001d 0017"), data);
        assertArrayEquals(new int[] {0x001d, 0x0017}, SupportedGroupsExtension.decode(data));
        assertThrows(DecodeException.class, () -> SupportedGroupsExtension.decode(hex("0000")), "named_group_list<2..>");
        assertThrows(DecodeException.class, () -> SupportedGroupsExtension.decode(hex("0003 001d00")), "odd length");
        assertThrows(DecodeException.class, () -> SupportedGroupsExtension.decode(hex("0002 001d 00")), "trailing");
        assertThrows(IllegalArgumentException.class, () -> SupportedGroupsExtension.encode(new int[0]));
    }

    @Test
    void signatureAlgorithms() {
        byte[] data = SignatureAlgorithmsExtension.encode(new int[] {0x0804, 0x0403, 0x0807});
        assertArrayEquals(hex("0006 0804 0403 0807"), data);
        assertArrayEquals(new int[] {0x0804, 0x0403, 0x0807}, SignatureAlgorithmsExtension.decode(data));
        assertThrows(DecodeException.class, () -> SignatureAlgorithmsExtension.decode(hex("0000")));
        assertThrows(DecodeException.class, () -> SignatureAlgorithmsExtension.decode(hex("0001 08")), "odd length");
        assertThrows(DecodeException.class, () -> SignatureAlgorithmsExtension.decode(hex("0004 0804")), "short");
    }

    @Test
    void alpnKeepsOrderAndEveryByteValue() {
        byte[] data = AlpnExtension.encode(List.of("h2", "http/1.1"));
        assertArrayEquals(hex("000c 02 6832 08 687474702f312e31"), data);
        assertEquals(List.of("h2", "http/1.1"), AlpnExtension.decode(data));
        String binary = "\u0000\u00ff\u0080";
        assertEquals(List.of(binary), AlpnExtension.decode(AlpnExtension.encode(List.of(binary))));
        assertArrayEquals(hex("0004 03 00ff80"), AlpnExtension.encode(List.of(binary)));
    }

    @Test
    void alpnMalformations() {
        assertThrows(DecodeException.class, () -> AlpnExtension.decode(hex("0000")), "no names");
        assertThrows(DecodeException.class, () -> AlpnExtension.decode(hex("0001 00")), "empty name");
        assertThrows(DecodeException.class, () -> AlpnExtension.decode(hex("0004 00 02 6832")), "empty name first");
        assertThrows(DecodeException.class, () -> AlpnExtension.decode(hex("0003 03 6832")), "name past the list");
        assertThrows(DecodeException.class, () -> AlpnExtension.decode(hex("0003 02 6832 00")), "trailing");
        assertThrows(IllegalArgumentException.class, () -> AlpnExtension.encode(List.of()));
        assertThrows(IllegalArgumentException.class, () -> AlpnExtension.encode(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> AlpnExtension.encode(List.of("x".repeat(256))));
        assertThrows(IllegalArgumentException.class, () -> AlpnExtension.encode(List.of("\u0100")));
    }

    @Test
    void cookie() {
        assertArrayEquals(hex("0003 010203"), CookieExtension.encode(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, CookieExtension.decode(hex("0003 010203")));
        assertThrows(DecodeException.class, () -> CookieExtension.decode(hex("0000")), "cookie<1..>");
        assertThrows(DecodeException.class, () -> CookieExtension.decode(hex("0003 0102")));
        assertThrows(DecodeException.class, () -> CookieExtension.decode(hex("0001 01 02")));
        assertThrows(IllegalArgumentException.class, () -> CookieExtension.encode(new byte[0]));
    }

    @Test
    void pskKeyExchangeModes() {
        int[] modes = {PskKeyExchangeModesExtension.PSK_DHE_KE, PskKeyExchangeModesExtension.PSK_KE};
        assertArrayEquals(hex("02 01 00"), PskKeyExchangeModesExtension.encode(modes));
        assertArrayEquals(modes, PskKeyExchangeModesExtension.decode(hex("02 01 00")));
        assertArrayEquals(new int[] {0xfe}, PskKeyExchangeModesExtension.decode(hex("01 fe")), "unknown modes are kept");
        assertThrows(DecodeException.class, () -> PskKeyExchangeModesExtension.decode(hex("00")), "ke_modes<1..255>");
        assertThrows(DecodeException.class, () -> PskKeyExchangeModesExtension.decode(hex("01 01 01")));
    }

    @Test
    void ecPointFormats() {
        assertArrayEquals(hex("01 00"), EcPointFormatsExtension.encode(new int[] {EcPointFormatsExtension.UNCOMPRESSED}));
        assertArrayEquals(new int[] {0, 1, 2}, EcPointFormatsExtension.decode(hex("03 000102")));
        assertThrows(DecodeException.class, () -> EcPointFormatsExtension.decode(hex("00")));
        assertThrows(DecodeException.class, () -> EcPointFormatsExtension.decode(hex("02 00")));
        assertThrows(IllegalArgumentException.class, () -> EcPointFormatsExtension.encode(new int[] {256}));
    }

    @Test
    void renegotiationInfo() {
        assertArrayEquals(hex("00"), RenegotiationInfoExtension.encode(new byte[0]));
        assertArrayEquals(new byte[0], RenegotiationInfoExtension.decode(hex("00")));
        byte[] verifyData = new byte[24];
        verifyData[23] = 7;
        assertArrayEquals(verifyData, RenegotiationInfoExtension.decode(RenegotiationInfoExtension.encode(verifyData)));
        assertThrows(DecodeException.class, () -> RenegotiationInfoExtension.decode(new byte[0]), "the length byte is required");
        assertThrows(DecodeException.class, () -> RenegotiationInfoExtension.decode(hex("00 00")));
        assertThrows(DecodeException.class, () -> RenegotiationInfoExtension.decode(hex("02 00")));
    }

    @Test
    void emptyExtension() {
        assertEquals(0, EmptyExtension.encode().length);
        EmptyExtension.decode(new byte[0]);
        DecodeException e = assertThrows(DecodeException.class, () -> EmptyExtension.decode(new byte[] {0}));
        assertEquals("extension must be empty, has 1 bytes", e.getMessage());
    }

    @Test
    void recordSizeLimit() {
        assertArrayEquals(hex("4001"), RecordSizeLimitExtension.encode(0x4001));
        assertEquals(0x4001, RecordSizeLimitExtension.decode(hex("4001")));
        assertEquals(10, RecordSizeLimitExtension.decode(hex("000a")), "too small, but negotiation judges that");
        assertThrows(DecodeException.class, () -> RecordSizeLimitExtension.decode(hex("40")));
        assertThrows(DecodeException.class, () -> RecordSizeLimitExtension.decode(hex("400100")));
        assertThrows(IllegalArgumentException.class, () -> RecordSizeLimitExtension.encode(63));
        assertThrows(IllegalArgumentException.class, () -> RecordSizeLimitExtension.encode(0x10000));
    }
}
