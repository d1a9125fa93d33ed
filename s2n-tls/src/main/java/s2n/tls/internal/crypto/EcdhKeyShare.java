package s2n.tls.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/** An ECDHE key share on a NIST curve (RFC 8446 §4.2.8.2, RFC 8422 §5.4) through the JCA's "EC"/"ECDH". */
final class EcdhKeyShare extends JcaKeyShare {
    private final EcCurve curve;

    private EcdhKeyShare(NamedGroup group, EcCurve curve, PrivateKey privateKey, byte[] publicKey) {
        super(group, privateKey, publicKey);
        this.curve = curve;
    }

    static EcdhKeyShare generate(NamedGroup group, EcCurve curve, SecureRandom random) throws TlsException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(curve.spec(), random);
            KeyPair kp = g.generateKeyPair();
            ECPoint w = ((ECPublicKey) kp.getPublic()).getW();
            return new EcdhKeyShare(group, curve, kp.getPrivate(), curve.encode(w));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception("could not generate a " + group + " key pair: " + e.getMessage(), e);
        }
    }

    static EcdhKeyShare fromScalar(NamedGroup group, EcCurve curve, byte[] scalar) {
        BigInteger s = new BigInteger(1, scalar);
        BigInteger n = curve.spec().getOrder();
        if (s.signum() == 0 || s.compareTo(n) >= 0) {
            throw new IllegalArgumentException(group + " private key must be in [1, n-1]");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, curve.spec()));
            return new EcdhKeyShare(group, curve, key, curve.encode(curve.multiplyGenerator(s)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JCA could not rebuild a " + group + " private key", e);
        }
    }

    @Override
    public SecretBytes agree(byte[] peerPublicKey) throws TlsException {
        PrivateKey key = privateKey();
        NamedGroup group = group();
        // Validated here, before the provider sees it, so every provider gets the same strictness.
        ECPoint point = curve.decode(peerPublicKey);
        byte[] raw;
        try {
            PublicKey peer = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve.spec()));
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(key);
            ka.doPhase(peer, true);
            raw = ka.generateSecret();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception(group + " key agreement failed: " + e.getMessage(), e);
        }
        // RFC 8446 §7.4.2: the X coordinate, left-padded with zeros to the field size.
        int len = curve.fieldLength();
        if (raw.length == len) {
            return new SecretBytes(raw);
        }
        // Some providers strip leading zeros or keep a sign byte; normalise to exactly len bytes.
        int skip = 0;
        while (raw.length - skip > len && raw[skip] == 0) {
            skip++;
        }
        int n = raw.length - skip;
        if (n > len) {
            Arrays.fill(raw, (byte) 0);
            throw ErrorCode.INTERNAL.exception(group + " agreement returned " + raw.length + " bytes for a " + len + "-byte field");
        }
        byte[] fixed = new byte[len];
        System.arraycopy(raw, skip, fixed, len - n, n);
        Arrays.fill(raw, (byte) 0);
        return new SecretBytes(fixed);
    }
}
