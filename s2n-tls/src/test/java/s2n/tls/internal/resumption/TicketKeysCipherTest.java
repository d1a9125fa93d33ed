package s2n.tls.internal.resumption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.crypto.AeadAlgorithm;
import s2n.tls.internal.crypto.IdleCiphers;

/**
 * Ticket sealing and opening borrow this thread's idle AES-GCM cipher and give it back purged,
 * on the failure paths too, so that tickets cost no {@code Cipher.getInstance} once a thread has one.
 */
class TicketKeysCipherTest {
    private static final String AES_GCM = AeadAlgorithm.AES_256_GCM.jcaTransformation();

    private static void drainShelf() {
        while (IdleCiphers.take(AES_GCM) != null) {
            // dropped
        }
    }

    @Test
    void sealAndOpenReuseOneIdleCipherAndGiveItBack() throws Exception {
        SecureRandom random = new SecureRandom();
        TicketKeys keys = TicketKeys.random(random, TimeUnit.HOURS.toMillis(2), TimeUnit.HOURS.toMillis(13));
        long now = System.currentTimeMillis();
        byte[] state = "resumption state".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // A thread without an idle cipher makes one and keeps it afterwards.
        drainShelf();
        byte[] ticket = keys.seal(state, now, random);
        assertNotNull(ticket);
        Cipher kept = IdleCiphers.take(AES_GCM);
        assertNotNull(kept, "seal gave its cipher to the thread's shelf");
        assertNull(IdleCiphers.take(AES_GCM));
        assertArrayEquals(state, keys.open(ticket, now));
        Cipher keptByOpen = IdleCiphers.take(AES_GCM);
        assertNotNull(keptByOpen, "open gave its cipher to the thread's shelf");

        // With one idle, each operation takes that one and gives it back: no new cipher.
        drainShelf();
        IdleCiphers.retire(kept);
        byte[] second = keys.seal(state, now, random);
        assertSame(kept, IdleCiphers.take(AES_GCM));
        assertNull(IdleCiphers.take(AES_GCM), "seal left a second cipher");
        IdleCiphers.retire(kept);
        assertArrayEquals(state, keys.open(second, now));
        assertSame(kept, IdleCiphers.take(AES_GCM));
        assertNull(IdleCiphers.take(AES_GCM), "open left a second cipher");

        // A ticket that does not authenticate gives the cipher back too.
        IdleCiphers.retire(kept);
        byte[] tampered = second.clone();
        tampered[tampered.length - 1] ^= 1;
        assertNull(keys.open(tampered, now));
        assertSame(kept, IdleCiphers.take(AES_GCM), "a failed open lost the cipher");
        IdleCiphers.retire(kept);

        // Purged and reusable: the next ticket seals and opens as before.
        byte[] next = keys.seal(state, now, random);
        assertArrayEquals(state, keys.open(next, now));
        drainShelf();
    }
}
