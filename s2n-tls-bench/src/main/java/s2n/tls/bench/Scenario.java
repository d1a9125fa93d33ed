package s2n.tls.bench;

/**
 * What one benchmark pins: protocol version, cipher suite, key exchange group and the server's
 * certificate type. Every library is configured to negotiate exactly this (one suite and one group
 * offered), so they do the same cryptographic work.
 *
 * @param version the protocol version
 * @param suite the cipher suite's IANA name
 * @param group the key exchange group's IANA name ({@code x25519}, {@code secp256r1})
 * @param keyType the server certificate's key type
 */
public record Scenario(TlsVersion version, String suite, String group, BenchPki.KeyType keyType) {
    /** The handshake scenario for a version, group and certificate type. */
    public static Scenario handshake(TlsVersion version, String group, BenchPki.KeyType keyType) {
        return new Scenario(version, version.handshakeSuite(keyType), group, keyType);
    }

    /** A TLS 1.3 bulk transfer scenario: the suite varies; x25519 and ECDSA P-256 fixed. */
    public static Scenario bulk(String suite) {
        return new Scenario(TlsVersion.TLS13, suite, "x25519", BenchPki.KeyType.ECDSA_P256);
    }

    /**
     * The groups the client offers: the scenario's group, plus secp256r1 for TLS 1.2 with the ECDSA
     * certificate (RFC 8422 §5.1.1: in TLS 1.2 the client's groups also bound the curves of the
     * server's ECDSA certificate, so an x25519-only client could not accept a P-256 leaf).
     */
    public String[] offeredGroups() {
        if (version == TlsVersion.TLS12 && keyType == BenchPki.KeyType.ECDSA_P256 && !group.equals("secp256r1")) {
            return new String[] {group, "secp256r1"};
        }
        return new String[] {group};
    }

    /**
     * The groups a JSSE server accepts: the offered ones, plus secp256r1 (BCJSSE will not select an
     * ECDSA P-256 certificate unless its own groups include the certificate's curve, even in TLS
     * 1.3). The client's single key share still decides the group.
     */
    public String[] serverGroups() {
        String[] offered = offeredGroups();
        if (java.util.Arrays.asList(offered).contains("secp256r1")) {
            return offered;
        }
        String[] out = java.util.Arrays.copyOf(offered, offered.length + 1);
        out[offered.length] = "secp256r1";
        return out;
    }

    @Override
    public String toString() {
        return version + " " + suite + " " + group + " " + keyType;
    }
}
