package s2n.tls.internal.crypto;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Locale;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * A signature scheme code point (RFC 8446 §4.2.3; IANA "TLS SignatureScheme" registry) and the
 * JCA signing and verification it stands for. A value type with named constants rather than a
 * closed enum, so a scheme we have no name for survives decoding and prints as {@code 0x1234}.
 *
 * <pre>{@code
 * SignatureScheme s = SignatureScheme.ECDSA_SECP256R1_SHA256;
 * if (s.supportsKey(privateKey, true)) {
 *     byte[] sig = s.sign(privateKey, content, random);
 * }
 * boolean ok = s.verify(peerPublicKey, content, peerSignature);
 * }</pre>
 */
public final class SignatureScheme {
    /** How a scheme signs. */
    enum Kind {
        RSA_PKCS1,
        RSA_PSS_RSAE,
        RSA_PSS_PSS,
        ECDSA,
        EDDSA,
        NAMED_ONLY,
        UNKNOWN
    }

    private static final CodePointTable<SignatureScheme> TABLE =
            new CodePointTable<>("signature scheme", SignatureScheme::name, null);

    // RFC 8446 §4.2.3, in the order of that section.
    public static final SignatureScheme RSA_PKCS1_SHA256 = rsaPkcs1(0x0401, "rsa_pkcs1_sha256", Hash.SHA256, "SHA256withRSA");
    public static final SignatureScheme RSA_PKCS1_SHA384 = rsaPkcs1(0x0501, "rsa_pkcs1_sha384", Hash.SHA384, "SHA384withRSA");
    public static final SignatureScheme RSA_PKCS1_SHA512 = rsaPkcs1(0x0601, "rsa_pkcs1_sha512", Hash.SHA512, "SHA512withRSA");
    public static final SignatureScheme ECDSA_SECP256R1_SHA256 = ecdsa(0x0403, "ecdsa_secp256r1_sha256", Hash.SHA256,
            "SHA256withECDSA", NamedGroup.SECP256R1);
    public static final SignatureScheme ECDSA_SECP384R1_SHA384 = ecdsa(0x0503, "ecdsa_secp384r1_sha384", Hash.SHA384,
            "SHA384withECDSA", NamedGroup.SECP384R1);
    public static final SignatureScheme ECDSA_SECP521R1_SHA512 = ecdsa(0x0603, "ecdsa_secp521r1_sha512", Hash.SHA512,
            "SHA512withECDSA", NamedGroup.SECP521R1);
    public static final SignatureScheme RSA_PSS_RSAE_SHA256 = pss(0x0804, "rsa_pss_rsae_sha256", Kind.RSA_PSS_RSAE, Hash.SHA256);
    public static final SignatureScheme RSA_PSS_RSAE_SHA384 = pss(0x0805, "rsa_pss_rsae_sha384", Kind.RSA_PSS_RSAE, Hash.SHA384);
    public static final SignatureScheme RSA_PSS_RSAE_SHA512 = pss(0x0806, "rsa_pss_rsae_sha512", Kind.RSA_PSS_RSAE, Hash.SHA512);
    public static final SignatureScheme ED25519 = eddsa(0x0807, "ed25519", "Ed25519");
    public static final SignatureScheme ED448 = eddsa(0x0808, "ed448", "Ed448");
    public static final SignatureScheme RSA_PSS_PSS_SHA256 = pss(0x0809, "rsa_pss_pss_sha256", Kind.RSA_PSS_PSS, Hash.SHA256);
    public static final SignatureScheme RSA_PSS_PSS_SHA384 = pss(0x080A, "rsa_pss_pss_sha384", Kind.RSA_PSS_PSS, Hash.SHA384);
    public static final SignatureScheme RSA_PSS_PSS_SHA512 = pss(0x080B, "rsa_pss_pss_sha512", Kind.RSA_PSS_PSS, Hash.SHA512);
    // Legacy: RFC 8446 §4.2.3 allows these only in certificates under TLS 1.3; TLS 1.2 (RFC 5246 §7.4.1.4.1) uses them.
    public static final SignatureScheme RSA_PKCS1_SHA1 = legacy(0x0201, "rsa_pkcs1_sha1", Kind.RSA_PKCS1, "SHA1withRSA");
    public static final SignatureScheme ECDSA_SHA1 = legacy(0x0203, "ecdsa_sha1", Kind.ECDSA, "SHA1withECDSA");
    public static final SignatureScheme RSA_SHA224 = namedOnly(0x0301, "rsa_sha224", false);
    public static final SignatureScheme ECDSA_SHA224 = namedOnly(0x0303, "ecdsa_sha224", false);
    // draft-ietf-tls-mldsa: TLS 1.3 only; named only here.
    public static final SignatureScheme MLDSA44 = namedOnly(0x0904, "mldsa44", true);
    public static final SignatureScheme MLDSA65 = namedOnly(0x0905, "mldsa65", true);
    public static final SignatureScheme MLDSA87 = namedOnly(0x0906, "mldsa87", true);

