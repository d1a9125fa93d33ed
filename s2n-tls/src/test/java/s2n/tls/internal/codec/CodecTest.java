package s2n.tls.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void integersRoundTripInNetworkOrder() {
        Writer w = new Writer(1);
        w.writeUint8(0xab).writeUint16(0x1234).writeUint24(0xabcdef).writeUint32(0xfedcba98L).writeUint64(-2L);
        byte[] b = w.toByteArray();
        assertEquals(1 + 2 + 3 + 4 + 8, b.length);
        assertEquals(0x12, b[1]);
        Reader r = new Reader(b);
        assertEquals(0xab, r.readUint8());
        assertEquals(0x1234, r.readUint16());
        assertEquals(0xabcdef, r.readUint24());
        assertEquals(0xfedcba98L, r.readUint32());
        assertEquals(-2L, r.readUint64());
        assertFalse(r.hasRemaining());
        r.expectEnd("test");
    }

    @Test
    void vectorsBackFillTheirLengths() {
        Writer w = new Writer();
        int outer = w.beginVector16();
        int inner = w.beginVector8();
        w.writeBytes(new byte[] {1, 2, 3});
        w.endVector8(inner);
        w.writeVector24(new byte[] {9});
        w.endVector16(outer);
        assertArrayEquals(new byte[] {0, 8, 3, 1, 2, 3, 0, 0, 1, 9}, w.toByteArray());

        Reader r = new Reader(w.toByteArray());
        Reader body = r.subVector16(1, 100);
        assertArrayEquals(new byte[] {1, 2, 3}, body.readVector8(0, 3));
        assertArrayEquals(new byte[] {9}, body.readVector24(1, 1));
        body.expectEnd("body");
        r.expectEnd("outer");
    }

    @Test
    void overrunsAreDecodeErrorsNeverIndexErrors() {
        Reader r = new Reader(new byte[] {0, 5, 1, 2});
        DecodeException e = assertThrows(DecodeException.class, () -> r.readVector16(0, 100));
        assertTrue(e.getMessage().contains("need 5 bytes"), e.getMessage());
        assertThrows(DecodeException.class, () -> new Reader(new byte[] {1}).readUint16());
        assertThrows(DecodeException.class, () -> new Reader(new byte[] {0, 0}).readUint24());
        assertThrows(DecodeException.class, () -> new Reader(new byte[0]).readUint8());
        assertThrows(DecodeException.class, () -> new Reader(new byte[] {1, 2}).readBytes(-1));
    }

    @Test
    void vectorBoundsAreEnforced() {
        assertThrows(DecodeException.class, () -> new Reader(new byte[] {0}).readVector8(1, 10));
        assertThrows(DecodeException.class, () -> new Reader(new byte[] {3, 1, 2, 3}).readVector8(0, 2));
    }

    @Test
    void trailingBytesAreRejectedInOnePlace() {
        Reader r = new Reader(new byte[] {1, 2, 3});
        r.readUint8();
        DecodeException e = assertThrows(DecodeException.class, () -> r.expectEnd("Finished"));
        assertEquals("Finished: 2 unexpected trailing bytes", e.getMessage());
    }

    @Test
    void subReadersCannotSeePastTheirVector() {
        Reader r = new Reader(new byte[] {0, 1, 7, 8, 9});
        Reader v = r.subVector16(0, 10);
        assertEquals(7, v.readUint8());
        assertThrows(DecodeException.class, v::readUint8);
        assertEquals(8, r.readUint8());
    }

    @Test
    void writerRejectsValuesThatDoNotFit() {
        Writer w = new Writer();
        assertThrows(IllegalArgumentException.class, () -> w.writeUint8(256));
        assertThrows(IllegalArgumentException.class, () -> w.writeUint16(-1));
        int mark = w.beginVector8();
        w.writeBytes(new byte[300]);
        assertThrows(IllegalArgumentException.class, () -> w.endVector8(mark));
    }

    @Test
    void wipeZeroesEverythingEverWritten() {
        Writer w = new Writer(16);
        w.writeBytes(new byte[] {1, 2, 3, 4});
        byte[] backing = w.array();
        w.wipe();
        assertEquals(0, w.size());
        for (byte b : backing) {
            assertEquals(0, b);
        }
    }
}
