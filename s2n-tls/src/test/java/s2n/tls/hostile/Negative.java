package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Arrays;
import s2n.tls.Alert;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.SecurityPolicy;
import s2n.tls.TlsException;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.TestPki;

/**
 * The vocabulary of the negative suites: one {@link Case} per hostile input, a {@link Script}
 * that makes a {@link RawPeer} send it, and the alert the connection must answer with. Blinding
 * is off in these configs so the alert goes out at once (blinding has its own test).
 */
final class Negative {
    static final TestPki PKI = TestPki.shared(TestPki.KeyType.ECDSA_P256);
    static final TestPki.Issued LEAF = PKI.issue(TestPki.KeyType.ECDSA_P256, "localhost");

    private Negative() {}

    /** What a raw peer does in one case. */
    interface Script {
        void run(RawPeer peer) throws Exception;
    }

    /** One hostile input and the alert it must draw; {@code alert} null means "we only receive the peer's alert". */
    record Case(String name, Alert alert, Script script) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, Alert alert, Script script) {
        return new Case(name, alert, script);
    }

    static Config serverConfig() {
        return serverConfig(null);
    }

    static Config serverConfig(SecurityPolicy policy) {
        Config.Builder b = Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(LEAF.chainPem(), LEAF.keyPem()))
                .maxBlindingDelay(Duration.ZERO);
        if (policy != null) {
            b.securityPolicy(policy);
        }
        return b.build();
    }

    static Config clientConfig() {
        return Config.builder().withSystemTrust(false).trustPem(PKI.rootPem()).maxBlindingDelay(Duration.ZERO).build();
    }

    /**
     * Runs the case's script against a fresh connection, lets the connection react, and checks
     * both sides: our connection failed with a PROTOCOL error naming the alert, and the alert the
     * peer read off the wire is that same alert.
     */
    static void expectAlert(RawPeer peer, Case c) throws Exception {
        c.script().run(peer);
        peer.pump();
        TlsException failure = peer.failure();
        assertNotNull(failure, c.name() + ": the connection did not fail");
        assertEquals(TlsException.Type.PROTOCOL, failure.type(), c.name() + ": " + failure);
        assertEquals(c.alert(), failure.alert(), c.name() + ": " + failure.getMessage());
        assertEquals(c.alert(), peer.alertReceived(), c.name() + ": alert on the wire");
    }

    /** Checks a case where the peer's own fatal alert ends the connection: type ALERT, nothing sent back. */
    static void expectPeerAlert(RawPeer peer, Alert alert) {
        peer.pump();
        TlsException failure = peer.failure();
        assertNotNull(failure, "the connection did not fail");
        assertEquals(TlsException.Type.ALERT, failure.type(), failure.toString());
        assertEquals(alert, failure.alert());
        assertNull(peer.alertReceived(), "an alert in answer to a fatal alert");
    }

    /** {@code message} with its body cut to {@code bodyLength} bytes and the header saying so. */
    static byte[] truncated(byte[] message, int bodyLength) {
        byte[] out = Arrays.copyOf(message, 4 + bodyLength);
        return withLength(out, bodyLength);
    }

    /** {@code message} with its body followed by {@code extra} and the header saying so. */
    static byte[] withTrailing(byte[] message, byte... extra) {
        byte[] out = Arrays.copyOf(message, message.length + extra.length);
        System.arraycopy(extra, 0, out, message.length, extra.length);
        return withLength(out, out.length - 4);
    }

    /** {@code message} with its header's length field set to {@code length} (the bytes unchanged). */
    static byte[] withLength(byte[] message, int length) {
        byte[] out = message.clone();
        out[1] = (byte) (length >>> 16);
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** A plaintext record of {@code type} with {@code body}, version 0x0303. */
    static byte[] plainRecord(int type, byte[] body) {
        return RawPeer.record(type, 0x0303, body);
    }

    /** A plaintext handshake record. */
    static byte[] handshakeRecord(byte[] body) {
        return plainRecord(ContentType.HANDSHAKE, body);
    }
}
