package s2n.tls.internal.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.SecretKeySpec;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * One direction of record protection: one AEAD key, one reused {@link Cipher}. The record layer
 * builds each record's nonce and additional data (RFC 8446 §5.2-5.3, RFC 5288 §3) and hands them
 * in; this class only seals and opens.
 *
 * <pre>{@code
 * try (Aead writer = new Aead(AeadAlgorithm.AES_128_GCM, keys.key().bytes())) {
 *     writer.seal(nonce, header, plaintext, out);   // out gets ciphertext || tag
 * }
 * }</pre>
 *
 * <p>Both operations work in place: {@code out} may be a different view of the same array (or the
 * same direct memory) starting at the same or a lower offset than the input. On failure the
 * positions and contents of both buffers are unspecified; the connection is dead anyway.
 * Not thread-safe.
 */
public final class Aead implements AutoCloseable {
    private final AeadAlgorithm algorithm;
    private final byte[] key;
    private SecretKeySpec keySpec;
    private Cipher cipher;
    private boolean closed;
    // The inner content type byte sealWithTrailer appends, kept to avoid an allocation per record.
    private final byte[] trailerByte = new byte[1];
    /** The cipher's block: sealWithTrailer hands update() whole blocks only. */
    private static final int BLOCK = 16;
    // sealWithTrailer's last partial block of content and the trailer (at most 15 + 1 bytes); zeroed after use.
    private final byte[] lastBlock = new byte[BLOCK];

    /**
     * A sealer/opener for {@code key}, which is copied.
     *
     * @throws IllegalArgumentException if the key has the wrong length for {@code alg}
     * @throws IllegalStateException if no installed provider implements {@code alg}
     */
    public Aead(AeadAlgorithm alg, byte[] key) {
        if (key.length != alg.keyLength()) {
            throw new IllegalArgumentException(alg + " needs a " + alg.keyLength() + "-byte key, got " + key.length);
        }
        if (!alg.isAvailable()) {
            throw new IllegalStateException("no installed JCA provider implements " + alg.jcaTransformation()
                    + "; check AeadAlgorithm.isAvailable() before offering " + alg);
        }
        this.algorithm = alg;
        this.key = key.clone();
        this.keySpec = new SecretKeySpec(this.key, alg.keyAlgorithm());
        // The Cipher comes on first use: from the previous keys of the same direction
        // (adoptCipher), or new.
    }

    /**
     * Takes over {@code c}, the {@link Cipher} of keys this one replaces, instead of building a new
     * one: {@code Cipher.getInstance} is a provider lookup and fresh key-schedule buffers, and the
     * next operation re-initialises the cipher with this key anyway.
     *
     * @return whether {@code c} was taken (same transformation, and no cipher of its own yet)
     */
    public boolean adoptCipher(Cipher c) {
        if (c == null || closed || cipher != null || !c.getAlgorithm().equals(algorithm.jcaTransformation())) {
            return false;
        }
        cipher = c;
        return true;
    }

    /** Gives up this key's {@link Cipher} (null if it has none) for the keys that replace these: see {@link #adoptCipher}. */
    public Cipher surrenderCipher() {
        Cipher c = cipher;
        cipher = null;
        return c;
    }

