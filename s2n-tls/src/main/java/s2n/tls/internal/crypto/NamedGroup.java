package s2n.tls.internal.crypto;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.List;
import javax.crypto.KeyAgreement;
import s2n.tls.TlsException;

/**
 * A key-exchange group code point (IANA "TLS Supported Groups" registry; RFC 8446 §4.2.7). A value
 * type with named constants rather than a closed enum, so a group we have no name for survives
 * decoding and prints as its number ({@code 0x1234}).
 *
 * <pre>{@code
 * NamedGroup g = NamedGroup.of(reader.readUint16());
 * if (g.isSupported()) {
 *     KeyShare share = g.generateKeyShare(random);
 * }
 * }</pre>
 *
 * <p>Implemented: x25519, x448, secp256r1, secp384r1, secp521r1, and the ECDHE + ML-KEM hybrids
 * X25519MLKEM768, SecP256r1MLKEM768 and SecP384r1MLKEM1024 (draft-ietf-tls-ecdhe-mlkem; TLS 1.3
 * only, and only where the runtime has {@code javax.crypto.KEM} "ML-KEM": the JDK's own from JDK 24,
 * or a provider's such as BouncyCastle's on JDK 17.0.12+ and 21 to 23). The
 * FFDHE groups and pure MLKEM1024 are named only.
 *
 * <p>A client {@link #generateKeyShare generates} a share and later {@link KeyShare#agree agrees}
 * with the server's; a server {@link #respond responds} to the client's share in one step, which is
 * the shape both Diffie-Hellman and a KEM fit.
 */
public final class NamedGroup {
    /** How a group's key exchange works, which decides who implements it. */
    enum Family {
        XDH,
        EC,
        FFDHE,
        HYBRID,
        KEM,
        UNKNOWN
    }

    private static final CodePointTable<NamedGroup> TABLE = new CodePointTable<>("named group", NamedGroup::name, null);

    // RFC 8446 §4.2.7; RFC 7748 for the X curves.
    public static final NamedGroup X25519 = register(0x001D, "x25519", Family.XDH, "X25519", 32);
    public static final NamedGroup X448 = register(0x001E, "x448", Family.XDH, "X448", 56);
    public static final NamedGroup SECP256R1 = register(0x0017, "secp256r1", Family.EC, "secp256r1", 65);
    public static final NamedGroup SECP384R1 = register(0x0018, "secp384r1", Family.EC, "secp384r1", 97);
    public static final NamedGroup SECP521R1 = register(0x0019, "secp521r1", Family.EC, "secp521r1", 133);
    // RFC 7919: named only.
    public static final NamedGroup FFDHE2048 = register(0x0100, "ffdhe2048", Family.FFDHE, null, 256);
    public static final NamedGroup FFDHE3072 = register(0x0101, "ffdhe3072", Family.FFDHE, null, 384);
    public static final NamedGroup FFDHE4096 = register(0x0102, "ffdhe4096", Family.FFDHE, null, 512);
    public static final NamedGroup FFDHE6144 = register(0x0103, "ffdhe6144", Family.FFDHE, null, 768);
    public static final NamedGroup FFDHE8192 = register(0x0104, "ffdhe8192", Family.FFDHE, null, 1024);
    // draft-ietf-tls-ecdhe-mlkem: the ECDHE part first, except X25519MLKEM768, whose ML-KEM part leads.
    public static final NamedGroup SECP256R1_MLKEM768 = hybrid(0x11EB, "SecP256r1MLKEM768", SECP256R1, MlKem.ML_KEM_768, false);
    public static final NamedGroup X25519_MLKEM768 = hybrid(0x11EC, "X25519MLKEM768", X25519, MlKem.ML_KEM_768, true);
    public static final NamedGroup SECP384R1_MLKEM1024 = hybrid(0x11ED, "SecP384r1MLKEM1024", SECP384R1, MlKem.ML_KEM_1024, false);
    // draft-connolly-tls-mlkem-key-agreement: named only.
    public static final NamedGroup MLKEM1024 = register(0x0202, "MLKEM1024", Family.KEM, null, 0);

