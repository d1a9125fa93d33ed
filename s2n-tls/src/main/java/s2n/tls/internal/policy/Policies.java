package s2n.tls.internal.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import s2n.tls.ProtocolVersion;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;

/**
 * The named security policies, as s2n-tls defines them (inventory §3.2-3.3,
 * {@code tls/s2n_security_policies.c}). Dated policies never change; the aliases
 * ({@code default}, {@code default_tls13}) point at a dated policy and may move in a later release.
 *
 * <p>One deliberate difference: s2n-tls does not implement Ed25519, we do, so the non-FIPS
 * policies list {@code ed25519} after s2n's signature schemes.
 */
public final class Policies {
    private static final Map<String, Policy> DATED = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    private static final String[] TLS13_SUITES = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
    };

    /** s2n_signature_preferences_20240501 ("SIG-2024"). */
    private static final String[] SIG_2024 = {
        "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
        "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
        "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
        "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512",
    };

    /** s2n_certificate_signature_preferences_20201110 ("CERT-2020"). */
    private static final String[] CERT_2020 = {
        "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
        "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
        "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512", "rsa_sha224",
        "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512", "ecdsa_sha224",
    };

    static {
        // 20251014 (default): TLS 1.3 suites, then ECDHE GCM only; ECC groups then ML-KEM hybrids.
        define("20251014", ProtocolVersion.TLS12,
                concat(TLS13_SUITES, new String[] {
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"}),
                new String[] {"secp256r1", "x25519", "secp384r1", "secp521r1",
                    "X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024"},
                concat(SIG_2024, new String[] {"ed25519"}),
                new String[0], false);

        // 20240503 (default_tls13): TLS 1.3 suites plus the CloudFront-2019 TLS 1.2 list.
        define("20240503", ProtocolVersion.TLS12,
                concat(TLS13_SUITES, new String[] {
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}),
                new String[] {"secp256r1", "x25519", "secp384r1", "secp521r1"},
                concat(SIG_2024, new String[] {"ed25519"}),
                CERT_2020, false);

        ALIASES.put("default", "20251014");
        ALIASES.put("default_tls13", "20240503");
    }

    private Policies() {}

    private static void define(String name, ProtocolVersion min, String[] suites, String[] groups,
            String[] sigs, String[] certSigs, boolean chachaBoosting) {
        List<CipherSuite> s = new ArrayList<>();
        for (String n : suites) {
            s.add(CipherSuite.byName(n));
        }
        List<NamedGroup> g = new ArrayList<>();
        for (String n : groups) {
            g.add(NamedGroup.byName(n));
        }
        DATED.put(name, new Policy(name, min, s, g, schemes(sigs), schemes(certSigs), chachaBoosting));
    }

    private static List<SignatureScheme> schemes(String[] names) {
        List<SignatureScheme> out = new ArrayList<>();
        for (String n : names) {
            out.add(SignatureScheme.byName(n));
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The policy with this name or alias, or null. */
    public static Policy byName(String name) {
        String dated = ALIASES.getOrDefault(name, name);
        Policy p = DATED.get(dated);
        if (p == null) {
            return null;
        }
        // An alias reports the name the user asked for; its contents are the dated policy's.
        return dated.equals(name) ? p : new Policy(name, p.minimumVersion(), p.cipherSuites(), p.groups(),
                p.signatureSchemes(), p.certificateSignatureSchemes(), p.chachaBoosting());
    }

    /** The dated policy an alias points at (the name itself for a dated policy). */
    public static String resolve(String name) {
        return ALIASES.getOrDefault(name, name);
    }

    /** Every name, aliases first, then dated policies. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(ALIASES.keySet());
        out.addAll(DATED.keySet());
        return Collections.unmodifiableList(out);
    }
}
