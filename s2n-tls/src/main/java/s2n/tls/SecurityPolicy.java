package s2n.tls;

import java.util.ArrayList;
import java.util.List;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.policy.Policies;
import s2n.tls.internal.policy.Policy;
import s2n.tls.internal.policy.PolicyDescription;

/**
 * A named, versioned set of protocol versions, cipher suites, groups and signature schemes, as
 * s2n-tls defines them: you choose behaviour by policy name, never by cipher list. Dated policies
 * ({@code 20240503}) never change; aliases ({@code default}, {@code default_tls13},
 * {@code default_fips}, {@code rfc9151}) point at a dated policy and may move to a newer one in a
 * later release.
 *
 * <pre>{@code
 * Config config = Config.builder().securityPolicy("default_tls13").build();
 * SecurityPolicy.named("default").cipherSuites();   // what "default" contains, in order
 * SecurityPolicy.names();                           // every name this library knows
 * }</pre>
 *
 * <p>Names are IANA names ({@code TLS_AES_128_GCM_SHA256}, {@code x25519},
 * {@code ecdsa_secp256r1_sha256}). Where this library cannot serve part of a policy (its CBC
 * suites, its ML-KEM groups), {@link #omissions()} says exactly what it leaves out; the server
 * and client simply never offer those entries.
 *
 * <p>Preference order is s2n's: a server picks its own most preferred suite and group among the
 * client's, except that a policy with {@link #chachaBoosting()} gives ChaCha20-Poly1305 to a client
 * that lists it first.
 */
public final class SecurityPolicy {
    private final Policy policy;

    private SecurityPolicy(Policy policy) {
        this.policy = policy;
    }

