package s2n.tls.internal.resumption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.crypto.AeadAlgorithm;
import s2n.tls.internal.crypto.Hash;
import s2n.tls.internal.crypto.Hkdf;
import s2n.tls.internal.crypto.IdleCiphers;

/**
 * A server's session ticket keys, as s2n keeps them ({@code s2n_config_add_ticket_crypto_key}):
 * each key has a name and an introduction time; from then on it encrypts and decrypts for its
 * encrypt-decrypt lifetime (default 2 h), then only decrypts for its decrypt-only lifetime
 * (default 13 h), then is gone. New tickets are sealed under the newest key in its encrypt window;
 * a ticket names its key, so any key still in a window opens it.
 *
 * <p>A ticket is {@code version(1) | name_length(1) | name | nonce(12) | AES-256-GCM(state) | tag(16)},
 * the header being the additional data. The AES key is not the configured key itself but
 * HKDF-SHA256(salt "s2n-tls-java ticket key", key) expanded with the name (derived once per key),
 * so the application's key material never meets the cipher directly. Immutable and thread-safe.
 */
public final class TicketKeys {
    /** s2n's {@code S2N_MAX_TICKET_KEYS}. */
    public static final int MAX_KEYS = 48;
    /** s2n's maximum key name length. */
    public static final int MAX_NAME_LENGTH = 16;
    static final int FORMAT = 1;
    private static final int NONCE_LENGTH = 12;
    private static final String TRANSFORMATION = AeadAlgorithm.AES_256_GCM.jcaTransformation();
    private static final int TAG_BITS = 128;
    private static final byte[] SALT = "s2n-tls-java ticket key".getBytes(StandardCharsets.US_ASCII);

    /** One key: its name, the derived AES-256 key and when it starts. */
    private record Key(byte[] name, SecretKeySpec aes, long introMillis) {}

    private volatile List<Key> keys;
    private final long encryptDecryptMillis;
    private final long decryptOnlyMillis;
    /** Non-null for in-process random keys, which renew themselves; null for configured keys. */
    private final SecureRandom renewWith;

    private TicketKeys(List<Key> keys, long encryptDecryptMillis, long decryptOnlyMillis, SecureRandom renewWith) {
        this.keys = keys;
        this.encryptDecryptMillis = encryptDecryptMillis;
        this.decryptOnlyMillis = decryptOnlyMillis;
        this.renewWith = renewWith;
    }

    /**
     * Random keys made in this process ({@code sessionTicketsEnabled(true)} without keys): when
     * the current one leaves its encrypt window a new one is made, so a long-running server keeps
     * issuing tickets; tickets do not survive a restart.
     */
    public static TicketKeys random(SecureRandom random, long encryptDecryptMillis, long decryptOnlyMillis) {
        return new TicketKeys(List.of(), encryptDecryptMillis, decryptOnlyMillis, random);
    }

    private synchronized Key renew(long now) {
        Key current = find(now);
        if (current != null) {
            return current;
        }
        byte[] name = new byte[MAX_NAME_LENGTH];
        byte[] material = new byte[32];
        renewWith.nextBytes(name);
        renewWith.nextBytes(material);
        Key fresh = derive(name, material, now);
        Arrays.fill(material, (byte) 0);
        List<Key> next = new ArrayList<>();
        next.add(fresh);
        for (Key k : keys) {
            if (now < k.introMillis + encryptDecryptMillis + decryptOnlyMillis && next.size() < MAX_KEYS) {
                next.add(k);
            }
        }
        keys = List.copyOf(next);
        return fresh;
    }

    private static Key derive(byte[] name, byte[] material, long introMillis) {
        byte[] prk = Hkdf.extract(Hash.SHA256, SALT, material);
        byte[] aes = Hkdf.expand(Hash.SHA256, prk, name, 32);
        Arrays.fill(prk, (byte) 0);
        Key k = new Key(name.clone(), new SecretKeySpec(aes, "AES"), introMillis);
        Arrays.fill(aes, (byte) 0);
        return k;
    }