    /** The algorithm this key belongs to. */
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Encrypts {@code plaintext[position, limit)} into {@code out} at its position and appends the
     * tag; advances both buffers.
     *
     * @throws IllegalArgumentException if the nonce has the wrong length or {@code out} lacks room
     *     for plaintext plus tag
     * @throws TlsException ({@link ErrorCode#INTERNAL}) if the provider fails, including when a
     *     nonce is reused with this key (a record-layer bug the JCA refuses to let through)
     */
    public void seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer out) throws TlsException {
        seal(nonce, aad, 0, aad.length, plaintext, out);
    }

    /** {@link #seal(byte[], byte[], ByteBuffer, ByteBuffer)} with the AAD as a slice of an array. */
    public void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, ByteBuffer plaintext, ByteBuffer out)
            throws TlsException {
        Cipher c = ready();
        checkNonce(nonce);
        int need = plaintext.remaining() + algorithm.tagLength();
        if (out.remaining() < need) {
            throw new IllegalArgumentException("output needs " + need + " bytes for ciphertext and tag, has " + out.remaining());
        }
        try {
            c.init(Cipher.ENCRYPT_MODE, keySpec, algorithm.parameters(nonce));
            c.updateAAD(aad, aadOffset, aadLength);
            crypt(c, plaintext, out);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception(algorithm + " encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * Encrypts {@code length} bytes of {@code array} from {@code offset} in place and appends the
     * tag after them (the array has room for it).
     *
     * @return the ciphertext and tag length
     * @throws TlsException ({@link ErrorCode#INTERNAL}) if the provider fails
     */
    public int sealInPlace(byte[] nonce, byte[] aad, byte[] array, int offset, int length) throws TlsException {
        Cipher c = ready();
        checkNonce(nonce);
        if (array.length - offset < length + algorithm.tagLength()) {
            throw new IllegalArgumentException("output needs " + (length + algorithm.tagLength())
                    + " bytes for ciphertext and tag, has " + (array.length - offset));
        }
        try {
            c.init(Cipher.ENCRYPT_MODE, keySpec, algorithm.parameters(nonce));
            c.updateAAD(aad);
            return c.doFinal(array, offset, length, array, offset);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception(algorithm + " encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * Seals one TLS 1.3 record body straight from the caller's bytes: encrypts
     * {@code content[position, limit)} followed by the single byte {@code trailer} (the inner
     * content type, RFC 8446 §5.2) into {@code out} at its position, then appends the tag; advances
     * both buffers. Nothing is copied first: the cipher reads {@code content} and writes {@code out}.
     * {@code content} and {@code out} must not share memory.
     *
     * @throws IllegalArgumentException if the nonce has the wrong length or {@code out} lacks room
     * @throws TlsException ({@link ErrorCode#INTERNAL}) if the provider fails
     */
    public void sealWithTrailer(byte[] nonce, byte[] aad, ByteBuffer content, byte trailer, ByteBuffer out)
            throws TlsException {
        Cipher c = ready();
        checkNonce(nonce);
        int length = content.remaining();
        int need = length + 1 + algorithm.tagLength();
        if (out.remaining() < need) {
            throw new IllegalArgumentException("output needs " + need + " bytes for ciphertext and tag, has " + out.remaining());
        }
        try {
            c.init(Cipher.ENCRYPT_MODE, keySpec, algorithm.parameters(nonce));
            c.updateAAD(aad);
            if (content.hasArray() && out.hasArray()) {
                // The whole blocks go through update(); the last partial block and the trailer are
                // copied together into a block of our own for doFinal(). An update() that leaves a
                // partial block makes SunJCE buffer it in a new object, once per record.
                byte[] src = content.array();
                int from = content.arrayOffset() + content.position();
                int whole = length - length % BLOCK;
                int tail = length - whole;
                byte[] dst = out.array();
                int at = out.arrayOffset() + out.position();
                if (whole > 0) {
                    at += c.update(src, from, whole, dst, at);
                }
                System.arraycopy(src, from + whole, lastBlock, 0, tail);
                lastBlock[tail] = trailer;
                try {
                    at += c.doFinal(lastBlock, 0, tail + 1, dst, at);
                } finally {
                    Arrays.fill(lastBlock, (byte) 0); // it held plaintext
                }
                content.position(content.limit());
                out.position(at - out.arrayOffset());
            } else {
                trailerByte[0] = trailer;
                c.update(content, out);
                c.doFinal(ByteBuffer.wrap(trailerByte), out);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception(algorithm + " encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts {@code length} bytes of {@code array} from {@code offset} (ciphertext followed by the
     * tag) in place: the plaintext starts at {@code offset}.
     *
     * @return the plaintext length
     * @throws TlsException as {@link #open(byte[], byte[], ByteBuffer, ByteBuffer)}
     */
    public int openInPlace(byte[] nonce, byte[] aad, byte[] array, int offset, int length) throws TlsException {
        return open(nonce, aad, 0, aad.length, array, offset, length, array, offset);
    }

    /**
     * Decrypts {@code length} bytes of {@code in} from {@code inOffset} (ciphertext followed by the
     * tag) into {@code out} at {@code outOffset}, which has room for {@code length} minus the tag.
     * Separate arrays are the fast case: JDK 25's SunJCE opens a 16 KiB record in place at about half
     * the speed of opening it into another array (JDK 17's at the same speed), so the record layer
     * opens application data straight into the caller's buffer where it can.
     *
     * @return the plaintext length
     * @throws TlsException as {@link #open(byte[], byte[], ByteBuffer, ByteBuffer)}
     */
    public int open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset, int length, byte[] out,
            int outOffset) throws TlsException {
        Cipher c = ready();
        checkNonce(nonce);
        if (length < algorithm.tagLength()) {
            throw ErrorCode.BAD_RECORD_MAC.exception("record authentication failed: "
                    + length + " bytes is shorter than the " + algorithm.tagLength() + "-byte tag");
        }
        try {
            c = initForDecryption(c, nonce);
            c.updateAAD(aad, aadOffset, aadLength);
            // The array form is the providers' fast path and is documented copy-safe for overlap.
            return c.doFinal(in, inOffset, length, out, outOffset);
        } catch (AEADBadTagException e) {
            throw ErrorCode.BAD_RECORD_MAC.exception("record authentication failed", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception(algorithm + " decryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts {@code ciphertextAndTag[position, limit)} (ciphertext followed by the 16-byte tag)
     * into {@code out} at its position; advances both buffers.
     *
     * @return the plaintext length
     * @throws IllegalArgumentException if the nonce has the wrong length or {@code out} lacks room
     *     for the plaintext
     * @throws TlsException {@link ErrorCode#BAD_RECORD_MAC} if the input is shorter than a tag or
     *     does not authenticate; {@link ErrorCode#INTERNAL} if the provider fails
     */
    public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertextAndTag, ByteBuffer out) throws TlsException {
        return open(nonce, aad, 0, aad.length, ciphertextAndTag, out);
    }

    /** {@link #open(byte[], byte[], ByteBuffer, ByteBuffer)} with the AAD as a slice of an array. */
    public int open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, ByteBuffer ciphertextAndTag, ByteBuffer out)
            throws TlsException {
        Cipher c = ready();
        checkNonce(nonce);
        int plaintextLength = ciphertextAndTag.remaining() - algorithm.tagLength();
        if (plaintextLength < 0) {
            throw ErrorCode.BAD_RECORD_MAC.exception("record authentication failed: "
                    + ciphertextAndTag.remaining() + " bytes is shorter than the " + algorithm.tagLength() + "-byte tag");
        }
        if (out.remaining() < plaintextLength) {
            throw new IllegalArgumentException("output needs " + plaintextLength + " bytes for the plaintext, has " + out.remaining());
        }
        try {
            c = initForDecryption(c, nonce);
            c.updateAAD(aad, aadOffset, aadLength);
            return crypt(c, ciphertextAndTag, out);
        } catch (AEADBadTagException e) {
            throw ErrorCode.BAD_RECORD_MAC.exception("record authentication failed", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception(algorithm + " decryption failed: " + e.getMessage(), e);
        }
    }

    /** The live key array (zeroed by {@link #close()}), for tests that check secrets are wiped. */
    public byte[] keyBytes() {
        return key;
    }

    /**
     * Gives up the {@link Cipher} (a JCA cipher holds its expanded key schedule and buffers: the bulk
     * of an idle connection's memory) to {@link IdleCiphers}, purged; the next operation takes one
     * from there or builds a new one, and keys it again.
     */
    public void release() {
        IdleCiphers.retire(cipher);
        cipher = null;
    }

    /** Zeroes this object's copy of the key and retires the {@link Cipher} to {@link IdleCiphers}. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(key, (byte) 0);
        // The JCA keeps its own copies (SecretKeySpec cannot be destroyed on JDK 17): the cipher is
        // re-keyed with zeros before another connection may take it, and the spec is dropped.
        keySpec = null;
        IdleCiphers.retire(cipher);
        cipher = null;
    }

    @Override
    public String toString() {
        return "Aead[" + algorithm + (closed ? ", closed]" : "]");
    }

    private Cipher initForDecryption(Cipher c, byte[] nonce) throws GeneralSecurityException {
        try {
            c.init(Cipher.DECRYPT_MODE, keySpec, algorithm.parameters(nonce));
            return c;
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            // JDK 17's ChaCha20-Poly1305 refuses to re-init with the previous key and nonce even to
            // decrypt. That happens legitimately when a record is retried under the same sequence
            // number (RFC 8446 §4.2.10: a server skipping rejected early data). A fresh Cipher has
            // no previous state to compare against.
            Cipher fresh = newCipher(algorithm);
            fresh.init(Cipher.DECRYPT_MODE, keySpec, algorithm.parameters(nonce));
            cipher = fresh;
            return fresh;
        }
    }

    private static int crypt(Cipher c, ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        if (in.hasArray() && out.hasArray()) {
            // The array form is the providers' fast path and is documented copy-safe for overlap.
            int inLen = in.remaining();
            int n = c.doFinal(in.array(), in.arrayOffset() + in.position(), inLen,
                    out.array(), out.arrayOffset() + out.position());
            in.position(in.limit());
            out.position(out.position() + n);
            return n;
        }
        return c.doFinal(in, out);
    }

    private void checkNonce(byte[] nonce) {
        if (nonce.length != algorithm.ivLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.ivLength() + "-byte nonce, got " + nonce.length);
        }
    }

    private Cipher ready() {
        if (closed) {
            throw new IllegalStateException("this Aead was closed; derive new traffic keys instead");
        }
        Cipher c = cipher;
        if (c == null) {
            c = newCipher(algorithm);
            cipher = c;
        }
        return c;
    }

    private static Cipher newCipher(AeadAlgorithm alg) {
        Cipher idle = IdleCiphers.take(alg.jcaTransformation());
        if (idle != null) {
            return idle;
        }
        try {
            return Cipher.getInstance(alg.jcaTransformation());
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("no installed JCA provider implements " + alg.jcaTransformation()
                    + "; check AeadAlgorithm.isAvailable() before offering " + alg, e);
        }
    }
}
