package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import s2n.tls.SecurityPolicy;

/**
 * Before JDK 20, SSLParameters cannot carry named groups and SunJSSE reads {@code jdk.tls.namedGroups};
 * our engines do the same there (and only there: from JDK 20 the parameters decide).
 */
class SystemNamedGroupsTest {
    private static final boolean PARAMETERS_HAVE_GROUPS = hasGroups();
    private final String before = System.getProperty("jdk.tls.namedGroups");

    private static boolean hasGroups() {
        try {
            SSLParameters.class.getMethod("getNamedGroups");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("jdk.tls.namedGroups");
        } else {
            System.setProperty("jdk.tls.namedGroups", before);
        }
    }

    @Test
    void thePropertyIsParsedAsSunJsseWritesIt() {
        System.setProperty("jdk.tls.namedGroups", "\"x25519, secp256r1\"");
        assertEquals(List.of("x25519", "secp256r1"), List.of(CipherSuites.systemNamedGroups()));
        System.setProperty("jdk.tls.namedGroups", " ");
        assertNull(CipherSuites.systemNamedGroups());
        System.clearProperty("jdk.tls.namedGroups");
        assertNull(CipherSuites.systemNamedGroups());
    }

    @Test
    void thePropertyNarrowsTheGroupsWhereParametersCannot() throws Exception {
        System.setProperty("jdk.tls.namedGroups", "x25519");
        SSLParameters params = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"TLSv1.3"});
        SecurityPolicy policy = CipherSuites.policy(params);
        if (PARAMETERS_HAVE_GROUPS) {
            // JDK 20+: the parameters' groups (none set here) decide, as in SunJSSE, whose own defaults
            // already reflect the property; ours are the policy's.
            assertEquals(CipherSuites.BASE.groups(), policy.groups());
        } else {
            assertEquals(List.of("x25519"), policy.groups());
        }
    }
}
