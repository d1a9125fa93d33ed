package s2n.tls.internal.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.Aead;
import s2n.tls.internal.crypto.AeadAlgorithm;

/**
 * TLS 1.2 AEAD record protection (RFC 5246 §6.2.3.3) for one direction: AES-GCM as RFC 5288 §3
 * lays it out, ChaCha20-Poly1305 as RFC 7905 §2 does.
 *
 * <pre>
 * AES-GCM:           header | nonce_explicit (8) | ciphertext | tag (16)
 *                    nonce = salt (4, from the key block) || nonce_explicit
 * ChaCha20-Poly1305: header | ciphertext | tag (16)
 *                    nonce = iv (12, from the key block) XOR (0^32 || seq_num)
 * additional_data  = seq_num (8) || type (1) || version (2) || plaintext length (2)
 * </pre>
 *
 * <p>We send the sequence number as the explicit nonce (RFC 5288 §3 allows it, and it can never
 * repeat under one key); on reading we use whatever explicit nonce the peer chose. The sequence
 * number starts at zero when the protection is installed, that is after each change_cipher_spec.
 */
public final class Tls12Protection extends RecordProtection {
    private static final int RECORD_VERSION = 0x0303;
    /** RFC 5288 §3: the part of the GCM nonce carried in each record. */
    private static final int GCM_EXPLICIT_NONCE_LENGTH = 8;
    /** RFC 5288 §3: the implicit part of the GCM nonce, from the key block. */
    private static final int GCM_SALT_LENGTH = 4;
    private static final int AAD_LENGTH = 13;

    private final AeadAlgorithm algorithm;
    private final Aead aead;
    private final byte[] fixedIv;
    private final int explicitNonceLength;
    private final byte[] nonce;
    private final byte[] aad = new byte[AAD_LENGTH];
    private long sequence;

    private Tls12Protection(AeadAlgorithm algorithm, byte[] key, byte[] fixedIv) {
        this.algorithm = algorithm;
        this.aead = new Aead(algorithm, key);
        this.fixedIv = fixedIv.clone();
        this.explicitNonceLength = algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? 0 : GCM_EXPLICIT_NONCE_LENGTH;
        this.nonce = new byte[algorithm.ivLength()];
    }

    /**
     * Protection with {@code key} and the key block's {@code fixedIv} for this direction (both
     * copied; the caller wipes its arrays).
     *
     * @throws IllegalArgumentException if a length does not fit the algorithm
     */
    public static Tls12Protection create(AeadAlgorithm algorithm, byte[] key, byte[] fixedIv) {
        if (fixedIv.length != fixedIvLength(algorithm)) {
            throw new IllegalArgumentException(algorithm + " needs a " + fixedIvLength(algorithm)
                    + "-byte fixed IV, got " + fixedIv.length);
        }
        return new Tls12Protection(algorithm, key, fixedIv);
    }

    /**
     * The IV bytes each direction takes from the key block: the 4-byte salt for AES-GCM
     * (RFC 5288 §3), the whole 12-byte IV for ChaCha20-Poly1305 (RFC 7905 §2).
     */
    public static int fixedIvLength(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? algorithm.ivLength() : GCM_SALT_LENGTH;
    }

    /** How many records this protection has sealed or opened. */
    public long sequenceNumber() {
        return sequence;
    }

    @Override
    public boolean isPlaintext() {
        return false;
    }

    @Override
    public int overhead() {
        return explicitNonceLength + algorithm.tagLength();
    }

    @Override
    public int maxBodyLength() {
        return RecordLimits.MAX_CIPHERTEXT_TLS12;
    }

    @Override
    public void seal(int contentType, ByteBuffer fragment, ByteBuffer out) throws TlsException {
        int length = fragment.remaining();
        long seq = nextSequence();
        putHeader(out, contentType, RECORD_VERSION, length + overhead());
        fillAad(seq, contentType, RECORD_VERSION, length);
        fillNonce(seq);
        if (explicitNonceLength > 0) {
            out.putLong(seq);
        }
        if (fragment.hasArray() && out.hasArray() && fragment.array() == out.array()) {
            // The fragment already lives in the output array: copy it to its place, seal it there.
            int bodyAt = out.position();
            out.put(fragment);
            ByteBuffer plain = out.duplicate();
            plain.position(bodyAt).limit(bodyAt + length);
            out.position(bodyAt);
            aead.seal(nonce, aad, plain, out);
            return;
        }
        // Encrypted straight from the caller's buffer into the record: no copy, and the providers'
        // out-of-place path (JDK 25's SunJCE is about half as fast in place).
        aead.seal(nonce, aad, fragment, out);
    }

