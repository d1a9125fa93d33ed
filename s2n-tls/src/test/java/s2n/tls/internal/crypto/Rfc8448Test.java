package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.crypto.Rfc8448Trace.*;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.TlsException;

/**
 * RFC 8448 §3, the Simple 1-RTT Handshake, byte for byte: the x25519 exchange, every secret of the
 * key schedule, every write key and IV, both Finished messages, the server's CertificateVerify,
 * and every protected record of the trace. Our code computes; the RFC's text is the expectation.
 */
class Rfc8448Test {
    private static final Hash H = CipherSuite.TLS_AES_128_GCM_SHA256.hash();
    private static final AeadAlgorithm AEAD = CipherSuite.TLS_AES_128_GCM_SHA256.aead();
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;
    private static final int ALERT = 21;

    /** RFC 8446 §5.3: the per-record nonce is the IV XOR the 64-bit sequence number, left-padded. */
    static byte[] nonce(byte[] iv, long seq) {
        byte[] n = iv.clone();
        for (int i = 0; i < 8; i++) {
            n[n.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return n;
    }

    static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    /** RFC 8446 §5.2: seals content || type as a TLSCiphertext, the 5-byte header as AAD. */
    static byte[] protect(byte[] key, byte[] iv, long seq, int type, byte[] content) throws TlsException {
        byte[] inner = concat(content, new byte[] {(byte) type});
        int length = inner.length + AEAD.tagLength();
        byte[] record = new byte[5 + length];
        record[0] = APPLICATION_DATA;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (length >>> 8);
        record[4] = (byte) length;
        try (Aead aead = new Aead(AEAD, key)) {
            ByteBuffer out = ByteBuffer.wrap(record, 5, length);
            aead.seal(nonce(iv, seq), Arrays.copyOf(record, 5), ByteBuffer.wrap(inner), out);
        }
        return record;
    }

    /** Opens a TLSCiphertext in place and returns TLSInnerPlaintext (content || type). */
    static byte[] unprotect(byte[] key, byte[] iv, long seq, byte[] record) throws TlsException {
        byte[] copy = record.clone();
        try (Aead aead = new Aead(AEAD, key)) {
            ByteBuffer in = ByteBuffer.wrap(copy, 5, copy.length - 5);
            ByteBuffer out = ByteBuffer.wrap(copy, 5, copy.length - 5);
            int n = aead.open(nonce(iv, seq), Arrays.copyOf(copy, 5), in, out);
            return Arrays.copyOfRange(copy, 5, 5 + n);
        }
    }

    private static void assertRecord(byte[] expectedRecord, byte[] key, byte[] iv, long seq, int type, byte[] content)
            throws TlsException {
        assertArrayEquals(expectedRecord, protect(key, iv, seq, type, content));
        assertArrayEquals(concat(content, new byte[] {(byte) type}), unprotect(key, iv, seq, expectedRecord));
    }

    @Test
    void theTraceNegotiatesAes128GcmSha256() {
        // ServerHello: legacy_version, random (32), session id (0), cipher_suite at offset 4 + 2 + 32 + 1.
        int suite = ((SERVER_HELLO[39] & 0xff) << 8) | (SERVER_HELLO[40] & 0xff);
        assertSame(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.of(suite));
        assertSame(Hash.SHA256, H);
        assertSame(AeadAlgorithm.AES_128_GCM, AEAD);
    }

    @Test
    void x25519SharedSecretBothDirections() throws TlsException {
        try (KeyShare client = NamedGroup.X25519.keyShareFromPrivateKey(CLIENT_PRIVATE);
             KeyShare server = NamedGroup.X25519.keyShareFromPrivateKey(SERVER_PRIVATE)) {
            assertArrayEquals(CLIENT_PUBLIC, client.publicKey());
            assertArrayEquals(SERVER_PUBLIC, server.publicKey());
            try (SecretBytes atClient = client.agree(server.publicKey()); SecretBytes atServer = server.agree(client.publicKey())) {
                assertArrayEquals(SHARED_SECRET, atClient.bytes());
                assertArrayEquals(SHARED_SECRET, atServer.bytes());
            }
        }
    }

    @Test
    void everySecretOfTheKeySchedule() throws TlsException {
        Transcript transcript = new Transcript();
        transcript.add(CLIENT_HELLO); // the client does not know the hash yet
        transcript.selectHash(H);
        transcript.add(SERVER_HELLO);
        assertArrayEquals(HASH_CH_SH, transcript.currentHash());

        KeySchedule13.EarlySecret early = KeySchedule13.early(H, null);
        assertArrayEquals(EARLY_SECRET, early.secretForTest());

        KeySchedule13.HandshakeSecret hs;
        try (KeyShare client = NamedGroup.X25519.keyShareFromPrivateKey(CLIENT_PRIVATE);
             SecretBytes shared = client.agree(SERVER_PUBLIC)) {
            hs = early.handshake(shared.bytes());
        }
        assertArrayEquals(HANDSHAKE_SECRET, hs.secretForTest());
        assertThrows(IllegalStateException.class, early::secretForTest, "advancing closes the early secret");

        try (SecretBytes c = hs.clientTrafficSecret(transcript.currentHash());
             SecretBytes s = hs.serverTrafficSecret(transcript.currentHash())) {
            assertArrayEquals(CLIENT_HS_TRAFFIC, c.bytes());
            assertArrayEquals(SERVER_HS_TRAFFIC, s.bytes());
        }

        KeySchedule13.MasterSecret master = hs.master();
        assertArrayEquals(MASTER_SECRET, master.secretForTest());
        assertThrows(IllegalStateException.class, () -> hs.clientTrafficSecret(HASH_CH_SH));

        transcript.add(ENCRYPTED_EXTENSIONS);
        transcript.add(CERTIFICATE);
        transcript.add(CERTIFICATE_VERIFY);
        transcript.add(SERVER_FINISHED);
        assertArrayEquals(HASH_CH_SERVER_FINISHED, transcript.currentHash());
        try (SecretBytes c = master.clientApplicationTrafficSecret(transcript.currentHash());
             SecretBytes s = master.serverApplicationTrafficSecret(transcript.currentHash());
             SecretBytes exp = master.exporterMasterSecret(transcript.currentHash())) {
            assertArrayEquals(CLIENT_AP_TRAFFIC, c.bytes());
            assertArrayEquals(SERVER_AP_TRAFFIC, s.bytes());
            assertArrayEquals(EXPORTER_MASTER, exp.bytes());
        }

        transcript.add(CLIENT_FINISHED);
        assertArrayEquals(HASH_CH_CLIENT_FINISHED, transcript.currentHash());
        try (SecretBytes res = master.resumptionMasterSecret(transcript.currentHash());
             SecretBytes psk = KeySchedule13.resumptionPsk(H, res, TICKET_NONCE)) {
            assertArrayEquals(RESUMPTION_MASTER, res.bytes());
            assertArrayEquals(RESUMPTION_PSK, psk.bytes());
        }
        master.close();
        assertThrows(IllegalStateException.class, master::secretForTest);
    }

    @Test
    void everyWriteKeyAndIv() {
        byte[][][] cases = {
            {SERVER_HS_TRAFFIC, SERVER_HS_KEY, SERVER_HS_IV},
            {CLIENT_HS_TRAFFIC, CLIENT_HS_KEY, CLIENT_HS_IV},
            {SERVER_AP_TRAFFIC, SERVER_AP_KEY, SERVER_AP_IV},
            {CLIENT_AP_TRAFFIC, CLIENT_AP_KEY, CLIENT_AP_IV},
        };
        for (byte[][] c : cases) {
            try (SecretBytes secret = SecretBytes.copyOf(c[0]);
                 KeySchedule13.TrafficKeys keys = KeySchedule13.trafficKeys(H, secret, AEAD)) {
                assertArrayEquals(c[1], keys.key().bytes());
                assertArrayEquals(c[2], keys.iv());
            }
        }
    }

    @Test
    void bothFinishedMessages() {
        byte[] serverTranscript = H.digest(concat(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY));
        try (SecretBytes sHs = SecretBytes.copyOf(SERVER_HS_TRAFFIC); SecretBytes cHs = SecretBytes.copyOf(CLIENT_HS_TRAFFIC)) {
            // The finished_key the trace prints as "expanded".
            assertArrayEquals(SERVER_FINISHED_KEY, Hkdf.expandLabel(H, sHs.bytes(), "finished", new byte[0], 32));
            assertArrayEquals(CLIENT_FINISHED_KEY, Hkdf.expandLabel(H, cHs.bytes(), "finished", new byte[0], 32));

            byte[] serverVerify = KeySchedule13.finishedVerifyData(H, sHs, serverTranscript);
            assertArrayEquals(SERVER_VERIFY_DATA, serverVerify);
            assertArrayEquals(SERVER_FINISHED, concat(new byte[] {20, 0, 0, 32}, serverVerify));

            byte[] clientVerify = KeySchedule13.finishedVerifyData(H, cHs, HASH_CH_SERVER_FINISHED);
            assertArrayEquals(CLIENT_VERIFY_DATA, clientVerify);
            assertArrayEquals(CLIENT_FINISHED, concat(new byte[] {20, 0, 0, 32}, clientVerify));
        }
    }

    @Test
    void serverCertificateVerifyIsAValidRsaPssSignature() throws Exception {
        // RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, then Transcript-Hash(CH..Certificate).
        byte[] th = H.digest(concat(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERTIFICATE));
        byte[] spaces = new byte[64];
        Arrays.fill(spaces, (byte) 0x20);
        byte[] content = concat(spaces, "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII), new byte[1], th);

        int scheme = ((CERTIFICATE_VERIFY[4] & 0xff) << 8) | (CERTIFICATE_VERIFY[5] & 0xff);
        assertSame(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.of(scheme));
        byte[] signature = Arrays.copyOfRange(CERTIFICATE_VERIFY, 8, CERTIFICATE_VERIFY.length);
        assertEquals(128, signature.length);

        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(new BigInteger(1, RSA_MODULUS), new BigInteger(1, RSA_PUBLIC_EXPONENT)));
        assertTrue(SignatureScheme.RSA_PSS_RSAE_SHA256.verify(key, content, signature));
        content[70] ^= 1;
        assertFalse(SignatureScheme.RSA_PSS_RSAE_SHA256.verify(key, content, signature));
    }

    @Test
    void serverHandshakeFlightRecord() throws TlsException {
        byte[] flight = concat(ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY, SERVER_FINISHED);
        assertEquals(657, flight.length);
        assertRecord(SERVER_FLIGHT_RECORD, SERVER_HS_KEY, SERVER_HS_IV, 0, HANDSHAKE, flight);
    }

    @Test
    void clientFinishedRecord() throws TlsException {
        assertRecord(CLIENT_FINISHED_RECORD, CLIENT_HS_KEY, CLIENT_HS_IV, 0, HANDSHAKE, CLIENT_FINISHED);
    }

    @Test
    void applicationTrafficRecordsInSequence() throws TlsException {
        byte[] payload = new byte[50];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        byte[] closeNotify = {1, 0};
        // Server application key: NewSessionTicket is record 0, application data 1, the alert 2.
        assertRecord(NEW_SESSION_TICKET_RECORD, SERVER_AP_KEY, SERVER_AP_IV, 0, HANDSHAKE, NEW_SESSION_TICKET);
        assertRecord(SERVER_APPLICATION_DATA_RECORD, SERVER_AP_KEY, SERVER_AP_IV, 1, APPLICATION_DATA, payload);
        assertRecord(SERVER_ALERT_RECORD, SERVER_AP_KEY, SERVER_AP_IV, 2, ALERT, closeNotify);
        // Client application key: application data is record 0, the alert 1.
        assertRecord(CLIENT_APPLICATION_DATA_RECORD, CLIENT_AP_KEY, CLIENT_AP_IV, 0, APPLICATION_DATA, payload);
        assertRecord(CLIENT_ALERT_RECORD, CLIENT_AP_KEY, CLIENT_AP_IV, 1, ALERT, closeNotify);
    }

    @Test
    void aRecordOpenedWithTheWrongSequenceNumberIsBadRecordMac() {
        TlsException e = assertThrows(TlsException.class,
                () -> unprotect(SERVER_AP_KEY, SERVER_AP_IV, 0, SERVER_APPLICATION_DATA_RECORD));
        assertEquals(Alert.BAD_RECORD_MAC, e.alert());
        byte[] tampered = SERVER_FLIGHT_RECORD.clone();
        tampered[100] ^= 0x20;
        e = assertThrows(TlsException.class, () -> unprotect(SERVER_HS_KEY, SERVER_HS_IV, 0, tampered));
        assertEquals(Alert.BAD_RECORD_MAC, e.alert());
    }
}
