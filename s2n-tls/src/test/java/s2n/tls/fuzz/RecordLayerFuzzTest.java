package s2n.tls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import s2n.tls.TlsException;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.record.ContentType;
import s2n.tls.internal.record.RecordReader;
import s2n.tls.internal.record.Tls13Protection;

/**
 * The record layer fed arbitrary bytes: framing and limits of plaintext records, and the TLS 1.3
 * inner plaintext (padding, content type, length) of records that do authenticate. The oracle: a
 * {@link TlsException} or records, nothing else.
 */
class RecordLayerFuzzTest {
    private static final byte[] SECRET = new byte[32];

    /** Input: a stream of plaintext records, read until the bytes run out. */
    @FuzzTest
    void plaintextRecords(byte[] input) throws IOException {
        readAll(new RecordReader(), input);
    }

    /**
     * Input: TLSInnerPlaintext bodies (content, type, padding) separated by nothing: the first two
     * bytes of each give its length. Each is sealed with a fixed key and opened by a reader with
     * the same key, so the fuzzer controls exactly what decryption yields.
     */
    @FuzzTest
    void protectedInnerPlaintext(byte[] input) throws IOException, TlsException {
        // Each sealed record is at most 8 times the input bytes that describe it (1 byte of content costs 22).
        ByteBuffer wire = ByteBuffer.allocate(input.length * 8 + 1024);
        try (Tls13Protection sealer = Tls13Protection.create(CipherSuite.TLS_AES_128_GCM_SHA256, SecretBytes.copyOf(SECRET))) {
            int at = 0;
            while (at + 2 <= input.length) {
                int n = Math.min(((input[at] & 0xff) << 8) | (input[at + 1] & 0xff), input.length - at - 2);
                at += 2;
                if (n == 0) {
                    continue;
                }
                byte[] inner = Arrays.copyOfRange(input, at, at + n);
                at += n;
                // Sealing content[0..n-1) as type content[n-1] yields exactly "inner" as TLSInnerPlaintext.
                sealer.seal(inner[n - 1] & 0xff, ByteBuffer.wrap(inner, 0, n - 1), wire);
            }
        }
        RecordReader reader = new RecordReader();
        reader.setProtection(Tls13Protection.create(CipherSuite.TLS_AES_128_GCM_SHA256, SecretBytes.copyOf(SECRET)));
        readAll(reader, Arrays.copyOf(wire.array(), wire.position()));
    }

    private static void readAll(RecordReader reader, byte[] bytes) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(bytes);
        try {
            while (reader.read(dst -> {
                if (!source.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(dst.remaining(), source.remaining());
                dst.put(source.slice(source.position(), n));
                source.position(source.position() + n);
                return n;
            }) == RecordReader.RECORD) {
                ContentType.name(reader.contentType());
                reader.fragment().position(reader.fragment().limit());
            }
        } catch (TlsException expected) {
            // the only acceptable failure
        } finally {
            reader.close();
        }
    }
}
