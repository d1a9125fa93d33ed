package s2n.tls.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The crypto limit of bulk transfer in {@link BulkRounds}: what a JCA user must at least do to seal
 * and open the records a TLS connection sends, AES-128-GCM, nothing else. Per record: a fresh
 * nonce (GCM forbids reusing one, and the JDK refuses to encrypt twice under one key and IV without
 * a new init), one {@code init} with a {@link GCMParameterSpec} per direction (the JCA takes the
 * nonce no other way), the additional data, one {@code doFinal} of the whole record into a
 * preallocated buffer, and the same to open it into another. Two reused {@link Cipher}s, one key.
 *
 * <p>The records are the ones the TLS connection sends for the same writes: in TLS 1.3 the
 * plaintext is the write plus the inner content type byte and the additional data the 5-byte
 * header (RFC 8446 §5.2); in TLS 1.2 the plaintext is the write and the additional data 13 bytes
 * (RFC 5246 §6.2.3.3). {@link Layout#ARRAY} works on byte arrays, {@link Layout#DIRECT} on direct
 * ByteBuffers: providers differ in which is faster, so {@link BulkRounds} times both and takes the
 * faster one per round as the limit.
 */
final class AeadRecordLimit {
    /** Where the records live. */
    enum Layout {
        ARRAY,
        DIRECT
    }

    private static final int TAG = 16;

    private final Layout layout;
    private final int plaintextLength;
    private final byte[] aad;
    private final SecretKeySpec key;
    private final Cipher sealer;
    private final Cipher opener;
    private final byte[] nonce = new byte[12];
    private final byte[] plain;
    private final byte[] sealed;
    private final byte[] opened;
    private final ByteBuffer plainDirect;
    private final ByteBuffer sealedDirect;
    private final ByteBuffer openedDirect;
    private long sequence;

    /**
     * @param tls13 the record shape: TLS 1.3 (write + 1, 5-byte AAD) or TLS 1.2 (write, 13-byte AAD)
     * @param writeSize the application bytes per record
     */
    AeadRecordLimit(Layout layout, boolean tls13, int writeSize) throws GeneralSecurityException {
        this.layout = layout;
        this.plaintextLength = tls13 ? writeSize + 1 : writeSize;
        this.aad = new byte[tls13 ? 5 : 13];
        Random random = new Random(2);
        byte[] keyBytes = new byte[16];
        random.nextBytes(keyBytes);
        random.nextBytes(nonce);
        random.nextBytes(aad);
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.sealer = Cipher.getInstance("AES/GCM/NoPadding");
        this.opener = Cipher.getInstance("AES/GCM/NoPadding");
        this.plain = new byte[plaintextLength];
        random.nextBytes(plain);
        this.sealed = new byte[plaintextLength + TAG];
        this.opened = new byte[plaintextLength];
        if (layout == Layout.DIRECT) {
            plainDirect = ByteBuffer.allocateDirect(plaintextLength).put(plain).flip();
            sealedDirect = ByteBuffer.allocateDirect(plaintextLength + TAG);
            openedDirect = ByteBuffer.allocateDirect(plaintextLength);
        } else {
            plainDirect = null;
            sealedDirect = null;
            openedDirect = null;
        }
    }

    /** The name of the provider doing the work, for the report. */
    String provider() {
        return sealer.getProvider().getName();
    }

    /** Seals and opens {@code records} records. */
    void run(int records) throws GeneralSecurityException {
        for (int i = 0; i < records; i++) {
            sealAndOpen();
        }
    }

    /** Seals and opens one record; returns the opened plaintext's length. */
    int sealAndOpen() throws GeneralSecurityException {
        // RFC 8446 §5.3 / RFC 5288 §3: a counter in the low 8 bytes keeps every nonce unique.
        long seq = ++sequence;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (seq >>> (8 * i));
        }
        sealer.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        sealer.updateAAD(aad);
        opener.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        opener.updateAAD(aad);
        if (layout == Layout.ARRAY) {
            int n = sealer.doFinal(plain, 0, plaintextLength, sealed, 0);
            return opener.doFinal(sealed, 0, n, opened, 0);
        }
        plainDirect.rewind();
        sealedDirect.clear();
        openedDirect.clear();
        sealer.doFinal(plainDirect, sealedDirect);
        sealedDirect.flip();
        return opener.doFinal(sealedDirect, openedDirect);
    }

    /** Whether the last record opened to the plaintext it sealed (for the harness test). */
    boolean lastRecordIntact() {
        if (layout == Layout.ARRAY) {
            return java.util.Arrays.equals(plain, opened);
        }
        ByteBuffer o = openedDirect.duplicate().flip();
        return o.remaining() == plaintextLength && o.equals(ByteBuffer.wrap(plain));
    }
}
