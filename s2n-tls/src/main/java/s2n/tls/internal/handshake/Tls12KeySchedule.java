package s2n.tls.internal.handshake;

import java.util.Arrays;
import s2n.tls.internal.crypto.AeadAlgorithm;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.Prf12;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.record.Tls12Protection;

/**
 * The TLS 1.2 secrets of one full handshake, shared by {@code Client12} and {@code Server12}: the
 * master secret (extended, RFC 7627 §4, whenever both sides offer it), the record keys from its key block (RFC 5246 §6.3) and the
 * Finished verify_data (RFC 5246 §7.4.9). Closing it zeroes the master secret.
 */
final class Tls12KeySchedule implements AutoCloseable {
    private static final String CLIENT_FINISHED = "client finished";
    private static final String SERVER_FINISHED = "server finished";

    private final CipherSuite suite;
    private final SecretBytes master;

    private Tls12KeySchedule(CipherSuite suite, SecretBytes master) {
        this.suite = suite;
        this.master = master;
    }

    /**
     * RFC 7627 §4: master_secret = PRF(pre_master_secret, "extended master secret", session_hash),
     * where {@code sessionHash} is the transcript hash through ClientKeyExchange.
     */
    static Tls12KeySchedule extended(CipherSuite suite, SecretBytes preMaster, byte[] sessionHash) {
        return new Tls12KeySchedule(suite, Prf12.extendedMasterSecret(suite.hash(), preMaster.bytes(), sessionHash));
    }

    /**
     * RFC 5246 §8.1: master_secret = PRF(pre_master_secret, "master secret", ClientHello.random +
     * ServerHello.random), for a peer that does not offer the extended master secret.
     */
    static Tls12KeySchedule legacy(CipherSuite suite, SecretBytes preMaster, byte[] clientRandom, byte[] serverRandom) {
        return new Tls12KeySchedule(suite, Prf12.masterSecret(suite.hash(), preMaster.bytes(), clientRandom, serverRandom));
    }

    /**
     * An abbreviated handshake's schedule (RFC 5246 §7.3): the resumed session's master secret,
     * with the new randoms for the key block. Takes ownership of {@code master}.
     */
    static Tls12KeySchedule resumed(CipherSuite suite, byte[] master) {
        return new Tls12KeySchedule(suite, new SecretBytes(master));
    }

    /** A copy of the master secret, for a session to resume later. */
    byte[] masterCopy() {
        return master.copyBytes();
    }

    /** The master secret as a key-log line (NSS format: CLIENT_RANDOM), when a key log is configured. */
    void log(SecretLog log, byte[] clientRandom) {
        SecretLog.log(log, "CLIENT_RANDOM", clientRandom, master.bytes());
    }

    /** Both directions' record protection: the client's write keys, then the server's. */
    record Protections(Tls12Protection clientWrite, Tls12Protection serverWrite) implements AutoCloseable {
        @Override
        public void close() {
            clientWrite.close();
            serverWrite.close();
        }
    }

    /**
     * The key block split into record keys. For AEAD suites there are no MAC keys (RFC 5288 §3,
     * RFC 7905 §2): client_write_key, server_write_key, client_write_IV, server_write_IV.
     */
    Protections protections(byte[] clientRandom, byte[] serverRandom) {
        AeadAlgorithm aead = suite.aead();
        int keyLength = aead.keyLength();
        int ivLength = Tls12Protection.fixedIvLength(aead);
        byte[] block = Prf12.keyBlock(suite.hash(), master, serverRandom, clientRandom, 2 * (keyLength + ivLength));
        byte[] clientKey = Arrays.copyOfRange(block, 0, keyLength);
        byte[] serverKey = Arrays.copyOfRange(block, keyLength, 2 * keyLength);
        byte[] clientIv = Arrays.copyOfRange(block, 2 * keyLength, 2 * keyLength + ivLength);
        byte[] serverIv = Arrays.copyOfRange(block, 2 * keyLength + ivLength, block.length);
        try {
            return new Protections(Tls12Protection.create(aead, clientKey, clientIv),
                    Tls12Protection.create(aead, serverKey, serverIv));
        } finally {
            for (byte[] b : new byte[][] {block, clientKey, serverKey, clientIv, serverIv}) {
                Arrays.fill(b, (byte) 0);
            }
        }
    }

    /** The client's Finished verify_data over {@code handshakeHash} (every message before it). */
    byte[] clientVerifyData(byte[] handshakeHash) {
        return Prf12.verifyData(suite.hash(), master, CLIENT_FINISHED, handshakeHash);
    }

    /** The server's Finished verify_data over {@code handshakeHash} (every message before it). */
    byte[] serverVerifyData(byte[] handshakeHash) {
        return Prf12.verifyData(suite.hash(), master, SERVER_FINISHED, handshakeHash);
    }

    /** The master secret's live array while it is open, for tests that check it is zeroed. */
    void collectSecrets(java.util.List<byte[]> out) {
        if (!master.isDestroyed()) {
            out.add(master.bytes());
        }
    }

    @Override
    public void close() {
        master.close();
    }
}
