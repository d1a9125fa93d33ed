package s2n.tls.bench;

/**
 * The whole crypto limit of one full TLS 1.3 handshake, server authentication only, on raw JCA
 * objects: the key exchange ({@link KeyExchangeOps}; for X25519MLKEM768 the x25519 exchange plus
 * the ML-KEM-768 generation, encapsulation and decapsulation of {@link MlKemOps}), the
 * CertificateVerify signature and its verification ({@link CertificateVerifyOps}), and both sides'
 * key schedules and transcript hashes ({@link KeyScheduleOps}, twice). What a TLS stack cannot
 * avoid doing, timed the way the stacks are, so no stack can beat it.
 */
final class HandshakeCryptoOps {
    /** The hybrid group this limit knows, beside the curves {@link KeyExchangeOps} knows. */
    static final String HYBRID = "X25519MLKEM768";

    private final KeyExchangeOps exchange;
    private final MlKemOps kem;
    private final CertificateVerifyOps signature;
    private final KeyScheduleOps schedule;

    /** For {@code x25519}, {@code secp256r1} or {@code X25519MLKEM768}, with the providers installed now. */
    HandshakeCryptoOps(String group, BenchPki pki) throws Exception {
        boolean hybrid = group.equals(HYBRID);
        exchange = new KeyExchangeOps(hybrid ? "x25519" : group);
        kem = hybrid ? new MlKemOps() : null;
        signature = new CertificateVerifyOps(pki);
        schedule = new KeyScheduleOps();
    }

    /** One handshake's crypto; throws if any part disagrees (a broken provider). */
    void handshake() throws Exception {
        boolean ok = exchange.exchange() && (kem == null || kem.exchange()) && signature.signAndVerify();
        schedule.oneSide();
        schedule.oneSide();
        if (!ok) {
            throw new IllegalStateException("the handshake's crypto disagreed");
        }
    }
}
