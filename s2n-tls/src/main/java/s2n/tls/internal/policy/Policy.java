package s2n.tls.internal.policy;

import java.util.ArrayList;
import java.util.List;
import s2n.tls.ProtocolVersion;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;

/**
 * A security policy as s2n defines one (inventory §3.1, {@code tls/s2n_security_policies.h}):
 * minimum version, cipher suites, groups, signature schemes and certificate signature schemes,
 * each in preference order, plus the certificate key preferences and rules some policies carry.
 * The lists are the policy's full contents; {@link #omissions()} says which entries this library
 * cannot serve, so a difference from s2n is never silent.
 *
 * @param certificateKeys s2n's certificate key preferences ({@code ecdsa_p384}, {@code rsa_3072}, ...);
 *     empty if the policy has none
 * @param certificatePreferencesApplyLocally whether s2n also applies the certificate preferences to
 *     our own certificates
 * @param fips whether the policy carries s2n's FIPS 140-3 rule
 */
public record Policy(
        String name,
        ProtocolVersion minimumVersion,
        List<CipherSuite> cipherSuites,
        List<NamedGroup> groups,
        List<SignatureScheme> signatureSchemes,
        List<SignatureScheme> certificateSignatureSchemes,
        boolean chachaBoosting,
        List<String> certificateKeys,
        boolean certificatePreferencesApplyLocally,
        boolean fips) {

    public Policy {
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
        signatureSchemes = List.copyOf(signatureSchemes);
        certificateSignatureSchemes = List.copyOf(certificateSignatureSchemes);
        certificateKeys = List.copyOf(certificateKeys);
    }

    /** A policy without certificate key preferences or rules (tests pin suites and groups with it). */
    public Policy(String name, ProtocolVersion minimumVersion, List<CipherSuite> cipherSuites, List<NamedGroup> groups,
            List<SignatureScheme> signatureSchemes, List<SignatureScheme> certificateSignatureSchemes,
            boolean chachaBoosting) {
        this(name, minimumVersion, cipherSuites, groups, signatureSchemes, certificateSignatureSchemes, chachaBoosting,
                List.of(), false, false);
    }

    /** The same contents with only {@code newGroups}, in that order, under {@code newName}. */
    public Policy withGroups(String newName, List<NamedGroup> newGroups) {
        return new Policy(newName, minimumVersion, cipherSuites, newGroups, signatureSchemes, certificateSignatureSchemes,
                chachaBoosting, certificateKeys, certificatePreferencesApplyLocally, fips);
    }

    /** The same contents under another name (an alias reports the name it was looked up by). */
    public Policy renamed(String newName) {
        return new Policy(newName, minimumVersion, cipherSuites, groups, signatureSchemes, certificateSignatureSchemes,
                chachaBoosting, certificateKeys, certificatePreferencesApplyLocally, fips);
    }

    /** The TLS 1.3 suites we can serve, in preference order. */
    public List<CipherSuite> tls13CipherSuites() {
        List<CipherSuite> out = new ArrayList<>();
        for (CipherSuite s : cipherSuites) {
            if (s.isTls13() && s.isImplemented()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The TLS 1.2 suites we can serve, in preference order; none if the policy's minimum is TLS 1.3. */
    public List<CipherSuite> tls12CipherSuites() {
        List<CipherSuite> out = new ArrayList<>();
        if (minimumVersion.compareTo(ProtocolVersion.TLS12) > 0) {
            return out;
        }
        for (CipherSuite s : cipherSuites) {
            if (!s.isTls13() && s.isImplemented()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The groups we can serve, in preference order. */
    public List<NamedGroup> supportedGroups() {
        List<NamedGroup> out = new ArrayList<>();
        for (NamedGroup g : groups) {
            if (g.isSupported()) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * The groups TLS 1.2 can use (RFC 8422 ECDHE), in preference order: {@link #supportedGroups()}
     * without the post-quantum hybrids, which draft-ietf-tls-ecdhe-mlkem defines for TLS 1.3 only.
     */
    public List<NamedGroup> ecdheGroups() {
        List<NamedGroup> out = new ArrayList<>();
        for (NamedGroup g : supportedGroups()) {
            if (!g.isPostQuantum()) {
                out.add(g);
            }
        }
        return out;
    }

    /** The post-quantum groups we can serve (TLS 1.3 only), in preference order. */
    public List<NamedGroup> postQuantumGroups() {
        List<NamedGroup> out = new ArrayList<>();
        for (NamedGroup g : supportedGroups()) {
            if (g.isPostQuantum()) {
                out.add(g);
            }
        }
        return out;
    }

    /** The signature schemes we can serve, in preference order. */
    public List<SignatureScheme> supportedSignatureSchemes() {
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme s : signatureSchemes) {
            if (s.isImplemented()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The highest version this policy lets us negotiate. */
    public ProtocolVersion maximumVersion() {
        return allowsTls13() ? ProtocolVersion.TLS13 : ProtocolVersion.TLS12;
    }

    /** Whether TLS 1.3 may be negotiated under this policy. */
    public boolean allowsTls13() {
        return !tls13CipherSuites().isEmpty() && !supportedGroups().isEmpty();
    }

    /** Whether TLS 1.2 may be negotiated under this policy (every TLS 1.2 suite we serve is ECDHE). */
    public boolean allowsTls12() {
        return !tls12CipherSuites().isEmpty() && !ecdheGroups().isEmpty();
    }

    /**
     * Whether a TLS 1.2 full handshake under this policy must use the extended master secret
     * (RFC 7627). Only policies with the FIPS 140-3 rule demand it: FIPS 140-3 approves the TLS 1.2
     * key derivation only with the extended master secret (SP 800-135 as FIPS 140-3 IG D.Q applies
     * it). Elsewhere, as in s2n-tls and OpenSSL, it is used when both sides offer it and a full
     * handshake without it is accepted (s2n requires it only on resumption of a session that used it).
     */
    public boolean requiresExtendedMasterSecret() {
        return fips;
    }

    /** Each entry or rule of the policy this library cannot serve, with the reason. */
    public List<String> omissions() {
        List<String> out = new ArrayList<>();
        for (CipherSuite s : cipherSuites) {
            if (!s.isImplemented()) {
                out.add("cipher suite " + s.name() + ": " + (s.aead() == null
                        ? "CBC cipher suites are not implemented" : "the JCA provider lacks " + s.aead()));
            }
        }
        for (NamedGroup g : groups) {
            if (!g.isSupported()) {
                out.add("group " + g.name() + ": " + g.unsupportedReason());
            }
        }
        for (SignatureScheme s : signatureSchemes) {
            if (!s.isImplemented()) {
                out.add("signature scheme " + s.name() + ": not implemented");
            }
        }
        if (!certificateSignatureSchemes.isEmpty()) {
            out.add("certificate signature schemes: sent in signature_algorithms_cert, but peer certificate chains"
                    + " are not checked against them");
        }
        if (!certificateKeys.isEmpty()) {
            out.add("certificate keys " + certificateKeys + ": not enforced");
        }
        if (certificatePreferencesApplyLocally) {
            out.add("certificate preferences are not applied to our own certificates");
        }
        if (fips) {
            out.add("FIPS 140-3 rule: not enforced; algorithms come from the installed JCA providers");
        }
        return out;
    }
}
