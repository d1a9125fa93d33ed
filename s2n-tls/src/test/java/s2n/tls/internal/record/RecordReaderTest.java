package s2n.tls.internal.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.TlsException;
import s2n.tls.internal.io.Sink;
import s2n.tls.internal.io.Source;

/**
 * The input and output buffers start small and grow once for the first record that needs it:
 * records of every size around the boundaries arrive intact, whether the bytes come all at once, a
 * few at a time, or after other records that leave part of the buffer used.
 */
class RecordReaderTest {
    private static byte[] record(int type, int bodyLength, int seed) {
        byte[] r = new byte[RecordLimits.HEADER_LENGTH + bodyLength];
        r[0] = (byte) type;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (bodyLength >>> 8);
        r[4] = (byte) bodyLength;
        byte[] body = new byte[bodyLength];
        new Random(seed).nextBytes(body);
        System.arraycopy(body, 0, r, RecordLimits.HEADER_LENGTH, bodyLength);
        return r;
    }

    /** Hands out {@code bytes} at most {@code chunk} at a time, then 0 (would block). */
    private static Source source(byte[] bytes, int chunk) {
        return new Source() {
            private int offset;

            @Override
            public int read(ByteBuffer dst) {
                int n = Math.min(Math.min(chunk, dst.remaining()), bytes.length - offset);
                dst.put(bytes, offset, n);
                offset += n;
                return n;
            }
        };
    }

    private static byte[] body(byte[] record) {
        byte[] b = new byte[record.length - RecordLimits.HEADER_LENGTH];
        System.arraycopy(record, RecordLimits.HEADER_LENGTH, b, 0, b.length);
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000, 4096, 100_000})
    void recordsOnBothSidesOfTheInitialCapacityArriveIntact(int chunk) throws Exception {
        int initialBody = RecordReader.INITIAL_CAPACITY - RecordLimits.HEADER_LENGTH;
        int[] sizes = {1, 300, initialBody - 1, initialBody, initialBody + 1, 9000, RecordLimits.MAX_PLAINTEXT, 50, 2};
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[][] records = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            records[i] = record(ContentType.HANDSHAKE, sizes[i], i);
            wire.writeBytes(records[i]);
        }
        RecordReader reader = new RecordReader();
        Source source = source(wire.toByteArray(), chunk);
        for (byte[] expected : records) {
            // The source never runs dry before its last byte, so one call reads one whole record.
            assertEquals(RecordReader.RECORD, reader.read(source));
            ByteBuffer f = reader.fragment();
            byte[] got = new byte[f.remaining()];
            f.get(got);
            assertArrayEquals(body(expected), got, "record of " + got.length + " bytes, chunk " + chunk);
        }
        assertEquals(RecordReader.BLOCKED, reader.read(source));
        assertFalse(reader.hasBufferedData());
        reader.release();
        reader.close();
    }

    /** The writer's buffer also starts small: small and full-size records, and a flight of several, round-trip. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 100, 4096 + 256, 40_000})
    void writerRecordsOfEverySizeRoundTripThroughTheReader(int flight) throws Exception {
        RecordWriter writer = new RecordWriter();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Sink sink = src -> {
            int n = src.remaining();
            byte[] b = new byte[n];
            src.get(b);
            wire.writeBytes(b);
            return n;
        };
        int[] sizes = {10, RecordWriter.INITIAL_CAPACITY - 10, RecordWriter.INITIAL_CAPACITY + 10, RecordLimits.MAX_PLAINTEXT,
            RecordLimits.MAX_PLAINTEXT, 1, 30_000};
        byte[][] bodies = new byte[sizes.length][];
        int inFlight = 0;
        for (int i = 0; i < sizes.length; i++) {
            bodies[i] = new byte[sizes[i]];
            new Random(100 + i).nextBytes(bodies[i]);
            writer.write(ContentType.HANDSHAKE, ByteBuffer.wrap(bodies[i]));
            inFlight += sizes[i];
            if (inFlight >= flight) {
                assertEquals(true, writer.flush(sink));
                inFlight = 0;
            }
        }
        writer.flush(sink);
        RecordReader reader = new RecordReader();
        Source source = source(wire.toByteArray(), 1000);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (reader.read(source) == RecordReader.RECORD) {
            ByteBuffer f = reader.fragment();
            byte[] got = new byte[f.remaining()];
            f.get(got);
            received.writeBytes(got);
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (byte[] b : bodies) {
            sent.writeBytes(b);
        }
        assertArrayEquals(sent.toByteArray(), received.toByteArray());
        writer.close();
    }

    @Test
    void aRecordLargerThanTheLimitIsRefusedBeforeTheBufferGrows() {
        byte[] header = {ContentType.APPLICATION_DATA, 3, 3, (byte) 0x40, 0x01};   // 16,385 bytes of plaintext
        RecordReader reader = new RecordReader();
        TlsException e = assertThrows(TlsException.class, () -> reader.read(source(header, 5)));
        assertEquals(Alert.RECORD_OVERFLOW, e.alert());
    }
}
