package s2n.tls.bench;

/**
 * The protocol version a scenario pins, with the cipher suite its handshake scenarios use.
 *
 * <p>TLS 1.2 is the hook for when s2n-tls-java negotiates it: the JDK and BCJSSE already do, so
 * adding {@code "TLS12"} to {@link HandshakeBenchmark}'s {@code version} parameter is the one line
 * that turns the scenario on for all three libraries.
 */
public enum TlsVersion {
    TLS13("TLSv1.3", "TLS_AES_128_GCM_SHA256"),
    /** ECDHE-ECDSA-AES128-GCM-SHA256 (ECDHE-RSA-AES128-GCM-SHA256 with the RSA certificate). */
    TLS12("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    private final String jsseName;
    private final String handshakeSuite; // with an ECDSA certificate; IANA name, as JSSE names it

    TlsVersion(String jsseName, String handshakeSuite) {
        this.jsseName = jsseName;
        this.handshakeSuite = handshakeSuite;
    }

    /** The suite the handshake scenarios negotiate with a certificate of {@code keyType}. */
    public String handshakeSuite(BenchPki.KeyType keyType) {
        if (this == TLS12 && keyType == BenchPki.KeyType.RSA_2048) {
            return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
        }
        return handshakeSuite;
    }

    /** The JSSE protocol name, e.g. {@code TLSv1.3}. */
    public String jsseName() {
        return jsseName;
    }

}
