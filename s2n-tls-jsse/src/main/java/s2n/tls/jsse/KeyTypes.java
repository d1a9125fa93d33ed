package s2n.tls.jsse;

import java.security.cert.X509Certificate;
import java.util.List;

/** JSSE key type names ({@code chooseServerAlias("EC", ...)}) and how they meet TLS signature schemes. */
final class KeyTypes {
    /** The key types a server or client offers chains for, in the order the core prefers them. */
    static final List<String> ALL = List.of("EC", "RSASSA-PSS", "RSA", "EdDSA");

    private KeyTypes() {}

    /** The key type that signs with {@code scheme}. */
    static String forScheme(String scheme) {
        if (scheme.startsWith("ecdsa_")) {
            return "EC";
        }
        if (scheme.startsWith("rsa_pss_pss_")) {
            return "RSASSA-PSS";
        }
        if (scheme.startsWith("rsa_")) {
            return "RSA";
        }
        return "EdDSA";
    }

    /** The key type of a certificate's public key, as JSSE names it; Ed25519/Ed448 keys are "EdDSA". */
    static String of(X509Certificate cert) {
        String alg = cert.getPublicKey().getAlgorithm();
        if (alg.equals("Ed25519") || alg.equals("Ed448")) {
            return "EdDSA";
        }
        return alg;
    }

    /** The authType a JDK server passes to checkClientTrusted: the client key's algorithm (CertificateMessage). */
    static String clientAuthType(X509Certificate leaf) {
        String alg = leaf.getPublicKey().getAlgorithm();
        switch (alg) {
            case "RSA":
            case "DSA":
            case "EC":
            case "RSASSA-PSS":
                return alg;
            default:
                return "UNKNOWN";
        }
    }

    /**
     * The authType a JDK client passes to checkServerTrusted: the TLS 1.2 suite's key exchange
     * ({@code ECDHE_ECDSA}); "UNKNOWN" for TLS 1.3, whose suites do not name one.
     */
    static String serverAuthType(String suite, boolean tls13) {
        if (tls13 || suite == null || !suite.contains("_WITH_")) {
            return "UNKNOWN";
        }
        return suite.substring("TLS_".length(), suite.indexOf("_WITH_"));
    }
}
