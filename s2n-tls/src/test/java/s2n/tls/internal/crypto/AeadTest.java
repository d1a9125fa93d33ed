package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.crypto.Hex.bytes;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/** Sealing and opening records: known answers, round trips, in-place operation, tampering. */
class AeadTest {
    private static final byte[] AAD = {0x17, 0x03, 0x03, 0x01, 0x23};

    private static byte[] key(AeadAlgorithm alg, int seed) {
        byte[] k = new byte[alg.keyLength()];
        new Random(seed).nextBytes(k);
        return k;
    }

    private static byte[] nonce(int seq) {
        byte[] n = new byte[12];
        n[11] = (byte) seq;
        n[0] = 0x55;
        return n;
    }

    private static byte[] plaintext(int length) {
        byte[] p = new byte[length];
        new Random(length).nextBytes(p);
        return p;
    }

    private static byte[] seal(Aead aead, byte[] nonce, byte[] aad, byte[] plaintext) throws TlsException {
        ByteBuffer out = ByteBuffer.allocate(plaintext.length + 16);
        aead.seal(nonce, aad, ByteBuffer.wrap(plaintext), out);
        assertEquals(0, out.remaining());
        return out.array();
    }

    private static byte[] open(Aead aead, byte[] nonce, byte[] aad, byte[] sealed) throws TlsException {
        ByteBuffer out = ByteBuffer.allocate(sealed.length);
        int n = aead.open(nonce, aad, ByteBuffer.wrap(sealed), out);
        assertEquals(n, out.position());
        return Arrays.copyOf(out.array(), n);
    }

    private static void assertBadRecordMac(TlsException e) {
        assertEquals(TlsException.Type.PROTOCOL, e.type());
        assertEquals(Alert.BAD_RECORD_MAC, e.alert());
        assertEquals(ErrorCode.BAD_RECORD_MAC.alert(), e.alert());
    }

    @Test
    void everyAlgorithmIsAvailableOnTheJdk() {
        for (AeadAlgorithm alg : AeadAlgorithm.values()) {
            assertTrue(alg.isAvailable(), alg.name());
            assertEquals(12, alg.ivLength());
            assertEquals(16, alg.tagLength());
        }
        assertEquals("AES/GCM/NoPadding", AeadAlgorithm.AES_256_GCM.jcaTransformation());
        assertEquals("ChaCha20", AeadAlgorithm.CHACHA20_POLY1305.keyAlgorithm());
    }

