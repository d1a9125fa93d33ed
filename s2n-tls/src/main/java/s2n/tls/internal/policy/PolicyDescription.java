package s2n.tls.internal.policy;

import java.util.List;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;

/**
 * A policy written out as text, one item per line, in the spirit of s2n's {@code bin/policy} and
 * its {@code tests/policy_snapshot/snapshots}: what the policy contains (s2n's contents, under
 * IANA names), then what this library does not serve of it. The checked-in snapshot of every
 * policy name must equal this text byte for byte, so a dated policy can never drift unnoticed.
 *
 * <pre>
 * name: default
 * alias for: 20251014
 * min version: TLSv1.2
 * max version: TLSv1.3
 * rules:
 * - perfect forward secrecy: yes
 * - FIPS 140-3: no
 * cipher suites:
 * - TLS_AES_128_GCM_SHA256
 * ...
 * not served by this library:
 * - group X25519MLKEM768: needs ML-KEM through javax.crypto.KEM (JDK 24 or later, ...), which this runtime lacks
 * </pre>
 */
public final class PolicyDescription {
    private PolicyDescription() {}

    /** The description of {@code policy}, lines ending in {@code \n}. */
    public static String describe(Policy policy) {
        StringBuilder out = new StringBuilder();
        line(out, "name: " + policy.name());
        if (Policies.isAlias(policy.name())) {
            line(out, "alias for: " + Policies.resolve(policy.name()));
        }
        line(out, "min version: " + policy.minimumVersion().protocolName());
        line(out, "max version: " + policy.maximumVersion().protocolName());
        line(out, "rules:");
        // Every suite this library can negotiate uses an ephemeral key exchange.
        line(out, "- perfect forward secrecy: yes");
        line(out, "- FIPS 140-3: " + (policy.fips() ? "yes" : "no"));
        line(out, "- TLS 1.2 extended master secret: " + (policy.requiresExtendedMasterSecret() ? "required" : "when offered"));
        line(out, "cipher suites:");
        if (policy.chachaBoosting()) {
            line(out, "- chacha20 boosting enabled");
        }
        for (CipherSuite s : policy.cipherSuites()) {
            line(out, "- " + s.name());
        }
        line(out, "signature schemes:");
        schemes(out, policy.signatureSchemes());
        line(out, "groups:");
        for (NamedGroup g : policy.groups()) {
            line(out, "- " + g.name());
        }
        if (!policy.certificateSignatureSchemes().isEmpty()) {
            line(out, "certificate signature schemes:");
            schemes(out, policy.certificateSignatureSchemes());
        }
        if (!policy.certificateKeys().isEmpty()) {
            line(out, "certificate keys:");
            for (String k : policy.certificateKeys()) {
                line(out, "- " + k);
            }
        }
        if (policy.certificatePreferencesApplyLocally()) {
            line(out, "certificate preferences apply locally");
        }
        List<String> omissions = policy.omissions();
        if (!omissions.isEmpty()) {
            line(out, "not served by this library:");
            for (String o : omissions) {
                line(out, "- " + o);
            }
        }
        return out.toString();
    }

    private static void schemes(StringBuilder out, List<SignatureScheme> schemes) {
        for (SignatureScheme s : schemes) {
            line(out, "- " + s.name());
        }
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }
}
