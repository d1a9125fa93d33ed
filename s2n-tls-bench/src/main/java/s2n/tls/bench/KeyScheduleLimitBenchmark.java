package s2n.tls.bench;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
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
 * The symmetric limit of one side of a full TLS 1.3 handshake with SHA-256 (RFC 8446 §7.1), as raw
 * JCA work on one reused {@link Mac} and {@link MessageDigest}: 21 HMACs with fresh keys (early,
 * handshake and master Extract; two "derived" secrets; four traffic secrets; key and IV for each
 * of them; two finished keys and two verify_data) and the transcript hash over 2 KiB of messages
 * read out five times (after ServerHello, server Finished, client Finished and twice between).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyScheduleLimitBenchmark {
    /** HMAC computations one side of a full handshake needs (counted in the class comment). */
    static final int HMACS_PER_SIDE = 21;
    private static final int TRANSCRIPT_BYTES = 2048;
    private static final int TRANSCRIPT_READS = 5;

    @Param({"jdk", "accp"})
    public String provider;

    private Mac mac;
    private MessageDigest digest;
    private final byte[] secret = new byte[32];
    private final byte[] info = new byte[48];
    private final byte[] transcript = new byte[TRANSCRIPT_BYTES];

    @Setup
    public void setUp() throws GeneralSecurityException {
        CryptoProviders.of(provider).install();
        mac = Mac.getInstance("HmacSHA256");
        digest = MessageDigest.getInstance("SHA-256");
        new Random(4).nextBytes(secret);
        new Random(5).nextBytes(transcript);
    }

    @Benchmark
    public byte[] oneSideKeySchedule() throws Exception {
        byte[] s = secret;
        for (int i = 0; i < HMACS_PER_SIDE; i++) {
            // Each derivation keys the HMAC with the previous secret, as the schedule chains them.
            mac.init(new SecretKeySpec(s, "HmacSHA256"));
            info[0] = (byte) i;
            mac.update(info);
            s = mac.doFinal();
        }
        digest.reset();
        int chunk = TRANSCRIPT_BYTES / TRANSCRIPT_READS;
        for (int i = 0; i < TRANSCRIPT_READS; i++) {
            digest.update(transcript, i * chunk, chunk);
            ((MessageDigest) digest.clone()).digest();
        }
        return s;
    }
}