    private final int code;
    private final String name;
    private final Kind kind;
    private final Hash hash;
    private final String jcaSignatureAlgorithm;
    private final NamedGroup curve;
    private final boolean allowedInTls13;
    private volatile Boolean available;

    private SignatureScheme(int code, String name, Kind kind, Hash hash, String jcaSignatureAlgorithm, NamedGroup curve,
            boolean allowedInTls13) {
        this.code = code;
        this.name = name;
        this.kind = kind;
        this.hash = hash;
        this.jcaSignatureAlgorithm = jcaSignatureAlgorithm;
        this.curve = curve;
        this.allowedInTls13 = allowedInTls13;
    }

    private static SignatureScheme register(SignatureScheme s) {
        return TABLE.register(s.code, s);
    }

    private static SignatureScheme rsaPkcs1(int code, String name, Hash hash, String jca) {
        // RFC 8446 §4.2.3: PKCS#1 v1.5 is for certificates only in TLS 1.3.
        return register(new SignatureScheme(code, name, Kind.RSA_PKCS1, hash, jca, null, false));
    }

    private static SignatureScheme ecdsa(int code, String name, Hash hash, String jca, NamedGroup curve) {
        return register(new SignatureScheme(code, name, Kind.ECDSA, hash, jca, curve, true));
    }

    private static SignatureScheme pss(int code, String name, Kind kind, Hash hash) {
        return register(new SignatureScheme(code, name, kind, hash, "RSASSA-PSS", null, true));
    }

    private static SignatureScheme eddsa(int code, String name, String jca) {
        return register(new SignatureScheme(code, name, Kind.EDDSA, null, jca, null, true));
    }

    private static SignatureScheme legacy(int code, String name, Kind kind, String jca) {
        return register(new SignatureScheme(code, name, kind, null, jca, null, false));
    }

    private static SignatureScheme namedOnly(int code, String name, boolean tls13) {
        return register(new SignatureScheme(code, name, Kind.NAMED_ONLY, null, null, null, tls13));
    }

    /**
     * The scheme with this code: a named constant, or an unnamed value that prints as {@code 0x1234}.
     *
     * @throws IllegalArgumentException if {@code code} is not a 16-bit value
     */
    public static SignatureScheme of(int code) {
        SignatureScheme s = TABLE.lookup(code);
        return s != null ? s : new SignatureScheme(code, CodePointTable.hexName(code), Kind.UNKNOWN, null, null, null, false);
    }

    /**
     * The named scheme with this IANA name, e.g. {@code rsa_pss_rsae_sha256}.
     *
     * @throws IllegalArgumentException naming the known schemes, if no scheme has that name
     */
    public static SignatureScheme byName(String name) {
        return TABLE.byName(name);
    }

    /** Every named scheme. */
    public static List<SignatureScheme> known() {
        return TABLE.known();
    }

    /** The 16-bit code point. */
    public int code() {
        return code;
    }

    /** The IANA name, or {@code 0x1234} for a value without one. */
    public String name() {
        return name;
    }

    /** Whether this library can sign and verify with the scheme here (and the JCA has it; probed once). */
    public boolean isImplemented() {
        if (jcaSignatureAlgorithm == null) {
            return false;
        }
        Boolean a = available;
        if (a == null) {
            a = probe();
            available = a;
        }
        return a;
    }

