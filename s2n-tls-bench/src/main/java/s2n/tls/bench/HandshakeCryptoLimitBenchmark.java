package s2n.tls.bench;

import java.security.GeneralSecurityException;
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
 * decoding the other's share and agreeing ({@link KeyExchangeOps}), the server's one
 * CertificateVerify signature, and the client's verification of it ({@link CertificateVerifyOps}).
 * The client's check of the CA's signature on the leaf is not counted: the JDK caches it for a
 * certificate it has seen (issue #7), and so does our validator. Add two
 * {@link KeyScheduleLimitBenchmark} operations (one per side) for the whole crypto cost, as
 * {@link HandshakeCryptoOps} does for the paired rounds.
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
    private CertificateVerifyOps signature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        CryptoProviders.of(provider).install();
        exchange = new KeyExchangeOps(group);
        signature = new CertificateVerifyOps(BenchPki.create(BenchPki.KeyType.valueOf(cert)));
    }

    @Benchmark
    public boolean handshakePublicKeyOperations() throws GeneralSecurityException {
        boolean agreed = exchange.exchange();
        return signature.signAndVerify() && agreed;
    }
}
