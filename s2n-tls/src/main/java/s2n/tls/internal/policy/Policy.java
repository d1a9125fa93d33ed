package s2n.tls.internal.policy;

import java.util.ArrayList;
import java.util.List;
import s2n.tls.ProtocolVersion;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;

/**
 * A security policy as s2n defines one (inventory §3.1): minimum version, cipher suites, groups,
 * signature schemes and certificate signature schemes, each in preference order. The lists are
 * the policy's full contents; {@link #omissions()} says which entries this library cannot serve
 * yet, so a difference from s2n is never silent.
 */
public record Policy(
        String name,
        ProtocolVersion minimumVersion,
        List<CipherSuite> cipherSuites,
        List<NamedGroup> groups,
        List<SignatureScheme> signatureSchemes,
        List<SignatureScheme> certificateSignatureSchemes,
        boolean chachaBoosting) {

    /** TLS 1.2 handshakes are not implemented yet; its suites are listed but not offered. */
    public static final boolean TLS12_IMPLEMENTED = false;

    public Policy {
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
        signatureSchemes = List.copyOf(signatureSchemes);
        certificateSignatureSchemes = List.copyOf(certificateSignatureSchemes);
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
        return tls13CipherSuites().isEmpty() ? ProtocolVersion.TLS12 : ProtocolVersion.TLS13;
    }

    /** Whether TLS 1.3 may be negotiated under this policy. */
    public boolean allowsTls13() {
        return !tls13CipherSuites().isEmpty();
    }

    /** Each entry of the policy this library cannot serve, with the reason. */
    public List<String> omissions() {
        List<String> out = new ArrayList<>();
        for (CipherSuite s : cipherSuites) {
            if (!s.isTls13() && !TLS12_IMPLEMENTED) {
                out.add("cipher suite " + s.name() + ": TLS 1.2 is not implemented yet");
            } else if (!s.isImplemented()) {
                out.add("cipher suite " + s.name() + ": " + (s.aead() == null
                        ? "CBC cipher suites are not implemented" : "the JCA provider lacks " + s.aead()));
            }
        }
        for (NamedGroup g : groups) {
            if (!g.isSupported()) {
                out.add("group " + g.name() + ": not implemented");
            }
        }
        for (SignatureScheme s : signatureSchemes) {
            if (!s.isImplemented()) {
                out.add("signature scheme " + s.name() + ": not implemented");
            }
        }
        return out;
    }
}
