package s2n.tls.bench;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * One (EC)DHE exchange of a TLS handshake through raw JCA objects reused across exchanges: both
 * sides generate a share, each rebuilds the other's public key from its wire form (as a TLS stack
 * must) and agrees. The public-key work of a TLS 1.3 PSK-DHE resumption, and part of a full
 * handshake's ({@link HandshakeCryptoLimitBenchmark} adds the signature).
 */
final class KeyExchangeOps {
    private final boolean x25519;
    private final KeyPairGenerator clientShares;
    private final KeyPairGenerator serverShares;
    private final KeyFactory shareDecoder;
    private final KeyAgreement clientAgreement;
    private final KeyAgreement serverAgreement;

    /** For {@code x25519} or {@code secp256r1}, with whatever JCA providers are installed now. */
    KeyExchangeOps(String group) throws GeneralSecurityException {
        if (!group.equals("x25519") && !group.equals("secp256r1")) {
            throw new IllegalArgumentException("x25519 or secp256r1: " + group);
        }
        x25519 = group.equals("x25519");
        clientShares = shareGenerator();
        serverShares = shareGenerator();
        shareDecoder = KeyFactory.getInstance(x25519 ? "XDH" : "EC");
        clientAgreement = KeyAgreement.getInstance(x25519 ? "XDH" : "ECDH");
        serverAgreement = KeyAgreement.getInstance(x25519 ? "XDH" : "ECDH");
    }

    private KeyPairGenerator shareGenerator() throws GeneralSecurityException {
        if (x25519) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
            g.initialize(NamedParameterSpec.X25519);
            return g;
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g;
    }

    /** One exchange; true when both sides agree (always, unless a provider is broken). */
    boolean exchange() throws GeneralSecurityException {
        KeyPair client = clientShares.generateKeyPair();
        KeyPair server = serverShares.generateKeyPair();
        PublicKey clientShareAtServer = decode(client.getPublic());
        PublicKey serverShareAtClient = decode(server.getPublic());
        serverAgreement.init(server.getPrivate());
        serverAgreement.doPhase(clientShareAtServer, true);
        byte[] serverSecret = serverAgreement.generateSecret();
        clientAgreement.init(client.getPrivate());
        clientAgreement.doPhase(serverShareAtClient, true);
        byte[] clientSecret = clientAgreement.generateSecret();
        return Arrays.equals(serverSecret, clientSecret);
    }

    private PublicKey decode(PublicKey key) throws GeneralSecurityException {
        if (x25519) {
            return shareDecoder.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, ((XECPublicKey) key).getU()));
        }
        ECPublicKey ec = (ECPublicKey) key;
        return shareDecoder.generatePublic(new ECPublicKeySpec(ec.getW(), ec.getParams()));
    }
}
