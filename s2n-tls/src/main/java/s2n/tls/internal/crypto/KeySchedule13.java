package s2n.tls.internal.crypto;

import java.util.Arrays;

/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1) as a chain of stages: early secret, then handshake
 * secret, then master secret. Each stage exposes only the derivations the RFC allows from it, and
 * advancing to the next stage zeroes the previous one.
 *
 * <pre>{@code
 * KeySchedule13.HandshakeSecret hs;
 * try (SecretBytes shared = share.agree(peerShare)) {
 *     hs = KeySchedule13.early(Hash.SHA256, null).handshake(shared.bytes());
 * }
 * SecretBytes serverHs = hs.serverTrafficSecret(transcript.currentHash());
 * KeySchedule13.TrafficKeys keys = KeySchedule13.trafficKeys(Hash.SHA256, serverHs, AeadAlgorithm.AES_128_GCM);
 * KeySchedule13.MasterSecret master = hs.master();   // hs is now closed
 * }</pre>
 *
 * <p>Every returned {@link SecretBytes} and {@link TrafficKeys} belongs to the caller, who closes
 * it. Using a stage after it was closed or advanced throws {@link IllegalStateException}.
 */
public final class KeySchedule13 {
    private KeySchedule13() {}

    /**
     * Early Secret = HKDF-Extract(0, PSK).
     *
     * @param psk the pre-shared key; {@code null} for a full handshake (HashLen zeros)
     */
    public static EarlySecret early(Hash h, byte[] psk) {
        byte[] ikm = psk == null ? new byte[h.length()] : psk;
        return new EarlySecret(h, Hkdf.extract(h, null, ikm));
    }

    /** The first stage; derives the binder key and the 0-RTT secrets, then the handshake secret. */
    public static final class EarlySecret extends Stage {
        private EarlySecret(Hash hash, byte[] secret) {
            super(hash, secret, "early secret");
        }

        /**
         * Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE).
         * Closes this stage.
         *
         * @param sharedSecret the (EC)DHE shared secret; {@code null} for PSK-only key exchange
         *     (psk_ke), which uses HashLen zeros
         */
        public HandshakeSecret handshake(byte[] sharedSecret) {
            byte[] ikm = sharedSecret == null ? new byte[hash.length()] : sharedSecret;
            return new HandshakeSecret(hash, advance(ikm));
        }

        /**
         * binder_key = Derive-Secret(Early Secret, "res binder" or "ext binder", "") (RFC 8446 §4.2.11.2);
         * the PSK binder is {@link #finishedVerifyData} keyed with it.
         *
         * @param resumption true for a resumption PSK (from a ticket), false for an external PSK
         */
        public SecretBytes binderKey(boolean resumption) {
            return derive(resumption ? "res binder" : "ext binder", hash.emptyHash());
        }

        /** client_early_traffic_secret, label "c e traffic", over ClientHello. */
        public SecretBytes clientEarlyTrafficSecret(byte[] transcriptHashOfClientHello) {
            return derive("c e traffic", transcriptHashOfClientHello);
        }

        /** early_exporter_master_secret, label "e exp master", over ClientHello. */
        public SecretBytes earlyExporterMasterSecret(byte[] transcriptHashOfClientHello) {
            return derive("e exp master", transcriptHashOfClientHello);
        }
    }

    /** The second stage; derives the handshake traffic secrets, then the master secret. */
    public static final class HandshakeSecret extends Stage {
        private HandshakeSecret(Hash hash, byte[] secret) {
            super(hash, secret, "handshake secret");
        }

        /** client_handshake_traffic_secret, label "c hs traffic", over ClientHello..ServerHello. */
        public SecretBytes clientTrafficSecret(byte[] transcriptHashThroughServerHello) {
            return derive("c hs traffic", transcriptHashThroughServerHello);
        }

        /** server_handshake_traffic_secret, label "s hs traffic", over ClientHello..ServerHello. */
        public SecretBytes serverTrafficSecret(byte[] transcriptHashThroughServerHello) {
            return derive("s hs traffic", transcriptHashThroughServerHello);
        }

        /**
         * Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0). Closes
         * this stage.
         */
        public MasterSecret master() {
            return new MasterSecret(hash, advance(new byte[hash.length()]));
        }
    }

    /** The last stage; derives the application, exporter and resumption secrets. */
    public static final class MasterSecret extends Stage {
        private MasterSecret(Hash hash, byte[] secret) {
            super(hash, secret, "master secret");
        }

        /** client_application_traffic_secret_0, label "c ap traffic", over ClientHello..server Finished. */
        public SecretBytes clientApplicationTrafficSecret(byte[] transcriptHashThroughServerFinished) {
            return derive("c ap traffic", transcriptHashThroughServerFinished);
        }

        /** server_application_traffic_secret_0, label "s ap traffic", over ClientHello..server Finished. */
        public SecretBytes serverApplicationTrafficSecret(byte[] transcriptHashThroughServerFinished) {
            return derive("s ap traffic", transcriptHashThroughServerFinished);
        }

        /** exporter_master_secret, label "exp master", over ClientHello..server Finished. */
        public SecretBytes exporterMasterSecret(byte[] transcriptHashThroughServerFinished) {
            return derive("exp master", transcriptHashThroughServerFinished);
        }

        /** resumption_master_secret, label "res master", over ClientHello..client Finished. */
        public SecretBytes resumptionMasterSecret(byte[] transcriptHashThroughClientFinished) {
            return derive("res master", transcriptHashThroughClientFinished);
        }
    }

