package s2n.tls.internal.record;

import java.nio.ByteBuffer;
import javax.crypto.Cipher;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.Aead;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.KeySchedule13;
import s2n.tls.internal.crypto.SecretBytes;

/**
 * TLS 1.3 record protection (RFC 8446 §5.2-5.4) for one direction and one traffic secret. Keeps
 * the secret so a KeyUpdate can derive the next generation ({@link #nextGeneration()}).
 */
public final class Tls13Protection extends RecordProtection {
    private static final int RECORD_VERSION = 0x0303;
    /** Fragments shorter than this are copied into the record and sealed there (see {@link #seal}). */
    static final int COPY_BELOW = 4096;

    private final CipherSuite suite;
    private final SecretBytes trafficSecret;
    private final Aead aead;
    private final byte[] iv;
    private final byte[] nonce;
    private final byte[] aad = new byte[RecordLimits.HEADER_LENGTH];
    private long sequence;
    private boolean openedAny;

    private Tls13Protection(CipherSuite suite, SecretBytes trafficSecret, Aead aead, byte[] iv) {
        this.suite = suite;
        this.trafficSecret = trafficSecret;
        this.aead = aead;
        this.iv = iv;
        this.nonce = new byte[iv.length];
    }

    /** Protection keyed from {@code trafficSecret} (RFC 8446 §7.3); takes ownership of the secret. */
    public static Tls13Protection create(CipherSuite suite, SecretBytes trafficSecret) throws TlsException {
        try (KeySchedule13.TrafficKeys keys = KeySchedule13.trafficKeys(suite.hash(), trafficSecret, suite.aead())) {
            return new Tls13Protection(suite, trafficSecret, new Aead(suite.aead(), keys.key().bytes()), keys.iv().clone());
        }
    }

    /** The protection after a KeyUpdate (RFC 8446 §7.2): the next traffic secret, sequence back to 0. */
    public Tls13Protection nextGeneration() throws TlsException {
        return create(suite, KeySchedule13.nextApplicationTrafficSecret(suite.hash(), trafficSecret));
    }

    /** How many records this protection has sealed or opened (unsigned). */
    public long sequenceNumber() {
        return sequence;
    }

    /**
     * The most records this key may seal, as an unsigned count: the AEAD's limit (RFC 8446 §5.5,
     * {@link s2n.tls.internal.crypto.AeadAlgorithm#recordLimit()}). The sender replaces the key
     * with a KeyUpdate before reaching it.
     */
    public long recordLimit() {
        return suite.aead().recordLimit();
    }

    @Override
    public boolean isPlaintext() {
        return false;
    }

    @Override
    public int overhead() {
        return 1 + suite.aead().tagLength();
    }

    @Override
    public int maxBodyLength() {
        return RecordLimits.MAX_CIPHERTEXT_TLS13;
    }

    @Override
    public void seal(int contentType, ByteBuffer fragment, ByteBuffer out) throws TlsException {
        int length = fragment.remaining();
        int headerAt = out.position();
        // RFC 8446 §5.2: every protected record claims to be application_data of version 1.2.
        putHeader(out, ContentType.APPLICATION_DATA, RECORD_VERSION, length + overhead());
        out.get(headerAt, aad);
        if (out.hasArray() && (length < COPY_BELOW || fragment.hasArray() && fragment.array() == out.array())) {
            // Lay out TLSInnerPlaintext (content || type, no padding) in the record and seal it
            // there in one doFinal: for a fragment that already lives in the output array, and for
            // small ones, where the copy costs less than a second cipher call (ACCP's update() then
            // doFinal() costs ~150 ns more per 1 KiB record than one doFinal(); SunJCE's the same).
            int bodyAt = out.position();
            out.put(fragment);
            out.put((byte) contentType);
            int n = aead.sealInPlace(nextNonce(), aad, out.array(), out.arrayOffset() + bodyAt, length + 1);
            out.position(bodyAt + n);
            return;
        }
        // TLSInnerPlaintext = content || type, encrypted straight from the caller's buffer into the record.
        aead.sealWithTrailer(nextNonce(), aad, fragment, (byte) contentType, out);
    }

