package s2n.tls;

import java.util.List;
import java.util.stream.Collectors;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.policy.Policies;
import s2n.tls.internal.policy.Policy;

/** Policies for tests that need exactly one suite or group; built from {@code default}. */
public final class TestPolicies {
    private TestPolicies() {}

    /** The default policy narrowed to the given suites and groups (null keeps all). */
    public static SecurityPolicy only(List<String> suites, List<String> groups) {
        Policy base = Policies.byName("default");
        List<CipherSuite> s = suites == null ? base.cipherSuites()
                : suites.stream().map(CipherSuite::byName).collect(Collectors.toList());
        List<NamedGroup> g = groups == null ? base.groups()
                : groups.stream().map(NamedGroup::byName).collect(Collectors.toList());
        return SecurityPolicy.custom(new Policy("test", base.minimumVersion(), s, g, base.signatureSchemes(),
                base.certificateSignatureSchemes(), false));
    }

    /**
     * The default policy without its post-quantum hybrids: what {@code default} is on a runtime
     * without ML-KEM, for tests whose recorded bytes must not depend on the runtime.
     */
    public static SecurityPolicy withoutPostQuantum() {
        return only(null, List.of("secp256r1", "x25519", "secp384r1", "secp521r1"));
    }

    public static SecurityPolicy suite(String suite) {
        return only(List.of(suite), null);
    }

    public static SecurityPolicy group(String group) {
        return only(null, List.of(group));
    }

    public static SecurityPolicy groups(String... groups) {
        return only(null, List.of(groups));
    }

    /** Policy {@code base} with only these signature schemes, in this order. */
    public static SecurityPolicy signatureSchemes(String base, String... schemes) {
        Policy b = Policies.byName(base);
        List<s2n.tls.internal.crypto.SignatureScheme> sigs = java.util.Arrays.stream(schemes)
                .map(s2n.tls.internal.crypto.SignatureScheme::byName).collect(Collectors.toList());
        return SecurityPolicy.custom(new Policy("test", b.minimumVersion(), b.cipherSuites(), b.groups(), sigs,
                b.certificateSignatureSchemes(), false));
    }
}
