package s2n.tls.jsse;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The "S2N" JSSE provider: {@code SSLContext} {@code TLS}, {@code TLSv1.3}, {@code TLSv1.2} and
 * {@code Default}, whose engines and sockets are s2n-tls-java connections, and
 * {@code TrustManagerFactory} {@code PKIX} ({@link S2NTrustManagerFactory}: the JDK's PKIX trust
 * manager remembering the chains it accepted, as the core's validator does).
 *
 * <pre>{@code
 * Security.insertProviderAt(new S2NProvider(), 1);       // SSLContext.getDefault() is now ours
 * SSLContext tls = SSLContext.getInstance("TLS", "S2N");  // or ask for it by name
 * tls.init(keyManagers, trustManagers, null);
 * SSLEngine engine = tls.createSSLEngine("example.com", 443);
 * }</pre>
 *
 * <p>Or, without code, in a file given with {@code -Djava.security.properties=extra.security}:
 * {@code security.provider.1=s2n.tls.jsse.S2NProvider} (the JDK's own providers then move down
 * one place only if you renumber them; see the project README). What differs from the JDK's own
 * provider is listed in {@code docs/jsse.md}.
 */
public final class S2NProvider extends Provider {
    private static final long serialVersionUID = 1L;

    /** The provider's name, for {@code SSLContext.getInstance("TLS", S2NProvider.NAME)}. */
    public static final String NAME = "S2N";

    public S2NProvider() {
        super(NAME, "0.1", "s2n-tls-java JSSE provider: SSLContext TLS, TLSv1.3, TLSv1.2, Default; TrustManagerFactory PKIX");
        context("TLS", List.of("SSL", "TLSv1"), () -> new S2NSSLContextSpi(Protocols.BOTH, false));
        context("TLSv1.3", List.of(), () -> new S2NSSLContextSpi(Protocols.BOTH, false));
        context("TLSv1.2", List.of(), () -> new S2NSSLContextSpi(Protocols.TLS12_ONLY, false));
        context("Default", List.of(), () -> new S2NSSLContextSpi(Protocols.BOTH, true));
        putService(new SpiService(this, "TrustManagerFactory", "PKIX", S2NTrustManagerFactory.class, List.of("X509", "X.509"),
                S2NTrustManagerFactory::new));
    }

    private void context(String algorithm, List<String> aliases, Supplier<Object> factory) {
        putService(new SpiService(this, "SSLContext", algorithm, S2NSSLContextSpi.class, aliases, factory));
    }

    /** A service that makes its SPI directly, with no reflection (works the same on the class and module path). */
    private static final class SpiService extends Service {
        private final transient Supplier<Object> factory;

        SpiService(Provider provider, String type, String algorithm, Class<?> spi, List<String> aliases,
                Supplier<Object> factory) {
            super(provider, type, algorithm, spi.getName(), aliases, Map.of());
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            if (constructorParameter != null) {
                throw new java.security.InvalidParameterException(getType() + " takes no constructor parameter");
            }
            return factory.get();
        }
    }
}
