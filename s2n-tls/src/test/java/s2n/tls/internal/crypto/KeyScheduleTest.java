package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stage discipline of the TLS 1.3 key schedule and the derivations hung off it. */
class KeyScheduleTest {

    private static byte[] th(Hash h, int seed) {
        return h.digest(new byte[] {(byte) seed});
    }

    @Test
    void advancingClosesTheStageBehind() {
        KeySchedule13.EarlySecret early = KeySchedule13.early(Hash.SHA256, null);
        KeySchedule13.HandshakeSecret hs = early.handshake(new byte[32]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> early.binderKey(true));
        assertTrue(e.getMessage().contains("early secret"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> early.handshake(new byte[32]));
        assertThrows(IllegalStateException.class, () -> early.clientEarlyTrafficSecret(th(Hash.SHA256, 1)));

        KeySchedule13.MasterSecret master = hs.master();
        assertThrows(IllegalStateException.class, () -> hs.serverTrafficSecret(th(Hash.SHA256, 1)));
        assertThrows(IllegalStateException.class, hs::master);
        assertTrue(hs.toString().contains("closed"), hs.toString());

        master.clientApplicationTrafficSecret(th(Hash.SHA256, 2)).close();
        master.close();
        master.close();
        assertThrows(IllegalStateException.class, () -> master.resumptionMasterSecret(th(Hash.SHA256, 3)));
        assertSame(Hash.SHA256, master.hash());
    }

    @Test
    void closingAStageZeroesItsSecret() {
        KeySchedule13.EarlySecret early = KeySchedule13.early(Hash.SHA384, new byte[] {1, 2, 3});
        byte[] before = early.secretForTest();
        assertFalse(SecretBytes.allZero(before));
        early.close();
        assertThrows(IllegalStateException.class, early::secretForTest);
        assertFalse(early.toString().contains(Hex.hex(before)));
    }

    @Test
    void transcriptHashesMustHaveTheSuiteHashLength() {
        KeySchedule13.HandshakeSecret hs = KeySchedule13.early(Hash.SHA384, null).handshake(new byte[48]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> hs.clientTrafficSecret(th(Hash.SHA256, 1)));
        assertTrue(e.getMessage().contains("48-byte"), e.getMessage());
        assertEquals(48, hs.clientTrafficSecret(th(Hash.SHA384, 1)).length());
    }

    @Test
    void missingPskAndMissingSharedSecretMeanZeros() {
        // RFC 8446 §7.1: "If a given secret is not available, then the 0-value consisting of a string
        // of Hash.length bytes set to zeros is used."
        for (Hash h : Hash.values()) {
            byte[] zeros = new byte[h.length()];
            assertArrayEquals(KeySchedule13.early(h, zeros).secretForTest(), KeySchedule13.early(h, null).secretForTest());
            byte[] pskKe = KeySchedule13.early(h, new byte[] {7}).handshake(null).secretForTest();
            byte[] withZeros = KeySchedule13.early(h, new byte[] {7}).handshake(zeros).secretForTest();
            assertArrayEquals(withZeros, pskKe, h.name());
            assertEquals(h.length(), pskKe.length);
        }
    }

    @Test
    void trafficKeysFollowTheAeadAndZeroOnClose() {
        try (SecretBytes secret = SecretBytes.copyOf(th(Hash.SHA384, 9))) {
            KeySchedule13.TrafficKeys keys = KeySchedule13.trafficKeys(Hash.SHA384, secret, AeadAlgorithm.AES_256_GCM);
            assertEquals(32, keys.key().length());
            assertEquals(12, keys.iv().length);
            byte[] iv = keys.iv();
            assertEquals("TrafficKeys[key 32 bytes, iv 12 bytes]", keys.toString());
            keys.close();
            assertTrue(keys.key().isDestroyed());
            assertTrue(SecretBytes.allZero(iv));
        }
    }

    @Test
    void keyUpdateChainsTrafficUpd() {
        // RFC 8446 §7.2: each update is HKDF-Expand-Label(current, "traffic upd", "", Hash.length).
        try (SecretBytes s0 = SecretBytes.copyOf(th(Hash.SHA256, 4));
             SecretBytes s1 = KeySchedule13.nextApplicationTrafficSecret(Hash.SHA256, s0);
             SecretBytes s2 = KeySchedule13.nextApplicationTrafficSecret(Hash.SHA256, s1)) {
            assertArrayEquals(Hkdf.expandLabel(Hash.SHA256, s0.bytes(), "traffic upd", new byte[0], 32), s1.bytes());
            assertArrayEquals(Hkdf.expandLabel(Hash.SHA256, s1.bytes(), "traffic upd", new byte[0], 32), s2.bytes());
            assertFalse(Arrays.equals(s1.bytes(), s2.bytes()));
        }
    }

    @Test
    void exporterFollowsRfc8446Section7_5() {
        try (SecretBytes exporter = SecretBytes.copyOf(th(Hash.SHA256, 5))) {
            byte[] context = "context".getBytes(StandardCharsets.US_ASCII);
            byte[] perLabel = Hkdf.deriveSecret(Hash.SHA256, exporter.bytes(), "EXPORTER-test", Hash.SHA256.emptyHash());
            byte[] expected = Hkdf.expandLabel(Hash.SHA256, perLabel, "exporter", Hash.SHA256.digest(context), 20);
            assertArrayEquals(expected, KeySchedule13.exportKeyingMaterial(Hash.SHA256, exporter, "EXPORTER-test", context, 20));
            assertArrayEquals(KeySchedule13.exportKeyingMaterial(Hash.SHA256, exporter, "EXPORTER-test", new byte[0], 16),
                    KeySchedule13.exportKeyingMaterial(Hash.SHA256, exporter, "EXPORTER-test", null, 16));
            assertFalse(Arrays.equals(expected,
                    KeySchedule13.exportKeyingMaterial(Hash.SHA256, exporter, "EXPORTER-other", context, 20)));
        }
    }

    @Test
    void finishedVerifyDataIsHashLengthAndKeyDependent() {
        try (SecretBytes a = SecretBytes.copyOf(th(Hash.SHA512, 1)); SecretBytes b = SecretBytes.copyOf(th(Hash.SHA512, 2))) {
            byte[] transcript = th(Hash.SHA512, 3);
            byte[] va = KeySchedule13.finishedVerifyData(Hash.SHA512, a, transcript);
            assertEquals(64, va.length);
            assertFalse(Arrays.equals(va, KeySchedule13.finishedVerifyData(Hash.SHA512, b, transcript)));
        }
    }
}