    @Test
    void aes128GcmKnownAnswerGcmSpecTestCase4() throws TlsException {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 4 (also in NIST's GCM vectors).
        byte[] key = bytes("feffe9928665731c6d6a8f9467308308");
        byte[] iv = bytes("cafebabefacedbaddecaf888");
        byte[] aad = bytes("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] pt = bytes("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] ct = bytes("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091" + "5bc94fbc3221a5db94fae95ae7121a47");
        try (Aead aead = new Aead(AeadAlgorithm.AES_128_GCM, key)) {
            assertArrayEquals(ct, seal(aead, iv, aad, pt));
        }
        try (Aead aead = new Aead(AeadAlgorithm.AES_128_GCM, key)) {
            assertArrayEquals(pt, open(aead, iv, aad, ct));
        }
    }

    @Test
    void aes256GcmKnownAnswerGcmSpecTestCase16() throws TlsException {
        byte[] key = bytes("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        byte[] iv = bytes("cafebabefacedbaddecaf888");
        byte[] aad = bytes("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] pt = bytes("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] ct = bytes("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b");
        try (Aead aead = new Aead(AeadAlgorithm.AES_256_GCM, key)) {
            assertArrayEquals(ct, seal(aead, iv, aad, pt));
            assertArrayEquals(pt, open(aead, iv, aad, ct));
        }
    }

    @Test
    void chacha20Poly1305KnownAnswerRfc8439Section2_8_2() throws TlsException {
        byte[] key = bytes("80 81 82 83 84 85 86 87 88 89 8a 8b 8c 8d 8e 8f 90 91 92 93 94 95 96 97 98 99 9a 9b 9c 9d 9e 9f");
        byte[] nonce = bytes("07 00 00 00 40 41 42 43 44 45 46 47");
        byte[] aad = bytes("50 51 52 53 c0 c1 c2 c3 c4 c5 c6 c7");
        byte[] pt = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] ct = bytes("d3 1a 8d 34 64 8e 60 db 7b 86 af bc 53 ef 7e c2 a4 ad ed 51 29 6e 08 fe a9 e2 b5 a7 36 ee 62 d6"
                + "3d be a4 5e 8c a9 67 12 82 fa fb 69 da 92 72 8b 1a 71 de 0a 9e 06 0b 29 05 d6 a5 b6 7e cd 3b 36"
                + "92 dd bd 7f 2d 77 8b 8c 98 03 ae e3 28 09 1b 58 fa b3 24 e4 fa d6 75 94 55 85 80 8b 48 31 d7 bc"
                + "3f f4 de f0 8e 4b 7a 9d e5 76 d2 65 86 ce c6 4b 61 16"
                + "1a e1 0b 59 4f 09 e2 6a 7e 90 2e cb d0 60 06 91");
        try (Aead aead = new Aead(AeadAlgorithm.CHACHA20_POLY1305, key)) {
            assertArrayEquals(ct, seal(aead, nonce, aad, pt));
        }
        try (Aead aead = new Aead(AeadAlgorithm.CHACHA20_POLY1305, key)) {
            assertArrayEquals(pt, open(aead, nonce, aad, ct));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void roundTripsManyRecordsWithOneCipher(AeadAlgorithm alg) throws TlsException {
        byte[] k = key(alg, 1);
        try (Aead writer = new Aead(alg, k); Aead reader = new Aead(alg, k)) {
            for (int seq = 0; seq < 20; seq++) {
                byte[] pt = plaintext(seq * 97);
                byte[] sealed = seal(writer, nonce(seq), AAD, pt);
                assertEquals(pt.length + 16, sealed.length);
                assertArrayEquals(pt, open(reader, nonce(seq), AAD, sealed));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealsAndOpensInPlaceInOneHeapArray(AeadAlgorithm alg) throws TlsException {
        byte[] pt = plaintext(1000);
        byte[] k = key(alg, 2);
        byte[] record = new byte[5 + pt.length + 16];
        System.arraycopy(AAD, 0, record, 0, 5);
        System.arraycopy(pt, 0, record, 5, pt.length);
        ByteBuffer whole = ByteBuffer.wrap(record);
        try (Aead writer = new Aead(alg, k); Aead reader = new Aead(alg, k)) {
            // Seal: plaintext at offset 5, ciphertext written over it from the same offset.
            ByteBuffer in = whole.duplicate().position(5).limit(5 + pt.length);
            ByteBuffer out = whole.duplicate().position(5);
            writer.seal(nonce(0), AAD, in, out);
            assertEquals(record.length, out.position());
            assertEquals(5 + pt.length, in.position());
            byte[] expected = seal(new Aead(alg, k), nonce(0), AAD, pt);
            assertArrayEquals(expected, Arrays.copyOfRange(record, 5, record.length));

            // Open into the same place.
            ByteBuffer cin = whole.duplicate().position(5);
            ByteBuffer pout = whole.duplicate().position(5);
            assertEquals(pt.length, reader.open(nonce(0), AAD, cin, pout));
            assertArrayEquals(pt, Arrays.copyOfRange(record, 5, 5 + pt.length));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void opensToALowerOffsetOfTheSameArray(AeadAlgorithm alg) throws TlsException {
        byte[] pt = plaintext(333);
        byte[] k = key(alg, 3);
        byte[] sealed = seal(new Aead(alg, k), nonce(7), AAD, pt);
        byte[] record = new byte[5 + sealed.length];
        System.arraycopy(sealed, 0, record, 5, sealed.length);
        ByteBuffer whole = ByteBuffer.wrap(record);
        try (Aead reader = new Aead(alg, k)) {
            // The record layer may shift the plaintext down over the header.
            int n = reader.open(nonce(7), AAD, whole.duplicate().position(5), whole.duplicate().position(0));
            assertEquals(pt.length, n);
            assertArrayEquals(pt, Arrays.copyOf(record, n));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void worksWithDirectBuffersSeparateAndInPlace(AeadAlgorithm alg) throws TlsException {
        byte[] pt = plaintext(4096);
        byte[] k = key(alg, 4);
        byte[] expected = seal(new Aead(alg, k), nonce(1), AAD, pt);
        try (Aead writer = new Aead(alg, k); Aead reader = new Aead(alg, k)) {
            ByteBuffer in = ByteBuffer.allocateDirect(pt.length).put(pt).flip();
            ByteBuffer out = ByteBuffer.allocateDirect(pt.length + 16);
            writer.seal(nonce(1), AAD, in, out);
            byte[] got = new byte[out.flip().remaining()];
            out.get(got);
            assertArrayEquals(expected, got);

            // Heap in, direct out for opening.
            ByteBuffer plain = ByteBuffer.allocateDirect(pt.length);
            assertEquals(pt.length, reader.open(nonce(1), AAD, ByteBuffer.wrap(expected), plain));
            byte[] back = new byte[pt.length];
            plain.flip().get(back);
            assertArrayEquals(pt, back);

            // In place inside one direct buffer.
            ByteBuffer shared = ByteBuffer.allocateDirect(5 + expected.length);
            shared.position(5);
            shared.put(expected);
            ByteBuffer cin = shared.duplicate().position(5).limit(shared.capacity());
            ByteBuffer pout = shared.duplicate().position(5).limit(shared.capacity());
            assertEquals(pt.length, reader.open(nonce(1), AAD, cin, pout));
            byte[] inPlace = new byte[pt.length];
            shared.duplicate().position(5).get(inPlace);
            assertArrayEquals(pt, inPlace);
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void anyTamperingIsBadRecordMac(AeadAlgorithm alg) throws TlsException {
        byte[] k = key(alg, 5);
        byte[] pt = plaintext(64);
        byte[] sealed = seal(new Aead(alg, k), nonce(3), AAD, pt);
        try (Aead reader = new Aead(alg, k)) {
            for (int i : new int[] {0, 31, pt.length, sealed.length - 1}) {
                byte[] bad = sealed.clone();
                bad[i] ^= 0x01;
                assertBadRecordMac(assertThrows(TlsException.class, () -> open(reader, nonce(3), AAD, bad)));
            }
            byte[] otherAad = AAD.clone();
            otherAad[4] ^= 1;
            assertBadRecordMac(assertThrows(TlsException.class, () -> open(reader, nonce(3), otherAad, sealed)));
            assertBadRecordMac(assertThrows(TlsException.class, () -> open(reader, nonce(4), AAD, sealed)));
            assertBadRecordMac(assertThrows(TlsException.class, () -> open(reader, nonce(3), AAD, Arrays.copyOf(sealed, 15))));
            TlsException e = assertThrows(TlsException.class, () -> open(reader, nonce(3), AAD, new byte[0]));
            assertBadRecordMac(e);
            assertTrue(e.getMessage().contains("record authentication failed"), e.getMessage());
            // The reader still works after failures.
            assertArrayEquals(pt, open(reader, nonce(3), AAD, sealed));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void openingTheSameNonceTwiceStillWorks(AeadAlgorithm alg) throws TlsException {
        // RFC 8446 §4.2.10: a server skipping rejected 0-RTT records retries the same sequence number.
        byte[] k = key(alg, 6);
        byte[] pt = plaintext(50);
        byte[] sealed = seal(new Aead(alg, k), nonce(9), AAD, pt);
        try (Aead reader = new Aead(alg, k)) {
            assertArrayEquals(pt, open(reader, nonce(9), AAD, sealed));
            assertArrayEquals(pt, open(reader, nonce(9), AAD, sealed));
            byte[] bad = sealed.clone();
            bad[0] ^= 1;
            assertBadRecordMac(assertThrows(TlsException.class, () -> open(reader, nonce(9), AAD, bad)));
            assertBadRecordMac(assertThrows(TlsException.class, () -> open(reader, nonce(9), AAD, bad)));
            assertArrayEquals(pt, open(reader, nonce(9), AAD, sealed));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealingTheSameNonceTwiceIsAnInternalError(AeadAlgorithm alg) throws TlsException {
        // Never happens with correct sequence numbers; the JCA refuses it, and we report it as our bug.
        try (Aead writer = new Aead(alg, key(alg, 7))) {
            seal(writer, nonce(1), AAD, plaintext(10));
            TlsException e = assertThrows(TlsException.class, () -> seal(writer, nonce(1), AAD, plaintext(10)));
            assertEquals(TlsException.Type.INTERNAL, e.type());
            assertEquals(Alert.INTERNAL_ERROR, e.alert());
        }
    }

    @Test
    void aadSlicesAreHonoured() throws TlsException {
        AeadAlgorithm alg = AeadAlgorithm.AES_128_GCM;
        byte[] k = key(alg, 8);
        byte[] padded = new byte[20];
        System.arraycopy(AAD, 0, padded, 7, 5);
        byte[] pt = plaintext(40);
        ByteBuffer out = ByteBuffer.allocate(56);
        try (Aead writer = new Aead(alg, k); Aead reader = new Aead(alg, k)) {
            writer.seal(nonce(0), padded, 7, 5, ByteBuffer.wrap(pt), out);
            assertArrayEquals(pt, open(reader, nonce(0), AAD, out.array()));
            ByteBuffer back = ByteBuffer.allocate(40);
            reader.open(nonce(0), padded, 7, 5, ByteBuffer.wrap(out.array()), back);
            assertArrayEquals(pt, back.array());
        }
    }

    @Test
    void misuseIsReportedAsProgrammingErrors() throws TlsException {
        AeadAlgorithm alg = AeadAlgorithm.CHACHA20_POLY1305;
        assertThrows(IllegalArgumentException.class, () -> new Aead(alg, new byte[16]));
        Aead aead = new Aead(alg, key(alg, 9));
        assertEquals(alg, aead.algorithm());
        assertThrows(IllegalArgumentException.class, () -> seal(aead, new byte[8], AAD, plaintext(4)));
        assertThrows(IllegalArgumentException.class,
                () -> aead.seal(nonce(0), AAD, ByteBuffer.wrap(plaintext(10)), ByteBuffer.allocate(25)));
        assertThrows(IllegalArgumentException.class,
                () -> aead.open(nonce(0), AAD, ByteBuffer.allocate(40), ByteBuffer.allocate(23)));
        aead.close();
        aead.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> seal(aead, nonce(0), AAD, plaintext(4)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(aead.toString().contains("closed"));
    }
}
