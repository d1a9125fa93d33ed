package s2n.tls.jsse;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;

/**
 * SSLParameters onto a {@link SecurityPolicy}: the enabled protocols and cipher suites (JDK names
 * are the IANA names this library uses), and where the running JDK has them, the named groups
 * (JDK 20+) and signature schemes (JDK 19+), read reflectively because this module targets Java 17.
 * Everything is a narrowing of s2n's {@code default} policy.
 */
final class CipherSuites {
    /** The policy every engine narrows: s2n's current default (AEAD suites only). */
    static final SecurityPolicy BASE = SecurityPolicy.named("default");
    /** Supported (and enabled by default) suites: the base policy's, in its preference order. */
    static final List<String> SUPPORTED = BASE.cipherSuites();

    private static final Method NAMED_GROUPS = accessor("getNamedGroups");
    private static final Method SIGNATURE_SCHEMES = accessor("getSignatureSchemes");
    /**
     * Policies made, by what they were made from (protocols, suites, groups, schemes): most
     * applications configure a handful, and every handshake needs one. Bounded, emptied when full.
     */
    private static final Map<List<Object>, SecurityPolicy> POLICIES = new ConcurrentHashMap<>();
    private static final int MAX_POLICIES = 64;
    /** The JSSE names of a list of TLS signature schemes, by the list (a policy's, or a peer's). */
    private static final Map<List<String>, String[]> JCA_SIGNATURE_ALGORITHMS = new ConcurrentHashMap<>();

    /** jdk.tls.namedGroups as last read, and its groups (null: none named). */
    private record SystemGroups(String property, String[] groups) {}

    private static volatile SystemGroups lastSystemGroups;

    private CipherSuites() {}

    private static Method accessor(String name) {
        try {
            return SSLParameters.class.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null; // an older JDK: the parameter does not exist there, so nobody can set it
        }
    }

    /** TLS 1.3 suites have no key exchange in their name (RFC 8446 §B.4). */
    static boolean isTls13(String suite) {
        return !suite.contains("_WITH_");
    }

