package s2n.tls.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/** An X25519 or X448 key share (RFC 7748) through the JCA's "XDH" algorithms. */
final class XdhKeyShare extends JcaKeyShare {
    private final NamedParameterSpec params;

    private XdhKeyShare(NamedGroup group, NamedParameterSpec params, PrivateKey privateKey, byte[] publicKey) {
        super(group, privateKey, publicKey);
        this.params = params;
    }

    static XdhKeyShare generate(NamedGroup group, NamedParameterSpec params, SecureRandom random) throws TlsException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
            g.initialize(params, random);
            KeyPair kp = g.generateKeyPair();
            return new XdhKeyShare(group, params, kp.getPrivate(), wireForm(kp.getPublic(), group.publicKeyLength()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception("could not generate a " + group + " key pair: " + e.getMessage(), e);
        }
    }

    static XdhKeyShare fromScalar(NamedGroup group, NamedParameterSpec params, byte[] scalar) {
        int length = group.publicKeyLength();
        if (scalar.length != length) {
            throw new IllegalArgumentException(group + " private key must be " + length + " bytes, got " + scalar.length);
        }
        try {
            PrivateKey key = KeyFactory.getInstance("XDH").generatePrivate(new XECPrivateKeySpec(params, scalar.clone()));
            // RFC 7748 §6: the public key is X(k, base point), u = 9 for X25519 and 5 for X448.
            BigInteger base = BigInteger.valueOf(length == 32 ? 9 : 5);
            byte[] pub = agreeRaw(key, publicKeyFor(params, base));
            return new XdhKeyShare(group, params, key, pub);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JCA could not rebuild a " + group + " key pair", e);
        }
    }

    @Override
    public SecretBytes agree(byte[] peerPublicKey) throws TlsException {
        PrivateKey key = privateKey();
        NamedGroup group = group();
        int length = group.publicKeyLength();
        if (peerPublicKey.length != length) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(group + " key share must be " + length + " bytes, got " + peerPublicKey.length);
        }
        PublicKey peer;
        byte[] shared;
        try {
            peer = publicKeyFor(params, decodeU(peerPublicKey));
            shared = agreeRaw(key, peer);
        } catch (InvalidKeyException | InvalidKeySpecException e) {
            // The JDK reports a small-order point (all-zero result) this way.
            throw ErrorCode.ILLEGAL_PARAMETER.exception(group + " key share was refused: " + e.getMessage(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ErrorCode.INTERNAL.exception(group + " key agreement failed: " + e.getMessage(), e);
        }
        // RFC 8446 §7.4.2: abort on an all-zero X25519/X448 result, whatever the provider checked.
        int any = 0;
        for (byte x : shared) {
            any |= x;
        }
        if (any == 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(group + " shared secret is all zero (small-order peer share)");
        }
        return new SecretBytes(shared);
    }

    /**
     * RFC 7748 §5: decode little-endian; for X25519 the top bit of the last byte is masked.
     * Non-canonical values (u >= p) are accepted; the JCA reduces them modulo p.
     */
    private BigInteger decodeU(byte[] wire) {
        byte[] be = new byte[wire.length];
        for (int i = 0; i < wire.length; i++) {
            be[i] = wire[wire.length - 1 - i];
        }
        if (wire.length == 32) {
            be[0] &= 0x7f;
        }
        return new BigInteger(1, be);
    }

    private static PublicKey publicKeyFor(NamedParameterSpec params, BigInteger u) throws GeneralSecurityException {
        return KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(params, u));
    }

    private static byte[] agreeRaw(PrivateKey key, PublicKey peer) throws GeneralSecurityException {
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(key);
        ka.doPhase(peer, true);
        return ka.generateSecret();
    }

    /** The little-endian u-coordinate of a generated public key. */
    private static byte[] wireForm(PublicKey pub, int length) {
        if (pub instanceof XECPublicKey) {
            byte[] be = new byte[length];
            EcCurve.writeFixed(((XECPublicKey) pub).getU(), be, 0, length);
            byte[] le = new byte[length];
            for (int i = 0; i < length; i++) {
                le[i] = be[length - 1 - i];
            }
            return le;
        }
        // Providers whose keys are not XECPublicKey still encode SubjectPublicKeyInfo, whose
        // BIT STRING ends with the raw key (RFC 8410 §4).
        byte[] spki = pub.getEncoded();
        return Arrays.copyOfRange(spki, spki.length - length, spki.length);
    }
}
