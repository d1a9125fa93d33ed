package s2n.tls.internal.crypto;

import java.security.PrivateKey;
import javax.security.auth.DestroyFailedException;

/** What the JCA-backed key shares have in common: the group, the public share, a private key to forget. */
abstract class JcaKeyShare implements KeyShare {
    private final NamedGroup group;
    private final byte[] publicKey;
    private PrivateKey privateKey;

    JcaKeyShare(NamedGroup group, PrivateKey privateKey, byte[] publicKey) {
        this.group = group;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    @Override
    public final NamedGroup group() {
        return group;
    }

    @Override
    public final byte[] publicKey() {
        return publicKey.clone();
    }

    /** The private key, for an agreement. */
    final PrivateKey privateKey() {
        PrivateKey key = privateKey;
        if (key == null) {
            throw new IllegalStateException(group + " key share was closed; generate a new one");
        }
        return key;
    }

    @Override
    public final void close() {
        PrivateKey key = privateKey;
        privateKey = null;
        if (key != null && !key.isDestroyed()) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // JDK keys do not implement destroy(); dropping the reference is what remains.
            }
        }
    }

    /** The group, never key material. */
    @Override
    public final String toString() {
        return "KeyShare[" + group + (privateKey == null ? ", closed]" : "]");
    }
}
