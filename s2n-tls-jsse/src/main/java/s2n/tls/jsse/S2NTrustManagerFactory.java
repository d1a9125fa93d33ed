package s2n.tls.jsse;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code TrustManagerFactory} "PKIX" of the S2N provider: the JDK's own PKIX trust manager
 * (SunJSSE's, initialised with the same key store or parameters), wrapped in a
 * {@link CachingTrustManager} that accepts a chain it accepted before without validating it again,
 * as the core's validator does for the direct API. With the provider first in the list,
 * {@code TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())} and the
 * trust managers SSLContext.init picks when given none are this one.
 */
final class S2NTrustManagerFactory extends TrustManagerFactorySpi {
    private static final String JDK_PROVIDER = "SunJSSE";

    private TrustManager[] managers;

    @Override
    protected void engineInit(KeyStore ks) throws KeyStoreException {
        TrustManagerFactory pkix = jdkFactory();
        pkix.init(ks);
        managers = wrap(pkix.getTrustManagers(), !Boolean.getBoolean("com.sun.net.ssl.checkRevocation"));
    }

    @Override
    protected void engineInit(ManagerFactoryParameters spec) throws InvalidAlgorithmParameterException {
        TrustManagerFactory pkix = jdkFactory();
        pkix.init(spec);
        // The parameters may carry revocation checkers whose answers change: decide every chain afresh.
        managers = wrap(pkix.getTrustManagers(), false);
    }

    @Override
    protected TrustManager[] engineGetTrustManagers() {
        if (managers == null) {
            throw new IllegalStateException("TrustManagerFactory is not initialized: call init first");
        }
        return managers.clone();
    }

    private static TrustManagerFactory jdkFactory() {
        try {
            return TrustManagerFactory.getInstance("PKIX", JDK_PROVIDER);
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("the S2N TrustManagerFactory validates with SunJSSE's PKIX trust manager, "
                    + "which this runtime lacks: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] wrap(TrustManager[] jdk, boolean remembering) {
        TrustManager[] out = jdk.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof X509ExtendedTrustManager x) {
                out[i] = new CachingTrustManager(x, remembering);
            }
        }
        return out;
    }
}
