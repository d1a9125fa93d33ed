package s2n.tls.internal.x509;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import s2n.tls.HostVerifier;

/**
 * Checks that a server certificate was issued for the host a client meant to reach: RFC 6125
 * matching, as s2n's default verify-host callback does it.
 *
 * <pre>{@code
 * if (!HostNames.matches(peerChain.get(0), "example.com")) {
 *     throw ErrorCode.CERT_INVALID_HOSTNAME.exception("certificate is not for example.com");
 * }
 * }</pre>
 *
 * <p>The names of a certificate are its subjectAltName dNSName and iPAddress entries; only when
 * it has neither does the subject's common name count (RFC 6125 §6.4.4). Everything here fails
 * closed: a subjectAltName extension that cannot be parsed yields no names at all, never a
 * fallback to the common name.
 */
public final class HostNames {
    // RFC 5280 §4.2.1.6: GeneralName choices, as numbered by X509Certificate.getSubjectAlternativeNames().
    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_IP_ADDRESS = 7;
    private static final String OID_COMMON_NAME = "2.5.4.3";

    private HostNames() {}

    /** A certificate's names by kind; {@code commonNames} is filled only when there is no SAN DNS or IP entry. */
    private record CertificateNames(List<String> inOrder, List<String> dnsNames, List<String> ipAddresses,
                                    List<String> commonNames) {}

    /**
     * The names a certificate vouches for: its subjectAltName dNSName and iPAddress entries (an
     * address in its textual form), in certificate order; if it has none of either, the values of
     * its subject common name (CN) attributes instead.
     */
    public static List<String> names(X509Certificate cert) {
        CertificateNames names = namesOf(cert);
        return names.inOrder().isEmpty() ? names.commonNames() : names.inOrder();
    }

    /**
     * Whether {@code leaf} is valid for {@code host}: a DNS name (compared case-insensitively,
     * one trailing dot ignored, a wildcard only as the whole leftmost label) or an IPv4/IPv6
     * literal (brackets allowed), which matches only a subjectAltName iPAddress with the same
     * address bytes. IDN names are compared in their ASCII (A-label) form, as given.
     */
    public static boolean matches(X509Certificate leaf, String host) {
        return matches(leaf, host, true);
    }

    /**
     * Whether {@code leaf} names {@code host} itself, not by a wildcard: a server choosing among
     * its certificates by SNI prefers such a one (s2n's rule: exact matches before wildcards).
     */
    public static boolean matchesExactly(X509Certificate leaf, String host) {
        return matches(leaf, host, false);
    }

