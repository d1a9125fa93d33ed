package s2n.tls.internal.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import s2n.tls.Alert;
import s2n.tls.TlsException;
import s2n.tls.internal.crypto.AeadAlgorithm;

/**
 * TLS 1.2 AEAD records: the layout and nonce of RFC 5288 §3 (AES-GCM) and RFC 7905 §2
 * (ChaCha20-Poly1305), the additional data of RFC 5246 §6.2.3.3, checked against the JCA used
 * directly; then what opening does with damaged or oversized records.
 */
class Tls12ProtectionTest {

    private static byte[] key(AeadAlgorithm alg) {
        byte[] k = new byte[alg.keyLength()];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (0x40 + i);
        }
        return k;
    }

    private static byte[] fixedIv(AeadAlgorithm alg) {
        byte[] iv = new byte[Tls12Protection.fixedIvLength(alg)];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) (0xa0 + i);
        }
        return iv;
    }

    private static Tls12Protection protection(AeadAlgorithm alg) {
        return Tls12Protection.create(alg, key(alg), fixedIv(alg));
    }

    private static byte[] seal(Tls12Protection p, int type, byte[] plaintext) throws TlsException {
        ByteBuffer out = ByteBuffer.allocate(RecordLimits.MAX_RECORD);
        p.seal(type, ByteBuffer.wrap(plaintext), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Opens {@code record}; returns the content type followed by the plaintext. */
    private static byte[] open(Tls12Protection p, byte[] record) throws TlsException {
        ByteBuffer b = ByteBuffer.wrap(record.clone());
        int type = p.open(b);
        byte[] out = new byte[1 + b.remaining()];
        out[0] = (byte) type;
        b.get(out, 1, b.remaining());
        return out;
    }

    @Test
    void fixedIvLengthsAreTheRfcs() {
        assertEquals(4, Tls12Protection.fixedIvLength(AeadAlgorithm.AES_128_GCM));
        assertEquals(4, Tls12Protection.fixedIvLength(AeadAlgorithm.AES_256_GCM));
        assertEquals(12, Tls12Protection.fixedIvLength(AeadAlgorithm.CHACHA20_POLY1305));
        assertThrows(IllegalArgumentException.class,
                () -> Tls12Protection.create(AeadAlgorithm.AES_128_GCM, key(AeadAlgorithm.AES_128_GCM), new byte[12]));
    }

    @Test
    void aesGcmRecordIsSaltPlusSequenceAsExplicitNonce() throws Exception {
        AeadAlgorithm alg = AeadAlgorithm.AES_128_GCM;
        Tls12Protection sealer = protection(alg);
        byte[] plaintext = "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        sealer.seal(ContentType.APPLICATION_DATA, ByteBuffer.wrap(new byte[3]), ByteBuffer.allocate(64));
        byte[] record = seal(sealer, ContentType.APPLICATION_DATA, plaintext);

        // header | nonce_explicit (8) | ciphertext | tag (16)
        assertEquals(5 + 8 + plaintext.length + 16, record.length);
        assertArrayEquals(new byte[] {23, 3, 3, 0, (byte) (8 + plaintext.length + 16)}, Arrays.copyOf(record, 5));
        byte[] explicit = Arrays.copyOfRange(record, 5, 13);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, explicit, "second record: sequence number 1");

        // The same record computed with the JCA directly: nonce = salt || explicit, AAD = seq || type || version || length.
        byte[] nonce = new byte[12];
        System.arraycopy(fixedIv(alg), 0, nonce, 0, 4);
        System.arraycopy(explicit, 0, nonce, 4, 8);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(alg), "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 23, 3, 3, 0, (byte) plaintext.length});
        assertArrayEquals(c.doFinal(plaintext), Arrays.copyOfRange(record, 13, record.length));
        assertEquals(2, sealer.sequenceNumber());
    }

    @Test
    void chachaRecordXorsSequenceIntoIvAndCarriesNoExplicitNonce() throws Exception {
        AeadAlgorithm alg = AeadAlgorithm.CHACHA20_POLY1305;
        Tls12Protection sealer = protection(alg);
        byte[] plaintext = {1, 2, 3, 4, 5};
        seal(sealer, ContentType.HANDSHAKE, new byte[1]);
        byte[] record = seal(sealer, ContentType.HANDSHAKE, plaintext);

        assertEquals(5 + plaintext.length + 16, record.length);
        byte[] nonce = fixedIv(alg);
        nonce[11] ^= 1;   // RFC 7905 §2: sequence number 1, left-padded, XORed in
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(alg), "ChaCha20"), new IvParameterSpec(nonce));
        c.updateAAD(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 22, 3, 3, 0, 5});
        assertArrayEquals(c.doFinal(plaintext), Arrays.copyOfRange(record, 5, record.length));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void recordsRoundTripInOrder(AeadAlgorithm alg) throws Exception {
        Tls12Protection sealer = protection(alg);
        Tls12Protection opener = protection(alg);
        for (int i = 0; i < 3; i++) {
            byte[] plaintext = new byte[100 * i];
            Arrays.fill(plaintext, (byte) i);
            byte[] opened = open(opener, seal(sealer, i == 1 ? ContentType.ALERT : ContentType.APPLICATION_DATA, plaintext));
            assertEquals(i == 1 ? ContentType.ALERT : ContentType.APPLICATION_DATA, opened[0]);
            assertArrayEquals(plaintext, Arrays.copyOfRange(opened, 1, opened.length));
        }
        assertEquals(3, opener.sequenceNumber());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void maximumPlaintextFitsAndOneMoreDoesNot(AeadAlgorithm alg) throws Exception {
        Tls12Protection sealer = protection(alg);
        byte[] record = seal(sealer, ContentType.APPLICATION_DATA, new byte[RecordLimits.MAX_PLAINTEXT]);
        assertEquals(RecordLimits.MAX_PLAINTEXT, open(protection(alg), record).length - 1);

        // A header claiming one more plaintext byte than 2^14 is refused before any decryption.
        byte[] big = Arrays.copyOf(record, record.length + 1);
        int body = record.length + 1 - 5;
        big[3] = (byte) (body >>> 8);
        big[4] = (byte) body;
        assertAlert(Alert.RECORD_OVERFLOW, () -> open(protection(alg), big));
        assertEquals(RecordLimits.MAX_PLAINTEXT + 2048, sealer.maxBodyLength());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tamperedRecordFailsWithBadRecordMac(AeadAlgorithm alg) throws Exception {
        byte[] record = seal(protection(alg), ContentType.APPLICATION_DATA, new byte[32]);
        for (int at : new int[] {3 /* length is in the AAD */, 5, record.length - 1}) {
            byte[] damaged = record.clone();
            damaged[at] ^= 1;
            if (at == 3) {
                damaged = Arrays.copyOf(damaged, damaged.length + 256);
            }
            byte[] d = damaged;
            assertAlert(Alert.BAD_RECORD_MAC, () -> open(protection(alg), d));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void recordOutOfSequenceFailsWithBadRecordMac(AeadAlgorithm alg) throws Exception {
        Tls12Protection sealer = protection(alg);
        seal(sealer, ContentType.APPLICATION_DATA, new byte[8]);
        byte[] second = seal(sealer, ContentType.APPLICATION_DATA, new byte[8]);
        // The opener expects sequence number 0: the additional data (and for ChaCha20 the nonce) differ.
        assertAlert(Alert.BAD_RECORD_MAC, () -> open(protection(alg), second));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void recordShorterThanItsOverheadFailsWithBadRecordMac(AeadAlgorithm alg) {
        Tls12Protection p = protection(alg);
        int body = p.overhead() - 1;
        byte[] record = new byte[5 + body];
        record[0] = 23;
        record[1] = 3;
        record[2] = 3;
        record[4] = (byte) body;
        assertAlert(Alert.BAD_RECORD_MAC, () -> open(p, record));
    }

    @Test
    void protectedChangeCipherSpecIsUnexpected() throws Exception {
        byte[] record = seal(protection(AeadAlgorithm.AES_128_GCM), ContentType.APPLICATION_DATA, new byte[1]);
        record[0] = ContentType.CHANGE_CIPHER_SPEC;
        assertAlert(Alert.UNEXPECTED_MESSAGE, () -> open(protection(AeadAlgorithm.AES_128_GCM), record));
    }

    @Test
    void closedProtectionRefusesToSeal() {
        Tls12Protection p = protection(AeadAlgorithm.AES_256_GCM);
        p.close();
        assertThrows(IllegalStateException.class, () -> seal(p, ContentType.APPLICATION_DATA, new byte[1]));
    }

    interface Action {
        void run() throws Exception;
    }

    private static void assertAlert(Alert alert, Action action) {
        TlsException e = assertThrows(TlsException.class, action::run);
        assertEquals(TlsException.Type.PROTOCOL, e.type());
        assertEquals(alert, e.alert());
    }
}
