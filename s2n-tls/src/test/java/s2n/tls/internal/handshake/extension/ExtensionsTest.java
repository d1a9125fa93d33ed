package s2n.tls.internal.handshake.extension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/** The extensions block: order, lookups, duplicates, the count limit and framing errors. */
class ExtensionsTest {
    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    private static byte[] encode(Extensions ext) {
        Writer w = new Writer();
        ext.encode(w);
        return w.toByteArray();
    }

    @Test
    void encodesInInsertionOrderAndDecodesBack() {
        Extensions ext = Extensions.builder()
                .add(ExtensionType.KEY_SHARE, new byte[] {1})
                .add(ExtensionType.SERVER_NAME, new byte[0])
                .add(0x0a0a, new byte[] {2, 3})
                .build();
        byte[] wire = encode(ext);
        assertArrayEquals(hex("000f 0033 0001 01 0000 0000 0a0a 0002 0203"), wire);
        Reader r = new Reader(wire);
        Extensions back = Extensions.decode(r);
        r.expectEnd("test");
        assertEquals(ext, back);
        assertEquals(ext.hashCode(), back.hashCode());
        assertEquals(3, back.size());
        assertEquals(0x0a0a, back.lastType());
        assertEquals(ExtensionType.KEY_SHARE, back.list().get(0).type());
        assertEquals("Extensions[key_share(1), server_name(0), extension(2570)(2)]", back.toString());
    }

    @Test
    void lookupsFindTheFirstOfAType() {
        byte[] data = {9};
        Extensions ext = Extensions.builder().add(ExtensionType.COOKIE, data).build();
        assertSame(data, ext.get(ExtensionType.COOKIE), "not copied");
        assertTrue(ext.contains(ExtensionType.COOKIE));
        assertFalse(ext.contains(ExtensionType.KEY_SHARE));
        assertNull(ext.get(ExtensionType.KEY_SHARE));
    }

    @Test
    void emptyBlockIsTwoZeroBytes() {
        assertArrayEquals(new byte[] {0, 0}, encode(Extensions.empty()));
        assertSame(Extensions.empty(), Extensions.decode(new Reader(new byte[] {0, 0})));
        assertEquals(-1, Extensions.empty().lastType());
        assertEquals(-1, Extensions.empty().firstDuplicate());
        assertTrue(Extensions.builder().build().isEmpty());
    }

    @Test
    void duplicatesDecodeAndAreReportedForTheCallerToReject() {
        byte[] wire = hex("000e 002b 0002 0304 000a 0000 002b 0000");
        Extensions ext = Extensions.decode(new Reader(wire));
        assertEquals(3, ext.size());
        assertEquals(ExtensionType.SUPPORTED_VERSIONS, ext.firstDuplicate());
        assertArrayEquals(new byte[] {3, 4}, ext.get(ExtensionType.SUPPORTED_VERSIONS), "get returns the first");
        Extensions distinct = Extensions.builder().add(1, new byte[0]).add(2, new byte[0]).add(3, new byte[0]).build();
        assertEquals(-1, distinct.firstDuplicate());
        Extensions twoPairs = Extensions.builder().add(5, new byte[0]).add(7, new byte[0]).add(7, new byte[0]).add(5, new byte[0]).build();
        assertEquals(7, twoPairs.firstDuplicate(), "the first repeat in wire order");
    }

    @Test
    void lastTypeShowsWhetherPreSharedKeyIsLast() {
        Extensions ext = Extensions.builder().add(ExtensionType.PRE_SHARED_KEY, new byte[] {0}).add(ExtensionType.PADDING, new byte[0]).build();
        assertEquals(ExtensionType.PADDING, ext.lastType());
    }

    /** RFC 8446 §4.2 sets no count: a full 64 KiB block of empty extensions (16383) decodes. */
    @Test
    void decodesAsManyExtensionsAsTheBlockHolds() {
        Extensions ext = Extensions.decode(new Reader(block(16383)));
        assertEquals(16383, ext.size());
        assertEquals(-1, ext.firstDuplicate());
        assertEquals(16383, Extensions.decode(new Reader(encode(ext))).size(), "and re-encodes");
    }

    /** Above the pairwise threshold the scan marks types; the answer is the same first repeat in wire order. */
    @Test
    void duplicateScanOfALargeBlockFindsTheFirstRepeat() {
        Extensions.Builder b = Extensions.builder();
        for (int i = 0; i < 5000; i++) {
            b.add(0x1000 + i, new byte[0]);
        }
        b.add(0x1000 + 4000, new byte[0]).add(0x1000 + 17, new byte[0]);
        assertEquals(0x1000 + 4000, b.build().firstDuplicate());
        Extensions.Builder small = Extensions.builder();
        for (int i = 0; i < 16; i++) {
            small.add(i, new byte[0]);
        }
        assertEquals(-1, small.build().firstDuplicate());
        assertEquals(3, small.add(3, new byte[0]).build().firstDuplicate(), "17 entries: the bit-set path");
    }

    @Test
    void framingErrorsAreDecodeErrors() {
        byte[] wire = hex("000a 002b 0002 0304 000a 0000");
        for (int n = 0; n < wire.length; n++) {
            byte[] cut = Arrays.copyOf(wire, n);
            assertThrows(DecodeException.class, () -> Extensions.decode(new Reader(cut)));
        }
        assertThrows(DecodeException.class, () -> Extensions.decode(new Reader(hex("0005 002b 0002 03"))), "data runs past the block");
        assertThrows(DecodeException.class, () -> Extensions.decode(new Reader(hex("0003 002b 00"))), "half a length");
        assertThrows(DecodeException.class, () -> Extensions.decode(new Reader(hex("0001 00"))), "half a type");
    }

    @Test
    void extensionRecordsCompareDataByContent() {
        assertEquals(new Extensions.Extension(5, new byte[] {1, 2}), new Extensions.Extension(5, new byte[] {1, 2}));
        assertFalse(new Extensions.Extension(5, new byte[] {1, 2}).equals(new Extensions.Extension(5, new byte[] {1, 3})));
        assertEquals("status_request=0102", new Extensions.Extension(5, new byte[] {1, 2}).toString());
        assertThrows(IllegalArgumentException.class, () -> new Extensions.Extension(0x10000, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Extensions.Extension(1, new byte[0x10000]));
    }

    /** A block of {@code count} distinct empty extensions, written by hand. */
    private static byte[] block(int count) {
        Writer w = new Writer();
        int mark = w.beginVector16();
        for (int i = 0; i < count; i++) {
            w.writeUint16(0x1000 + i);
            w.writeUint16(0);
        }
        w.endVector16(mark);
        return w.toByteArray();
    }
}
