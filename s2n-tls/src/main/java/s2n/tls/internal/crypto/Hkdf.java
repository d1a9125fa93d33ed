package s2n.tls.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * HKDF (RFC 5869) and the TLS 1.3 labels built on it (RFC 8446 §7.1). Every method returns a
 * fresh array the caller owns; wrap secrets in {@link SecretBytes} to have them zeroed.
 *
 * <pre>{@code
 * byte[] prk = Hkdf.extract(Hash.SHA256, salt, ikm);
 * byte[] key = Hkdf.expandLabel(Hash.SHA256, trafficSecret, "key", new byte[0], 16);
 * }</pre>
 *
 * <p>A JCA provider without the HMAC is a configuration error and surfaces as
 * {@link IllegalStateException} (see {@link Hash#newMac()}).
 */
public final class Hkdf {
    // RFC 8446 §7.1: every HkdfLabel label starts with this prefix.
    private static final byte[] TLS13_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);

    private Hkdf() {}

    /**
     * HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM) (RFC 5869 §2.2).
     *
     * @param salt the salt; {@code null} or empty means {@code HashLen} zero bytes
     */
    public static byte[] extract(Hash h, byte[] salt, byte[] ikm) {
        byte[] s = salt == null || salt.length == 0 ? new byte[h.length()] : salt;
        return Hmac.mac(h, s, ikm);
    }

    /**
     * HKDF-Expand(PRK, info, L) (RFC 5869 §2.3).
     *
     * @throws IllegalArgumentException if {@code length} is negative or above 255 * HashLen
     */
    public static byte[] expand(Hash h, byte[] prk, byte[] info, int length) {
        int hashLen = h.length();
        if (length < 0 || length > 255 * hashLen) {
            throw new IllegalArgumentException("HKDF-Expand length " + length + " outside [0, " + 255 * hashLen + "]");
        }
        byte[] okm = new byte[length];
        Mac mac = Hmac.borrow(h, prk);
        byte[] t = new byte[hashLen];
        int done = 0;
        try {
            // T(i) = HMAC-Hash(PRK, T(i-1) | info | i), with T(0) empty.
            for (int i = 1; done < length; i++) {
                if (i > 1) {
                    mac.update(t);
                }
                mac.update(info);
                mac.update((byte) i);
                mac.doFinal(t, 0);
                int n = Math.min(hashLen, length - done);
                System.arraycopy(t, 0, okm, done, n);
                done += n;
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException("HMAC output larger than " + hashLen + " bytes", e);
        } finally {
            Arrays.fill(t, (byte) 0);
        }
        Hmac.giveBack(h, mac);
        return okm;
    }

    /**
     * HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 §7.1): HKDF-Expand with the
     * HkdfLabel {@code uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255>}.
     *
     * @param label the label without the {@code "tls13 "} prefix, e.g. {@code "c hs traffic"}
     */
    public static byte[] expandLabel(Hash h, byte[] secret, String label, byte[] context, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        int fullLabel = TLS13_PREFIX.length + labelBytes.length;
        if (fullLabel > 255 || context.length > 255 || length > 0xffff) {
            throw new IllegalArgumentException("HkdfLabel out of range: label " + fullLabel
                    + " bytes, context " + context.length + " bytes, length " + length);
        }
        byte[] info = new byte[2 + 1 + fullLabel + 1 + context.length];
        int i = 0;
        info[i++] = (byte) (length >>> 8);
        info[i++] = (byte) length;
        info[i++] = (byte) fullLabel;
        System.arraycopy(TLS13_PREFIX, 0, info, i, TLS13_PREFIX.length);
        i += TLS13_PREFIX.length;
        System.arraycopy(labelBytes, 0, info, i, labelBytes.length);
        i += labelBytes.length;
        info[i++] = (byte) context.length;
        System.arraycopy(context, 0, info, i, context.length);
        return expand(h, secret, info, length);
    }

    /**
     * Derive-Secret(Secret, Label, Messages) (RFC 8446 §7.1), given the transcript hash of the
     * messages rather than the messages: HKDF-Expand-Label(Secret, Label, Transcript-Hash, Hash.length).
     */
    public static byte[] deriveSecret(Hash h, byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(h, secret, label, transcriptHash, h.length());
    }
}
