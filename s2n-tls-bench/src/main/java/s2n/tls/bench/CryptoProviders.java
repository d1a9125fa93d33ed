package s2n.tls.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;

/**
 * Which JCA providers do the crypto in a benchmark JVM: the JDK's defaults, or Amazon Corretto
 * Crypto Provider (ACCP) installed first. Every library reaches its crypto through the JCA by
 * name, so putting ACCP first speeds up all of them without code changes.
 *
 * <p>Install once per JVM, before any TLS or crypto object is built (JMH runs every parameter
 * combination in its own fork, so a {@code @Param} selects it safely). ACCP is a native library:
 * when it cannot load, {@link #install} fails with ACCP's own loading error rather than silently
 * measuring the JDK's providers under ACCP's name.
 */
public enum CryptoProviders {
    /** The JDK's default providers (SunJCE, SunEC, SunRsaSign, ...). */
    JDK,
    /** Amazon Corretto Crypto Provider first, the JDK's providers behind it for what ACCP lacks. */
    ACCP;

    /** Parses a benchmark parameter value: {@code jdk} or {@code accp}. */
    public static CryptoProviders of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Makes this the provider set of the JVM. {@link #JDK} changes nothing.
     *
     * @throws IllegalStateException if ACCP does not load (the message carries its loading error)
     */
    public void install() {
        if (this == JDK) {
            return;
        }
        Throwable error = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        if (error != null) {
            throw new IllegalStateException("Amazon Corretto Crypto Provider does not load here: " + error, error);
        }
        AmazonCorrettoCryptoProvider.install();
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
    }

    /** One line for reports: which provider is first, and its version. */
    public static String describeFirst() {
        Provider first = Security.getProviders()[0];
        return first.getName() + " " + first.getVersionStr();
    }

    /** Whether ACCP loads in this JVM, and if not why: for the report. */
    public static String accpStatus() {
        Throwable error = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        return error == null ? "loads (" + AmazonCorrettoCryptoProvider.INSTANCE.getVersionStr() + ")"
                : "does not load: " + error;
    }
}
