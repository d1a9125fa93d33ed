package s2n.tls.internal.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * A NIST prime curve (y^2 = x^3 + ax + b over GF(p)) with the parameters the JCA provider reports:
 * the wire encoding of points and the explicit validation of a peer's point, done here with
 * BigInteger arithmetic rather than trusted to whichever provider is installed.
 */
final class EcCurve {
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private final String name;
    private final ECParameterSpec spec;
    private final BigInteger p;
    private final BigInteger a;
    private final BigInteger b;
    private final int fieldLength;

    private EcCurve(String name, ECParameterSpec spec) {
        this.name = name;
        this.spec = spec;
        this.p = ((ECFieldFp) spec.getCurve().getField()).getP();
        this.a = spec.getCurve().getA();
        this.b = spec.getCurve().getB();
        this.fieldLength = (p.bitLength() + 7) / 8;
    }

    /**
     * The curve the JCA knows by {@code jcaName}.
     *
     * @throws IllegalStateException if no provider has it, or it is not the size the wire form needs
     */
    static EcCurve forName(String jcaName, int uncompressedLength) {
        ECParameterSpec spec;
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(jcaName));
            spec = params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no installed JCA provider knows the curve " + jcaName, e);
        }
        if (!(spec.getCurve().getField() instanceof ECFieldFp)) {
            throw new IllegalStateException(jcaName + " is not a prime-field curve");
        }
        EcCurve c = new EcCurve(jcaName, spec);
        if (1 + 2 * c.fieldLength != uncompressedLength) {
            throw new IllegalStateException(jcaName + " has a " + c.fieldLength + "-byte field; expected points of "
                    + uncompressedLength + " bytes");
        }
        return c;
    }

    /** The JCA parameters, for key specs. */
    ECParameterSpec spec() {
        return spec;
    }

    /** The field element size in bytes: 32, 48 or 66. */
    int fieldLength() {
        return fieldLength;
    }

    /** Whether {@code other} describes this curve (same field, equation, generator and order). */
    boolean matches(ECParameterSpec other) {
        if (other == null || !(other.getCurve().getField() instanceof ECFieldFp)) {
            return false;
        }
        return ((ECFieldFp) other.getCurve().getField()).getP().equals(p)
                && other.getCurve().getA().equals(a)
                && other.getCurve().getB().equals(b)
                && other.getGenerator().equals(spec.getGenerator())
                && other.getOrder().equals(spec.getOrder());
    }

    /** {@code 0x04 || X || Y}, each coordinate left-padded to the field size (SEC 1 §2.3.3). */
    byte[] encode(ECPoint point) {
        byte[] out = new byte[1 + 2 * fieldLength];
        out[0] = 4;
        writeFixed(point.getAffineX(), out, 1, fieldLength);
        writeFixed(point.getAffineY(), out, 1 + fieldLength, fieldLength);
        return out;
    }

    /**
     * A peer's point from its wire form, validated: RFC 8446 §4.2.8.2 allows only the uncompressed
     * form, and RFC 8446 §4.2.8.2 / RFC 8422 §5.11 require the point to be on the curve. The NIST
     * curves have cofactor 1, so on the curve means in the right subgroup, and the point at
     * infinity has no uncompressed encoding.
     *
     * @throws TlsException {@link ErrorCode#ILLEGAL_PARAMETER} saying what is wrong with the point
     */
    ECPoint decode(byte[] wire) throws TlsException {
        if (wire.length == 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " key share is empty");
        }
        int form = wire[0] & 0xff;
        if (form == 0 && wire.length == 1) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " key share is the point at infinity");
        }
        if (form == 2 || form == 3) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " key share is a compressed point; TLS requires the uncompressed form");
        }
        if (form != 4) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " key share has unknown point form 0x" + Integer.toHexString(form));
        }
        if (wire.length != 1 + 2 * fieldLength) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " key share must be " + (1 + 2 * fieldLength)
                    + " bytes, got " + wire.length);
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(wire, 1, 1 + fieldLength));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(wire, 1 + fieldLength, wire.length));
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " key share has a coordinate outside the field");
        }
        if (!isOnCurve(x, y)) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(name + " key share is not a point on the curve");
        }
        return new ECPoint(x, y);
    }

    /** Whether (x, y) satisfies y^2 = x^3 + ax + b (mod p). */
    boolean isOnCurve(BigInteger x, BigInteger y) {
        BigInteger left = y.multiply(y).mod(p);
        // (x^2 + a)·x + b: two products and one reduction.
        BigInteger right = x.multiply(x).add(a).multiply(x).add(b).mod(p);
        return left.equals(right);
    }

    /**
     * k·G by affine double-and-add. Not constant-time: only for the test seam that rebuilds a
     * published key pair from its private scalar.
     */
    ECPoint multiplyGenerator(BigInteger k) {
        ECPoint result = null;
        ECPoint addend = spec.getGenerator();
        for (int i = 0; i < k.bitLength(); i++) {
            if (k.testBit(i)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        if (result == null) {
            throw new IllegalArgumentException("k·G is the point at infinity");
        }
        return result;
    }

    private ECPoint add(ECPoint s, ECPoint t) {
        if (s == null) {
            return t;
        }
        if (t == null) {
            return s;
        }
        BigInteger x1 = s.getAffineX();
        BigInteger y1 = s.getAffineY();
        BigInteger x2 = t.getAffineX();
        BigInteger y2 = t.getAffineY();
        BigInteger lambda;
        if (x1.equals(x2)) {
            if (y1.add(y2).mod(p).signum() == 0) {
                return null;
            }
            lambda = THREE.multiply(x1).multiply(x1).add(a).multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
        } else {
            lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
        }
        BigInteger x3 = lambda.multiply(lambda).subtract(x1).subtract(x2).mod(p);
        BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(p);
        return new ECPoint(x3, y3);
    }

    /** Writes {@code v} big-endian into exactly {@code length} bytes. */
    static void writeFixed(BigInteger v, byte[] out, int offset, int length) {
        byte[] raw = v.toByteArray();
        int skip = 0;
        while (skip < raw.length - 1 && raw[skip] == 0 && raw.length - skip > length) {
            skip++;
        }
        int n = raw.length - skip;
        if (n > length) {
            throw new IllegalArgumentException("value needs " + n + " bytes, field has " + length);
        }
        System.arraycopy(raw, skip, out, offset + length - n, n);
    }

    @Override
    public String toString() {
        return name;
    }
}
