package s2n.tls.internal.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.SecretKey;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * ML-KEM (FIPS 203) through the JCA: {@code KeyPairGenerator}/{@code KeyFactory} "ML-KEM" and
 * {@code javax.crypto.KEM} "ML-KEM". We build for Java 17, where {@code javax.crypto.KEM} does not
 * exist, so its few calls go through method handles looked up once; on a runtime without the class
 * (before JDK 21, or a JDK 17 update before 17.0.12) or without a provider for "ML-KEM" (the JDK has
 * one from JDK 24; before that a third-party provider, e.g. BouncyCastle's, can be installed),
 * {@link #isAvailable()} is false and the hybrid groups are left out of every policy, visibly.
 *
 * <p>Keys cross the wire raw (FIPS 203 §7: {@code ByteEncode12} of the vector, then rho); the JCA
 * wants SubjectPublicKeyInfo. The DER header in front of a raw key depends only on the parameter set,
 * so it is taken once from a generated key rather than written out here.
 */
final class MlKem {
    /** ML-KEM-768: NIST category 3. */
    static final MlKem ML_KEM_768 = new MlKem("ML-KEM-768", 3, 1184, 1088);
    /** ML-KEM-1024: NIST category 5. */
    static final MlKem ML_KEM_1024 = new MlKem("ML-KEM-1024", 4, 1568, 1568);

    /** FIPS 203 §2.4: the modulus. */
    private static final int Q = 3329;
    /** The shared secret is always 32 bytes (FIPS 203 §7.2). */
    static final int SHARED_SECRET_LENGTH = 32;

    private final String name;
    private final int k;
    private final int encapsulationKeyLength;
    private final int ciphertextLength;
    private volatile byte[] spkiPrefix;
    private volatile Boolean available;

    private MlKem(String name, int k, int encapsulationKeyLength, int ciphertextLength) {
        this.name = name;
        this.k = k;
        this.encapsulationKeyLength = encapsulationKeyLength;
        this.ciphertextLength = ciphertextLength;
    }

    /** The parameter set's name, as the JCA knows it. */
    String name() {
        return name;
    }

    /** The raw encapsulation key's length: 1184 or 1568 bytes. */
    int encapsulationKeyLength() {
        return encapsulationKeyLength;
    }

    /** The ciphertext's length: 1088 or 1568 bytes. */
    int ciphertextLength() {
        return ciphertextLength;
    }

    /** Whether the runtime has {@code javax.crypto.KEM} and a provider implements this parameter set; probed once. */
    boolean isAvailable() {
        Boolean a = available;
        if (a == null) {
            a = probe();
            available = a;
        }
        return a;
    }

    /** A fresh key pair: the private key stays a JCA key, the public one comes back raw. */
    KeyPairAndEncoding generate(SecureRandom random) throws TlsException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("ML-KEM");
            g.initialize(new NamedParameterSpec(name), random);
            KeyPair kp = g.generateKeyPair();
            byte[] spki = kp.getPublic().getEncoded();
            if (spki == null || spki.length < encapsulationKeyLength) {
                throw ErrorCode.INTERNAL.exception(name + " provider returned no SubjectPublicKeyInfo");
            }
            rememberPrefix(spki);
            return new KeyPairAndEncoding(kp.getPrivate(),
                    Arrays.copyOfRange(spki, spki.length - encapsulationKeyLength, spki.length));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception("could not generate an " + name + " key pair: " + e.getMessage(), e);
        }
    }

    /**
     * Encapsulates to a peer's raw encapsulation key: the ciphertext to send and the shared secret.
     * The key is checked here as FIPS 203 §7.2 requires (length, and every coefficient below q), so
     * the check holds whatever provider is installed.
     *
     * @throws TlsException {@link ErrorCode#ILLEGAL_PARAMETER} for a malformed key (draft-ietf-tls-ecdhe-mlkem §4)
     */
    Encapsulated encapsulate(byte[] encapsulationKey, SecureRandom random) throws TlsException {
        checkEncapsulationKey(encapsulationKey);
        PublicKey key;
        try {
            key = KeyFactory.getInstance("ML-KEM").generatePublic(new X509EncodedKeySpec(spki(encapsulationKey)));
        } catch (GeneralSecurityException e) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " encapsulation key was refused: " + e.getMessage(), e);
        }
        Object result;
        try {
            Object kem = Handles.INSTANCE.getInstance.invoke("ML-KEM");
            Object encapsulator = Handles.INSTANCE.newEncapsulator.invoke(kem, key, random);
            result = Handles.INSTANCE.encapsulate.invoke(encapsulator);
        } catch (java.security.InvalidKeyException e) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " encapsulation key was refused: " + e.getMessage(), e);
        } catch (Throwable e) {
            throw ErrorCode.INTERNAL.exception(name + " encapsulation failed: " + e.getMessage(), e);
        }
        try {
            SecretKey secret = (SecretKey) Handles.INSTANCE.key.invoke(result);
            byte[] ciphertext = (byte[]) Handles.INSTANCE.encapsulation.invoke(result);
            return new Encapsulated(ciphertext, rawSecret(secret));
        } catch (TlsException e) {
            throw e;
        } catch (Throwable e) {
            throw ErrorCode.INTERNAL.exception(name + " encapsulation failed: " + e.getMessage(), e);
        }
    }

    /**
     * The shared secret a ciphertext carries. ML-KEM rejects implicitly: a well-sized but forged
     * ciphertext yields a pseudorandom secret, and the handshake then fails at Finished.
     *
     * @throws TlsException {@link ErrorCode#ILLEGAL_PARAMETER} for a ciphertext of the wrong length
     */
    byte[] decapsulate(PrivateKey privateKey, byte[] ciphertext) throws TlsException {
        if (ciphertext.length != ciphertextLength) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " ciphertext must be " + ciphertextLength
                    + " bytes, got " + ciphertext.length);
        }
        try {
            Object kem = Handles.INSTANCE.getInstance.invoke("ML-KEM");
            Object decapsulator = Handles.INSTANCE.newDecapsulator.invoke(kem, privateKey);
            return rawSecret((SecretKey) Handles.INSTANCE.decapsulate.invoke(decapsulator, ciphertext));
        } catch (TlsException e) {
            throw e;
        } catch (Throwable e) {
            throw ErrorCode.INTERNAL.exception(name + " decapsulation failed: " + e.getMessage(), e);
        }
    }

    /** FIPS 203 §7.2: type check (length) and modulus check (each 12-bit coefficient below q). */
    void checkEncapsulationKey(byte[] ek) throws TlsException {
        if (ek.length != encapsulationKeyLength) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " encapsulation key must be " + encapsulationKeyLength
                    + " bytes, got " + ek.length);
        }
        int bad = 0;
        int end = 384 * k;
        for (int i = 0; i < end; i += 3) {
            int b0 = ek[i] & 0xff;
            int b1 = ek[i + 1] & 0xff;
            int b2 = ek[i + 2] & 0xff;
            int c0 = b0 | ((b1 & 0x0f) << 8);
            int c1 = (b1 >>> 4) | (b2 << 4);
            // Branch-free: c - Q is negative exactly when c < Q, so ~(c - Q) has its sign bit set when c >= Q.
            bad |= ~(c0 - Q) | ~(c1 - Q);
        }
        if (bad < 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " encapsulation key has a coefficient not below q = 3329");
        }
    }

    private static byte[] rawSecret(SecretKey key) throws TlsException {
        byte[] raw = key.getEncoded();
        if (raw == null || raw.length != SHARED_SECRET_LENGTH) {
            throw ErrorCode.INTERNAL.exception("ML-KEM provider returned a shared secret that is not 32 raw bytes");
        }
        return raw;
    }

    private byte[] spki(byte[] raw) throws TlsException {
        byte[] prefix = spkiPrefix;
        if (prefix == null) {
            // One generated key gives us the header for every later peer key of this parameter set.
            try (KeyPairAndEncoding ignored = generate(new SecureRandom())) {
                prefix = spkiPrefix;
            }
        }
        byte[] out = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, out, prefix.length, raw.length);
        return out;
    }

    private void rememberPrefix(byte[] spki) {
        if (spkiPrefix == null) {
            spkiPrefix = Arrays.copyOf(spki, spki.length - encapsulationKeyLength);
        }
    }

    private boolean probe() {
        if (Handles.INSTANCE == null) {
            return false;
        }
        try (KeyPairAndEncoding kp = generate(new SecureRandom())) {
            Encapsulated e = encapsulate(kp.encapsulationKey(), new SecureRandom());
            byte[] back = decapsulate(kp.privateKey(), e.ciphertext());
            boolean ok = e.ciphertext().length == ciphertextLength && Arrays.equals(back, e.sharedSecret());
            Arrays.fill(back, (byte) 0);
            e.wipe();
            return ok;
        } catch (TlsException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** A generated key pair: the JCA private key (for decapsulation) and the raw encapsulation key. */
    static final class KeyPairAndEncoding implements AutoCloseable {
        private PrivateKey privateKey;
        private final byte[] encapsulationKey;

        KeyPairAndEncoding(PrivateKey privateKey, byte[] encapsulationKey) {
            this.privateKey = privateKey;
            this.encapsulationKey = encapsulationKey;
        }

        PrivateKey privateKey() {
            PrivateKey key = privateKey;
            if (key == null) {
                throw new IllegalStateException("ML-KEM key pair was closed");
            }
            return key;
        }

        byte[] encapsulationKey() {
            return encapsulationKey;
        }

        @Override
        public void close() {
            PrivateKey key = privateKey;
            privateKey = null;
            if (key != null && !key.isDestroyed()) {
                try {
                    key.destroy();
                } catch (javax.security.auth.DestroyFailedException e) {
                    // JDK keys do not implement destroy(); dropping the reference is what remains.
                }
            }
        }
    }

    /** What an encapsulation yields: the ciphertext for the peer and the 32-byte shared secret. */
    static final class Encapsulated {
        private final byte[] ciphertext;
        private final byte[] sharedSecret;

        Encapsulated(byte[] ciphertext, byte[] sharedSecret) {
            this.ciphertext = ciphertext;
            this.sharedSecret = sharedSecret;
        }

        byte[] ciphertext() {
            return ciphertext;
        }

        byte[] sharedSecret() {
            return sharedSecret;
        }

        void wipe() {
            Arrays.fill(sharedSecret, (byte) 0);
        }
    }

    /** Method handles onto {@code javax.crypto.KEM} (JDK 21+); null where the class does not exist. */
    private static final class Handles {
        static final Handles INSTANCE = load();

        final MethodHandle getInstance;
        final MethodHandle newEncapsulator;
        final MethodHandle encapsulate;
        final MethodHandle key;
        final MethodHandle encapsulation;
        final MethodHandle newDecapsulator;
        final MethodHandle decapsulate;

        private Handles(MethodHandles.Lookup l, Class<?> kem) throws ReflectiveOperationException {
            Class<?> encapsulatorClass = Class.forName("javax.crypto.KEM$Encapsulator");
            Class<?> encapsulatedClass = Class.forName("javax.crypto.KEM$Encapsulated");
            Class<?> decapsulatorClass = Class.forName("javax.crypto.KEM$Decapsulator");
            getInstance = l.findStatic(kem, "getInstance", MethodType.methodType(kem, String.class));
            newEncapsulator = l.findVirtual(kem, "newEncapsulator",
                    MethodType.methodType(encapsulatorClass, PublicKey.class, SecureRandom.class));
            encapsulate = l.findVirtual(encapsulatorClass, "encapsulate", MethodType.methodType(encapsulatedClass));
            key = l.findVirtual(encapsulatedClass, "key", MethodType.methodType(SecretKey.class));
            encapsulation = l.findVirtual(encapsulatedClass, "encapsulation", MethodType.methodType(byte[].class));
            newDecapsulator = l.findVirtual(kem, "newDecapsulator", MethodType.methodType(decapsulatorClass, PrivateKey.class));
            decapsulate = l.findVirtual(decapsulatorClass, "decapsulate", MethodType.methodType(SecretKey.class, byte[].class));
        }

        private static Handles load() {
            try {
                return new Handles(MethodHandles.publicLookup(), Class.forName("javax.crypto.KEM"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
