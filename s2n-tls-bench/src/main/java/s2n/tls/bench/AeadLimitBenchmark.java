package s2n.tls.bench;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The limit for bulk transfer: raw JCA seal then open of one payload of {@code size} bytes, in
 * place, with a fresh nonce and 5 bytes of additional data per record, through two reused
 * {@link Cipher}s: the least work any TLS library on the JCA can do per record. A TLS library's
 * bulk throughput divided by this one's (same suite, size and provider) is its fraction of the limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AeadLimitBenchmark {
    @Param({"jdk", "accp"})
    public String provider;

    @Param({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    public String suite;

    @Param({"16384", "1024"})
    public int size;

    private Cipher sealer;
    private Cipher opener;
    private SecretKeySpec key;
    private boolean chacha;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = {23, 3, 3, 0, 0};
    private byte[] record;
    private long sequence;

    @Setup
    public void setUp() throws GeneralSecurityException {
        CryptoProviders.of(provider).install();
        chacha = suite.contains("CHACHA20");
        String transformation = chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
        int keyLength = suite.contains("AES_128") ? 16 : 32;
        byte[] keyBytes = new byte[keyLength];
        new Random(2).nextBytes(keyBytes);
        key = new SecretKeySpec(keyBytes, chacha ? "ChaCha20" : "AES");
        sealer = Cipher.getInstance(transformation);
        opener = Cipher.getInstance(transformation);
        record = new byte[size + 16];
        new Random(3).nextBytes(record);
    }

    @Benchmark
    public byte[] sealAndOpen() throws GeneralSecurityException {
        // RFC 8446 §5.3: the per-record nonce is the IV xor the sequence number; a counter is as good here.
        long seq = ++sequence;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (seq >>> (8 * i));
        }
        aad[3] = (byte) ((size + 16) >>> 8);
        aad[4] = (byte) (size + 16);
        sealer.init(Cipher.ENCRYPT_MODE, key, parameters());
        sealer.updateAAD(aad);
        int n = sealer.doFinal(record, 0, size, record, 0);
        opener.init(Cipher.DECRYPT_MODE, key, parameters());
        opener.updateAAD(aad);
        opener.doFinal(record, 0, n, record, 0);
        return record;
    }

    private AlgorithmParameterSpec parameters() {
        return chacha ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce);
    }
}
