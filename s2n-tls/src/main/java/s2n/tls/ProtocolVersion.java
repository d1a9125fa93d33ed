package s2n.tls;

/**
 * A TLS protocol version. {@link #UNKNOWN} stands for "not known yet" (before the handshake has
 * decided it) and never appears on the wire.
 */
public enum ProtocolVersion {
    UNKNOWN(0, "UNKNOWN"),
    SSLV3(0x0300, "SSLv3"),
    TLS10(0x0301, "TLSv1"),
    TLS11(0x0302, "TLSv1.1"),
    TLS12(0x0303, "TLSv1.2"),
    TLS13(0x0304, "TLSv1.3");

    private final int wireValue;
    private final String protocolName;

    ProtocolVersion(int wireValue, String protocolName) {
        this.wireValue = wireValue;
        this.protocolName = protocolName;
    }

    /** The two-byte value used on the wire, e.g. {@code 0x0304} for TLS 1.3; 0 for {@link #UNKNOWN}. */
    public int wireValue() {
        return wireValue;
    }

    /** The conventional name, as OpenSSL and the JDK print it: {@code TLSv1.3}, {@code TLSv1.2}. */
    public String protocolName() {
        return protocolName;
    }

    /** The version with this wire value, or {@link #UNKNOWN} for values that are not a version we name. */
    public static ProtocolVersion fromWireValue(int value) {
        for (ProtocolVersion v : values()) {
            if (v.wireValue == value && v != UNKNOWN) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