    /** Checks names given to {@code setEnabledCipherSuites}, as the JDK does: an unknown one is an IllegalArgumentException. */
    static List<String> checked(String[] suites) {
        if (suites == null) {
            throw new IllegalArgumentException("cipher suites must not be null");
        }
        List<String> out = new ArrayList<>();
        for (String s : suites) {
            if (s == null || !SUPPORTED.contains(s)) {
                throw new IllegalArgumentException("unsupported cipher suite " + s + ": the S2N provider supports " + SUPPORTED);
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The policy for a handshake with {@code params}.
     *
     * @throws SSLHandshakeException when the parameters leave nothing to negotiate with
     */
    static SecurityPolicy policy(SSLParameters params) throws SSLHandshakeException {
        String[] groups = NAMED_GROUPS != null ? (String[]) read(NAMED_GROUPS, params) : systemNamedGroups();
        String[] schemes = (String[]) read(SIGNATURE_SCHEMES, params);
        // The getters return copies, so the lists cannot change under the map.
        List<Object> key = Arrays.asList(Arrays.asList(params.getProtocols()), Arrays.asList(params.getCipherSuites()),
                groups == null ? null : Arrays.asList(groups), schemes == null ? null : Arrays.asList(schemes));
        SecurityPolicy known = POLICIES.get(key);
        if (known != null) {
            return known;
        }
        SecurityPolicy policy = policy(params, groups, schemes);
        if (POLICIES.size() >= MAX_POLICIES) {
            POLICIES.clear();
        }
        POLICIES.put(key, policy);
        return policy;
    }

    private static SecurityPolicy policy(SSLParameters params, String[] groups, String[] schemes) throws SSLHandshakeException {
        List<String> protocols = List.of(params.getProtocols());
        boolean tls13 = protocols.contains(Protocols.TLS13);
        boolean tls12 = protocols.contains(Protocols.TLS12);
        if (!tls13 && !tls12) {
            throw new SSLHandshakeException("no protocol enabled: enable TLSv1.3 or TLSv1.2 (enabled: " + protocols + ")");
        }
        List<String> suites = new ArrayList<>();
        for (String s : params.getCipherSuites()) {
            if (SUPPORTED.contains(s) && (isTls13(s) ? tls13 : tls12) && !suites.contains(s)) {
                suites.add(s);
            }
        }
        if (suites.isEmpty()) {
            throw new SSLHandshakeException("no enabled cipher suite fits the enabled protocols " + protocols
                    + " (enabled suites: " + List.of(params.getCipherSuites()) + ")");
        }
        SecurityPolicy policy = BASE.withCipherSuites(suites.toArray(new String[0]));
        if (!tls12 && policy.minimumVersion() != ProtocolVersion.TLS13) {
            policy = policy.withMinimumVersion(ProtocolVersion.TLS13);
        }
        if (groups != null) {
            List<String> picked = intersect(groups, policy.groups());
            if (picked.isEmpty()) {
                throw new SSLHandshakeException("none of the named groups " + List.of(groups) + " is supported; supported: "
                        + policy.groups());
            }
            policy = policy.withGroups(picked.toArray(new String[0]));
        }
        if (schemes != null) {
            List<String> picked = intersect(schemes, policy.signatureSchemes());
            if (picked.isEmpty()) {
                throw new SSLHandshakeException("none of the signature schemes " + List.of(schemes)
                        + " is supported; supported: " + policy.signatureSchemes());
            }
            policy = policy.withSignatureSchemes(picked.toArray(new String[0]));
        }
        return policy;
    }

    private static List<String> intersect(String[] wanted, List<String> available) {
        List<String> out = new ArrayList<>();
        for (String w : wanted) {
            for (String a : available) {
                if (a.equalsIgnoreCase(w) && !out.contains(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /**
     * Before JDK 20 SSLParameters has no named groups, and SunJSSE takes them from the system
     * property {@code jdk.tls.namedGroups} (comma-separated, most preferred first); so do we, there
     * only. Null when it is unset or blank.
     */
    static String[] systemNamedGroups() {
        String property = System.getProperty("jdk.tls.namedGroups");
        if (property == null || property.isBlank()) {
            return null;
        }
        SystemGroups last = lastSystemGroups;
        if (last == null || !last.property.equals(property)) {
            List<String> out = new ArrayList<>();
            for (String g : property.split(",")) {
                String name = g.trim().replace("\"", "");
                if (!name.isEmpty()) {
                    out.add(name);
                }
            }
            last = new SystemGroups(property, out.isEmpty() ? null : out.toArray(new String[0]));
            lastSystemGroups = last;
        }
        return last.groups == null ? null : last.groups.clone();
    }

    private static Object read(Method m, SSLParameters params) {
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(params);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SSLParameters." + m.getName() + " failed", e);
        }
    }

    /** Copies the JDK 19+/20+ parameters (signature schemes, named groups) from one SSLParameters to another. */
    static void copyNewerParameters(SSLParameters from, SSLParameters to) {
        copy(NAMED_GROUPS, "setNamedGroups", from, to);
        copy(SIGNATURE_SCHEMES, "setSignatureSchemes", from, to);
    }

    private static void copy(Method getter, String setter, SSLParameters from, SSLParameters to) {
        if (getter == null) {
            return;
        }
        Object value = read(getter, from);
        if (value == null) {
            return;
        }
        try {
            SSLParameters.class.getMethod(setter, String[].class).invoke(to, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SSLParameters." + setter + " failed", e);
        }
    }

    /**
     * The JCA signature algorithm of a TLS signature scheme, the form the JDK's trust and key
     * managers compare certificate signatures with ({@code ExtendedSSLSession.get*SupportedSignatureAlgorithms}).
     */
    static String jcaSignatureAlgorithm(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        if (s.startsWith("rsa_pss_")) {
            return "RSASSA-PSS";
        }
        if (s.equals("ed25519")) {
            return "Ed25519";
        }
        if (s.equals("ed448")) {
            return "Ed448";
        }
        if (s.equals("ecdsa_sha1")) {
            return "SHA1withECDSA";
        }
        if (s.startsWith("ecdsa_")) {
            return "SHA" + s.substring(s.lastIndexOf("sha") + 3) + "withECDSA";
        }
        if (s.startsWith("rsa_pkcs1_")) {
            return "SHA" + s.substring(s.lastIndexOf("sha") + 3) + "withRSA";
        }
        return null;
    }

    /** The JCA names of {@code schemes}, those with no JCA name left out. */
    static String[] jcaSignatureAlgorithms(List<String> schemes) {
        List<String> key = List.copyOf(schemes);
        String[] known = JCA_SIGNATURE_ALGORITHMS.get(key);
        if (known == null) {
            known = jcaNames(key);
            if (JCA_SIGNATURE_ALGORITHMS.size() >= MAX_POLICIES) {
                JCA_SIGNATURE_ALGORITHMS.clear();
            }
            JCA_SIGNATURE_ALGORITHMS.put(key, known);
        }
        return known.clone();
    }

    private static String[] jcaNames(List<String> schemes) {
        List<String> out = new ArrayList<>();
        for (String s : schemes) {
            String j = jcaSignatureAlgorithm(s);
            if (j != null && !out.contains(j)) {
                out.add(j);
            }
        }
        return out.toArray(new String[0]);
    }

    /** A TLS SignatureScheme code point's name (RFC 8446 §4.2.3), for the peer's signature_algorithms. */
    static String schemeName(int code) {
        switch (code) {
            case 0x0401: return "rsa_pkcs1_sha256";
            case 0x0501: return "rsa_pkcs1_sha384";
            case 0x0601: return "rsa_pkcs1_sha512";
            case 0x0403: return "ecdsa_secp256r1_sha256";
            case 0x0503: return "ecdsa_secp384r1_sha384";
            case 0x0603: return "ecdsa_secp521r1_sha512";
            case 0x0804: return "rsa_pss_rsae_sha256";
            case 0x0805: return "rsa_pss_rsae_sha384";
            case 0x0806: return "rsa_pss_rsae_sha512";
            case 0x0807: return "ed25519";
            case 0x0808: return "ed448";
            case 0x0809: return "rsa_pss_pss_sha256";
            case 0x080a: return "rsa_pss_pss_sha384";
            case 0x080b: return "rsa_pss_pss_sha512";
            case 0x0201: return "rsa_pkcs1_sha1";
            case 0x0203: return "ecdsa_sha1";
            default: return null;
        }
    }
}
