package s2n.tls.internal.handshake;

import java.security.MessageDigest;
import java.util.List;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.KeySchedule13;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.record.Tls13Protection;

/**
 * The secrets of one TLS 1.3 handshake (RFC 8446 §7.1), for either side: the handshake traffic
 * secrets once ServerHello is known, the Finished values, then the application traffic secrets.
 * A secret is zeroed as soon as it is handed to the record layer or no longer needed.
 */
final class Tls13Secrets implements AutoCloseable {
    private final CipherSuite suite;
    private KeySchedule13.HandshakeSecret handshakeSecret;
    private SecretBytes clientHandshake;
    private SecretBytes serverHandshake;
    private SecretBytes clientApplication;
    private SecretBytes serverApplication;
    /** Kept past the application secrets only when a resumption secret will be derived. */
    private KeySchedule13.MasterSecret master;

    /**
     * The handshake traffic secrets from the (EC)DHE shared secret (closed here) and the
     * transcript hash through ServerHello; {@code psk} is the resumption PSK of a resumed
     * handshake (RFC 8446 §7.1), null for a full one.
     */
    Tls13Secrets(CipherSuite suite, byte[] psk, SecretBytes shared, byte[] helloHash) {
        this.suite = suite;
        try (shared; KeySchedule13.EarlySecret early = KeySchedule13.early(suite.hash(), psk)) {
            handshakeSecret = early.handshake(shared.bytes());
        }
        clientHandshake = handshakeSecret.clientTrafficSecret(helloHash);
        serverHandshake = handshakeSecret.serverTrafficSecret(helloHash);
    }

    /** The handshake traffic secrets as key-log lines (NSS format), when a key log is configured. */
    void logHandshakeSecrets(SecretLog log, byte[] clientRandom) {
        SecretLog.log(log, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", clientRandom, clientHandshake.bytes());
        SecretLog.log(log, "SERVER_HANDSHAKE_TRAFFIC_SECRET", clientRandom, serverHandshake.bytes());
    }

    /** The first application traffic secrets as key-log lines, once derived. */
    void logApplicationSecrets(SecretLog log, byte[] clientRandom) {
        SecretLog.log(log, "CLIENT_TRAFFIC_SECRET_0", clientRandom, clientApplication.bytes());
        SecretLog.log(log, "SERVER_TRAFFIC_SECRET_0", clientRandom, serverApplication.bytes());
    }

    /** Record protection under one side's handshake traffic keys. */
    Tls13Protection handshakeProtection(boolean client) throws TlsException {
        return Tls13Protection.create(suite, SecretBytes.copyOf((client ? clientHandshake : serverHandshake).bytes()));
    }

    /** The verify_data one side sends in its Finished (RFC 8446 §4.4.4). */
    byte[] finished(boolean client, byte[] transcriptHash) {
        return KeySchedule13.finishedVerifyData(suite.hash(), client ? clientHandshake : serverHandshake, transcriptHash);
    }

    /** Checks the peer's Finished, in constant time: decode_error for a wrong length, decrypt_error if it does not verify. */
    void verifyFinished(boolean client, byte[] received, byte[] transcriptHash) throws TlsException {
        byte[] expected = finished(client, transcriptHash);
        String who = client ? "client" : "server";
        if (received.length != expected.length) {
            throw ErrorCode.DECODE.exception(who + " Finished has " + received.length + " bytes, expected " + expected.length);
        }
        if (!MessageDigest.isEqual(expected, received)) {
            throw ErrorCode.DECRYPT_ERROR.exception(who + " Finished does not verify");
        }
    }

    /**
     * The application traffic secrets, from the transcript hash through the server's Finished.
     * With {@code keepMaster} the master secret stays for {@link #resumptionMasterSecret}.
     */
    void deriveApplicationSecrets(byte[] transcriptHash, boolean keepMaster) {
        KeySchedule13.MasterSecret m = handshakeSecret.master();
        handshakeSecret = null;
        clientApplication = m.clientApplicationTrafficSecret(transcriptHash);
        serverApplication = m.serverApplicationTrafficSecret(transcriptHash);
        if (keepMaster) {
            master = m;
        } else {
            m.close();
        }
    }

    /**
     * resumption_master_secret over the transcript through the client's Finished (RFC 8446 §7.1);
     * closes the master secret. The caller owns the result.
     */
    SecretBytes resumptionMasterSecret(byte[] transcriptHash) {
        try (KeySchedule13.MasterSecret m = master) {
            master = null;
            return m.resumptionMasterSecret(transcriptHash);
        }
    }

    /** Record protection under one side's application traffic keys; the secret moves to it. */
    Tls13Protection applicationProtection(boolean client) throws TlsException {
        SecretBytes secret = client ? clientApplication : serverApplication;
        if (client) {
            clientApplication = null;
        } else {
            serverApplication = null;
        }
        return Tls13Protection.create(suite, secret);
    }

    /** Live references to the secret arrays still held, for tests that check zeroing. */
    void collectSecrets(List<byte[]> out) {
        for (SecretBytes s : new SecretBytes[] {clientHandshake, serverHandshake, clientApplication, serverApplication}) {
            if (s != null && !s.isDestroyed()) {
                out.add(s.bytes());
            }
        }
    }

    @Override
    public void close() {
        if (master != null) {
            master.close();
            master = null;
        }
        if (handshakeSecret != null) {
            handshakeSecret.close();
            handshakeSecret = null;
        }
        for (SecretBytes s : new SecretBytes[] {clientHandshake, serverHandshake, clientApplication, serverApplication}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
