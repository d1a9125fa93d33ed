package s2n.tls.bench;

import java.util.List;
import s2n.tls.SecurityPolicy;
import s2n.tls.TestPolicies;

/**
 * The security policy s2n-tls-java gets in each scenario. Users choose policies by name, and we do
 * too where a named policy negotiates exactly the scenario: {@code default_tls13} gives
 * TLS_AES_128_GCM_SHA256 with secp256r1 (its first group, so the client's one key share).
 * ({@code default} prefers X25519MLKEM768 where the runtime has ML-KEM, and sends a second share.)
 *
 * <p>No named policy puts x25519 first or offers only AES-256-GCM or ChaCha20-Poly1305, so those
 * scenarios narrow {@code default} with {@link TestPolicies} (from the library's test jar, the
 * seam its own tests use), the same way the JDK and BCJSSE are narrowed with
 * {@code setEnabledCipherSuites} and named groups. A narrowed policy changes only what the
 * ClientHello offers, not the work either side does. When the policy table grows such named
 * policies, use them here.
 */
final class OurPolicies {
    private OurPolicies() {}

    static SecurityPolicy forScenario(Scenario s) {
        if (s.version() == TlsVersion.TLS13 && s.suite().equals("TLS_AES_128_GCM_SHA256") && s.group().equals("secp256r1")) {
            return SecurityPolicy.named("default_tls13");
        }
        return TestPolicies.only(List.of(s.suite()), List.of(s.offeredGroups()));
    }

    /** Whether {@link #forScenario} has to use the test seam for {@code s}: reported beside the numbers. */
    static boolean needsTestSeam(Scenario s) {
        return !forScenario(s).name().equals("default_tls13");
    }
}
