package s2n.tls.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The public-key limit of one full TLS 1.3 handshake (server authentication only), through raw JCA
 * objects reused across operations: the client's and the server's key generation, each side
 * decoding the other's share and agreeing, the server's one CertificateVerify signature, and the
 * client's verification of it. The client's check of the CA's signature on the leaf is not
 * counted: the JDK caches it for a certificate it has seen (issue #7), and so does our validator.
 * Add two {@link KeyScheduleLimitBenchmark} operations (one per side) for the whole crypto cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeCryptoLimitBenchmark {
    @Param({"jdk", "accp"})
    public String provider;

    @Param({"ECDSA_P256", "RSA_2048"})
    public String cert;

    @Param({"x25519", "secp256r1"})
    public String group;

    private KeyExchangeOps exchange;
    private Signature signer;
    private Signature verifier;
    private PrivateKey serverKey;
    private PublicKey serverPublicKey;
    private final byte[] signedContent = certificateVerifyContent();

    @Setup
    public void setUp() throws GeneralSecurityException {
        CryptoProviders.of(provider).install();
        exchange = new KeyExchangeOps(group);
        BenchPki pki = BenchPki.create(BenchPki.KeyType.valueOf(cert));
        serverKey = pki.leafKey();
        serverPublicKey = pki.leaf().getPublicKey();
        if (pki.keyType() == BenchPki.KeyType.ECDSA_P256) {
            signer = Signature.getInstance("SHA256withECDSA");
            verifier = Signature.getInstance("SHA256withECDSA");
        } else {
            // RFC 8446 §4.2.3: rsa_pss_rsae_sha256, the scheme TLS 1.3 uses with an RSA key.
            PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            signer = Signature.getInstance("RSASSA-PSS");
            signer.setParameter(pss);
            verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(pss);
        }
    }

    @Benchmark
    public boolean handshakePublicKeyOperations() throws GeneralSecurityException {
        boolean agreed = exchange.exchange();
        signer.initSign(serverKey);
        signer.update(signedContent);
        byte[] signature = signer.sign();
        verifier.initVerify(serverPublicKey);
        verifier.update(signedContent);
        return verifier.verify(signature) && agreed;
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