    private static boolean matches(X509Certificate leaf, String host, boolean wildcards) {
        if (leaf == null || host == null) {
            throw new IllegalArgumentException("a certificate and a host name are required");
        }
        String wanted = host;
        if (wanted.length() >= 2 && wanted.startsWith("[") && wanted.endsWith("]")) {
            wanted = wanted.substring(1, wanted.length() - 1);
        }
        wanted = withoutTrailingDot(wanted).toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return false;
        }
        CertificateNames names = namesOf(leaf);
        byte[] address = IpLiteral.parse(wanted);
        if (address != null) {
            // RFC 6125 §6.2.1: an IP reference identity matches only an iPAddress entry, byte for byte.
            for (String entry : names.ipAddresses()) {
                if (Arrays.equals(address, IpLiteral.parse(entry))) {
                    return true;
                }
            }
            return false;
        }
        if (wanted.indexOf('*') >= 0) {
            return false; // a host name never contains a wildcard; only patterns do
        }
        List<String> patterns = names.inOrder().isEmpty() ? names.commonNames() : names.dnsNames();
        for (String pattern : patterns) {
            if ((wildcards || pattern.indexOf('*') < 0) && dnsNameMatches(pattern, wanted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code verifier} accepts one of {@link #names(X509Certificate) the names} of
     * {@code leaf}; names are offered in order until one is accepted.
     */
    public static boolean matches(X509Certificate leaf, HostVerifier verifier) {
        if (leaf == null || verifier == null) {
            throw new IllegalArgumentException("a certificate and a HostVerifier are required");
        }
        for (String name : names(leaf)) {
            if (verifier.verifyHost(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code host} is lower case without a trailing dot and without wildcards. */
    private static boolean dnsNameMatches(String pattern, String host) {
        String p = withoutTrailingDot(pattern).toLowerCase(Locale.ROOT);
        if (p.isEmpty()) {
            return false;
        }
        int star = p.indexOf('*');
        if (star < 0) {
            return p.equals(host);
        }
        // RFC 6125 §6.4.3, tightened as s2n and the CA/Browser Forum do: the wildcard must be the
        // whole leftmost label ("f*.example.com" never matches), there is only one, and at least two
        // labels follow it ("*" and "*.com" would cover a whole TLD).
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            return false;
        }
        String suffix = p.substring(1); // ".example.com"
        if (suffix.indexOf('.', 1) < 0 || suffix.contains("..") || suffix.endsWith(".")) {
            return false;
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0;
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static CertificateNames namesOf(X509Certificate cert) {
        List<String> inOrder = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        Collection<List<?>> san;
        try {
            san = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException | RuntimeException e) {
            // Fail closed: a certificate whose SAN cannot be read vouches for nothing.
            return new CertificateNames(List.of(), List.of(), List.of(), List.of());
        }
        if (san != null) {
            for (List<?> entry : san) {
                if (entry.size() < 2 || !(entry.get(0) instanceof Integer) || !(entry.get(1) instanceof String)) {
                    continue;
                }
                int type = (Integer) entry.get(0);
                String value = (String) entry.get(1);
                if (type == SAN_DNS_NAME) {
                    dns.add(value);
                    inOrder.add(value);
                } else if (type == SAN_IP_ADDRESS) {
                    ips.add(value);
                    inOrder.add(value);
                }
            }
        }
        List<String> commonNames = inOrder.isEmpty() ? commonNames(cert) : List.of();
        return new CertificateNames(List.copyOf(inOrder), List.copyOf(dns), List.copyOf(ips), commonNames);
    }

    /** The subject's CN values in encoding order; none if the subject cannot be parsed. */
    private static List<String> commonNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            // RFC 5280 §4.1.2.4: Name ::= SEQUENCE OF RelativeDistinguishedName (a SET OF
            // AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }).
            Der.Reader outer = new Der.Reader(cert.getSubjectX500Principal().getEncoded());
            Der.Reader rdns = outer.read(Der.SEQUENCE, "Name").reader();
            outer.expectEnd("the subject name");
            while (rdns.hasRemaining()) {
                Der.Reader attributes = rdns.read(Der.SET, "RelativeDistinguishedName").reader();
                while (attributes.hasRemaining()) {
                    Der.Reader attribute = attributes.read(Der.SEQUENCE, "AttributeTypeAndValue").reader();
                    String type = Der.oidToString(attribute.read(Der.OBJECT_IDENTIFIER, "attribute type"));
                    Der.Element value = attribute.read();
                    attribute.expectEnd("the attribute");
                    if (type.equals(OID_COMMON_NAME)) {
                        names.add(Der.directoryString(value));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        return List.copyOf(names);
    }

    /** Strict IPv4 and IPv6 literal parsing without any name lookup (InetAddress may resolve). */
    static final class IpLiteral {
        private IpLiteral() {}

        /** The 4 or 16 address bytes of {@code text}, or null if it is not an IP literal. */
        static byte[] parse(String text) {
            if (text.indexOf(':') >= 0) {
                return parseIpv6(text);
            }
            return parseIpv4(text);
        }

        /** Dotted quad only: four decimal octets, no leading zeros (which some parsers read as octal). */
        private static byte[] parseIpv4(String text) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                String part = parts[i];
                if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                    return null;
                }
                int value = 0;
                for (int c = 0; c < part.length(); c++) {
                    char ch = part.charAt(c);
                    if (ch < '0' || ch > '9') {
                        return null;
                    }
                    value = value * 10 + (ch - '0');
                }
                if (value > 255) {
                    return null;
                }
                out[i] = (byte) value;
            }
            return out;
        }

        /** RFC 4291 §2.2 text forms: eight groups, "::" once, optionally a dotted quad at the end. */
        private static byte[] parseIpv6(String text) {
            int gap = text.indexOf("::");
            if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
                return null;
            }
            List<Integer> head = new ArrayList<>();
            List<Integer> tail = new ArrayList<>();
            byte[] ipv4 = null;
            String before = gap >= 0 ? text.substring(0, gap) : text;
            String after = gap >= 0 ? text.substring(gap + 2) : "";
            String last = gap >= 0 ? after : before;
            int lastColon = last.lastIndexOf(':');
            String lastGroup = last.substring(lastColon + 1);
            if (lastGroup.indexOf('.') >= 0) {
                ipv4 = parseIpv4(lastGroup);
                if (ipv4 == null) {
                    return null;
                }
                String rest = lastColon >= 0 ? last.substring(0, lastColon) : "";
                if (gap >= 0) {
                    after = rest;
                } else {
                    before = rest;
                }
            }
            if (!parseGroups(before, head) || !parseGroups(after, tail)) {
                return null;
            }
            int groups = head.size() + tail.size() + (ipv4 != null ? 2 : 0);
            if (gap < 0 ? groups != 8 : groups > 7) {
                return null;
            }
            byte[] out = new byte[16];
            int p = 0;
            for (int group : head) {
                out[p++] = (byte) (group >>> 8);
                out[p++] = (byte) group;
            }
            p = 16 - 2 * tail.size() - (ipv4 != null ? 4 : 0);
            for (int group : tail) {
                out[p++] = (byte) (group >>> 8);
                out[p++] = (byte) group;
            }
            if (ipv4 != null) {
                System.arraycopy(ipv4, 0, out, 12, 4);
            }
            return out;
        }

        /** Colon-separated groups of 1 to 4 hex digits; an empty string is zero groups. */
        private static boolean parseGroups(String text, List<Integer> groups) {
            if (text.isEmpty()) {
                return true;
            }
            for (String group : text.split(":", -1)) {
                if (group.isEmpty() || group.length() > 4) {
                    return false;
                }
                int value = 0;
                for (int c = 0; c < group.length(); c++) {
                    char ch = group.charAt(c);
                    // ASCII only: Character.digit would also accept other scripts' digits.
                    int digit = ch < 0x80 ? Character.digit(ch, 16) : -1;
                    if (digit < 0) {
                        return false;
                    }
                    value = (value << 4) | digit;
                }
                groups.add(value);
            }
            return true;
        }
    }
}
