package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.crypto.Hex.bytes;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hash table and the secret holder: lengths, names, known digests, zeroing. */
class HashAndSecretBytesTest {

    @Test
    void hashesHaveTheirJcaNamesAndLengths() {
        assertEquals("SHA-256", Hash.SHA256.digestAlgorithm());
        assertEquals("HmacSHA384", Hash.SHA384.macAlgorithm());
        assertEquals(64, Hash.SHA512.length());
        for (Hash h : Hash.values()) {
            assertEquals(h.length(), h.newDigest().getDigestLength(), h.name());
            assertEquals(h.length(), h.newMac().getMacLength(), h.name());
            assertEquals(h.length(), h.emptyHash().length, h.name());
        }
    }

    @Test
    void digestsMatchPublishedValues() {
        // FIPS 180-2 "abc" and the empty string; RFC 8448 prints the latter as the "tls13 derived" context.
        assertArrayEquals(bytes("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Hash.SHA256.digest("abc".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(bytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), Hash.SHA256.emptyHash());
        assertArrayEquals(bytes("38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"),
                Hash.SHA384.emptyHash());
    }

    @Test
    void emptyHashIsAFreshCopyEachCall() {
        byte[] first = Hash.SHA256.emptyHash();
        first[0] ^= 1;
        assertNotSame(first, Hash.SHA256.emptyHash());
        assertEquals((byte) 0xe3, Hash.SHA256.emptyHash()[0]);
    }

    @Test
    void secretBytesZeroesOnCloseAndRefusesLaterUse() {
        byte[] raw = {1, 2, 3, 4};
        SecretBytes s = new SecretBytes(raw);
        assertEquals(4, s.length());
        assertTrue(s.bytes() == raw, "takes ownership without copying");
        assertFalse(s.isDestroyed());
        s.close();
        assertTrue(s.isDestroyed());
        assertTrue(SecretBytes.allZero(raw));
        assertEquals(4, s.length());
        IllegalStateException e = assertThrows(IllegalStateException.class, s::bytes);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        s.close(); // idempotent
        assertTrue(SecretBytes.allZero(raw));
    }

    @Test
    void copyOfLeavesTheCallerArrayAloneAndCopyBytesIsIndependent() {
        byte[] raw = {7, 7, 7};
        SecretBytes s = SecretBytes.copyOf(raw);
        byte[] copy = s.copyBytes();
        copy[0] = 0;
        assertEquals(7, s.bytes()[0]);
        s.close();
        assertArrayEquals(new byte[] {7, 7, 7}, raw);
        assertArrayEquals(new byte[] {0, 7, 7}, copy);
    }

    @Test
    void toStringShowsTheLengthNeverTheContents() {
        byte[] raw = new byte[48];
        raw[0] = 0x5a;
        SecretBytes s = new SecretBytes(raw);
        assertEquals("SecretBytes[48 bytes]", s.toString());
        assertFalse(s.toString().contains("5a") || s.toString().contains("90"));
    }

    @Test
    void allZeroSeesAnySetByte() {
        assertTrue(SecretBytes.allZero(new byte[0]));
        assertTrue(SecretBytes.allZero(new byte[5]));
        assertFalse(SecretBytes.allZero(new byte[] {0, 0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new SecretBytes(null));
    }
}
