package s2n.tls.testing;

import java.lang.reflect.Method;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this test runtime has ML-KEM, decided independently of the library (the
 * {@code javax.crypto.KEM} class, JDK 21+, and a provider registering KEM "ML-KEM", JDK 24+), and
 * the JDK's {@code javax.crypto.KEM} called directly, through reflection because the tests compile
 * for Java 17.
 *
 * <p>On a runtime without ML-KEM the tests that need it are skipped with the reason; but on a
 * runtime of feature release 24 or later, which must have it, a missing ML-KEM fails them, and so
 * does {@code S2N_REQUIRE_PEERS=1} with {@code S2N_REQUIRE_MLKEM=1} (bin/test sets the latter for
 * its JDK 25 run).
 */
public final class MlKemAssumption {
    /** Whether javax.crypto.KEM "ML-KEM" exists here. */
    public static final boolean AVAILABLE = probe();

    private MlKemAssumption() {}

    /** Skips (or, where ML-KEM must exist, fails) the calling test when the runtime lacks ML-KEM. */
    public static void assumeMlKem() {
        if (AVAILABLE) {
            return;
        }
        String reason = "this runtime (Java " + Runtime.version() + ") has no javax.crypto.KEM \"ML-KEM\"";
        if (Runtime.version().feature() >= 24 || "1".equals(System.getenv("S2N_REQUIRE_MLKEM"))) {
            Assertions.fail(reason + ", but JDK 24 and later ship it (and S2N_REQUIRE_MLKEM=1 demands it)");
        }
        Assumptions.abort(reason + "; bin/test runs these tests again on JDK 25");
    }

    /** The JDK's encapsulation: {@code [ciphertext, sharedSecret]}. */
    public static byte[][] encapsulate(PublicKey key) throws ReflectiveOperationException {
        Object kem = kem();
        Object encapsulator = kem.getClass().getMethod("newEncapsulator", PublicKey.class).invoke(kem, key);
        Object enc = call(encapsulator, "encapsulate");
        byte[] ciphertext = (byte[]) call(enc, "encapsulation");
        SecretKey secret = (SecretKey) call(enc, "key");
        return new byte[][] {ciphertext, secret.getEncoded()};
    }

    /** The JDK's decapsulation. */
    public static byte[] decapsulate(PrivateKey key, byte[] ciphertext) throws ReflectiveOperationException {
        Object kem = kem();
        Object decapsulator = kem.getClass().getMethod("newDecapsulator", PrivateKey.class).invoke(kem, key);
        Method m = decapsulator.getClass().getMethod("decapsulate", byte[].class);
        return ((SecretKey) m.invoke(decapsulator, (Object) ciphertext)).getEncoded();
    }

    private static Object kem() throws ReflectiveOperationException {
        return Class.forName("javax.crypto.KEM").getMethod("getInstance", String.class).invoke(null, "ML-KEM");
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }

    private static boolean probe() {
        try {
            Class.forName("javax.crypto.KEM");
        } catch (ClassNotFoundException e) {
            return false;
        }
        return Security.getProviders("KEM.ML-KEM") != null;
    }
}
