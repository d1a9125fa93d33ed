package s2n.tls.internal.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The running handshake transcript hash (RFC 8446 §4.4.1, RFC 5246 §7.4.9). A client does not know
 * the hash until the ServerHello picks a cipher suite, so until {@link #selectHash} the transcript
 * buffers the bytes it is given; after that it hashes incrementally.
 *
 * <pre>{@code
 * Transcript t = new Transcript();
 * t.add(clientHello);
 * t.selectHash(suite.hash());      // replays the ClientHello
 * t.add(serverHello);
 * byte[] th = t.currentHash();     // Transcript-Hash(ClientHello..ServerHello)
 * }</pre>
 *
 * <p>Not thread-safe: one transcript belongs to one handshake.
 */
public final class Transcript {
    // RFC 8446 §4.4.1: the handshake type of the synthetic message_hash message.
    private static final int MESSAGE_HASH = 254;
    private static final int CLIENT_HELLO = 1;
    private static final int HANDSHAKE_HEADER = 4;

    private byte[] buffer = new byte[512];
    private int size;
    private Hash hash;
    private MessageDigest digest;
    // True when the provider's digest cannot be cloned: then every byte stays buffered and each
    // currentHash() hashes the buffer from the start.
    private boolean keepsBuffer = true;
    // Set by retainBytes(): the raw bytes stay available after selectHash (TLS 1.2 CertificateVerify).
    private boolean retain;
    // The first handshake header added and the byte count, to check replaceWithMessageHash's precondition.
    private final byte[] firstHeader = new byte[HANDSHAKE_HEADER];
    private long total;

    /** An empty transcript with no hash selected yet. */
    public Transcript() {}

    /** Appends a whole handshake message (or any run of transcript bytes). */
    public void add(byte[] b) {
        add(b, 0, b.length);
    }

    /** Appends {@code len} bytes of {@code b} from {@code off}. */
    public void add(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " of " + b.length);
        }
        for (int i = 0; i < len && total + i < HANDSHAKE_HEADER; i++) {
            firstHeader[(int) total + i] = b[off + i];
        }
        total += len;
        if (keepsBuffer) {
            append(b, off, len);
        }
        if (digest != null) {
            digest.update(b, off, len);
        }
    }

    /**
     * Fixes the hash and replays what was buffered into it. Selecting the same hash again is a
     * no-op (a client that got a HelloRetryRequest learns the suite twice).
     *
     * @throws IllegalStateException if a different hash was already selected
     */
    public void selectHash(Hash h) {
        if (h == null) {
            throw new IllegalArgumentException("hash is null");
        }
        if (hash == h) {
            return;
        }
        if (hash != null) {
            throw new IllegalStateException("transcript hash is already " + hash + "; cannot switch to " + h);
        }
        MessageDigest d = h.newDigest();
        d.update(buffer, 0, size);
        hash = h;
        if (cloneable(d)) {
            digest = d;
            if (retain) {
                return;
            }
            keepsBuffer = false;
            Arrays.fill(buffer, 0, size, (byte) 0);
            buffer = new byte[0];
            size = 0;
        }
    }

    /** Whether {@link #selectHash} has been called. */
    public boolean hashSelected() {
        return hash != null;
    }

    /**
     * The selected hash.
     *
     * @throws IllegalStateException before {@link #selectHash}
     */
    public Hash hash() {
        requireHash("hash()");
        return hash;
    }

    /**
     * Transcript-Hash of everything added so far, without disturbing the running state.
     *
     * @throws IllegalStateException before {@link #selectHash}
     */
    public byte[] currentHash() {
        requireHash("currentHash()");
        if (digest == null) {
            MessageDigest d = hash.newDigest();
            d.update(buffer, 0, size);
            return d.digest();
        }
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            // selectHash checked cloneability; a digest that changes its mind is a provider bug.
            throw new IllegalStateException(hash.digestAlgorithm() + " digest stopped supporting clone()", e);
        }
    }

    /**
     * Transcript-Hash of everything added so far followed by {@code len} bytes of {@code b},
     * without adding them (a PSK binder covers a ClientHello that is not complete yet).
     *
     * @throws IllegalStateException before {@link #selectHash}
     */
    public byte[] hashWith(byte[] b, int off, int len) {
        requireHash("hashWith()");
        MessageDigest d;
        if (digest == null) {
            d = hash.newDigest();
            d.update(buffer, 0, size);
        } else {
            try {
                d = (MessageDigest) digest.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(hash.digestAlgorithm() + " digest stopped supporting clone()", e);
            }
        }
        d.update(b, off, len);
        return d.digest();
    }

    /**
     * RFC 8446 §4.4.1: after a HelloRetryRequest, replaces ClientHello1 with the synthetic message
     * {@code message_hash(254) 00 00 Hash.length Hash(ClientHello1)}; the HelloRetryRequest is
     * added next, as usual.
     *
     * @throws IllegalStateException before {@link #selectHash}, or if the transcript does not
     *     hold exactly one ClientHello
     */
    public void replaceWithMessageHash() {
        requireHash("replaceWithMessageHash()");
        int declared = ((firstHeader[1] & 0xff) << 16) | ((firstHeader[2] & 0xff) << 8) | (firstHeader[3] & 0xff);
        if (total < HANDSHAKE_HEADER || (firstHeader[0] & 0xff) != CLIENT_HELLO || total != HANDSHAKE_HEADER + declared) {
            throw new IllegalStateException("message_hash replaces exactly one ClientHello; the transcript holds "
                    + total + " bytes starting with handshake type " + (firstHeader[0] & 0xff));
        }
        byte[] clientHelloHash = currentHash();
        Hash h = hash;
        resetContents();
        byte[] header = {(byte) MESSAGE_HASH, 0, 0, (byte) h.length()};
        add(header);
        add(clientHelloHash);
    }

    /**
     * Keeps every byte added, also after {@link #selectHash}, for {@link #bufferedBytes}: a TLS 1.2
     * CertificateVerify signs the handshake messages themselves (RFC 5246 §7.4.8), hashed with the
     * signature scheme's hash, which need not be the PRF's. Call it before {@code selectHash}.
     *
     * @throws IllegalStateException after {@link #selectHash}, when bytes may already be gone
     */
    public void retainBytes() {
        if (hash != null && !keepsBuffer) {
            throw new IllegalStateException("retainBytes() must be called before selectHash()");
        }
        retain = true;
    }

    /**
     * A copy of the bytes added so far, for TLS 1.2 code that needs the raw messages.
     *
     * @throws IllegalStateException after {@link #selectHash} unless {@link #retainBytes} was called
     */
    public byte[] bufferedBytes() {
        if (hash != null && !retain) {
            throw new IllegalStateException("bufferedBytes() is only available before selectHash(), or after retainBytes()");
        }
        return Arrays.copyOf(buffer, size);
    }

    /** Drops all state and zeroes the buffer; the transcript is then as new. */
    public void wipe() {
        resetContents();
        hash = null;
        digest = null;
        keepsBuffer = true;
        retain = false;
    }

    private void resetContents() {
        Arrays.fill(buffer, (byte) 0);
        size = 0;
        total = 0;
        Arrays.fill(firstHeader, (byte) 0);
        if (digest != null) {
            digest.reset();
        }
    }

    private void append(byte[] b, int off, int len) {
        if (size + len > buffer.length) {
            byte[] bigger = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + len));
            Arrays.fill(buffer, (byte) 0);
            buffer = bigger;
        }
        System.arraycopy(b, off, buffer, size, len);
        size += len;
    }

    private void requireHash(String what) {
        if (hash == null) {
            throw new IllegalStateException(what + " needs the hash: call selectHash() once the cipher suite is known");
        }
    }

    private static boolean cloneable(MessageDigest d) {
        try {
            d.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }
}
