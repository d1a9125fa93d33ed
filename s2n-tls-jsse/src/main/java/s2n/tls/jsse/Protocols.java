package s2n.tls.jsse;

import java.util.ArrayList;
import java.util.List;

/** The JSSE protocol names we serve, and which of them a context enables by default. */
final class Protocols {
    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";
    /** What every engine supports, newest first (the JDK's order). */
    static final List<String> SUPPORTED = List.of(TLS13, TLS12);
    /** Enabled by default in contexts "TLS", "TLSv1.3" and "Default" (as the JDK's "TLS" context: both). */
    static final List<String> BOTH = SUPPORTED;
    /** Enabled by default in context "TLSv1.2" (the JDK's "TLSv1.2" context enables up to 1.2). */
    static final List<String> TLS12_ONLY = List.of(TLS12);

    /** The JDK's switch to answer a TLS 1.3 close_notify at once, which this provider honours too. */
    static final String ACKNOWLEDGE_CLOSE_NOTIFY = "jdk.tls.acknowledgeCloseNotify";

    private Protocols() {}

    /**
     * Whether the peer's close_notify is answered with ours straight away, as the JDK does it:
     * always in TLS 1.2 (RFC 5246 §7.2.1); in TLS 1.3, which allows a half-close (RFC 8446 §6.1),
     * only with {@code -Djdk.tls.acknowledgeCloseNotify=true}.
     */
    static boolean answersCloseNotify(s2n.tls.ProtocolVersion version) {
        return version != s2n.tls.ProtocolVersion.TLS13 || Boolean.getBoolean(ACKNOWLEDGE_CLOSE_NOTIFY);
    }

    /**
     * Checks names set with {@code setEnabledProtocols}: a name the JDK knows but we do not serve
     * (SSLv3, TLSv1, TLSv1.1, DTLS) is refused as the JDK refuses an unknown one.
     */
    static List<String> checked(String[] protocols) {
        if (protocols == null) {
            throw new IllegalArgumentException("protocols must not be null");
        }
        List<String> out = new ArrayList<>();
        for (String p : protocols) {
            if (!SUPPORTED.contains(p)) {
                throw new IllegalArgumentException("unsupported protocol " + p + ": the S2N provider serves only " + SUPPORTED);
            }
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
