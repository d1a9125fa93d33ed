package s2n.tls.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * The TLS 1.2 pseudorandom function (RFC 5246 §5) and the secrets built on it: the master secret
 * (§8.1), the extended master secret (RFC 7627 §4), the key block (§6.3) and Finished verify_data
 * (§7.4.9).
 *
 * <pre>{@code
 * try (SecretBytes master = Prf12.extendedMasterSecret(Hash.SHA256, preMaster, sessionHash)) {
 *     byte[] keyBlock = Prf12.keyBlock(Hash.SHA256, master, serverRandom, clientRandom, 2 * (16 + 4));
 * }
 * }</pre>
 */
public final class Prf12 {
    /** RFC 5246 §8.1: the master secret is always 48 bytes. */
    public static final int MASTER_SECRET_LENGTH = 48;
    /** RFC 5246 §7.4.9: verify_data_length for every suite this library knows. */
    public static final int VERIFY_DATA_LENGTH = 12;

    private Prf12() {}

    /**
     * PRF(secret, label, seed) = P_hash(secret, label + seed), truncated to {@code length} bytes.
     * P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ..., where
     * A(0) = seed and A(i) = HMAC(secret, A(i-1)).
     */
    public static byte[] prf(Hash h, byte[] secret, String label, byte[] seed, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("PRF length " + length);
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] labelAndSeed = new byte[labelBytes.length + seed.length];
        System.arraycopy(labelBytes, 0, labelAndSeed, 0, labelBytes.length);
        System.arraycopy(seed, 0, labelAndSeed, labelBytes.length, seed.length);

        Mac mac = Hmac.keyed(h, secret);
        byte[] out = new byte[length];
        byte[] a = mac.doFinal(labelAndSeed);
        byte[] block = new byte[h.length()];
        try {
            for (int done = 0; done < length; ) {
                mac.update(a);
                mac.update(labelAndSeed);
                mac.doFinal(block, 0);
                int n = Math.min(block.length, length - done);
                System.arraycopy(block, 0, out, done, n);
                done += n;
                if (done < length) {
                    // A(i+1) = HMAC(secret, A(i)), written over A(i) once the MAC has consumed it.
                    mac.update(a);
                    mac.doFinal(a, 0);
                }
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException("HMAC output larger than " + h.length() + " bytes", e);
        } finally {
            Arrays.fill(block, (byte) 0);
            Arrays.fill(a, (byte) 0);
        }
        return out;
    }

    /** master_secret = PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47]. */
    public static SecretBytes masterSecret(Hash h, byte[] preMaster, byte[] clientRandom, byte[] serverRandom) {
        return new SecretBytes(prf(h, preMaster, "master secret", concat(clientRandom, serverRandom), MASTER_SECRET_LENGTH));
    }

    /**
     * RFC 7627 §4: master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47],
     * where session_hash is the transcript hash through ClientKeyExchange.
     */
    public static SecretBytes extendedMasterSecret(Hash h, byte[] preMaster, byte[] sessionHash) {
        return new SecretBytes(prf(h, preMaster, "extended master secret", sessionHash, MASTER_SECRET_LENGTH));
    }

    /**
     * key_block = PRF(master_secret, "key expansion", server_random + client_random) (RFC 5246 §6.3;
     * note the server random comes first here). For AEAD suites it holds the client and server write
     * keys, then the client and server implicit IVs (RFC 5288 §3).
     */
    public static byte[] keyBlock(Hash h, SecretBytes master, byte[] serverRandom, byte[] clientRandom, int length) {
        return prf(h, master.bytes(), "key expansion", concat(serverRandom, clientRandom), length);
    }

    /**
     * verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11] (RFC 5246 §7.4.9).
     *
     * @param label {@code "client finished"} or {@code "server finished"}
     */
    public static byte[] verifyData(Hash h, SecretBytes master, String label, byte[] handshakeHash) {
        return prf(h, master.bytes(), label, handshakeHash, VERIFY_DATA_LENGTH);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