    @Override
    public void checkHeader(int contentType, int bodyLength) throws TlsException {
        if (contentType != ContentType.APPLICATION_DATA && contentType != ContentType.HANDSHAKE
                && contentType != ContentType.ALERT) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("protected record of type " + ContentType.name(contentType));
        }
        if (bodyLength < overhead()) {
            throw ErrorCode.BAD_RECORD_MAC.exception("protected record of " + bodyLength + " bytes is too short");
        }
    }

    @Override
    public int openedRoom(int bodyLength) {
        return bodyLength - overhead();
    }

    @Override
    public int open(ByteBuffer record) throws TlsException {
        return open(record, null, 0);
    }

    @Override
    public int openInto(ByteBuffer record, byte[] out, int outOffset) throws TlsException {
        int type = open(record, out, outOffset);
        int length = record.remaining();
        record.position(record.limit());
        return (length << 8) | type;
    }

    /**
     * Opens the record at {@code record}'s position in place ({@code out} null) or into {@code out};
     * {@code record} is left spanning the plaintext (in place) or as long as it (into {@code out}).
     */
    private int open(ByteBuffer record, byte[] out, int outOffset) throws TlsException {
        int start = record.position();
        int type = record.get(start) & 0xff;
        int version = record.getShort(start + 1) & 0xffff;
        int bodyLength = record.getShort(start + 3) & 0xffff;
        if (type != ContentType.APPLICATION_DATA && type != ContentType.HANDSHAKE && type != ContentType.ALERT) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("protected record of type " + ContentType.name(type));
        }
        if (bodyLength < overhead()) {
            throw ErrorCode.BAD_RECORD_MAC.exception("protected record of " + bodyLength + " bytes is too short");
        }
        int plaintextLength = bodyLength - overhead();
        if (plaintextLength > RecordLimits.MAX_PLAINTEXT) {
            // RFC 5246 §6.2.3: the plaintext may not exceed 2^14 bytes whatever the padding.
            throw ErrorCode.RECORD_OVERFLOW.exception("protected record would decrypt to " + plaintextLength
                    + " bytes, more than 2^14");
        }
        int bodyAt = start + RecordLimits.HEADER_LENGTH;
        long seq = nextSequence();
        fillAad(seq, type, version, plaintextLength);
        if (explicitNonceLength > 0) {
            System.arraycopy(fixedIv, 0, nonce, 0, GCM_SALT_LENGTH);
            for (int i = 0; i < GCM_EXPLICIT_NONCE_LENGTH; i++) {
                nonce[GCM_SALT_LENGTH + i] = record.get(bodyAt + i);
            }
        } else {
            fillNonce(seq);
        }
        int n;
        int sealedAt = bodyAt + explicitNonceLength;
        int sealedLength = bodyLength - explicitNonceLength;
        if (out != null) {
            // The reader's buffer is a heap array; out is the caller's.
            n = aead.open(nonce, aad, 0, aad.length, record.array(), record.arrayOffset() + sealedAt, sealedLength, out, outOffset);
        } else if (record.hasArray()) {
            n = aead.open(nonce, aad, 0, aad.length, record.array(), record.arrayOffset() + sealedAt, sealedLength,
                    record.array(), record.arrayOffset() + bodyAt);
        } else {
            ByteBuffer sealed = record.duplicate();
            sealed.position(sealedAt).limit(bodyAt + bodyLength);
            ByteBuffer plain = record.duplicate();
            plain.position(bodyAt);
            n = aead.open(nonce, aad, sealed, plain);
        }
        record.position(bodyAt).limit(bodyAt + n);
        return type;
    }

    private long nextSequence() throws TlsException {
        if (sequence == -1L) {
            // RFC 5246 §6.1: sequence numbers never wrap; we would have to renegotiate, which we refuse.
            throw ErrorCode.INTERNAL.exception("record sequence number exhausted");
        }
        return sequence++;
    }

    private void fillAad(long seq, int type, int version, int plaintextLength) {
        for (int i = 0; i < 8; i++) {
            aad[i] = (byte) (seq >>> (56 - 8 * i));
        }
        aad[8] = (byte) type;
        aad[9] = (byte) (version >>> 8);
        aad[10] = (byte) version;
        aad[11] = (byte) (plaintextLength >>> 8);
        aad[12] = (byte) plaintextLength;
    }

    /** The nonce for sealing (both algorithms) or for opening ChaCha20-Poly1305. */
    private void fillNonce(long seq) {
        if (explicitNonceLength > 0) {
            Nonces.saltAndExplicit(fixedIv, GCM_SALT_LENGTH, seq, nonce);
            return;
        }
        // RFC 7905 §2: the 64-bit sequence number, left-padded to 12 bytes, XORed into the IV.
        Nonces.xorSequence(fixedIv, seq, nonce);
    }

    @Override
    public void collectSecrets(java.util.List<byte[]> out) {
        out.add(aead.keyBytes());
        out.add(fixedIv);
        out.add(nonce);
    }

    @Override
    public void release() {
        aead.release();
    }

    @Override
    public void close() {
        aead.close();
        Arrays.fill(fixedIv, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
    }
}
