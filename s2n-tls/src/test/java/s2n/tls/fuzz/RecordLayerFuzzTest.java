package s2n.tls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import s2n.tls.TlsException;
import s2n.tls.internal.crypto.AeadAlgorithm;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.record.ContentType;
import s2n.tls.internal.record.RecordReader;
import s2n.tls.internal.record.Tls12Protection;
import s2n.tls.internal.record.Tls13Protection;

/**
 * The record layer fed arbitrary bytes: framing and limits of plaintext records, the TLS 1.3
 * inner plaintext (padding, content type, length) of records that do authenticate, and TLS 1.2
 * records that authenticate (types, lengths, both nonce constructions). The oracle: a
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

    /**
     * The TLS 1.2 twin of {@link #protectedInnerPlaintext}: records sealed with
     * {@link Tls12Protection} under a fixed key and opened by a reader with the same key. Input:
     * an AEAD selector (even: AES-128-GCM with its explicit nonce, odd: ChaCha20-Poly1305), then
     * records as {@code type (1) | length (2) | content}, the type written as is (unknown types,
     * change_cipher_spec and empty records included). Besides the common oracle, every record that
     * opens must give back exactly the content sealed into it.
     */
    @FuzzTest
    void tls12ProtectedRecords(byte[] input) throws IOException, TlsException {
        if (input.length == 0) {
            return;
        }
        AeadAlgorithm aead = (input[0] & 1) == 0 ? AeadAlgorithm.AES_128_GCM : AeadAlgorithm.CHACHA20_POLY1305;
        // A record costs at most 29 bytes more than its content (header, explicit nonce, tag); its
        // description costs 3: ten times the input always fits.
        ByteBuffer wire = ByteBuffer.allocate(input.length * 10 + 1024);
        List<byte[]> sealed = new ArrayList<>();
        try (Tls12Protection sealer = tls12Protection(aead)) {
            int at = 1;
            while (at + 3 <= input.length) {
                int type = input[at] & 0xff;
                int n = Math.min(((input[at + 1] & 0xff) << 8) | (input[at + 2] & 0xff), input.length - at - 3);
                at += 3;
                sealed.add(Arrays.copyOfRange(input, at, at + n));
                sealer.seal(type, ByteBuffer.wrap(input, at, n), wire);
                at += n;
            }
        }
        RecordReader reader = new RecordReader();
        reader.setProtection(tls12Protection(aead));
        byte[] bytes = Arrays.copyOf(wire.array(), wire.position());
        int[] index = {0};
        readAll(reader, bytes, fragment -> {
            byte[] expected = sealed.get(index[0]++);
            // change_cipher_spec is never protected: its "plaintext" is our ciphertext, not checked.
            if (reader.contentType() != ContentType.CHANGE_CIPHER_SPEC && !fragment.equals(ByteBuffer.wrap(expected))) {
                throw new AssertionError("record " + (index[0] - 1) + " opened to other bytes than were sealed");
            }
        });
    }

    private static Tls12Protection tls12Protection(AeadAlgorithm aead) {
        return Tls12Protection.create(aead, new byte[aead.keyLength()], new byte[Tls12Protection.fixedIvLength(aead)]);
    }

    private static void readAll(RecordReader reader, byte[] bytes) throws IOException {
        readAll(reader, bytes, fragment -> { });
    }

    private static void readAll(RecordReader reader, byte[] bytes, Consumer<ByteBuffer> check) throws IOException {
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
                check.accept(reader.fragment());
                reader.fragment().position(reader.fragment().limit());
            }
        } catch (TlsException expected) {
            // the only acceptable failure
        } finally {
            reader.close();
        }
    }
}