    private final int code;
    private final String name;
    private final Family family;
    private final String jcaName;
    private final int publicKeyLength;
    private final NamedGroup classical;
    private final MlKem kem;
    private final boolean kemFirst;
    private volatile Boolean supported;
    private volatile EcCurve curve;

    private NamedGroup(int code, String name, Family family, String jcaName, int publicKeyLength,
            NamedGroup classical, MlKem kem, boolean kemFirst) {
        this.code = code;
        this.name = name;
        this.family = family;
        this.jcaName = jcaName;
        this.publicKeyLength = publicKeyLength;
        this.classical = classical;
        this.kem = kem;
        this.kemFirst = kemFirst;
    }

    private static NamedGroup register(int code, String name, Family family, String jcaName, int publicKeyLength) {
        return TABLE.register(code, new NamedGroup(code, name, family, jcaName, publicKeyLength, null, null, false));
    }

    private static NamedGroup hybrid(int code, String name, NamedGroup classical, MlKem kem, boolean kemFirst) {
        int clientShare = classical.publicKeyLength + kem.encapsulationKeyLength();
        return TABLE.register(code, new NamedGroup(code, name, Family.HYBRID, null, clientShare, classical, kem, kemFirst));
    }

    /**
     * The group with this code: a named constant, or an unnamed value that prints as {@code 0x1234}.
     *
     * @throws IllegalArgumentException if {@code code} is not a 16-bit value
     */
    public static NamedGroup of(int code) {
        NamedGroup g = TABLE.lookup(code);
        return g != null ? g : new NamedGroup(code, CodePointTable.hexName(code), Family.UNKNOWN, null, 0, null, null, false);
    }

    /**
     * The named group with this IANA name, e.g. {@code x25519} or {@code secp256r1}.
     *
     * @throws IllegalArgumentException naming the known groups, if no group has that name
     */
    public static NamedGroup byName(String name) {
        return TABLE.byName(name);
    }

