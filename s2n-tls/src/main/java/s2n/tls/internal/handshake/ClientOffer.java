package s2n.tls.internal.handshake;

import java.util.ArrayList;
import java.util.List;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.policy.Policy;
import s2n.tls.internal.resumption.Tls12Session;
import s2n.tls.internal.resumption.Tls13Session;

/**
 * What a client's ClientHello offers, from its policy and settings (RFC 8446 §4.1.2, RFC 5246
 * §7.4.1.2): the cipher suites, groups and signature schemes as their wire codes, and the sessions
 * it may resume. {@link Client13} builds every ClientHello (TLS 1.3 and TLS 1.2) from these.
 */
final class ClientOffer {
    private final Settings settings;
    private final Policy policy;

    ClientOffer(Settings settings) {
        this.settings = settings;
        this.policy = settings.policy();
    }

    /**
     * The session to offer (RFC 8446 §4.6.1): one set with {@code setSession}, still within its
     * lifetime, for a suite the policy allows, for the server name it was issued for; after a
     * HelloRetryRequest (which chose {@code retrySuite}; null before one) only if its hash is the
     * one the server chose. Anything else is a full handshake, never an error.
     */
    Tls13Session session13(CipherSuite retrySuite) {
        Tls13Session s = settings.resumption().offered13();
        if (s == null || !policy.tls13CipherSuites().contains(s.suite()) || !s.isFresh(settings.clock().millis())) {
            return null;
        }
        String host = settings.serverName();
        if (s.serverName() != null && !s.serverName().equals(host)) {
            return null;
        }
        if (retrySuite != null && retrySuite.hash() != s.suite().hash()) {
            return null;
        }
        return s;
    }

    /**
     * The TLS 1.2 session to offer: one set with {@code setSession}, still within its lifetime,
     * for a TLS 1.2 suite the policy allows and the server name it was made for.
     */
    Tls12Session session12() {
        Tls12Session s = settings.resumption().offered12();
        if (s == null || !policy.tls12CipherSuites().contains(s.suite()) || !s.isFresh(settings.clock().millis())) {
            return null;
        }
        if (s.serverName() != null && !s.serverName().equals(settings.serverName())) {
            return null;
        }
        return s;
    }

    /**
     * TLS 1.3 suites, then TLS 1.2 suites, then (for TLS 1.2) TLS_EMPTY_RENEGOTIATION_INFO_SCSV:
     * like s2n, we signal RFC 5746 support on an initial handshake with the SCSV (RFC 5746 §3.4)
     * rather than an empty renegotiation_info extension.
     */
    int[] suites(boolean offers13, boolean offers12) {
        List<CipherSuite> suites = new ArrayList<>();
        if (offers13) {
            suites.addAll(policy.tls13CipherSuites());
        }
        if (offers12) {
            suites.addAll(policy.tls12CipherSuites());
            suites.add(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        }
        return suiteCodes(suites);
    }

    /**
     * The schemes for signature_algorithms. TLS 1.3 signs only with some (RFC 8446 §4.2.3); a
     * TLS 1.2-capable hello offers them all.
     *
     * @throws TlsException (handshake failure) if the policy leaves none for the versions offered
     */
    int[] signatureSchemes(boolean offers12) throws TlsException {
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme s : policy.supportedSignatureSchemes()) {
            if (offers12 || s.allowedInTls13()) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw ErrorCode.HANDSHAKE_FAILURE.exception("security policy " + policy.name()
                    + " has no signature scheme usable with the protocol versions it allows");
        }
        return schemeCodes(out);
    }

    /** The groups for supported_groups: with TLS 1.3 the hybrids first (as s2n lists its KEM groups), then (EC)DHE. */
    int[] groups(boolean offers13) {
        if (!offers13) {
            return codes(policy.ecdheGroups());
        }
        List<NamedGroup> out = new ArrayList<>(policy.postQuantumGroups());
        out.addAll(policy.ecdheGroups());
        return codes(out);
    }

    static int[] schemeCodes(List<SignatureScheme> schemes) {
        int[] out = new int[schemes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = schemes.get(i).code();
        }
        return out;
    }

    static int[] codes(List<NamedGroup> groups) {
        int[] out = new int[groups.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = groups.get(i).code();
        }
        return out;
    }

    static int[] suiteCodes(List<CipherSuite> suites) {
        int[] out = new int[suites.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = suites.get(i).code();
        }
        return out;
    }

    /** RFC 6066 §3: literal IPv4 and IPv6 addresses are not permitted in server_name. */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        // Digits and dots only (String.matches would compile a pattern per ClientHello).
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !host.isEmpty();
    }
}
