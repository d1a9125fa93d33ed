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
 * The named security policies, with s2n-tls's exact contents (inventory §3.2-3.3; s2n's
 * {@code tls/s2n_security_policies.c} and its {@code tests/policy_snapshot/snapshots}). Dated
 * policies never change; the aliases ({@code default}, {@code default_tls13}, ...) point at a dated
 * policy and may move in a later release. {@code src/test/resources/policy-snapshots} pins every
 * name's contents.
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

    /** The four ECDHE AES-GCM suites of s2n's 2025 defaults. */
    private static final String[] ECDHE_GCM = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    };

    /** cipher_preferences_20240331: ECDHE AES-GCM and AES-CBC-SHA2, ECDSA first. */
    private static final String[] ECDHE_GCM_CBC_2024 = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
    };

    /** cipher_preferences_cloudfront_tls_1_2_2019's TLS 1.2 part ("CF-2019"). */
    private static final String[] CLOUDFRONT_2019 = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    };

    /** s2n_signature_preferences_20240501 ("SIG-2024"). */
    private static final String[] SIG_2024 = {
        "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
        "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
        "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
        "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512",
    };

    /** s2n_signature_preferences_20230317, also that policy's certificate list. */
    private static final String[] SIG_2023 = {
        "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
        "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512",
        "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
        "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
    };

    /** s2n_signature_preferences_20200207: SHA-2 first, then SHA-224 and SHA-1 for old peers. */
    private static final String[] SIG_2020 = {
        "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
        "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
        "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512", "rsa_sha224",
        "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512", "ecdsa_sha224",
        "rsa_pkcs1_sha1", "ecdsa_sha1",
    };

    /** s2n_certificate_signature_preferences_20201110 ("CERT-2020"). */
    private static final String[] CERT_2020 = {
        "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
        "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
        "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512", "rsa_sha224",
        "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512", "ecdsa_sha224",
    };

    private static final String[] ECC_2024 = {"secp256r1", "x25519", "secp384r1", "secp521r1"};
    private static final String[] NIST_CURVES = {"secp256r1", "secp384r1", "secp521r1"};
    private static final String[] MLKEM_HYBRIDS = {"X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024"};
    private static final String[] MLKEM768_HYBRIDS = {"X25519MLKEM768", "SecP256r1MLKEM768"};
    private static final String[] MLDSA = {"mldsa44", "mldsa65", "mldsa87"};
    private static final String[] NONE = {};
    private static final String[] ED25519 = {"ed25519"};

    static {
        // 20251014 (default): TLS 1.3 suites, then ECDHE GCM only; ECC groups then ML-KEM hybrids.
        define(new Spec("20251014").suites(TLS13_SUITES, ECDHE_GCM).groups(ECC_2024, MLKEM_HYBRIDS)
                .signatures(SIG_2024, ED25519));
        // 20251015 (default_fips): no ChaCha20 and no x25519.
        define(new Spec("20251015").suites(new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"}, ECDHE_GCM)
                .groups(NIST_CURVES, MLKEM_HYBRIDS).signatures(SIG_2024).certificateSignatures(CERT_2020).fips());
        // 20251013 (rfc9151): CNSA suite 1, P-384 and SHA-384 only, applied to our certificates too.
        define(new Spec("20251013")
                .suites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_AES_256_GCM_SHA384"})
                .groups(new String[] {"secp384r1"})
                .signatures(new String[] {"ecdsa_secp384r1_sha384", "rsa_pss_pss_sha384", "rsa_pss_rsae_sha384",
                    "rsa_pkcs1_sha384"})
                .certificateSignatures(new String[] {"ecdsa_secp384r1_sha384", "rsa_pkcs1_sha384"})
                .certificateKeys("ecdsa_p384", "rsa_3072", "rsa_4096", "rsa_pss_3072", "rsa_pss_4096")
                .fips());
        // 20240503 (default_tls13): TLS 1.3 suites plus the CloudFront-2019 TLS 1.2 list.
        define(new Spec("20240503").suites(TLS13_SUITES, CLOUDFRONT_2019).groups(ECC_2024)
                .signatures(SIG_2024, ED25519).certificateSignatures(CERT_2020));
        // 20250721 (default_pq): default_tls13's suites, ECC then the three ML-KEM hybrids, ML-DSA first.
        define(new Spec("20250721").suites(TLS13_SUITES, CLOUDFRONT_2019).groups(ECC_2024, MLKEM_HYBRIDS)
                .signatures(MLDSA, SIG_2024).certificateSignatures(MLDSA, CERT_2020));
        // 20250512 (default_pq before v1.5.23): the two ML-KEM-768 hybrids only.
        define(new Spec("20250512").suites(TLS13_SUITES, CLOUDFRONT_2019).groups(ECC_2024, MLKEM768_HYBRIDS)
                .signatures(MLDSA, SIG_2024).certificateSignatures(MLDSA, CERT_2020));
        // 20240501 (default before v1.6.0): TLS 1.2 only.
        define(new Spec("20240501").suites(ECDHE_GCM_CBC_2024).groups(ECC_2024).signatures(SIG_2024, ED25519));
        // 20230317: FIPS, TLS 1.2 suites first, TLS 1.3 AES-GCM last.
        define(new Spec("20230317")
                .suites(ECDHE_GCM_CBC_2024, new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"})
                .groups(NIST_CURVES).signatures(SIG_2023).certificateSignatures(SIG_2023).fips());
        // CloudFront-TLS-1-2-2021-Chacha20-Boosted: the one s2n policy that honours a client's ChaCha20 preference.
        define(new Spec("CloudFront-TLS-1-2-2021-Chacha20-Boosted")
                .suites(TLS13_SUITES, new String[] {
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
                .groups(new String[] {"x25519", "secp256r1", "secp384r1"}).signatures(SIG_2020, ED25519)
                .chachaBoosting());
        // AWS-CRT-SDK-TLSv1.3-2023: TLS 1.3 only.
        define(new Spec("AWS-CRT-SDK-TLSv1.3-2023").minimum(ProtocolVersion.TLS13).suites(TLS13_SUITES)
                .groups(new String[] {"secp256r1", "x25519", "secp384r1"}).signatures(SIG_2020, ED25519));

        ALIASES.put("default", "20251014");
        ALIASES.put("default_tls13", "20240503");
        ALIASES.put("default_fips", "20251015");
        ALIASES.put("default_pq", "20250721");
        ALIASES.put("rfc9151", "20251013");
        ALIASES.put("cnsa_1", "20251013");
    }

    private Policies() {}

    /** The contents of one dated policy, gathered fluently so the table above reads like s2n's. */
    private static final class Spec {
        final String name;
        ProtocolVersion minimum = ProtocolVersion.TLS12;
        List<String> suites = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        List<String> certificateSignatures = new ArrayList<>();
        List<String> certificateKeys = new ArrayList<>();
        boolean applyLocally;
        boolean fips;
        boolean chachaBoosting;

        Spec(String name) {
            this.name = name;
        }

        Spec minimum(ProtocolVersion v) {
            minimum = v;
            return this;
        }

        Spec suites(String[]... lists) {
            return addAll(suites, lists);
        }

        Spec groups(String[]... lists) {
            return addAll(groups, lists);
        }

        Spec signatures(String[]... lists) {
            return addAll(signatures, lists);
        }

        Spec certificateSignatures(String[]... lists) {
            return addAll(certificateSignatures, lists);
        }

        Spec certificateKeys(String... keys) {
            certificateKeys.addAll(List.of(keys));
            applyLocally = true;
            return this;
        }

        Spec chachaBoosting() {
            chachaBoosting = true;
            return this;
        }

        Spec fips() {
            fips = true;
            return this;
        }

        private Spec addAll(List<String> to, String[][] lists) {
            for (String[] l : lists) {
                to.addAll(List.of(l));
            }
            return this;
        }
    }

    private static void define(Spec spec) {
        List<CipherSuite> s = new ArrayList<>();
        for (String n : spec.suites) {
            s.add(CipherSuite.byName(n));
        }
        List<NamedGroup> g = new ArrayList<>();
        for (String n : spec.groups) {
            g.add(NamedGroup.byName(n));
        }
        DATED.put(spec.name, new Policy(spec.name, spec.minimum, s, g, schemes(spec.signatures),
                schemes(spec.certificateSignatures), spec.chachaBoosting, spec.certificateKeys, spec.applyLocally, spec.fips));
    }

    private static List<SignatureScheme> schemes(List<String> names) {
        List<SignatureScheme> out = new ArrayList<>();
        for (String n : names) {
            out.add(SignatureScheme.byName(n));
        }
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
        return dated.equals(name) ? p : p.renamed(name);
    }

    /** The dated policy an alias points at (the name itself for a dated policy). */
    public static String resolve(String name) {
        return ALIASES.getOrDefault(name, name);
    }

    /** Whether {@code name} is an alias (it may point elsewhere in a later release). */
    public static boolean isAlias(String name) {
        return ALIASES.containsKey(name);
    }

    /** Every name, aliases first, then dated policies. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(ALIASES.keySet());
        out.addAll(DATED.keySet());
        return Collections.unmodifiableList(out);
    }
}
