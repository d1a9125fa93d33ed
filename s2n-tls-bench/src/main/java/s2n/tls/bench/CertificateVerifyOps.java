package s2n.tls.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;

/**
 * The server's TLS 1.3 CertificateVerify signature and the client's verification of it, through
 * raw JCA objects reused across operations: ecdsa_secp256r1_sha256 for the ECDSA certificate,
 * rsa_pss_rsae_sha256 for the RSA one (RFC 8446 §4.2.3).
 */
final class CertificateVerifyOps {
    private final Signature signer;
    private final Signature verifier;
    private final PrivateKey serverKey;
    private final PublicKey serverPublicKey;
    private final byte[] signedContent = certificateVerifyContent();

    /** For the server certificate of {@code pki}, with whatever JCA providers are installed now. */
    CertificateVerifyOps(BenchPki pki) throws GeneralSecurityException {
        serverKey = pki.leafKey();
        serverPublicKey = pki.leaf().getPublicKey();
        if (pki.keyType() == BenchPki.KeyType.ECDSA_P256) {
            signer = Signature.getInstance("SHA256withECDSA");
            verifier = Signature.getInstance("SHA256withECDSA");
        } else {
            PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            signer = Signature.getInstance("RSASSA-PSS");
            signer.setParameter(pss);
            verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(pss);
        }
    }

    /** One signature and its verification; true when it verifies. */
    boolean signAndVerify() throws GeneralSecurityException {
        signer.initSign(serverKey);
        signer.update(signedContent);
        byte[] signature = signer.sign();
        verifier.initVerify(serverPublicKey);
        verifier.update(signedContent);
        return verifier.verify(signature);
    }

    /** RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, the transcript hash. */
    private static byte[] certificateVerifyContent() {
        byte[] context = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + context.length + 1 + 32];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, out, 64, context.length);
        Arrays.fill(out, 64 + context.length + 1, out.length, (byte) 0x5a);
        return out;
    }
}
