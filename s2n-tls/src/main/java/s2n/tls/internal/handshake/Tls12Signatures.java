package s2n.tls.internal.handshake;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.List;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.NamedGroup;
import s2n.tls.internal.crypto.SignatureScheme;

/**
 * The TLS 1.2 authentication rules both sides apply: which certificate keys an ECDHE suite
 * accepts (RFC 8422 §2, RFC 5246 §7.4.2), which signature schemes a peer may use when it sent no
 * signature_algorithms (RFC 5246 §7.4.1.4.1), and what a ServerKeyExchange signs (RFC 8422 §5.4).
 */
final class Tls12Signatures {
    private Tls12Signatures() {}

    /**
     * Whether a certificate with {@code key} can authenticate {@code suite}: ECDHE_ECDSA takes an EC
     * key or, per RFC 8422 §2, an EdDSA key; ECDHE_RSA takes an RSA key, or an RSASSA-PSS key
     * (RFC 8446 §4.2.3 lets TLS 1.2 sign with rsa_pss_pss_*).
     */
    static boolean keyFitsSuite(Key key, CipherSuite suite) {
        switch (suite.authentication()) {
            case ECDSA:
                return key instanceof ECKey || key instanceof EdECKey
                        || "Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm());
            case RSA:
                return key instanceof RSAKey;
            default:
                return false;
        }
    }

    /**
     * The group naming an ECDSA key's curve, or null for any other key, or for a curve we do not
     * know (RFC 8422 §5.1.1: ECDSA certificates are constrained by supported_groups too).
     */
    static NamedGroup curveOf(Key key) {
        return key instanceof ECKey ? NamedGroup.forEcParameters(((ECKey) key).getParams()) : null;
    }

    /**
     * What a peer that sent no signature_algorithms accepts (RFC 5246 §7.4.1.4.1): SHA-1 with the
     * certificate's algorithm.
     */
    static List<SignatureScheme> defaultSchemes() {
        return List.of(SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.ECDSA_SHA1);
    }

    /** RFC 8422 §5.4: the signature covers ClientHello.random, ServerHello.random and ServerECDHParams. */
    static byte[] signedParams(byte[] clientRandom, byte[] serverRandom, byte[] params) {
        byte[] out = new byte[clientRandom.length + serverRandom.length + params.length];
        System.arraycopy(clientRandom, 0, out, 0, clientRandom.length);
        System.arraycopy(serverRandom, 0, out, clientRandom.length, serverRandom.length);
        System.arraycopy(params, 0, out, clientRandom.length + serverRandom.length, params.length);
        return out;
    }
}
