package s2n.tls.internal.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.TlsException;

/** {@link EarlyData}: the server's early data buffer and the client's allowance. */
class EarlyDataBufferTest {
    private static ByteBuffer bytes(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void readsInPiecesWhatItTookInRecords() throws TlsException {
        EarlyData early = new EarlyData();
        early.accept(10_000);
        assertTrue(early.isReading());
        early.take(bytes(700, 1));
        early.take(bytes(700, 2));
        assertEquals(1400, early.available());
        ByteBuffer dst = ByteBuffer.allocate(1000);
        assertEquals(1000, early.read(dst));
        assertEquals(400, early.available());
        dst = ByteBuffer.allocate(1000);
        assertEquals(400, early.read(dst));
        dst.flip();
        assertEquals(2, dst.get(0));
        assertEquals(0, early.available());
    }

    @Test
    void moreThanTheLimitIsAnUnexpectedMessage() throws TlsException {
        EarlyData early = new EarlyData();
        early.accept(1000);
        early.take(bytes(600, 1));
        ByteBuffer second = bytes(401, 1);
        TlsException e = assertThrows(TlsException.class, () -> early.take(second));
        assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert());
        assertTrue(e.getMessage().contains("1000 bytes"), e.getMessage());
        early.take(bytes(400, 1)); // exactly the limit is allowed
        assertEquals(1000, early.available());
    }

    @Test
    void outgrownAndHandedOverBuffersAreZeroed() throws TlsException {
        EarlyData early = new EarlyData();
        early.accept(100_000);
        early.take(bytes(1000, 7));
        byte[] first = early.bufferForTest();
        early.take(bytes(1000, 8));
        assertNotSame(first, early.bufferForTest());
        assertTrue(allZero(first), "the outgrown buffer still holds early data");

        early.read(ByteBuffer.allocate(500));
        byte[] held = early.bufferForTest();
        byte[] rest = early.takeUnread();
        assertEquals(1500, rest.length);
        assertEquals(7, rest[0]);
        assertEquals(8, rest[1499]);
        assertTrue(allZero(held), "the handed-over buffer still holds early data");
        assertEquals(0, early.available());
        assertArrayEquals(new byte[0], early.takeUnread());
    }

    @Test
    void closeZeroesWhatWasNotRead() throws TlsException {
        EarlyData early = new EarlyData();
        early.accept(4096);
        early.take(bytes(300, 9));
        byte[] held = early.bufferForTest();
        early.close();
        assertTrue(allZero(held), "close left early data behind");
        assertEquals(0, early.available());
    }

    @Test
    void clientAllowanceShrinksAsItWritesAndEnds() {
        EarlyData early = new EarlyData();
        assertEquals(0, early.writable());
        early.allowWrites(1000);
        assertTrue(early.isWriting());
        early.wrote(300);
        assertEquals(700, early.writable());
        early.end();
        assertFalse(early.isWriting());
        assertEquals(0, early.writable());
    }
}
