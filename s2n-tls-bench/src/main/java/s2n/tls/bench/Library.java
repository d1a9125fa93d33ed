package s2n.tls.bench;

/** The TLS implementations compared, each driven in memory from one thread. */
public enum Library {
    /** s2n-tls-java, through its public API only ({@code Connection} over callbacks). */
    S2N,
    /** The JDK's own SSLEngine (SunJSSE). */
    JDK,
    /** BouncyCastle's SSLEngine (BCJSSE, {@code bctls-jdk18on}). */
    BCJSSE,
    /** s2n-tls-java through its JSSE provider's SSLEngine ({@code s2n-tls-jsse}). */
    S2N_JSSE;

    /** Parses a benchmark parameter value, case-insensitively. */
    public static Library of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** A client+server pair of this library for {@code scenario}, with the certificates of {@code pki}. */
    public InMemoryPair newPair(Scenario scenario, BenchPki pki) throws Exception {
        switch (this) {
            case S2N:
                return new S2nPair(scenario, pki);
            case JDK:
                return EnginePair.jdk(scenario, pki);
            case BCJSSE:
                return EnginePair.bouncyCastle(scenario, pki);
            case S2N_JSSE:
                return EnginePair.s2nJsse(scenario, pki);
            default:
                throw new IllegalArgumentException(name());
        }
    }
}