    /** Every named group. */
    public static List<NamedGroup> known() {
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

    /**
     * The length of a public share in wire form (for a hybrid, the client's share); 0 when this
     * library does not know it.
     */
    public int publicKeyLength() {
        return publicKeyLength;
    }

    /** For a hybrid, the length of the server's share (ML-KEM ciphertext and ECDHE point); otherwise {@link #publicKeyLength()}. */
    public int serverShareLength() {
        return family == Family.HYBRID ? classical.publicKeyLength + kem.ciphertextLength() : publicKeyLength;
    }

    /** Whether this library implements the group (regardless of what the JCA offers). */
    public boolean isImplemented() {
        return family == Family.XDH || family == Family.EC || family == Family.HYBRID;
    }

    /** Whether the group is a post-quantum hybrid (or pure KEM) group, which only TLS 1.3 may use. */
    public boolean isPostQuantum() {
        return family == Family.HYBRID || family == Family.KEM;
    }

    /**
     * Why a named group is not {@link #isSupported() supported} here, in a few words for
     * {@code SecurityPolicy.omissions()}; null if it is.
     */
    public String unsupportedReason() {
        if (isSupported()) {
            return null;
        }
        switch (family) {
            case HYBRID:
                return "needs ML-KEM through javax.crypto.KEM (JDK 24 or later; JDK 17.0.12+ or 21-23 with a"
                        + " provider of KEM \"ML-KEM\", e.g. BouncyCastle's), which this runtime lacks";
            case KEM:
                return "pure ML-KEM key exchange is not implemented";
            case FFDHE:
                return "FFDHE key exchange is not implemented";
            default:
                return isImplemented() ? "the JCA provider lacks it" : "not implemented";
        }
    }

    /** Whether the group is implemented and an installed provider has it; probed once, then cached. */
    public boolean isSupported() {
        Boolean s = supported;
        if (s == null) {
            s = isImplemented() && probe();
            supported = s;
        }
        return s;
    }

    /**
     * A fresh key pair for this group.
     *
     * @throws TlsException {@link s2n.tls.internal.ErrorCode#INTERNAL} if the provider fails
     * @throws IllegalStateException for a group this library only names (check {@link #isSupported()})
     */
    public KeyShare generateKeyShare(SecureRandom random) throws TlsException {
        switch (requireImplemented()) {
            case XDH:
                return XdhKeyShare.generate(this, xdhParameters(), random);
            case HYBRID:
                return HybridKeyShare.generate(this, kem, classical, kemFirst, random);
            default:
                return EcdhKeyShare.generate(this, curve(), random);
        }
    }

    /**
     * The server's side of the exchange in one step: for (EC)DHE a fresh key pair agreed with the
     * client's share, for a hybrid an ML-KEM encapsulation to the client's key beside the ECDHE part.
     * Close the result once the secret has been used.
     *
     * @throws TlsException {@link s2n.tls.internal.ErrorCode#ILLEGAL_PARAMETER} for a malformed
     *     client share (wrong length, invalid point, ML-KEM key failing its modulus check)
     * @throws IllegalStateException for a group this library only names
     */
    public Exchange respond(byte[] clientShare, SecureRandom random) throws TlsException {
        if (requireImplemented() == Family.HYBRID) {
            return HybridKeyShare.respond(this, kem, classical, kemFirst, clientShare, random);
        }
        try (KeyShare mine = generateKeyShare(random)) {
            return new Exchange(mine.publicKey(), mine.agree(clientShare));
        }
    }

    /** What a server's {@link #respond} yields: the share it sends and the shared secret. */
    public static final class Exchange implements AutoCloseable {
        private final byte[] share;
        private final SecretBytes secret;

        Exchange(byte[] share, SecretBytes secret) {
            this.share = share;
            this.secret = secret;
        }

        /** The server's key share in wire form. */
        public byte[] share() {
            return share;
        }

        /** The shared secret; closed with this exchange. */
        public SecretBytes secret() {
            return secret;
        }

        @Override
        public void close() {
            secret.close();
        }
    }

    /**
     * Test seam: the key share for a known private key, to replay published traces (RFC 8448). For
     * x25519/x448 the raw little-endian scalar (RFC 7748 §5); for the NIST curves a big-endian
     * scalar in [1, n-1]. Computing the EC public point here is not constant-time.
     *
     * @throws IllegalArgumentException if the private key has the wrong length or range
     * @throws IllegalStateException for a group this library only names, or if the provider fails
     */
    public KeyShare keyShareFromPrivateKey(byte[] privateKey) {
        switch (requireImplemented()) {
            case XDH:
                return XdhKeyShare.fromScalar(this, xdhParameters(), privateKey);
            case HYBRID:
                throw new IllegalStateException(name + " key shares cannot be rebuilt from a private key");
            default:
                return EcdhKeyShare.fromScalar(this, curve(), privateKey);
        }
    }

    /**
     * The NIST group whose curve {@code params} describe, or null if none of ours does. TLS 1.2
     * names an ECDSA key's curve with the group code point (RFC 8422 §5.1.1), so a server can only
     * use an ECDSA certificate whose curve the client listed in supported_groups.
     */
    public static NamedGroup forEcParameters(java.security.spec.ECParameterSpec params) {
        for (NamedGroup g : TABLE.known()) {
            if (g.family == Family.EC && g.isSupported() && g.curve().matches(params)) {
                return g;
            }
        }
        return null;
    }

    /** The curve of a NIST group, built from the JCA's parameters on first use. */
    EcCurve curve() {
        if (family != Family.EC) {
            throw new IllegalStateException(name + " is not a NIST curve");
        }
        EcCurve c = curve;
        if (c == null) {
            c = EcCurve.forName(jcaName, publicKeyLength);
            curve = c;
        }
        return c;
    }

    private NamedParameterSpec xdhParameters() {
        return new NamedParameterSpec(jcaName);
    }

    private Family requireImplemented() {
        if (!isImplemented()) {
            throw new IllegalStateException("this library names " + name + " but has no key exchange for it;"
                    + " offer only groups whose isSupported() is true");
        }
        return family;
    }

    private boolean probe() {
        if (family == Family.HYBRID) {
            return classical.isSupported() && kem.isAvailable();
        }
        try {
            if (family == Family.XDH) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
                g.initialize(xdhParameters());
                g.generateKeyPair();
                KeyAgreement.getInstance("XDH");
            } else {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(jcaName));
                g.generateKeyPair();
                KeyAgreement.getInstance("ECDH");
                curve();
            }
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedGroup && ((NamedGroup) o).code == code;
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
