package s2n.tls.tools;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tools' one warning line for key exchange groups a policy names but this runtime cannot
 * offer (the ML-KEM hybrids before JDK 24). The test helpers take such lines out of what they
 * capture, so the other tests read the same stderr on every JDK; the tests of the warning itself
 * compare them with the literal text below.
 */
final class PolicyWarnings {
    /** Whether this runtime has ML-KEM, found without the library: {@code javax.crypto.KEM} "ML-KEM". */
    static final boolean ML_KEM = mlKem();

    static final String ML_KEM_REASON = "needs ML-KEM through javax.crypto.KEM (JDK 24 or later; JDK 17.0.12+ "
            + "or 21-23 with a provider of KEM \"ML-KEM\", e.g. BouncyCastle's), which this runtime lacks";

    private static final Pattern LINE = Pattern.compile("(?m)^s2n[cd]: warning: .*\\R");

    private PolicyWarnings() {}

    /** What {@code tool} warns under {@code policy}, which names the three hybrids: nothing where ML-KEM exists. */
    static String forHybrids(String tool, String policy) {
        return ML_KEM ? "" : tool + ": warning: policy " + policy
                + ": X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024 not offered: " + ML_KEM_REASON + "\n";
    }

    /** The group the tools negotiate with each other under {@code default}, which prefers the hybrid. */
    static boolean isDefaultGroupOnThisRuntime(String curve) {
        return ML_KEM ? curve.equals("X25519MLKEM768") : curve.equals("x25519") || curve.equals("secp256r1");
    }

    /** The warning lines in {@code err}, in order, each with its line end. */
    static String in(String err) {
        StringBuilder out = new StringBuilder();
        Matcher m = LINE.matcher(err);
        while (m.find()) {
            out.append(m.group().replaceAll("\\R$", "\n"));
        }
        return out.toString();
    }

    /** {@code err} without the warning lines. */
    static String without(String err) {
        return LINE.matcher(err).replaceAll("");
    }

    private static boolean mlKem() {
        try {
            Class<?> kem = Class.forName("javax.crypto.KEM");
            kem.getMethod("getInstance", String.class).invoke(null, "ML-KEM");
            return true;
        } catch (ReflectiveOperationException e) {
            return false; // no KEM class (before JDK 21), or no provider of "ML-KEM"
        }
    }
}