    /**
     * The policy with this name or alias.
     *
     * @throws IllegalArgumentException if there is no such policy; the message lists the known names
     */
    public static SecurityPolicy named(String name) {
        Policy p = name == null ? null : Policies.byName(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown security policy \"" + name + "\"; known policies: "
                    + String.join(", ", Policies.names()));
        }
        return new SecurityPolicy(p);
    }

    /** Every policy name this library knows, aliases first. */
    public static List<String> names() {
        return Policies.names();
    }

    /** The name this policy was looked up by. */
    public String name() {
        return policy.name();
    }

    /** For an alias, the dated policy it currently points at; for a dated policy, its own name. */
    public String resolvedName() {
        return Policies.resolve(policy.name());
    }

    /** Whether this name is an alias, which a later release may point at a newer dated policy. */
    public boolean isAlias() {
        return !resolvedName().equals(name());
    }

    /** The oldest protocol version the policy allows. */
    public ProtocolVersion minimumVersion() {
        return policy.minimumVersion();
    }

    /** The newest protocol version this library negotiates under this policy. */
    public ProtocolVersion maximumVersion() {
        return policy.maximumVersion();
    }

    /** Every cipher suite of the policy, in preference order (IANA names). */
    public List<String> cipherSuites() {
        List<String> out = new ArrayList<>();
        for (CipherSuite s : policy.cipherSuites()) {
            out.add(s.name());
        }
        return List.copyOf(out);
    }

    /** Every key exchange group of the policy, in preference order. */
    public List<String> groups() {
        List<String> out = new ArrayList<>();
        for (NamedGroup g : policy.groups()) {
            out.add(g.name());
        }
        return List.copyOf(out);
    }

    /** The signature schemes for handshake signatures, in preference order. */
    public List<String> signatureSchemes() {
        return names(policy.signatureSchemes());
    }

    /** The signature schemes allowed on peer certificates; empty if the policy does not restrict them. */
    public List<String> certificateSignatureSchemes() {
        return names(policy.certificateSignatureSchemes());
    }

    /**
     * s2n's certificate key preferences ({@code ecdsa_p384}, {@code rsa_3072}, ...); empty if the
     * policy does not restrict certificate keys.
     */
    public List<String> certificateKeys() {
        return policy.certificateKeys();
    }

    /** Whether the policy carries s2n's FIPS 140-3 rule (see {@link #omissions()}: we do not enforce it). */
    public boolean fips() {
        return policy.fips();
    }

    /**
     * Whether TLS 1.2 handshakes under this policy refuse a peer without the extended master secret
     * (RFC 7627), for example to check a FIPS policy before deploying it. True only for policies with
     * the FIPS 140-3 rule; under other policies the extended master secret is used whenever the peer
     * offers it, and a full handshake without it is accepted.
     *
     * <pre>{@code
     * boolean strict = SecurityPolicy.named("20240502").requiresExtendedMasterSecret();
     * }</pre>
     *
     * <p>s2n-tls has no function for this: it is part of s2n's FIPS policy rules.
     */
    public boolean requiresExtendedMasterSecret() {
        return policy.requiresExtendedMasterSecret();
    }

    /**
     * Everything the policy contains and what this library leaves out of it, as text, one item per
     * line (the form of the policy snapshots this project checks in; compare s2n's
     * {@code bin/policy}).
     */
    public String description() {
        return PolicyDescription.describe(policy);
    }

    /** Whether a client that prefers ChaCha20-Poly1305 gets it even though the server prefers AES. */
    public boolean chachaBoosting() {
        return policy.chachaBoosting();
    }

    /** What of this policy this library cannot serve yet, one line per item with the reason; empty if nothing. */
    public List<String> omissions() {
        return List.copyOf(policy.omissions());
    }

    private static List<String> names(List<SignatureScheme> schemes) {
        List<String> out = new ArrayList<>();
        for (SignatureScheme s : schemes) {
            out.add(s.name());
        }
        return List.copyOf(out);
    }

    Policy policy() {
        return policy;
    }

    /**
     * A policy outside the table. Package-private on purpose: users choose policies by name, as in
     * s2n; tests use this to pin a single suite or group.
     */
    /**
     * This policy with only {@code groups}, in the order given: a narrowing (s2n's policies are
     * fixed; this is for tests and tools that must pin a key exchange, e.g. one hybrid group).
     * Its name is this one's with the groups appended, e.g. {@code default_pq[X25519MLKEM768]}.
     *
     * @throws IllegalArgumentException if a group is not in this policy, or none is given
     */
    public SecurityPolicy withGroups(String... groups) {
        if (groups.length == 0) {
            throw new IllegalArgumentException("withGroups needs at least one group");
        }
        java.util.List<s2n.tls.internal.crypto.NamedGroup> picked = new java.util.ArrayList<>();
        for (String name : groups) {
            s2n.tls.internal.crypto.NamedGroup match = null;
            for (s2n.tls.internal.crypto.NamedGroup g : policy.groups()) {
                if (g.name().equalsIgnoreCase(name)) {
                    match = g;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("group " + name + " is not in policy " + policy.name() + ", which has "
                        + groups());
            }
            if (!picked.contains(match)) {
                picked.add(match);
            }
        }
        return new SecurityPolicy(policy.withGroups(policy.name() + java.util.Arrays.toString(groups).replace(" ", ""), picked));
    }

    /**
     * This policy with only {@code suites}, in the order given: a narrowing, as
     * {@link #withGroups} (for adapters such as a JSSE provider, whose API enables suites by name).
     * Leaving out every TLS 1.3 suite makes the policy TLS 1.2 only, leaving out every TLS 1.2
     * suite makes it TLS 1.3 only.
     *
     * <pre>{@code
     * SecurityPolicy p = SecurityPolicy.named("default").withCipherSuites("TLS_AES_128_GCM_SHA256");
     * }</pre>
     *
     * @throws IllegalArgumentException if a suite is not in this policy, or none is given
     */
    public SecurityPolicy withCipherSuites(String... suites) {
        if (suites.length == 0) {
            throw new IllegalArgumentException("withCipherSuites needs at least one suite");
        }
        List<CipherSuite> picked = new ArrayList<>();
        for (String name : suites) {
            CipherSuite match = null;
            for (CipherSuite s : policy.cipherSuites()) {
                if (s.name().equalsIgnoreCase(name)) {
                    match = s;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("cipher suite " + name + " is not in policy " + policy.name()
                        + ", which has " + cipherSuites());
            }
            if (!picked.contains(match)) {
                picked.add(match);
            }
        }
        ProtocolVersion minimum = policy.minimumVersion();
        boolean any12 = picked.stream().anyMatch(s -> !s.isTls13());
        if (!any12 && minimum.compareTo(ProtocolVersion.TLS13) < 0) {
            minimum = ProtocolVersion.TLS13;
        }
        return new SecurityPolicy(new Policy(policy.name() + "[suites " + String.join(",", suites) + "]", minimum, picked,
                policy.groups(), policy.signatureSchemes(), policy.certificateSignatureSchemes(), policy.chachaBoosting(),
                policy.certificateKeys(), policy.certificatePreferencesApplyLocally(), policy.fips()));
    }

    /**
     * This policy from {@code minimum} on: {@code TLS13} makes it TLS 1.3 only (its TLS 1.2 suites
     * are then never offered). A narrowing: a minimum below the policy's own is refused.
     *
     * @throws IllegalArgumentException if {@code minimum} is below this policy's minimum or above TLS 1.3
     */
    public SecurityPolicy withMinimumVersion(ProtocolVersion minimum) {
        if (minimum == null || minimum == ProtocolVersion.UNKNOWN
                || minimum.compareTo(policy.minimumVersion()) < 0 || minimum.compareTo(ProtocolVersion.TLS13) > 0) {
            throw new IllegalArgumentException("policy " + policy.name() + " allows " + policy.minimumVersion().protocolName()
                    + " to TLS 1.3; a minimum of " + minimum + " is not a narrowing of it");
        }
        if (minimum == policy.minimumVersion()) {
            return this;
        }
        return new SecurityPolicy(new Policy(policy.name() + "[from " + minimum.protocolName() + "]", minimum,
                policy.cipherSuites(), policy.groups(), policy.signatureSchemes(), policy.certificateSignatureSchemes(),
                policy.chachaBoosting(), policy.certificateKeys(), policy.certificatePreferencesApplyLocally(), policy.fips()));
    }

    /**
     * This policy with only the handshake signature schemes {@code schemes}, in the order given
     * (a narrowing, as {@link #withGroups}).
     *
     * @throws IllegalArgumentException if a scheme is not in this policy, or none is given
     */
    public SecurityPolicy withSignatureSchemes(String... schemes) {
        if (schemes.length == 0) {
            throw new IllegalArgumentException("withSignatureSchemes needs at least one scheme");
        }
        List<SignatureScheme> picked = new ArrayList<>();
        for (String name : schemes) {
            SignatureScheme match = null;
            for (SignatureScheme s : policy.signatureSchemes()) {
                if (s.name().equalsIgnoreCase(name)) {
                    match = s;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("signature scheme " + name + " is not in policy " + policy.name()
                        + ", which has " + signatureSchemes());
            }
            if (!picked.contains(match)) {
                picked.add(match);
            }
        }
        return new SecurityPolicy(new Policy(policy.name() + "[schemes " + String.join(",", schemes) + "]",
                policy.minimumVersion(), policy.cipherSuites(), policy.groups(), picked, policy.certificateSignatureSchemes(),
                policy.chachaBoosting(), policy.certificateKeys(), policy.certificatePreferencesApplyLocally(), policy.fips()));
    }

    static SecurityPolicy custom(Policy policy) {
        return new SecurityPolicy(policy);
    }

    @Override
    public String toString() {
        return "SecurityPolicy[" + policy.name() + "]";
    }
}
