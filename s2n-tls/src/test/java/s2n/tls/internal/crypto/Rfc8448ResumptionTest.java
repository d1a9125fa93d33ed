package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static s2n.tls.internal.crypto.Rfc8448Trace.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import s2n.tls.TlsException;

/**
 * RFC 8448 §4, the start of the Resumed 0-RTT Handshake: the PSK from §3's ticket feeds the early
 * secret, the PSK binder, the client early traffic and early exporter secrets, the early write keys
 * and the 0-RTT application data record.
 */
class Rfc8448ResumptionTest {
    private static final Hash H = Hash.SHA256;

    @Test
    void theTicketPskStartsTheResumedEarlySecret() {
        try (SecretBytes res = SecretBytes.copyOf(RESUMPTION_MASTER);
             SecretBytes psk = KeySchedule13.resumptionPsk(H, res, TICKET_NONCE);
             KeySchedule13.EarlySecret early = KeySchedule13.early(H, psk.bytes())) {
            assertArrayEquals(RESUMPTION_PSK, psk.bytes());
            assertArrayEquals(RESUMED_EARLY_SECRET, early.secretForTest());
        }
    }

    @Test
    void pskBinderOverTheTruncatedClientHello() {
        // RFC 8446 §4.2.11.2: the binder is a Finished computed over the ClientHello up to the binders.
        Transcript truncated = new Transcript();
        truncated.add(RESUMED_CLIENT_HELLO_PREFIX);
        truncated.selectHash(H);
        assertArrayEquals(BINDER_HASH, truncated.currentHash());

        try (KeySchedule13.EarlySecret early = KeySchedule13.early(H, RESUMPTION_PSK);
             SecretBytes binderKey = early.binderKey(true);
             SecretBytes externalBinderKey = early.binderKey(false)) {
            assertArrayEquals(BINDER_KEY, binderKey.bytes());
            assertFalse(Arrays.equals(BINDER_KEY, externalBinderKey.bytes()), "\"ext binder\" must differ from \"res binder\"");
            assertArrayEquals(BINDER_FINISHED_KEY, Hkdf.expandLabel(H, binderKey.bytes(), "finished", new byte[0], 32));
            assertArrayEquals(BINDER, KeySchedule13.finishedVerifyData(H, binderKey, BINDER_HASH));
        }
    }

    @Test
    void earlyTrafficAndEarlyExporterSecretsOverTheWholeClientHello() {
        // The full ClientHello is the prefix, then the binders list: 00 21 (33 bytes), 20 (32), the binder.
        byte[] clientHello = Rfc8448Test.concat(RESUMED_CLIENT_HELLO_PREFIX, new byte[] {0x00, 0x21, 0x20}, BINDER);
        assertArrayEquals(HASH_RESUMED_CLIENT_HELLO, H.digest(clientHello));
        try (KeySchedule13.EarlySecret early = KeySchedule13.early(H, RESUMPTION_PSK);
             SecretBytes clientEarly = early.clientEarlyTrafficSecret(HASH_RESUMED_CLIENT_HELLO);
             SecretBytes earlyExporter = early.earlyExporterMasterSecret(HASH_RESUMED_CLIENT_HELLO)) {
            assertArrayEquals(CLIENT_EARLY_TRAFFIC, clientEarly.bytes());
            assertArrayEquals(EARLY_EXPORTER_MASTER, earlyExporter.bytes());
        }
    }

    @Test
    void earlyWriteKeysAndTheZeroRttRecord() throws TlsException {
        try (SecretBytes clientEarly = SecretBytes.copyOf(CLIENT_EARLY_TRAFFIC);
             KeySchedule13.TrafficKeys keys = KeySchedule13.trafficKeys(H, clientEarly, AeadAlgorithm.AES_128_GCM)) {
            assertArrayEquals(EARLY_KEY, keys.key().bytes());
            assertArrayEquals(EARLY_IV, keys.iv());
            byte[] record = Rfc8448Test.protect(keys.key().bytes(), keys.iv(), 0, 23, EARLY_DATA);
            assertArrayEquals(EARLY_DATA_RECORD, record);
            assertArrayEquals(Rfc8448Test.concat(EARLY_DATA, new byte[] {23}),
                    Rfc8448Test.unprotect(EARLY_KEY, EARLY_IV, 0, EARLY_DATA_RECORD));
        }
    }
}
