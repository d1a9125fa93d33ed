package s2n.tls.internal.crypto;

import java.util.List;

/**
 * A TLS cipher suite code point (IANA "TLS Cipher Suites" registry). A value type with named
 * constants rather than a closed enum, so a suite we have no name for survives decoding and prints
 * as its number ({@code 0x1234}).
 *
 * <pre>{@code
 * CipherSuite s = CipherSuite.of(reader.readUint16());
 * if (s.isImplemented() && s.isTls13()) { transcript.selectHash(s.hash()); }
 * }</pre>
 */
public final class CipherSuite {
    /** Who signs the key exchange: anything (TLS 1.3 suites) or a certificate of this type (TLS 1.2). */
    public enum Authentication {
        /** TLS 1.3: the suite does not constrain the certificate (RFC 8446 §4.4.2). */
        ANY,
        /** TLS 1.2 ECDHE_ECDSA (RFC 8422 §2). */
        ECDSA,
        /** TLS 1.2 ECDHE_RSA (RFC 8422 §2). */
        RSA
    }

    private static final CodePointTable<CipherSuite> TABLE =
            new CodePointTable<>("cipher suite", CipherSuite::name, CipherSuite::opensslName);

    // RFC 8446 §B.4
    public static final CipherSuite TLS_AES_128_GCM_SHA256 = tls13(0x1301, "TLS_AES_128_GCM_SHA256",
            Hash.SHA256, AeadAlgorithm.AES_128_GCM);
    public static final CipherSuite TLS_AES_256_GCM_SHA384 = tls13(0x1302, "TLS_AES_256_GCM_SHA384",
            Hash.SHA384, AeadAlgorithm.AES_256_GCM);
    public static final CipherSuite TLS_CHACHA20_POLY1305_SHA256 = tls13(0x1303, "TLS_CHACHA20_POLY1305_SHA256",
            Hash.SHA256, AeadAlgorithm.CHACHA20_POLY1305);

    // RFC 5289 §3.2 (AES-GCM) and RFC 7905 §2 (ChaCha20-Poly1305)
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = tls12(0xC02B,
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256",
            Hash.SHA256, AeadAlgorithm.AES_128_GCM, Authentication.ECDSA);
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 = tls12(0xC02C,
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384",
            Hash.SHA384, AeadAlgorithm.AES_256_GCM, Authentication.ECDSA);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = tls12(0xC02F,
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
            Hash.SHA256, AeadAlgorithm.AES_128_GCM, Authentication.RSA);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 = tls12(0xC030,
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
            Hash.SHA384, AeadAlgorithm.AES_256_GCM, Authentication.RSA);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = tls12(0xCCA8,
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305",
            Hash.SHA256, AeadAlgorithm.CHACHA20_POLY1305, Authentication.RSA);
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 = tls12(0xCCA9,
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305",
            Hash.SHA256, AeadAlgorithm.CHACHA20_POLY1305, Authentication.ECDSA);