    @Override
    public void checkHeader(int contentType, int bodyLength) throws TlsException {
        if (contentType == ContentType.ALERT && !openedAny) {
            if (bodyLength != 2) {
                throw ErrorCode.DECODE.exception("alert record of " + bodyLength + " bytes (an alert is 2 bytes)");
            }
            return;
        }
        if (contentType != ContentType.APPLICATION_DATA) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception(
                    "received an unprotected " + ContentType.name(contentType) + " record after keys were agreed");
        }
        if (bodyLength < overhead()) {
            throw ErrorCode.BAD_RECORD_MAC.exception("protected record of " + bodyLength + " bytes is too short");
        }
    }

    @Override
    public int open(ByteBuffer record) throws TlsException {
        int start = record.position();
        int outerType = record.get(start) & 0xff;
        int bodyLength = record.getShort(start + 3) & 0xffff;
        int bodyAt = start + RecordLimits.HEADER_LENGTH;
        if (outerType == ContentType.ALERT && !openedAny && bodyLength == 2) {
            // A peer that failed before it derived keys (e.g. it rejected our ServerHello) can only
            // send its alert in plaintext. Reading it tells the user why, instead of "bad_record_mac".
            record.position(bodyAt);
            return ContentType.ALERT;
        }
        if (outerType != ContentType.APPLICATION_DATA) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception(
                    "received an unprotected " + ContentType.name(outerType) + " record after keys were agreed");
        }
        if (bodyLength < overhead()) {
            throw ErrorCode.BAD_RECORD_MAC.exception("protected record of " + bodyLength + " bytes is too short");
        }
        record.get(start, aad);
        int n;
        if (record.hasArray()) {
            // Decrypted in place: the plaintext overwrites the ciphertext in the input buffer.
            n = aead.openInPlace(nextNonce(), aad, record.array(), record.arrayOffset() + bodyAt, bodyLength);
        } else {
            ByteBuffer body = record.duplicate();
            body.position(bodyAt).limit(bodyAt + bodyLength);
            ByteBuffer plain = record.duplicate();
            plain.position(bodyAt);
            n = aead.open(nextNonce(), aad, body, plain);
        }
        openedAny = true;
        // RFC 8446 §5.4: strip zero padding from the end; the last non-zero byte is the type.
        int i = bodyAt + n - 1;
        while (i >= bodyAt && record.get(i) == 0) {
            i--;
        }
        if (i < bodyAt) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("protected record has no content type (all padding)");
        }
        int type = record.get(i) & 0xff;
        int length = i - bodyAt;
        checkInner(type, length);
        record.position(bodyAt).limit(bodyAt + length);
        return type;
    }

    @Override
    public int openedRoom(int bodyLength) {
        return bodyLength - suite.aead().tagLength();
    }

    @Override
    public int openInto(ByteBuffer record, byte[] out, int outOffset) throws TlsException {
        int start = record.position();
        int bodyLength = record.getShort(start + 3) & 0xffff;
        int bodyAt = start + RecordLimits.HEADER_LENGTH;
        record.get(start, aad);
        // The reader's buffer is a heap array; the caller's array is another one.
        int n = aead.open(nextNonce(), aad, 0, aad.length, record.array(), record.arrayOffset() + bodyAt, bodyLength,
                out, outOffset);
        record.position(bodyAt + bodyLength);
        openedAny = true;
        // RFC 8446 §5.4: strip zero padding from the end; the last non-zero byte is the type.
        int i = outOffset + n - 1;
        while (i >= outOffset && out[i] == 0) {
            i--;
        }
        if (i < outOffset) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("protected record has no content type (all padding)");
        }
        int type = out[i] & 0xff;
        int length = i - outOffset;
        checkInner(type, length);
        return (length << 8) | type;
    }

    private static void checkInner(int type, int length) throws TlsException {
        if (length > RecordLimits.MAX_PLAINTEXT) {
            throw ErrorCode.RECORD_OVERFLOW.exception("decrypted record of " + length + " bytes exceeds 2^14");
        }
        if (type != ContentType.APPLICATION_DATA && type != ContentType.HANDSHAKE && type != ContentType.ALERT) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("protected record has inner type " + ContentType.name(type));
        }
    }

    @Override
    public int trialOpen(ByteBuffer record) throws TlsException {
        long before = sequence;
        boolean opened = openedAny;
        try {
            return open(record);
        } catch (TlsException e) {
            if (e.alert() != s2n.tls.Alert.BAD_RECORD_MAC) {
                throw e;
            }
            sequence = before;
            openedAny = opened;
            return -1;
        }
    }

    private byte[] nextNonce() throws TlsException {
        if (sequence == -1L) {
            // RFC 8446 §5.3: never wrap the sequence number.
            throw ErrorCode.INTERNAL.exception("record sequence number exhausted");
        }
        Nonces.xorSequence(iv, sequence++, nonce);
        return nonce;
    }

    @Override
    public void collectSecrets(java.util.List<byte[]> out) {
        out.add(trafficSecret.bytes());
        out.add(iv);
        out.add(nonce);
        out.add(aead.keyBytes());
    }

    @Override
    public void release() {
        aead.release();
    }

    @Override
    public Cipher surrenderCipher() {
        return aead.surrenderCipher();
    }

    @Override
    public boolean adoptCipher(Cipher c) {
        return aead.adoptCipher(c);
    }

    @Override
    public void close() {
        aead.close();
        trafficSecret.close();
        java.util.Arrays.fill(iv, (byte) 0);
        java.util.Arrays.fill(nonce, (byte) 0);
    }
}
