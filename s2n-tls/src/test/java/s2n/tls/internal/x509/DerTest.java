package s2n.tls.internal.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DER reader's bounds and strictness, and the writer's encodings (X.690 §8, §10). */
class DerTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static IllegalArgumentException readFails(byte[] der) {
        return assertThrows(IllegalArgumentException.class, () -> new Der.Reader(der).read());
    }

    @Test
    void readsShortAndLongFormLengths() {
        Der.Element small = new Der.Reader(bytes(0x04, 0x02, 0xaa, 0xbb)).read();
        assertEquals(Der.OCTET_STRING, small.tag());
        assertArrayEquals(bytes(0xaa, 0xbb), small.contents());

        byte[] big = new byte[3 + 200];
        big[0] = 0x04;
        big[1] = (byte) 0x81;
        big[2] = (byte) 200;
        Der.Element element = new Der.Reader(big).read();
        assertEquals(200, element.length());
        assertArrayEquals(big, element.encoding());
    }

    @Test
    void rejectsMalformedLengths() {
        assertTrue(readFails(bytes(0x30, 0x80, 0x00, 0x00)).getMessage().contains("indefinite length"));
        assertTrue(readFails(bytes(0x04, 0x81, 0x05, 1, 2, 3, 4, 5)).getMessage().contains("not minimally encoded"));
        assertTrue(readFails(bytes(0x04, 0x82, 0x00, 0x80)).getMessage().contains("not minimally encoded"));
        assertTrue(readFails(bytes(0x04, 0x85, 1, 1, 1, 1, 1)).getMessage().contains("malformed"));
        assertTrue(readFails(bytes(0x04, 0x84, 0x7f, 0xff, 0xff, 0xff)).getMessage().contains("overruns"));
        assertTrue(readFails(bytes(0x04, 0x03, 1, 2)).getMessage().contains("overruns"));
        assertTrue(readFails(bytes(0x04)).getMessage().contains("truncated"));
        assertTrue(readFails(bytes()).getMessage().contains("end of the data"));
        assertTrue(readFails(bytes(0x1f, 0x81, 0x01, 0x00)).getMessage().contains("multi-byte tags"));
    }

    @Test
    void nestedReadersStayInsideTheirElement() {
        // SEQUENCE { INTEGER 5 } followed by a stray byte outside the sequence.
        Der.Reader outer = new Der.Reader(bytes(0x30, 0x03, 0x02, 0x01, 0x05, 0xff));
        Der.Reader inner = outer.read(Der.SEQUENCE, "SEQUENCE").reader();
        assertEquals(5, Der.smallInteger(inner.read(Der.INTEGER, "INTEGER"), "n"));
        inner.expectEnd("the sequence");
        assertEquals(-1, inner.peekTag());
        IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class, () -> outer.expectEnd("it"));
        assertEquals("DER: 1 unexpected bytes after it", trailing.getMessage());
    }

    @Test
    void wrongTagNamesWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Der.Reader(bytes(0x02, 0x01, 0x00)).read(Der.SEQUENCE, "PrivateKeyInfo"));
        assertEquals("DER: expected PrivateKeyInfo (tag 0x30), found tag 0x2", e.getMessage());
    }

    @Test
    void smallIntegerRejectsNegativeAndHugeValues() {
        assertThrows(IllegalArgumentException.class,
                () -> Der.smallInteger(new Der.Reader(bytes(0x02, 0x01, 0xff)).read(), "v"));
        assertThrows(IllegalArgumentException.class,
                () -> Der.smallInteger(new Der.Reader(bytes(0x02, 0x04, 1, 0, 0, 0)).read(), "v"));
        assertEquals(0x0100, Der.smallInteger(new Der.Reader(bytes(0x02, 0x02, 0x01, 0x00)).read(), "v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.113549.1.1.1", "1.2.840.10045.3.1.7", "1.3.101.112", "2.5.4.3", "2.999.1",
        "0.9.2342.19200300.100.1.25", "1.3.6.1.4.1.4294967295"})
    void oidRoundTrips(String dotted) {
        byte[] encoded = Der.oid(dotted);
        assertEquals(dotted, Der.oidToString(new Der.Reader(encoded).read()));
    }

    @Test
    void oidEncodingMatchesKnownBytes() {
        // prime256v1, as it appears in every P-256 key (RFC 5480 §2.1.1.1).
        assertArrayEquals(bytes(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07),
                Der.oid("1.2.840.10045.3.1.7"));
    }

    @Test
    void rejectsMalformedOids() {
        assertThrows(IllegalArgumentException.class, () -> Der.oidToString(new Der.Reader(bytes(0x06, 0x00)).read()));
        assertThrows(IllegalArgumentException.class,
                () -> Der.oidToString(new Der.Reader(bytes(0x06, 0x02, 0x2a, 0x86)).read()));
        assertThrows(IllegalArgumentException.class,
                () -> Der.oidToString(new Der.Reader(bytes(0x06, 0x03, 0x2a, 0x80, 0x01)).read()));
        byte[] arcOver32Bits = bytes(0x06, 0x07, 0x2a, 0x90, 0x80, 0x80, 0x80, 0x80, 0x00);
        assertThrows(IllegalArgumentException.class, () -> Der.oidToString(new Der.Reader(arcOver32Bits).read()));
    }

    @Test
    void headersUseTheShortestLength() {
        assertArrayEquals(bytes(0x30, 0x7f), Der.header(Der.SEQUENCE, 127));
        assertArrayEquals(bytes(0x30, 0x81, 0x80), Der.header(Der.SEQUENCE, 128));
        assertArrayEquals(bytes(0x30, 0x82, 0x01, 0x00), Der.header(Der.SEQUENCE, 256));
        assertArrayEquals(bytes(0x30, 0x83, 0x01, 0x00, 0x00), Der.header(Der.SEQUENCE, 65536));
        assertArrayEquals(bytes(0x30, 0x84, 0x01, 0x00, 0x00, 0x00), Der.header(Der.SEQUENCE, 1 << 24));
    }

    @Test
    void writerOutputReadsBack() {
        byte[] sequence = Der.sequence(Der.integer(0), Der.nullValue(), Der.octetString(new byte[300]));
        Der.Reader reader = new Der.Reader(sequence).read(Der.SEQUENCE, "SEQUENCE").reader();
        assertEquals(0, Der.smallInteger(reader.read(Der.INTEGER, "INTEGER"), "v"));
        assertEquals(0, reader.read(Der.NULL, "NULL").length());
        assertEquals(300, reader.read(Der.OCTET_STRING, "OCTET STRING").length());
        reader.expectEnd("the sequence");
        assertArrayEquals(bytes(0x02, 0x01, 0x7f), Der.integer(127));
        assertArrayEquals(bytes(0x02, 0x02, 0x00, 0x80), Der.integer(128));
    }

    @Test
    void directoryStringsDecodeEveryCommonType() {
        assertEquals("héllo", Der.directoryString(new Der.Reader(Der.encode(Der.UTF8_STRING,
                "héllo".getBytes(StandardCharsets.UTF_8))).read()));
        assertEquals("Host 1", Der.directoryString(new Der.Reader(Der.encode(Der.PRINTABLE_STRING,
                "Host 1".getBytes(StandardCharsets.US_ASCII))).read()));
        assertEquals("é", Der.directoryString(new Der.Reader(bytes(Der.TELETEX_STRING, 1, 0xe9)).read()));
        assertEquals("é", Der.directoryString(new Der.Reader(bytes(Der.BMP_STRING, 2, 0x00, 0xe9)).read()));
        assertEquals("é", Der.directoryString(new Der.Reader(bytes(Der.UNIVERSAL_STRING, 4, 0, 0, 0, 0xe9)).read()));
        assertThrows(IllegalArgumentException.class,
                () -> Der.directoryString(new Der.Reader(bytes(Der.OCTET_STRING, 1, 0x41)).read()));
    }
}