    // CBC suites (RFC 5289 §3.1, RFC 4492 §6): named so policies and logs can say what a peer
    // offered; never negotiated (no AEAD).
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 = tls12(0xC023,
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256", Hash.SHA256, null, Authentication.ECDSA);
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 = tls12(0xC024,
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384", Hash.SHA384, null, Authentication.ECDSA);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 = tls12(0xC027,
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256", Hash.SHA256, null, Authentication.RSA);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 = tls12(0xC028,
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384", Hash.SHA384, null, Authentication.RSA);
    // RFC 5246 §5: suites without their own PRF hash use SHA-256 in TLS 1.2.
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA = tls12(0xC009,
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA", Hash.SHA256, null, Authentication.ECDSA);
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA = tls12(0xC00A,
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA", Hash.SHA256, null, Authentication.ECDSA);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA = tls12(0xC013,
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA", Hash.SHA256, null, Authentication.RSA);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA = tls12(0xC014,
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA", Hash.SHA256, null, Authentication.RSA);

    // Signalling values, never negotiated: RFC 5746 §3.3 and RFC 7507 §2.
    public static final CipherSuite TLS_EMPTY_RENEGOTIATION_INFO_SCSV = signalling(0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    public static final CipherSuite TLS_FALLBACK_SCSV = signalling(0x5600, "TLS_FALLBACK_SCSV");

    private final int code;
    private final String name;
    private final String opensslName;
    private final boolean tls13;
    private final Hash hash;
    private final AeadAlgorithm aead;
    private final Authentication authentication;
    private final boolean known;

    private CipherSuite(int code, String name, String opensslName, boolean tls13, Hash hash, AeadAlgorithm aead,
            Authentication authentication, boolean known) {
        this.code = code;
        this.name = name;
        this.opensslName = opensslName;
        this.tls13 = tls13;
        this.hash = hash;
        this.aead = aead;
        this.authentication = authentication;
        this.known = known;
    }

    private static CipherSuite tls13(int code, String name, Hash hash, AeadAlgorithm aead) {
        // OpenSSL names TLS 1.3 suites by their IANA names.
        return register(new CipherSuite(code, name, name, true, hash, aead, Authentication.ANY, true));
    }

    private static CipherSuite tls12(int code, String name, String opensslName, Hash hash, AeadAlgorithm aead,
            Authentication authentication) {
        return register(new CipherSuite(code, name, opensslName, false, hash, aead, authentication, true));
    }

    private static CipherSuite signalling(int code, String name) {
        return register(new CipherSuite(code, name, name, false, null, null, null, true));
    }

    private static CipherSuite register(CipherSuite s) {
        return TABLE.register(s.code, s);
    }

    /**
     * The suite with this code: a named constant, or an unnamed value that prints as {@code 0x1234}.
     *
     * @throws IllegalArgumentException if {@code code} is not a 16-bit value
     */
    public static CipherSuite of(int code) {
        CipherSuite s = TABLE.lookup(code);
        if (s != null) {
            return s;
        }
        String hex = CodePointTable.hexName(code);
        return new CipherSuite(code, hex, hex, false, null, null, null, false);
    }

    /**
     * The named suite with this IANA name ({@code TLS_AES_128_GCM_SHA256}) or OpenSSL name
     * ({@code ECDHE-RSA-AES128-GCM-SHA256}).
     *
     * @throws IllegalArgumentException naming the known suites, if no suite has that name
     */
    public static CipherSuite byName(String name) {
        return TABLE.byName(name);
    }

    /** Every named suite, in registry order of this class (TLS 1.3 first). */
    public static List<CipherSuite> known() {
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

    /** The OpenSSL name ({@code ECDHE-ECDSA-AES128-GCM-SHA256}); TLS 1.3 suites keep their IANA names. */
    public String opensslName() {
        return opensslName;
    }

    /** Whether this is a TLS 1.3 suite (RFC 8446 §B.4). */
    public boolean isTls13() {
        return tls13;
    }

    /** The PRF (TLS 1.2) or HKDF (TLS 1.3) hash; {@code null} for signalling and unknown values. */
    public Hash hash() {
        return hash;
    }

    /** The record AEAD; {@code null} for CBC suites, signalling values and unknown values. */
    public AeadAlgorithm aead() {
        return aead;
    }

    /** Who authenticates the key exchange; {@code null} for signalling and unknown values. */
    public Authentication authentication() {
        return authentication;
    }

    /** Whether this library can negotiate the suite here: an AEAD suite whose AEAD the JCA provides. */
    public boolean isImplemented() {
        return aead != null && aead.isAvailable();
    }

    /** Whether this is a signalling value (an SCSV), which is never negotiated. */
    public boolean isSignalling() {
        return known && hash == null;
    }

    /** Whether this is one of the named constants. */
    public boolean isKnown() {
        return known;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CipherSuite && ((CipherSuite) o).code == code;
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
