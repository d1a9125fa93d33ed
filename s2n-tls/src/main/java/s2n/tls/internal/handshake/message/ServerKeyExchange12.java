package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The TLS 1.2 ServerKeyExchange for ECDHE suites (RFC 8422 §5.4): the server's ephemeral public
 * key on a named group, signed together with both randoms.
 *
 * <pre>
 * struct { ECCurveType curve_type; NamedCurve namedcurve; } ECParameters;   // curve_type 3: named_curve
 * struct { ECParameters curve_params; opaque point&lt;1..2^8-1&gt;; } ServerECDHParams;
 * struct {
 *     ServerECDHParams params;
 *     digitally-signed struct { ... } signed_params;   // SignatureAndHashAlgorithm + opaque&lt;0..2^16-1&gt;
 * } ServerKeyExchange;
 * </pre>
 *
 * <p>Only named curves are parsed: explicit curves (curve_type 1 and 2) are deprecated by
 * RFC 8422 §5.4 and have a different layout, so anything but {@link #NAMED_CURVE} is malformed
 * here. Finite-field DHE and static RSA key exchange are not supported by this library, so
 * there is no form for them. Arrays are not copied defensively (internal code).
 *
 * @param curveType always {@link #NAMED_CURVE}
 * @param namedGroup the NamedGroup code point; the caller checks it was offered
 * @param publicKey the encoded point, 1..255 bytes
 * @param signatureScheme the SignatureAndHashAlgorithm as a two-byte code point
 * @param signature the signature bytes, 0..65535
 */
public record ServerKeyExchange12(int curveType, int namedGroup, byte[] publicKey, int signatureScheme, byte[] signature)
        implements HandshakeMessage {

    /** ECCurveType named_curve (RFC 8422 §5.4). */
    public static final int NAMED_CURVE = 3;

    /** Validates ranges; {@code curveType} must be {@link #NAMED_CURVE}. */
    public ServerKeyExchange12 {
        if (curveType != NAMED_CURVE) {
            throw new IllegalArgumentException("only named_curve (3) is supported: " + curveType);
        }
        MessageFields.uint16(namedGroup, "namedcurve");
        MessageFields.length(publicKey, 1, 0xff, "point");
        MessageFields.uint16(signatureScheme, "signature algorithm");
        MessageFields.length(signature, 0, 0xffff, "signature");
    }

    /** Decodes an ECDHE ServerKeyExchange body (the message without its four-byte header). */
    public static ServerKeyExchange12 decode(Reader body) {
        int curveType = body.readUint8();
        if (curveType != NAMED_CURVE) {
            throw new DecodeException("ServerKeyExchange: curve_type " + curveType + " is not named_curve");
        }
        int namedGroup = body.readUint16();
        byte[] publicKey = body.readVector8(1, 0xff);
        int signatureScheme = body.readUint16();
        byte[] signature = body.readVector16(0, 0xffff);
        body.expectEnd("ServerKeyExchange");
        return new ServerKeyExchange12(curveType, namedGroup, publicKey, signatureScheme, signature);
    }

    /**
     * The ServerECDHParams bytes (curve_type, namedcurve, point): what RFC 8422 §5.4 signs,
     * after ClientHello.random and ServerHello.random.
     */
    public byte[] signedParams() {
        Writer w = new Writer(4 + publicKey.length);
        writeParams(w);
        return w.toByteArray();
    }

    private void writeParams(Writer w) {
        w.writeUint8(curveType);
        w.writeUint16(namedGroup);
        w.writeVector8(publicKey);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.SERVER_KEY_EXCHANGE;
    }

    @Override
    public void encodeBody(Writer w) {
        writeParams(w);
        w.writeUint16(signatureScheme);
        w.writeVector16(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerKeyExchange12 other
                && curveType == other.curveType
                && namedGroup == other.namedGroup
                && Arrays.equals(publicKey, other.publicKey)
                && signatureScheme == other.signatureScheme
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        int h = curveType;
        h = 31 * h + namedGroup;
        h = 31 * h + Arrays.hashCode(publicKey);
        h = 31 * h + signatureScheme;
        return 31 * h + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "ServerKeyExchange12[curveType=" + curveType + ", namedGroup=" + hex.toHexDigits((short) namedGroup)
                + ", publicKey=" + hex.formatHex(publicKey) + ", signatureScheme=" + hex.toHexDigits((short) signatureScheme)
                + ", signature=" + hex.formatHex(signature) + "]";
    }
}
