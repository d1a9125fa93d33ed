package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static s2n.tls.internal.crypto.Hex.bytes;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HKDF against RFC 5869 Appendix A, and HKDF-Expand-Label against the HkdfLabel bytes RFC 8448 prints. */
class HkdfTest {

    @Test
    void rfc5869TestCase1BasicSha256() {
        byte[] ikm = bytes("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = bytes("000102030405060708090a0b0c");
        byte[] info = bytes("f0f1f2f3f4f5f6f7f8f9");
        byte[] prk = Hkdf.extract(Hash.SHA256, salt, ikm);
        assertArrayEquals(bytes("077709362c2e32df0ddc3f0dc47bba63 90b6c73bb50f9c3122ec844ad7c2b3e5"), prk);
        assertArrayEquals(bytes("3cb25f25faacd57a90434f64d0362f2a 2d2d0a90cf1a5a4c5db02d56ecc4c5bf 34007208d5b887185865"),
                Hkdf.expand(Hash.SHA256, prk, info, 42));
    }

    @Test
    void rfc5869TestCase2LongerInputs() {
        byte[] ikm = bytes("000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f"
                + "202122232425262728292a2b2c2d2e2f 303132333435363738393a3b3c3d3e3f 404142434445464748494a4b4c4d4e4f");
        byte[] salt = bytes("606162636465666768696a6b6c6d6e6f 707172737475767778797a7b7c7d7e7f"
                + "808182838485868788898a8b8c8d8e8f 909192939495969798999a9b9c9d9e9f a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        byte[] info = bytes("b0b1b2b3b4b5b6b7b8b9babbbcbdbebf c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
                + "d0d1d2d3d4d5d6d7d8d9dadbdcdddedf e0e1e2e3e4e5e6e7e8e9eaebecedeeef f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] prk = Hkdf.extract(Hash.SHA256, salt, ikm);
        assertArrayEquals(bytes("06a6b88c5853361a06104c9ceb35b45c ef760014904671014a193f40c15fc244"), prk);
        assertArrayEquals(bytes("b11e398dc80327a1c8e7f78c596a4934 4f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09 da3275600c2f09b8367793a9aca3db71"
                + "cc30c58179ec3e87c14c01d5c1f3434f 1d87"), Hkdf.expand(Hash.SHA256, prk, info, 82));
    }

    @Test
    void rfc5869TestCase3ZeroLengthSaltAndInfo() {
        byte[] ikm = bytes("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] expectedPrk = bytes("19ef24a32c717b167f33a91d6f648bdf 96596776afdb6377ac434c1c293ccb04");
        // RFC 5869 §2.2: a salt that is not provided means HashLen zeros; empty means the same.
        assertArrayEquals(expectedPrk, Hkdf.extract(Hash.SHA256, new byte[0], ikm));
        assertArrayEquals(expectedPrk, Hkdf.extract(Hash.SHA256, null, ikm));
        assertArrayEquals(expectedPrk, Hkdf.extract(Hash.SHA256, new byte[32], ikm));
        assertArrayEquals(bytes("8da4e775a563c18f715f802a063c5a31 b8a11f5c5ee1879ec3454e5f3c738d2d 9d201395faa4b61a96c8"),
                Hkdf.expand(Hash.SHA256, expectedPrk, new byte[0], 42));
    }

    @Test
    void expandIsAPrefixStreamAndHasTheRfcLengthLimit() {
        byte[] prk = Hkdf.extract(Hash.SHA384, null, new byte[] {1, 2, 3});
        assertEquals(48, prk.length);
        byte[] longest = Hkdf.expand(Hash.SHA384, prk, new byte[] {9}, 255 * 48);
        byte[] shorter = Hkdf.expand(Hash.SHA384, prk, new byte[] {9}, 100);
        assertArrayEquals(java.util.Arrays.copyOf(longest, 100), shorter);
        assertEquals(0, Hkdf.expand(Hash.SHA384, prk, new byte[0], 0).length);
        assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(Hash.SHA384, prk, new byte[0], 255 * 48 + 1));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(Hash.SHA384, prk, new byte[0], -1));
    }

    @Test
    void expandLabelBuildsTheHkdfLabelRfc8448Prints() {
        // RFC 8448 §3, {server} derive write traffic keys for handshake data: "key info" and "iv info".
        byte[] secret = bytes("b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38");
        byte[] keyInfo = bytes("00 10 09 74 6c 73 31 33 20 6b 65 79 00");
        byte[] ivInfo = bytes("00 0c 08 74 6c 73 31 33 20 69 76 00");
        assertArrayEquals(Hkdf.expand(Hash.SHA256, secret, keyInfo, 16), Hkdf.expandLabel(Hash.SHA256, secret, "key", new byte[0], 16));
        assertArrayEquals(bytes("3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc"),
                Hkdf.expandLabel(Hash.SHA256, secret, "key", new byte[0], 16));
        assertArrayEquals(bytes("5d 31 3e b2 67 12 76 ee 13 00 0b 30"), Hkdf.expand(Hash.SHA256, secret, ivInfo, 12));
        assertArrayEquals(bytes("5d 31 3e b2 67 12 76 ee 13 00 0b 30"), Hkdf.expandLabel(Hash.SHA256, secret, "iv", new byte[0], 12));
    }

    @Test
    void deriveSecretUsesTheTranscriptHashAsContext() {
        // RFC 8448 §3, {server} derive secret for handshake "tls13 derived": info is the HkdfLabel with Hash("").
        byte[] early = bytes("33 ad 0a 1c 60 7e c0 3b 09 e6 cd 98 93 68 0c e2 10 ad f3 00 aa 1f 26 60 e1 b2 2e 10 f1 70 f9 2a");
        byte[] info = bytes("00 20 0d 74 6c 73 31 33 20 64 65 72 69 76 65 64 20 e3 b0 c4 42 98 fc 1c 14 9a fb f4 c8 99 6f b9 24"
                + "27 ae 41 e4 64 9b 93 4c a4 95 99 1b 78 52 b8 55");
        byte[] expected = bytes("6f 26 15 a1 08 c7 02 c5 67 8f 54 fc 9d ba b6 97 16 c0 76 18 9c 48 25 0c eb ea c3 57 6c 36 11 ba");
        assertArrayEquals(expected, Hkdf.expand(Hash.SHA256, early, info, 32));
        assertArrayEquals(expected, Hkdf.deriveSecret(Hash.SHA256, early, "derived", Hash.SHA256.emptyHash()));
    }

    @Test
    void expandLabelRejectsLabelsAndContextsTheWireCannotCarry() {
        byte[] secret = new byte[32];
        String longLabel = "x".repeat(250); // 6 + 250 > 255
        assertThrows(IllegalArgumentException.class, () -> Hkdf.expandLabel(Hash.SHA256, secret, longLabel, new byte[0], 32));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.expandLabel(Hash.SHA256, secret, "key", new byte[256], 32));
        // The longest legal label still works.
        byte[] ok = Hkdf.expandLabel(Hash.SHA256, secret, "x".repeat(249), "ctx".getBytes(StandardCharsets.US_ASCII), 32);
        assertEquals(32, ok.length);
    }
}
