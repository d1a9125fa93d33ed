package s2n.tls.bench;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric work of one side of a full TLS 1.3 handshake with SHA-256 (RFC 8446 §7.1), as raw
 * JCA work on one reused {@link Mac} and {@link MessageDigest}: 21 HMACs with fresh keys (early,
 * handshake and master Extract; two "derived" secrets; four traffic secrets; key and IV for each
 * of them; two finished keys and two verify_data) and the transcript hash over 2 KiB of messages
 * read out five times (after ServerHello, server Finished, client Finished and twice between).
 */
final class KeyScheduleOps {
    /** HMAC computations one side of a full handshake needs (counted in the class comment). */
    static final int HMACS_PER_SIDE = 21;
    private static final int TRANSCRIPT_BYTES = 2048;
    private static final int TRANSCRIPT_READS = 5;

    private final Mac mac;
    private final MessageDigest digest;
    private final byte[] secret = new byte[32];
    private final byte[] info = new byte[48];
    private final byte[] transcript = new byte[TRANSCRIPT_BYTES];

    /** With whatever JCA providers are installed now. */
    KeyScheduleOps() throws GeneralSecurityException {
        mac = Mac.getInstance("HmacSHA256");
        digest = MessageDigest.getInstance("SHA-256");
        new Random(4).nextBytes(secret);
        new Random(5).nextBytes(transcript);
    }

    /** One side's key schedule and transcript hashes; returns the last secret. */
    byte[] oneSide() throws Exception {
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
