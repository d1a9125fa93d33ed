package s2n.tls.tools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import s2n.tls.SecurityPolicy;

/**
 * The one warning line s2nc and s2nd print when the chosen policy names key exchange groups this
 * runtime cannot offer (on JDK 17, the ML-KEM hybrids of {@code default}): the handshake still
 * works with the policy's other groups, but the user should know that it is not what the policy
 * promises. Taken from {@link SecurityPolicy#omissions()}, so the reason is the library's own.
 */
final class OmittedGroups {
    private static final String PREFIX = "group ";

    private OmittedGroups() {}

    /**
     * {@code "<tool>: warning: policy <name>: A, B not offered: <reason>"}, or null when the policy's
     * groups are all offered. Groups left out for different reasons get one clause each.
     */
    static String warning(String tool, String policyName) {
        SecurityPolicy policy;
        try {
            policy = SecurityPolicy.named(policyName);
        } catch (IllegalArgumentException e) {
            return null; // the config builder reports an unknown policy as a usage error
        }
        List<String> groups = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String omission : policy.omissions()) {
            int colon = omission.indexOf(": ");
            if (!omission.startsWith(PREFIX) || colon < 0) {
                continue;
            }
            groups.add(omission.substring(PREFIX.length(), colon));
            reasons.add(omission.substring(colon + 2));
        }
        if (groups.isEmpty()) {
            return null;
        }
        Set<String> distinct = new LinkedHashSet<>(reasons);
        StringBuilder line = new StringBuilder(tool).append(": warning: policy ").append(policyName).append(": ");
        String separator = "";
        for (String reason : distinct) {
            List<String> named = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                if (reasons.get(i).equals(reason)) {
                    named.add(groups.get(i));
                }
            }
            line.append(separator).append(String.join(", ", named)).append(" not offered: ").append(reason);
            separator = "; ";
        }
        return line.toString();
    }
}
