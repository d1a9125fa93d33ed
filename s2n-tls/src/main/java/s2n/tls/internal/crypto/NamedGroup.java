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
 * <p>Implemented: x25519, x448, secp256r1, secp384r1, secp521r1. The FFDHE groups and the
 * post-quantum (hybrid) groups are named only.
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
    // draft-ietf-tls-ecdhe-mlkem and draft-connolly-tls-mlkem-key-agreement: named only.
    public static final NamedGroup SECP256R1_MLKEM768 = register(0x11EB, "SecP256r1MLKEM768", Family.HYBRID, null, 0);
    public static final NamedGroup X25519_MLKEM768 = register(0x11EC, "X25519MLKEM768", Family.HYBRID, null, 0);
    public static final NamedGroup SECP384R1_MLKEM1024 = register(0x11ED, "SecP384r1MLKEM1024", Family.HYBRID, null, 0);
    public static final NamedGroup MLKEM1024 = register(0x0202, "MLKEM1024", Family.KEM, null, 0);

    private final int code;
    private final String name;
    private final Family family;
    private final String jcaName;
    private final int publicKeyLength;
    private volatile Boolean supported;
    private volatile EcCurve curve;

    private NamedGroup(int code, String name, Family family, String jcaName, int publicKeyLength) {
        this.code = code;
        this.name = name;
        this.family = family;
        this.jcaName = jcaName;
        this.publicKeyLength = publicKeyLength;
    }

    private static NamedGroup register(int code, String name, Family family, String jcaName, int publicKeyLength) {
        return TABLE.register(code, new NamedGroup(code, name, family, jcaName, publicKeyLength));
    }

    /**
     * The group with this code: a named constant, or an unnamed value that prints as {@code 0x1234}.
     *
     * @throws IllegalArgumentException if {@code code} is not a 16-bit value
     */
    public static NamedGroup of(int code) {
        NamedGroup g = TABLE.lookup(code);
        return g != null ? g : new NamedGroup(code, CodePointTable.hexName(code), Family.UNKNOWN, null, 0);
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

    /** The length of a public share in wire form; 0 when this library does not know it. */
    public int publicKeyLength() {
        return publicKeyLength;
    }

    /** Whether this library implements the group (regardless of what the JCA offers). */
    public boolean isImplemented() {
        return family == Family.XDH || family == Family.EC;
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
            default:
                return EcdhKeyShare.generate(this, curve(), random);
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
