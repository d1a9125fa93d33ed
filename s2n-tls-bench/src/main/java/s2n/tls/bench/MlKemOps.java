package s2n.tls.bench;

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

/**
 * The ML-KEM-768 half of one X25519MLKEM768 exchange through raw JCA objects: the client generates
 * a key pair, the server rebuilds the client's encapsulation key from its encoding (as a TLS stack
 * must) and encapsulates, the client decapsulates. This module builds for Java 17, whose API has
 * no {@code javax.crypto.KEM}, so its calls go through method handles looked up once.
 */
final class MlKemOps {
    private final KeyPairGenerator generator;
    private final KeyFactory decoder;
    private final Object kem;
    private final SecureRandom random = new SecureRandom();
    private final MethodHandle newEncapsulator;
    private final MethodHandle encapsulate;
    private final MethodHandle key;
    private final MethodHandle encapsulation;
    private final MethodHandle newDecapsulator;
    private final MethodHandle decapsulate;

    MlKemOps() throws ReflectiveOperationException, GeneralSecurityException {
        generator = KeyPairGenerator.getInstance("ML-KEM");
        generator.initialize(new NamedParameterSpec("ML-KEM-768"));
        decoder = KeyFactory.getInstance("ML-KEM");
        MethodHandles.Lookup l = MethodHandles.publicLookup();
        Class<?> kemClass = Class.forName("javax.crypto.KEM");
        Class<?> encapsulator = Class.forName("javax.crypto.KEM$Encapsulator");
        Class<?> encapsulated = Class.forName("javax.crypto.KEM$Encapsulated");
        Class<?> decapsulator = Class.forName("javax.crypto.KEM$Decapsulator");
        try {
            kem = l.findStatic(kemClass, "getInstance", MethodType.methodType(kemClass, String.class)).invoke("ML-KEM");
        } catch (Throwable e) {
            throw new GeneralSecurityException("no KEM \"ML-KEM\" in this runtime", e);
        }
        newEncapsulator = l.findVirtual(kemClass, "newEncapsulator",
                MethodType.methodType(encapsulator, PublicKey.class, SecureRandom.class));
        encapsulate = l.findVirtual(encapsulator, "encapsulate", MethodType.methodType(encapsulated));
        key = l.findVirtual(encapsulated, "key", MethodType.methodType(SecretKey.class));
        encapsulation = l.findVirtual(encapsulated, "encapsulation", MethodType.methodType(byte[].class));
        newDecapsulator = l.findVirtual(kemClass, "newDecapsulator", MethodType.methodType(decapsulator, PrivateKey.class));
        decapsulate = l.findVirtual(decapsulator, "decapsulate", MethodType.methodType(SecretKey.class, byte[].class));
    }

    /** Whether this runtime has ML-KEM-768 through the JCA. */
    static boolean available() {
        try {
            return new MlKemOps().exchange();
        } catch (Throwable e) {
            return false;
        }
    }

    /** One exchange; true when both sides hold the same secret. */
    boolean exchange() throws GeneralSecurityException {
        KeyPair client = generator.generateKeyPair();
        PublicKey atServer = decoder.generatePublic(new X509EncodedKeySpec(client.getPublic().getEncoded()));
        try {
            Object sealed = encapsulate.invoke(newEncapsulator.invoke(kem, atServer, random));
            byte[] serverSecret = ((SecretKey) key.invoke(sealed)).getEncoded();
            byte[] ciphertext = (byte[]) encapsulation.invoke(sealed);
            byte[] clientSecret = ((SecretKey) decapsulate.invoke(newDecapsulator.invoke(kem, client.getPrivate()),
                    ciphertext)).getEncoded();
            return Arrays.equals(serverSecret, clientSecret);
        } catch (GeneralSecurityException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new GeneralSecurityException("ML-KEM failed", e);
        }
    }
}
