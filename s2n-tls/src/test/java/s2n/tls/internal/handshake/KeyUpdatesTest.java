package s2n.tls.internal.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.TlsException;
import s2n.tls.internal.crypto.AeadAlgorithm;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.record.ContentType;
import s2n.tls.internal.record.PlaintextProtection;
import s2n.tls.internal.record.Tls12Protection;
import s2n.tls.internal.record.Tls13Protection;

/**
 * What {@link KeyUpdates} makes due, and the RFC 8446 §5.5 limits it counts against. The
 * connection-level behaviour is in {@code KeyUpdateTest} and {@code KeyUpdateWireTest}.
 */
class KeyUpdatesTest {
    private static final KeyUpdate NOT_REQUESTED = new KeyUpdate(KeyUpdate.UPDATE_NOT_REQUESTED);
    private static final KeyUpdate REQUESTED = new KeyUpdate(KeyUpdate.UPDATE_REQUESTED);

    private static Tls13Protection keys(CipherSuite suite) throws TlsException {
        return Tls13Protection.create(suite, SecretBytes.copyOf(new byte[suite.hash().length()]));
    }

    /** RFC 8446 §5.5: 2^24.5 AES-GCM records, rounded down; ChaCha20-Poly1305 is bounded by the sequence number alone. */
    @Test
    void theLimitsAreTheRfcs() {
        long aesGcm = (long) Math.floor(Math.pow(2, 24.5));
        assertEquals(23_726_566L, aesGcm);
        assertEquals(aesGcm, AeadAlgorithm.AES_128_GCM.recordLimit());
        assertEquals(aesGcm, AeadAlgorithm.AES_256_GCM.recordLimit());
        // 2^64 - 1 records, unsigned: sequence numbers 0 .. 2^64 - 2 (the last one is never used).
        assertEquals("18446744073709551615", Long.toUnsignedString(AeadAlgorithm.CHACHA20_POLY1305.recordLimit()));
    }

    /**
     * A key that has sealed limit - 1 records seals the KeyUpdate as its last: s2n updates once
     * S2N_TLS13_AES_GCM_MAXIMUM_RECORD_NUMBER (23,726,565) records are sealed, as here.
     */
    @Test
    void theKeyUpdateTakesTheLastRecordUnderTheLimit() {
        long aesGcm = AeadAlgorithm.AES_128_GCM.recordLimit();
        assertFalse(KeyUpdates.lastRecordUnder(0, aesGcm));
        assertFalse(KeyUpdates.lastRecordUnder(23_726_564L, aesGcm));
        assertTrue(KeyUpdates.lastRecordUnder(23_726_565L, aesGcm));
        assertTrue(KeyUpdates.lastRecordUnder(23_726_566L, aesGcm), "past the limit (records sealed before the check)");
        long chacha = AeadAlgorithm.CHACHA20_POLY1305.recordLimit();
        assertFalse(KeyUpdates.lastRecordUnder(Long.MAX_VALUE, chacha), "2^63 - 1 records is nowhere near");
        assertFalse(KeyUpdates.lastRecordUnder(-3L, chacha));
        assertTrue(KeyUpdates.lastRecordUnder(-2L, chacha), "2^64 - 2 records sealed: rekey rather than wrap (§5.3)");
    }

    @Test
    void nothingIsDueUntilSomethingMakesItDue() throws Exception {
        KeyUpdates u = new KeyUpdates();
        try (Tls13Protection k = keys(CipherSuite.TLS_AES_128_GCM_SHA256)) {
            assertEquals(List.of(), u.due(k));
            assertFalse(u.isPending());
            u.received(false);
            assertEquals(List.of(), u.due(k), "update_not_requested is not answered");
            assertEquals(1, u.receivedCount());
            assertEquals(0, u.sentCount());
        }
    }

    @Test
    void whatIsDueForEachCause() throws Exception {
        try (Tls13Protection k = keys(CipherSuite.TLS_CHACHA20_POLY1305_SHA256)) {
            KeyUpdates u = new KeyUpdates();
            u.request(false);
            assertTrue(u.isPending());
            assertEquals(List.of(NOT_REQUESTED), u.due(k));
            assertEquals(List.of(), u.due(k), "taken once");

            u.request(true);
            assertEquals(List.of(REQUESTED), u.due(k));

            u.received(true);
            u.received(true);
            assertEquals(List.of(NOT_REQUESTED), u.due(k), "one answer for any number of requests");

            u.request(true);
            u.received(false);
            assertEquals(List.of(NOT_REQUESTED), u.due(k), "the peer's key changed after our request");

            u.request(true);
            u.received(true);
            assertEquals(List.of(NOT_REQUESTED), u.due(k), "the answer serves our request too");

            u.received(true);
            u.request(true);
            assertEquals(List.of(NOT_REQUESTED, REQUESTED), u.due(k), "the answer first, then our request");

            assertEquals(5, u.receivedCount());
            assertEquals(7, u.sentCount());
            assertFalse(u.isPending());
            u.reset();
            assertEquals(0, u.receivedCount());
            assertEquals(0, u.sentCount());
        }
    }

    @Test
    void theRecordLimitMakesAKeyUpdateDue() throws Exception {
        KeyUpdates u = new KeyUpdates();
        u.overrideRecordLimit(3);
        try (Tls13Protection k = keys(CipherSuite.TLS_AES_256_GCM_SHA384)) {
            ByteBuffer out = ByteBuffer.allocate(1024);
            for (int i = 0; i < 2; i++) {
                assertEquals(List.of(), u.due(k), "record " + i);
                k.seal(ContentType.APPLICATION_DATA, ByteBuffer.wrap(new byte[] {1}), out.clear());
            }
            assertEquals(List.of(NOT_REQUESTED), u.due(k));
            u.request(true);
            assertEquals(List.of(REQUESTED), u.due(k), "limit and request share one");
        }
        assertThrows(IllegalArgumentException.class, () -> u.overrideRecordLimit(1));
    }

    /** TLS 1.2 and plaintext protections have no KeyUpdate and no limit to reach. */
    @Test
    void otherProtectionsNeverReachTheLimit() {
        KeyUpdates u = new KeyUpdates();
        u.overrideRecordLimit(2);
        try (Tls12Protection k = Tls12Protection.create(AeadAlgorithm.AES_128_GCM, new byte[16], new byte[4])) {
            assertEquals(List.of(), u.due(k));
        }
        assertEquals(List.of(), u.due(PlaintextProtection.TLS12));
    }
}
