package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The running transcript: buffering before the hash is known, incremental hashing after, message_hash. */
class TranscriptTest {

    /** A handshake message of {@code type} with {@code bodyLength} bytes of {@code fill}. */
    private static byte[] message(int type, int bodyLength, int fill) {
        byte[] m = new byte[4 + bodyLength];
        m[0] = (byte) type;
        m[1] = (byte) (bodyLength >>> 16);
        m[2] = (byte) (bodyLength >>> 8);
        m[3] = (byte) bodyLength;
        java.util.Arrays.fill(m, 4, m.length, (byte) fill);
        return m;
    }

    private static byte[] sha(Hash h, byte[]... parts) {
        MessageDigest d = h.newDigest();
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    @Test
    void bufferingThenSelectingEqualsHashingDirectly() {
        byte[] ch = message(1, 300, 0x11);
        byte[] sh = message(2, 90, 0x22);
        byte[] ee = message(8, 40, 0x33);
        for (Hash h : Hash.values()) {
            Transcript buffered = new Transcript();
            buffered.add(ch);
            buffered.add(sh, 0, 10);
            buffered.add(sh, 10, sh.length - 10);
            assertFalse(buffered.hashSelected());
            buffered.selectHash(h);
            assertTrue(buffered.hashSelected());
            assertSame(h, buffered.hash());
            assertArrayEquals(sha(h, ch, sh), buffered.currentHash(), h.name());
            buffered.add(ee);

            Transcript direct = new Transcript();
            direct.selectHash(h);
            direct.add(ch);
            direct.add(sh);
            direct.add(ee);
            assertArrayEquals(sha(h, ch, sh, ee), buffered.currentHash(), h.name());
            assertArrayEquals(direct.currentHash(), buffered.currentHash(), h.name());
        }
    }

    @Test
    void currentHashDoesNotDisturbTheRunningState() {
        Transcript t = new Transcript();
        t.selectHash(Hash.SHA256);
        byte[] a = message(1, 5, 1);
        byte[] b = message(2, 7, 2);
        t.add(a);
        byte[] first = t.currentHash();
        assertArrayEquals(first, t.currentHash());
        t.add(b);
        assertArrayEquals(sha(Hash.SHA256, a, b), t.currentHash());
    }

    @Test
    void selectingTheSameHashTwiceIsANoOpAndAnotherHashIsRefused() {
        Transcript t = new Transcript();
        byte[] ch = message(1, 20, 5);
        t.add(ch);
        t.selectHash(Hash.SHA384);
        t.selectHash(Hash.SHA384);
        assertArrayEquals(sha(Hash.SHA384, ch), t.currentHash(), "the ClientHello must not be replayed twice");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.selectHash(Hash.SHA256));
        assertTrue(e.getMessage().contains("SHA384"), e.getMessage());
    }

    @Test
    void hashDependentCallsNeedASelectedHash() {
        Transcript t = new Transcript();
        assertThrows(IllegalStateException.class, t::currentHash);
        assertThrows(IllegalStateException.class, t::hash);
        assertThrows(IllegalStateException.class, t::replaceWithMessageHash);
        assertThrows(IndexOutOfBoundsException.class, () -> t.add(new byte[4], 2, 3));
    }

    @Test
    void bufferedBytesAreAvailableOnlyBeforeSelection() {
        Transcript t = new Transcript();
        byte[] big = message(1, 5000, 9); // past the initial buffer, so growth is exercised
        t.add(big);
        t.add(new byte[] {1, 2, 3}, 1, 2);
        byte[] expected = java.util.Arrays.copyOf(big, big.length + 2);
        expected[big.length] = 2;
        expected[big.length + 1] = 3;
        assertArrayEquals(expected, t.bufferedBytes());
        t.selectHash(Hash.SHA256);
        assertThrows(IllegalStateException.class, t::bufferedBytes);
    }

    @Test
    void messageHashReplacesClientHello1() {
        // RFC 8446 §4.4.1: Transcript-Hash(ClientHello1, HelloRetryRequest, ClientHello2, ...) =
        // Hash(message_hash || 00 00 Hash.length || Hash(ClientHello1) || HelloRetryRequest || ...)
        for (Hash h : Hash.values()) {
            byte[] ch1 = message(1, 200, 0x41);
            byte[] hrr = message(2, 60, 0x42);
            byte[] ch2 = message(1, 230, 0x43);
            byte[] synthetic = new byte[4 + h.length()];
            synthetic[0] = (byte) 254;
            synthetic[3] = (byte) h.length();
            System.arraycopy(sha(h, ch1), 0, synthetic, 4, h.length());

            Transcript t = new Transcript();
            t.add(ch1);
            t.selectHash(h);
            t.replaceWithMessageHash();
            assertArrayEquals(sha(h, synthetic), t.currentHash(), h.name());
            t.add(hrr);
            t.add(ch2);
            assertArrayEquals(sha(h, synthetic, hrr, ch2), t.currentHash(), h.name());
        }
    }

    @Test
    void messageHashNeedsExactlyOneClientHello() {
        Transcript twoMessages = new Transcript();
        twoMessages.add(message(1, 10, 1));
        twoMessages.add(message(2, 10, 2));
        twoMessages.selectHash(Hash.SHA256);
        assertThrows(IllegalStateException.class, twoMessages::replaceWithMessageHash);

        Transcript notAClientHello = new Transcript();
        notAClientHello.add(message(2, 10, 2));
        notAClientHello.selectHash(Hash.SHA256);
        assertThrows(IllegalStateException.class, notAClientHello::replaceWithMessageHash);

        Transcript partial = new Transcript();
        partial.add(message(1, 10, 1), 0, 8);
        partial.selectHash(Hash.SHA256);
        assertThrows(IllegalStateException.class, partial::replaceWithMessageHash);

        Transcript once = new Transcript();
        once.add(message(1, 10, 1));
        once.selectHash(Hash.SHA256);
        once.replaceWithMessageHash();
        assertThrows(IllegalStateException.class, once::replaceWithMessageHash, "only ClientHello1 is replaced");
    }

    @Test
    void retainedBytesOutliveSelectionAndTheHashStillRuns() {
        Transcript t = new Transcript();
        byte[] hello = message(1, 300, 4);
        byte[] serverHello = message(2, 90, 5);
        t.add(hello);
        t.retainBytes();
        t.selectHash(Hash.SHA384);
        t.add(serverHello);
        byte[] both = java.util.Arrays.copyOf(hello, hello.length + serverHello.length);
        System.arraycopy(serverHello, 0, both, hello.length, serverHello.length);
        assertArrayEquals(both, t.bufferedBytes());
        assertArrayEquals(sha(Hash.SHA384, both), t.currentHash());
        t.wipe();
        t.add(hello);
        t.selectHash(Hash.SHA256);
        assertThrows(IllegalStateException.class, t::bufferedBytes, "wipe() forgets retainBytes()");
        assertThrows(IllegalStateException.class, t::retainBytes);
    }

    @Test
    void wipeReturnsTheTranscriptToNew() {
        Transcript t = new Transcript();
        t.add(message(1, 10, 1));
        t.selectHash(Hash.SHA256);
        t.wipe();
        assertFalse(t.hashSelected());
        assertEquals(0, t.bufferedBytes().length);
        byte[] m = message(1, 3, 3);
        t.add(m);
        t.selectHash(Hash.SHA512);
        assertArrayEquals(sha(Hash.SHA512, m), t.currentHash());
    }
}