    /** The configured keys, newest first; {@code material} arrays are not kept (derived keys are). */
    public static TicketKeys of(List<byte[]> names, List<byte[]> materials, List<Long> introMillis,
            long encryptDecryptMillis, long decryptOnlyMillis) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            keys.add(derive(names.get(i), materials.get(i), introMillis.get(i)));
        }
        keys.sort(Comparator.comparingLong(Key::introMillis).reversed());
        return new TicketKeys(List.copyOf(keys), encryptDecryptMillis, decryptOnlyMillis, null);
    }


    /**
     * How long a ticket sealed at {@code now} can still be opened: until its key leaves its
     * decrypt-only window. 0 if no key can seal now.
     */
    public long remainingDecryptMillis(long nowMillis) {
        Key k = encryptKey(nowMillis);
        return k == null ? 0 : k.introMillis + encryptDecryptMillis + decryptOnlyMillis - nowMillis;
    }

    private Key encryptKey(long now) {
        Key k = find(now);
        return k == null && renewWith != null ? renew(now) : k;
    }

    private Key find(long now) {
        for (Key k : keys) {
            if (k.introMillis <= now && now < k.introMillis + encryptDecryptMillis) {
                return k;
            }
        }
        return null;
    }

    /** Seals {@code state} under the current key; null if no key is in its encrypt window. */
    public byte[] seal(byte[] state, long nowMillis, SecureRandom random) {
        Key k = encryptKey(nowMillis);
        if (k == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] header = header(k.name);
        Cipher c = null;
        try {
            c = cipher();
            c.init(Cipher.ENCRYPT_MODE, k.aes, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(header);
            byte[] sealed = c.doFinal(state);
            Writer w = new Writer(header.length + NONCE_LENGTH + sealed.length);
            w.writeBytes(header).writeBytes(nonce).writeBytes(sealed);
            return w.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable for session tickets: " + e.getMessage(), e);
        } finally {
            IdleCiphers.retire(c);
        }
    }

    /**
     * A cipher for one ticket: this thread's idle one if it has one ({@code Cipher.getInstance}
     * costs more than the sealing), given back purged of the ticket key by {@link IdleCiphers#retire}.
     */
    private static Cipher cipher() throws GeneralSecurityException {
        Cipher c = IdleCiphers.take(TRANSFORMATION);
        return c != null ? c : Cipher.getInstance(TRANSFORMATION);
    }

    /**
     * Opens a ticket: the state, or null when it is not ours, its key is unknown or past its
     * decrypt window, or it does not authenticate. Never throws for what a peer sent.
     */
    public byte[] open(byte[] ticket, long nowMillis) {
        Cipher c = null;
        try {
            Reader r = new Reader(ticket);
            if (r.readUint8() != FORMAT) {
                return null;
            }
            byte[] name = r.readVector8(1, MAX_NAME_LENGTH);
            Key k = decryptKey(name, nowMillis);
            if (k == null) {
                return null;
            }
            byte[] nonce = r.readBytes(NONCE_LENGTH);
            byte[] sealed = r.readRest();
            if (sealed.length < TAG_BITS / 8) {
                return null;
            }
            c = cipher();
            c.init(Cipher.DECRYPT_MODE, k.aes, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(header(name));
            return c.doFinal(sealed);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A ticket that does not open is a ticket we cannot use: a full handshake follows.
            return null;
        } finally {
            IdleCiphers.retire(c);
        }
    }

    /**
     * Whether {@code ticket} (one that opened) was sealed by the key that seals now: if not, its
     * key is in its decrypt-only window and a server should give the client a fresh ticket
     * (s2n renews such TLS 1.2 tickets).
     */
    public boolean sealedByCurrentKey(byte[] ticket, long nowMillis) {
        Key current = find(nowMillis);
        if (current == null || ticket.length < 2 || ticket[0] != FORMAT) {
            return false;
        }
        int nameLength = ticket[1] & 0xff;
        return ticket.length >= 2 + nameLength
                && Arrays.equals(Arrays.copyOfRange(ticket, 2, 2 + nameLength), current.name);
    }

    private Key decryptKey(byte[] name, long now) {
        for (Key k : keys) {
            if (Arrays.equals(k.name, name) && k.introMillis <= now
                    && now < k.introMillis + encryptDecryptMillis + decryptOnlyMillis) {
                return k;
            }
        }
        return null;
    }

    private static byte[] header(byte[] name) {
        byte[] h = new byte[2 + name.length];
        h[0] = FORMAT;
        h[1] = (byte) name.length;
        System.arraycopy(name, 0, h, 2, name.length);
        return h;
    }

    /** The number of keys. */
    public int size() {
        return keys.size();
    }

    @Override
    public String toString() {
        return "TicketKeys[" + keys.size() + " keys]";
    }
}
