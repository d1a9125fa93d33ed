package s2n.tls.internal.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * A hybrid ECDHE + ML-KEM key share (draft-ietf-tls-ecdhe-mlkem): the client's side holds an ML-KEM
 * key pair and an ECDHE key pair and sends both public keys as one concatenated share, without
 * length prefixes. The order differs by group, as the draft fixes it:
 *
 * <ul>
 *   <li>X25519MLKEM768: ML-KEM first in the client share, the server share and the shared secret
 *       (so the FIPS-approved part leads);
 *   <li>SecP256r1MLKEM768 and SecP384r1MLKEM1024: the ECDHE part first in all three.
 * </ul>
 *
 * <p>The server side needs no key pair of its own for ML-KEM: {@link #respond} encapsulates to the
 * client's key and answers with the ciphertext next to a fresh ECDHE share.
 */
final class HybridKeyShare implements KeyShare {
    private final NamedGroup group;
    private final MlKem kem;
    private final boolean kemFirst;
    private final MlKem.KeyPairAndEncoding kemKeys;
    private final KeyShare ecdhe;
    private boolean closed;

    private HybridKeyShare(NamedGroup group, MlKem kem, boolean kemFirst, MlKem.KeyPairAndEncoding kemKeys, KeyShare ecdhe) {
        this.group = group;
        this.kem = kem;
        this.kemFirst = kemFirst;
        this.kemKeys = kemKeys;
        this.ecdhe = ecdhe;
    }

    static HybridKeyShare generate(NamedGroup group, MlKem kem, NamedGroup classical, boolean kemFirst, SecureRandom random)
            throws TlsException {
        KeyShare ecdhe = classical.generateKeyShare(random);
        try {
            return new HybridKeyShare(group, kem, kemFirst, kem.generate(random), ecdhe);
        } catch (TlsException | RuntimeException e) {
            ecdhe.close();
            throw e;
        }
    }

    /**
     * The server's half: checks the client's share exactly (its length, the ML-KEM key's modulus
     * check, the ECDHE point), encapsulates, agrees, and returns the server share and the hybrid
     * secret.
     *
     * @throws TlsException {@link ErrorCode#ILLEGAL_PARAMETER} for a share of the wrong length, a
     *     malformed encapsulation key or an invalid point
     */
    static NamedGroup.Exchange respond(NamedGroup group, MlKem kem, NamedGroup classical, boolean kemFirst,
            byte[] clientShare, SecureRandom random) throws TlsException {
        int ecLength = classical.publicKeyLength();
        int kemLength = kem.encapsulationKeyLength();
        if (clientShare.length != ecLength + kemLength) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(group + " client key share must be " + (ecLength + kemLength)
                    + " bytes, got " + clientShare.length);
        }
        int kemOffset = kemFirst ? 0 : ecLength;
        int ecOffset = kemFirst ? kemLength : 0;
        byte[] ek = Arrays.copyOfRange(clientShare, kemOffset, kemOffset + kemLength);
        byte[] peerPoint = Arrays.copyOfRange(clientShare, ecOffset, ecOffset + ecLength);
        // Check the ML-KEM key before spending an encapsulation; the point is checked by agree().
        kem.checkEncapsulationKey(ek);
        try (KeyShare mine = classical.generateKeyShare(random); SecretBytes ecSecret = mine.agree(peerPoint)) {
            MlKem.Encapsulated enc = kem.encapsulate(ek, random);
            try {
                byte[] ourPoint = mine.publicKey();
                byte[] share = kemFirst ? concat(enc.ciphertext(), ourPoint) : concat(ourPoint, enc.ciphertext());
                byte[] secret = kemFirst ? concat(enc.sharedSecret(), ecSecret.bytes()) : concat(ecSecret.bytes(), enc.sharedSecret());
                return new NamedGroup.Exchange(share, new SecretBytes(secret));
            } finally {
                enc.wipe();
            }
        }
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public byte[] publicKey() {
        byte[] ek = kemKeys.encapsulationKey();
        byte[] point = ecdhe.publicKey();
        return kemFirst ? concat(ek, point) : concat(point, ek);
    }

    /**
     * The client's half: splits the server share into the ML-KEM ciphertext and the ECDHE point,
     * decapsulates and agrees.
     *
     * @throws TlsException {@link ErrorCode#ILLEGAL_PARAMETER} for a share of the wrong length or an
     *     invalid point
     */
    @Override
    public SecretBytes agree(byte[] serverShare) throws TlsException {
        if (closed) {
            throw new IllegalStateException(group + " key share was closed; generate a new one");
        }
        int ecLength = ecdhe.group().publicKeyLength();
        int ctLength = kem.ciphertextLength();
        if (serverShare.length != ecLength + ctLength) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(group + " server key share must be " + (ecLength + ctLength)
                    + " bytes, got " + serverShare.length);
        }
        int ctOffset = kemFirst ? 0 : ecLength;
        int ecOffset = kemFirst ? ctLength : 0;
        byte[] ciphertext = Arrays.copyOfRange(serverShare, ctOffset, ctOffset + ctLength);
        byte[] point = Arrays.copyOfRange(serverShare, ecOffset, ecOffset + ecLength);
        try (SecretBytes ecSecret = ecdhe.agree(point)) {
            byte[] kemSecret = kem.decapsulate(kemKeys.privateKey(), ciphertext);
            try {
                return new SecretBytes(kemFirst ? concat(kemSecret, ecSecret.bytes()) : concat(ecSecret.bytes(), kemSecret));
            } finally {
                Arrays.fill(kemSecret, (byte) 0);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        kemKeys.close();
        ecdhe.close();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The group, never key material. */
    @Override
    public String toString() {
        return "KeyShare[" + group + (closed ? ", closed]" : "]");
    }
}
