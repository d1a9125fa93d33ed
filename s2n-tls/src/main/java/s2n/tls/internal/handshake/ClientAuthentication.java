package s2n.tls.internal.handshake;

import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import s2n.tls.ClientAuth;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.message.CertificateRequest12;
import s2n.tls.internal.policy.Policy;

/**
 * The rules both versions share for certificate-based client authentication: which schemes a
 * server asks for, which of our chains a client presents, and how a server checks the client's
 * CertificateVerify scheme (RFC 8446 §4.3.2, §4.4.3; RFC 5246 §7.4.4, §7.4.8).
 */
final class ClientAuthentication {
    private ClientAuthentication() {}

    /** A chain to present and the scheme its key signs the CertificateVerify with. */
    record Choice(CertifiedKey key, SignatureScheme scheme) {}

    /**
     * The schemes a server's CertificateRequest lists: the policy's implemented schemes, in its
     * order, restricted to those TLS 1.3 allows in a CertificateVerify when {@code tls13}.
     */
    static List<SignatureScheme> requestedSchemes(Policy policy, boolean tls13) throws TlsException {
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme s : policy.supportedSignatureSchemes()) {
            if (s.isImplemented() && (!tls13 || s.allowedInTls13())) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw ErrorCode.HANDSHAKE_FAILURE.exception("security policy " + policy.name()
                    + " has no signature scheme to ask a client certificate for");
        }
        return out;
    }

    /**
     * What a client presents for a request listing {@code requested} schemes (and, in TLS 1.2,
     * {@code certificateTypes}): the first configured chain whose key can sign with one of them,
     * with the policy's most preferred such scheme; among those, first one issued under a CA the
     * request names in {@code authorities} (empty: no preference; a chain the names do not cover
     * may still chain to them, cross-signed, so it is the fallback). Null when the client
     * authentication is NONE or no chain fits.
     */
    static Choice choose(Settings settings, int[] requested, boolean tls13, byte[] certificateTypes,
            List<byte[]> authorities) {
        if (settings.clientAuth() == ClientAuth.NONE) {
            return null;
        }
        Choice fallback = null;
        for (CertifiedKey k : settings.certificates()) {
            if (certificateTypes != null && !typeRequested(k.publicKey(), certificateTypes)) {
                continue;
            }
            SignatureScheme scheme = schemeFor(settings, k, requested, tls13);
            if (scheme == null) {
                continue;
            }
            if (authorities.isEmpty() || issuedUnder(k, authorities)) {
                return new Choice(k, scheme);
            }
            if (fallback == null) {
                fallback = new Choice(k, scheme);
            }
        }
        return fallback;
    }

    private static SignatureScheme schemeFor(Settings settings, CertifiedKey k, int[] requested, boolean tls13) {
        for (SignatureScheme s : settings.policy().supportedSignatureSchemes()) {
            if ((!tls13 || s.allowedInTls13()) && contains(requested, s.code()) && k.canSign(s, tls13)) {
                return s;
            }
        }
        return null;
    }

    /** Whether a certificate of the chain is issued by (or is) one of the named CAs. */
    private static boolean issuedUnder(CertifiedKey k, List<byte[]> authorities) {
        for (java.security.cert.X509Certificate c : k.chain()) {
            byte[] issuer = c.getIssuerX500Principal().getEncoded();
            byte[] subject = c.getSubjectX500Principal().getEncoded();
            for (byte[] name : authorities) {
                if (java.util.Arrays.equals(name, issuer) || java.util.Arrays.equals(name, subject)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The error for a client whose authentication is REQUIRED and that has nothing the server's
     * request accepts.
     */
    static TlsException noFittingCertificate(Settings settings) {
        return ErrorCode.HANDSHAKE_FAILURE.exception(settings.certificates().isEmpty()
                ? "client authentication is REQUIRED but the client has no certificate; add one with "
                        + "Config.Builder.certificateChainAndKey(...)"
                : "client authentication is REQUIRED but none of the client's certificates can sign with a "
                        + "signature scheme the server's CertificateRequest allows");
    }

    /** The error for a client whose authentication is REQUIRED when the server did not ask. */
    static TlsException notRequested() {
        return ErrorCode.HANDSHAKE_FAILURE.exception("client authentication is REQUIRED but the server did not send a "
                + "CertificateRequest");
    }

    /**
     * The scheme of a client's CertificateVerify: one we asked for (RFC 8446 §4.4.3, RFC 5246
     * §7.4.8 "MUST be one of those present in the supported_signature_algorithms field") that fits
     * the client's certificate key.
     */
    static SignatureScheme verifyScheme(int code, List<SignatureScheme> asked, PublicKey clientKey, boolean tls13)
            throws TlsException {
        SignatureScheme scheme = SignatureScheme.of(code);
        if (!asked.contains(scheme)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("client signed its CertificateVerify with " + scheme
                    + ", which our CertificateRequest did not list");
        }
        if (!scheme.supportsKey(clientKey, tls13)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("client signed with " + scheme
                    + ", which does not fit its certificate's " + clientKey.getAlgorithm() + " key");
        }
        return scheme;
    }

    /** The TLS 1.2 certificate types a server asks for: ECDSA first, as s2n lists them. */
    static byte[] certificateTypes() {
        return new byte[] {(byte) CertificateRequest12.ECDSA_SIGN, (byte) CertificateRequest12.RSA_SIGN};
    }

    /**
     * RFC 5246 §7.4.4 and RFC 8422 §5.5: an RSA key needs rsa_sign; an ECDSA or EdDSA key needs
     * ecdsa_sign ("also used for EdDSA").
     */
    static boolean typeRequested(PublicKey key, byte[] types) {
        int wanted;
        if (key instanceof RSAKey) {
            wanted = CertificateRequest12.RSA_SIGN;
        } else if (key instanceof ECKey || key instanceof EdECKey) {
            wanted = CertificateRequest12.ECDSA_SIGN;
        } else {
            return false;
        }
        for (byte t : types) {
            if ((t & 0xff) == wanted) {
                return true;
            }
        }
        return false;
    }

    static int[] codes(List<SignatureScheme> schemes) {
        return ClientOffer.schemeCodes(schemes);
    }

    private static boolean contains(int[] codes, int code) {
        for (int c : codes) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }
}