    /**
     * Whether the scheme may sign handshake messages in TLS 1.3: false for PKCS#1 v1.5, SHA-1 and
     * SHA-224, which RFC 8446 §4.2.3 allows only in certificates.
     */
    public boolean allowedInTls13() {
        return allowedInTls13;
    }

    /** The scheme's hash; {@code null} for EdDSA (which hashes internally), SHA-1/SHA-224 and unknown values. */
    public Hash hash() {
        return hash;
    }

    /** The JCA {@link Signature} algorithm, e.g. {@code SHA256withECDSA} or {@code RSASSA-PSS}; {@code null} for schemes this library only names. */
    public String jcaSignatureAlgorithm() {
        return jcaSignatureAlgorithm;
    }

    /**
     * Whether {@code key} (public or private) can be used with this scheme: an "RSA" key for
     * rsa_pkcs1_* and rsa_pss_rsae_* (large enough for the PSS salt), an "RSASSA-PSS" key for
     * rsa_pss_pss_*, an EC key for ecdsa_* (on the scheme's own curve when {@code tls13}, RFC 8446
     * §4.2.3), an Ed25519/Ed448 key for ed25519/ed448. Always false for schemes not allowed in TLS
     * 1.3 when {@code tls13}.
     */
    public boolean supportsKey(Key key, boolean tls13) {
        if (key == null || !isImplemented() || (tls13 && !allowedInTls13)) {
            return false;
        }
        String alg = key.getAlgorithm();
        switch (kind) {
            case RSA_PKCS1:
                return "RSA".equals(alg);
            case RSA_PSS_RSAE:
                return "RSA".equals(alg) && pssFits(key);
            case RSA_PSS_PSS:
                return "RSASSA-PSS".equals(alg) && pssFits(key) && pssKeyParametersAllow(key);
            case ECDSA:
                if (!(key instanceof ECKey)) {
                    return false;
                }
                if (!tls13 || curve == null) {
                    return true;
                }
                try {
                    return curve.curve().matches(((ECKey) key).getParams());
                } catch (IllegalStateException e) {
                    return false; // the provider does not know the scheme's curve
                }
            case EDDSA:
                return jcaSignatureAlgorithm.equals(alg)
                        || ("EdDSA".equals(alg) && key instanceof EdECKey
                                && jcaSignatureAlgorithm.equalsIgnoreCase(((EdECKey) key).getParams().getName()));
            default:
                return false;
        }
    }

