package s2n.tls.internal.handshake.extension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.handshake.extension.ExtensionsTest.hex;

import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;

/** server_name (RFC 6066 §3). */
class ServerNameExtensionTest {
    @Test
    void encodesOneHostNameEntry() {
        // RFC 8448 §3 ClientHello: server_name "server".
        assertArrayEquals(hex("0009 00 0006 736572766572"), ServerNameExtension.encode("server"));
        assertEquals("server", ServerNameExtension.decode(hex("0009 00 0006 736572766572")));
        assertEquals("example.com", ServerNameExtension.decode(ServerNameExtension.encode("example.com")));
    }

    @Test
    void emptyDataIsTheServersAcknowledgementNotAList() {
        assertTrue(ServerNameExtension.isEmptyAcknowledgement(new byte[0]));
        assertFalse(ServerNameExtension.isEmptyAcknowledgement(ServerNameExtension.encode("a")));
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(new byte[0]));
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(hex("0000")), "server_name_list<1..>");
    }

    @Test
    void twoHostNamesAreMalformed() {
        byte[] two = hex("0009 00 0001 61 00 0002 6262");
        DecodeException e = assertThrows(DecodeException.class, () -> ServerNameExtension.decode(two));
        assertTrue(e.getMessage().contains("more than one name of type 0"), e.getMessage());
    }

    @Test
    void otherNameTypesAreSkippedByTheirLength() {
        assertEquals("a", ServerNameExtension.decode(hex("000a 07 0003 ffffff 00 0001 61")));
        assertNull(ServerNameExtension.decode(hex("0006 07 0003 ffffff")), "no host_name entry");
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(hex("000a 07 0000 07 0000 00 0001 61")), "type 7 twice");
    }

    @Test
    void hostNameBoundsAreEnforced() {
        String longest = "a".repeat(255);
        assertEquals(longest, ServerNameExtension.decode(ServerNameExtension.encode(longest)));
        byte[] tooLong = new byte[2 + 1 + 2 + 256];
        tooLong[0] = 1;
        tooLong[1] = 3; // list length 259
        tooLong[3] = 1; // name length 256
        java.util.Arrays.fill(tooLong, 5, tooLong.length, (byte) 'a');
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(tooLong));
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(hex("0003 00 0000")), "empty host name");
        assertThrows(IllegalArgumentException.class, () -> ServerNameExtension.encode("a".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> ServerNameExtension.encode(""));
    }

    @Test
    void hostNamesMustBePrintableAscii() {
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(hex("0005 00 0002 61c3")));
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(hex("0005 00 0002 6100")), "NUL");
        assertThrows(IllegalArgumentException.class, () -> ServerNameExtension.encode("bücher.example"));
        assertThrows(IllegalArgumentException.class, () -> ServerNameExtension.encode("a b"));
        assertThrows(IllegalArgumentException.class, () -> ServerNameExtension.encode("example.com."), "RFC 6066 §3: no trailing dot");
    }

    @Test
    void framingErrorsAreDecodeErrors() {
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(hex("0009 00 0006 7365727665")), "short name");
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(hex("0009 00 0006 736572766572 00")), "trailing");
        assertThrows(DecodeException.class, () -> ServerNameExtension.decode(hex("0004 00 0006 73")), "name past the list");
    }
}
