package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * The record path's allocation-free forms (seal straight from the caller's bytes, open in place),
 * cipher objects handed from one key to the next, and HMACs reused per thread: each gives the
 * same bytes as the plain form.
 */
class CipherAndMacReuseTest {
    private static final byte[] AAD = {0x17, 0x03, 0x03, 0x00, 0x40};

    private static byte[] random(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] nonce(int seq) {
        byte[] n = new byte[12];
        n[11] = (byte) seq;
        return n;
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealWithTrailerEqualsSealingContentThenTrailer(AeadAlgorithm alg) throws TlsException {
        byte[] key = random(alg.keyLength(), 1);
        byte[] content = random(1000, 2);
        byte[] inner = new byte[content.length + 1];
        System.arraycopy(content, 0, inner, 0, content.length);
        inner[content.length] = 23;
        ByteBuffer expected = ByteBuffer.allocate(inner.length + 16);
        try (Aead a = new Aead(alg, key)) {
            a.seal(nonce(1), AAD, ByteBuffer.wrap(inner), expected);
        }
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer src = direct ? ByteBuffer.allocateDirect(content.length).put(content).flip() : ByteBuffer.wrap(content);
            ByteBuffer out = ByteBuffer.allocate(inner.length + 16 + 3);
            out.position(3);
            try (Aead a = new Aead(alg, key)) {
                a.sealWithTrailer(nonce(1), AAD, src, (byte) 23, out);
            }
            assertFalse(src.hasRemaining());
            assertEquals(out.capacity(), out.position());
            assertArrayEquals(expected.array(), java.util.Arrays.copyOfRange(out.array(), 3, out.capacity()), alg + " direct=" + direct);
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void openInPlaceRecoversThePlaintextAndRejectsTampering(AeadAlgorithm alg) throws TlsException {
        byte[] key = random(alg.keyLength(), 3);
        byte[] plain = random(300, 4);
        ByteBuffer sealed = ByteBuffer.allocate(plain.length + 16 + 7);
        sealed.position(7);
        try (Aead a = new Aead(alg, key)) {
            a.seal(nonce(2), AAD, ByteBuffer.wrap(plain), sealed);
        }
        byte[] record = sealed.array().clone();
        try (Aead a = new Aead(alg, key)) {
            assertEquals(plain.length, a.openInPlace(nonce(2), AAD, record, 7, plain.length + 16));
        }
        assertArrayEquals(plain, java.util.Arrays.copyOfRange(record, 7, 7 + plain.length));

        byte[] tampered = sealed.array().clone();
        tampered[10] ^= 1;
        try (Aead a = new Aead(alg, key)) {
            TlsException e = assertThrows(TlsException.class, () -> a.openInPlace(nonce(2), AAD, tampered, 7, plain.length + 16));
            assertEquals(ErrorCode.BAD_RECORD_MAC.alert(), e.alert());
            TlsException shortRecord = assertThrows(TlsException.class, () -> a.openInPlace(nonce(2), AAD, tampered, 7, 15));
            assertEquals(ErrorCode.BAD_RECORD_MAC.alert(), shortRecord.alert());
        }
    }

    @Test
    void aCipherGivenUpByOneKeyServesTheNextKeyOfTheSameTransformation() throws TlsException {
        byte[] plain = random(64, 5);
        Aead first = new Aead(AeadAlgorithm.AES_128_GCM, random(16, 6));
        first.seal(nonce(0), AAD, ByteBuffer.wrap(plain), ByteBuffer.allocate(80));
        Cipher used = first.surrenderCipher();
        assertTrue(used != null);
        assertNull(first.surrenderCipher());
        first.close();

        byte[] key = random(32, 7);
        ByteBuffer expected = ByteBuffer.allocate(80);
        try (Aead fresh = new Aead(AeadAlgorithm.AES_256_GCM, key)) {
            fresh.seal(nonce(9), AAD, ByteBuffer.wrap(plain), expected);
        }
        try (Aead next = new Aead(AeadAlgorithm.AES_256_GCM, key)) {
            assertTrue(next.adoptCipher(used));
            assertFalse(next.adoptCipher(used), "a key with a cipher takes no second one");
            ByteBuffer out = ByteBuffer.allocate(80);
            next.seal(nonce(9), AAD, ByteBuffer.wrap(plain), out);
            assertArrayEquals(expected.array(), out.array());
            assertSame(used, next.surrenderCipher());
        }
        try (Aead chacha = new Aead(AeadAlgorithm.CHACHA20_POLY1305, key)) {
            assertFalse(chacha.adoptCipher(used), "an AES-GCM cipher cannot serve ChaCha20-Poly1305");
        }
        Aead closed = new Aead(AeadAlgorithm.AES_128_GCM, random(16, 8));
        closed.close();
        assertFalse(closed.adoptCipher(used));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void aClosedKeysCipherIsPurgedThenServesTheNextKeyOnThisThread(AeadAlgorithm alg) throws Exception {
        drainIdleCiphers(alg);
        byte[] plain = random(100, 10);
        byte[] key = random(alg.keyLength(), 11);
        ByteBuffer sealed = ByteBuffer.allocate(plain.length + 16);
        Aead first = new Aead(alg, key);
        first.seal(nonce(3), AAD, ByteBuffer.wrap(plain), sealed);
        first.close();

        Cipher idle = IdleCiphers.take(alg.jcaTransformation());
        assertTrue(idle != null, "close() left the cipher on this thread's shelf");
        assertNull(IdleCiphers.take(alg.jcaTransformation()));
        // Purged: the cipher no longer remembers the closed key. SunJCE refuses to encrypt again under
        // the key and nonce it last encrypted with ("Cannot reuse iv"), so a cipher that still held
        // the old key would refuse this.
        idle.init(Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, alg.keyAlgorithm()), alg.parameters(nonce(3)));
        idle.updateAAD(AAD);
        assertArrayEquals(sealed.array(), idle.doFinal(plain));
        // Retiring twice in a row (taken, unused, retired) keeps it too.
        IdleCiphers.retire(idle);
        Cipher again = IdleCiphers.take(alg.jcaTransformation());
        assertSame(idle, again);
        IdleCiphers.retire(again);
        assertSame(again, IdleCiphers.take(alg.jcaTransformation()));

        // The next key on this thread takes it and gives the bytes a new cipher gives.
        IdleCiphers.retire(again);
        byte[] nextKey = random(alg.keyLength(), 12);
        ByteBuffer expected = ByteBuffer.allocate(plain.length + 16);
        Cipher reference = Cipher.getInstance(alg.jcaTransformation());
        reference.init(Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(nextKey, alg.keyAlgorithm()), alg.parameters(nonce(4)));
        reference.updateAAD(AAD);
        expected.put(reference.doFinal(plain));
        try (Aead next = new Aead(alg, nextKey)) {
            ByteBuffer out = ByteBuffer.allocate(plain.length + 16);
            next.seal(nonce(4), AAD, ByteBuffer.wrap(plain), out);
            assertArrayEquals(expected.array(), out.array());
            assertSame(again, next.surrenderCipher(), "the idle cipher was taken, not a new one");
        }
    }

    @Test
    void eachThreadKeepsAFewIdleCiphersOfItsOwn() throws Exception {
        String t = AeadAlgorithm.AES_128_GCM.jcaTransformation();
        drainIdleCiphers(AeadAlgorithm.AES_128_GCM);
        for (int i = 0; i < IdleCiphers.PER_THREAD + 2; i++) {
            IdleCiphers.retire(Cipher.getInstance(t));
        }
        Cipher[] fromOtherThread = new Cipher[1];
        Thread other = new Thread(() -> fromOtherThread[0] = IdleCiphers.take(t));
        other.start();
        other.join();
        assertNull(fromOtherThread[0], "another thread never sees this thread's ciphers");
        for (int i = 0; i < IdleCiphers.PER_THREAD; i++) {
            assertTrue(IdleCiphers.take(t) != null);
        }
        assertNull(IdleCiphers.take(t), "no more than PER_THREAD are kept");
        IdleCiphers.retire(null);
        assertNull(IdleCiphers.take(t));
    }

    private static void drainIdleCiphers(AeadAlgorithm alg) {
        while (IdleCiphers.take(alg.jcaTransformation()) != null) {
            // keep taking
        }
    }

    /** RFC 4231 §4.3 (test case 2): HMAC-SHA-256 with key "Jefe". */
    @Test
    void reusedHmacGivesTheRfc4231AnswerEveryTime() {
        byte[] key = "Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] data = "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] expected = HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        Mac first = Hmac.borrow(Hash.SHA256, key);
        assertArrayEquals(expected, first.doFinal(data));
        Hmac.giveBack(Hash.SHA256, first);
        Mac second = Hmac.borrow(Hash.SHA256, key);
        assertSame(first, second, "the idle Mac of this thread is reused");
        Mac nested = Hmac.borrow(Hash.SHA256, key);
        assertNotSame(second, nested, "a Mac still borrowed is never handed out twice");
        assertArrayEquals(expected, second.doFinal(data));
        assertArrayEquals(expected, nested.doFinal(data));
        Hmac.giveBack(Hash.SHA256, second);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected, Hmac.mac(Hash.SHA256, key, data));
        }
    }
}