    /**
     * Signs {@code message} (the scheme hashes it).
     *
     * @throws IllegalArgumentException if the key does not suit this scheme (see {@link #supportsKey})
     * @throws IllegalStateException for a scheme this library only names
     * @throws TlsException {@link ErrorCode#INTERNAL} if the provider fails
     */
    public byte[] sign(PrivateKey key, byte[] message, SecureRandom random) throws TlsException {
        if (!isImplemented()) {
            throw new IllegalStateException("this library names " + name + " but cannot sign with it");
        }
        if (!supportsKey(key, false)) {
            throw new IllegalArgumentException(name + " cannot sign with a " + (key == null ? "null" : key.getAlgorithm()) + " key");
        }
        try {
            Signature s = Signature.getInstance(jcaSignatureAlgorithm);
            s.initSign(key, random);
            setParameters(s);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception(name + " signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code signature} is a valid signature of {@code message} by {@code key}. Never
     * throws: a malformed signature, a key of the wrong type, or a JCA setup failure all mean false.
     */
    public boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (message == null || signature == null || !supportsKey(key, false)) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(jcaSignatureAlgorithm);
            s.initVerify(key);
            setParameters(s);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The scheme of a certificate signature, from {@code X509Certificate.getSigAlgOID()}, for
     * checking signature_algorithms_cert (RFC 8446 §4.2.3). RSASSA-PSS (1.2.840.113549.1.1.10) is
     * ambiguous without its parameters and the issuer's key, so it gives {@code null} here; use
     * {@link #forRsaPssCertificate}. Unknown OIDs give {@code null}.
     */
    public static SignatureScheme forCertificateAlgorithm(String sigAlgOid) {
        if (sigAlgOid == null) {
            return null;
        }
        switch (sigAlgOid) {
            case "1.2.840.113549.1.1.5":
                return RSA_PKCS1_SHA1;
            case "1.2.840.113549.1.1.14":
                return RSA_SHA224;
            case "1.2.840.113549.1.1.11":
                return RSA_PKCS1_SHA256;
            case "1.2.840.113549.1.1.12":
                return RSA_PKCS1_SHA384;
            case "1.2.840.113549.1.1.13":
                return RSA_PKCS1_SHA512;
            case "1.2.840.10045.4.1":
                return ECDSA_SHA1;
            case "1.2.840.10045.4.3.1":
                return ECDSA_SHA224;
            case "1.2.840.10045.4.3.2":
                return ECDSA_SECP256R1_SHA256;
            case "1.2.840.10045.4.3.3":
                return ECDSA_SECP384R1_SHA384;
            case "1.2.840.10045.4.3.4":
                return ECDSA_SECP521R1_SHA512;
            case "1.3.101.112":
                return ED25519;
            case "1.3.101.113":
                return ED448;
            default:
                return null;
        }
    }

    /**
     * The scheme of an RSASSA-PSS certificate signature: rsa_pss_pss_* when the issuer's key is an
     * RSASSA-PSS key, else rsa_pss_rsae_*, with the hash named in the signature's parameters
     * ({@code X509Certificate.getSigAlgParams()}). {@code null} if the parameters do not parse, or
     * name a hash or mask function TLS has no scheme for.
     */
    public static SignatureScheme forRsaPssCertificate(byte[] sigAlgParams, boolean issuerKeyIsRsaPss) {
        if (sigAlgParams == null) {
            return null;
        }
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
            params.init(sigAlgParams);
            PSSParameterSpec spec = params.getParameterSpec(PSSParameterSpec.class);
            Hash h = hashNamed(spec.getDigestAlgorithm());
            AlgorithmParameterSpec mgf = spec.getMGFParameters();
            if (h == null || !"MGF1".equalsIgnoreCase(spec.getMGFAlgorithm()) || !(mgf instanceof MGF1ParameterSpec)
                    || hashNamed(((MGF1ParameterSpec) mgf).getDigestAlgorithm()) != h) {
                return null;
            }
            Kind want = issuerKeyIsRsaPss ? Kind.RSA_PSS_PSS : Kind.RSA_PSS_RSAE;
            for (SignatureScheme s : TABLE.known()) {
                if (s.kind == want && s.hash == h) {
                    return s;
                }
            }
            return null;
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private void setParameters(Signature s) throws GeneralSecurityException {
        if (kind == Kind.RSA_PSS_RSAE || kind == Kind.RSA_PSS_PSS) {
            // RFC 8446 §4.2.3: MGF1 with the same hash, salt as long as the hash output.
            String digest = hash.digestAlgorithm();
            s.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), hash.length(), 1));
        }
    }

    /** RFC 8017 §9.1.1: PSS needs emLen >= hLen + sLen + 2, with sLen = hLen here. */
    private boolean pssFits(Key key) {
        if (!(key instanceof RSAKey)) {
            return true;
        }
        int emBits = ((RSAKey) key).getModulus().bitLength() - 1;
        int emLen = (emBits + 7) / 8;
        return emLen >= 2 * hash.length() + 2;
    }

    /** An RSASSA-PSS key may restrict itself to one hash (RFC 4055 §3.1); it must be ours. */
    private boolean pssKeyParametersAllow(Key key) {
        if (!(key instanceof RSAKey)) {
            return true;
        }
        AlgorithmParameterSpec params = ((RSAKey) key).getParams();
        if (!(params instanceof PSSParameterSpec)) {
            return true;
        }
        return hashNamed(((PSSParameterSpec) params).getDigestAlgorithm()) == hash;
    }

    private static Hash hashNamed(String jcaName) {
        String n = jcaName.replace("-", "").toUpperCase(Locale.ROOT);
        for (Hash h : Hash.values()) {
            if (h.digestAlgorithm().replace("-", "").equals(n)) {
                return h;
            }
        }
        return null;
    }

    private boolean probe() {
        try {
            Signature.getInstance(jcaSignatureAlgorithm);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureScheme && ((SignatureScheme) o).code == code;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(code);
    }

    /** The IANA name, or {@code 0x1234} for a value without one. */
    @Override
    public String toString() {
        return name;
    }
}