    /**
     * A record-protection key and the per-connection IV it is used with (RFC 8446 §7.3). Closing
     * zeroes both.
     */
    public record TrafficKeys(SecretBytes key, byte[] iv) implements AutoCloseable {
        /** Zeroes the key and the IV. Idempotent. */
        @Override
        public void close() {
            key.close();
            Arrays.fill(iv, (byte) 0);
        }

        /** The lengths only, never the bytes. */
        @Override
        public String toString() {
            return "TrafficKeys[key " + key.length() + " bytes, iv " + iv.length + " bytes]";
        }
    }

    /**
     * The write key and IV for a traffic secret (RFC 8446 §7.3):
     * HKDF-Expand-Label(Secret, "key", "", key_length) and HKDF-Expand-Label(Secret, "iv", "", iv_length).
     */
    public static TrafficKeys trafficKeys(Hash h, SecretBytes trafficSecret, AeadAlgorithm aead) {
        byte[] secret = trafficSecret.bytes();
        byte[] key = Hkdf.expandLabel(h, secret, "key", new byte[0], aead.keyLength());
        byte[] iv = Hkdf.expandLabel(h, secret, "iv", new byte[0], aead.ivLength());
        return new TrafficKeys(new SecretBytes(key), iv);
    }

    /**
     * Finished verify_data (RFC 8446 §4.4.4): HMAC(finished_key, transcript hash), where
     * finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length). Also computes PSK
     * binders, with the binder key as the base key (§4.2.11.2). Compare results with
     * {@link java.security.MessageDigest#isEqual}.
     */
    public static byte[] finishedVerifyData(Hash h, SecretBytes baseKey, byte[] transcriptHash) {
        byte[] finishedKey = Hkdf.expandLabel(h, baseKey.bytes(), "finished", new byte[0], h.length());
        try {
            return Hmac.mac(h, finishedKey, transcriptHash);
        } finally {
            Arrays.fill(finishedKey, (byte) 0);
        }
    }

    /**
     * application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N,
     * "traffic upd", "", Hash.length) (RFC 8446 §7.2, KeyUpdate).
     */
    public static SecretBytes nextApplicationTrafficSecret(Hash h, SecretBytes current) {
        return new SecretBytes(Hkdf.expandLabel(h, current.bytes(), "traffic upd", new byte[0], h.length()));
    }

    /**
     * The PSK a NewSessionTicket stands for (RFC 8446 §4.6.1):
     * HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length).
     */
    public static SecretBytes resumptionPsk(Hash h, SecretBytes resumptionMasterSecret, byte[] ticketNonce) {
        return new SecretBytes(Hkdf.expandLabel(h, resumptionMasterSecret.bytes(), "resumption", ticketNonce, h.length()));
    }

    /**
     * TLS-Exporter(label, context_value, key_length) (RFC 8446 §7.5):
     * HKDF-Expand-Label(Derive-Secret(exporter secret, label, ""), "exporter", Hash(context_value), key_length).
     *
     * @param context the context value; {@code null} and empty hash the same (as RFC 8446 defines)
     */
    public static byte[] exportKeyingMaterial(Hash h, SecretBytes exporterMasterSecret, String label, byte[] context,
            int length) {
        byte[] perLabel = Hkdf.deriveSecret(h, exporterMasterSecret.bytes(), label, h.emptyHash());
        try {
            return Hkdf.expandLabel(h, perLabel, "exporter", h.digest(context == null ? new byte[0] : context), length);
        } finally {
            Arrays.fill(perLabel, (byte) 0);
        }
    }

    /**
     * What every stage shares: its secret, the derivations from it, advancing past it, and zeroing
     * it. The stages above add only the derivations RFC 8446 §7.1 allows at their point.
     */
    private abstract static class Stage implements AutoCloseable {
        final Hash hash;
        private final byte[] secret;
        private final String name;
        private boolean closed;

        Stage(Hash hash, byte[] secret, String name) {
            this.hash = hash;
            this.secret = secret;
            this.name = name;
        }

        /** The hash of the negotiated cipher suite. */
        public Hash hash() {
            return hash;
        }

        /** Zeroes this stage's secret. Idempotent. */
        @Override
        public void close() {
            Arrays.fill(secret, (byte) 0);
            closed = true;
        }

        /** A copy of the raw stage secret, for tests that compare it with published traces. */
        byte[] secretForTest() {
            return secret("secretForTest()").clone();
        }

        private byte[] secret(String use) {
            if (closed) {
                throw new IllegalStateException(use + ": the " + name + " was closed or the schedule advanced past it");
            }
            return secret;
        }

        SecretBytes derive(String label, byte[] transcriptHash) {
            if (transcriptHash.length != hash.length()) {
                throw new IllegalArgumentException("\"" + label + "\" needs a " + hash.length()
                        + "-byte transcript hash, got " + transcriptHash.length);
            }
            return new SecretBytes(Hkdf.deriveSecret(hash, secret("\"" + label + "\""), label, transcriptHash));
        }

        /** HKDF-Extract(Derive-Secret(this, "derived", ""), ikm), then closes this stage. */
        byte[] advance(byte[] ikm) {
            byte[] derived = Hkdf.deriveSecret(hash, secret("advancing"), "derived", hash.emptyHash());
            try {
                return Hkdf.extract(hash, derived, ikm);
            } finally {
                Arrays.fill(derived, (byte) 0);
                close();
            }
        }

        /** The stage's name and hash, never its secret. */
        @Override
        public String toString() {
            return name + "[" + hash + (closed ? ", closed]" : "]");
        }
    }
}
