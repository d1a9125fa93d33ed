package s2n.tls.jsse;

import java.net.IDN;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;

/**
 * Endpoint identification for a plain {@link javax.net.ssl.X509TrustManager}, which (unlike an
 * X509ExtendedTrustManager given the engine or socket) cannot do it itself: RFC 6125 / RFC 2818
 * matching of the server name against the certificate's subjectAltNames (DNS and IP), a wildcard
 * only as the whole leftmost label, the subject CN only when there is no DNS subjectAltName.
 */
final class HostNameCheck {
    private static final int DNS = 2;
    private static final int IP = 7;

    private HostNameCheck() {}

    /** Checks when {@code algorithm} is HTTPS or LDAPS (the JDK's names); null or empty: no check, as the JDK. */
    static void check(String algorithm, String host, X509Certificate leaf) throws CertificateException {
        if (algorithm == null || algorithm.isEmpty()) {
            return;
        }
        if (!algorithm.equalsIgnoreCase("HTTPS") && !algorithm.equalsIgnoreCase("LDAPS")) {
            throw new CertificateException("unknown endpoint identification algorithm " + algorithm);
        }
        if (host == null || host.isEmpty()) {
            throw new CertificateException("endpoint identification " + algorithm + " needs the peer host name");
        }
        String want = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<String> dns = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    String value = (String) san.get(1);
                    if (type == IP && value.equalsIgnoreCase(want)) {
                        return;
                    }
                    if (type == DNS) {
                        dns.add(value);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new CertificateException("cannot read the certificate's subjectAltName", e);
        }
        if (dns.isEmpty()) {
            String cn = commonName(leaf);
            if (cn != null) {
                dns.add(cn);
            }
        }
        String ascii = IDN.toASCII(want).toLowerCase(Locale.ROOT);
        for (String name : dns) {
            if (matches(ascii, IDN.toASCII(name).toLowerCase(Locale.ROOT))) {
                return;
            }
        }
        throw new CertificateException("no name matching " + host + " found in the certificate (names: " + dns + ")");
    }

    static boolean matches(String host, String pattern) {
        if (!pattern.startsWith("*.")) {
            return host.equals(pattern);
        }
        int dot = host.indexOf('.');
        // "*.example.com" matches "a.example.com", never "example.com" nor "a.b.example.com".
        return dot > 0 && host.substring(dot).equals(pattern.substring(1)) && pattern.indexOf('.', 2) > 0;
    }

    private static String commonName(X509Certificate leaf) {
        try {
            javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(leaf.getSubjectX500Principal().getName());
            for (javax.naming.ldap.Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
