package s2n.tls.jsse;

import java.security.Security;
import javax.net.ssl.SSLContext;

/**
 * Run in a child JVM by {@link ProviderInstallTest}: optionally installs the provider with
 * {@code Security.insertProviderAt}, then prints who serves {@code SSLContext.getDefault()} and
 * {@code SSLContext.getInstance("TLS")}, and the class of an engine the default context makes.
 */
public final class ProviderMain {
    private ProviderMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("insert")) {
            Security.insertProviderAt(new S2NProvider(), 1);
        }
        SSLContext d = SSLContext.getDefault();
        System.out.println("default=" + d.getProvider().getName());
        System.out.println("tls=" + SSLContext.getInstance("TLS").getProvider().getName());
        System.out.println("engine=" + d.createSSLEngine().getClass().getName());
        System.out.println("socketFactory=" + d.getSocketFactory().getClass().getName());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((java.security.KeyStore) null);
        System.out.println("trustManagerFactory=" + tmf.getProvider().getName() + " "
                + tmf.getTrustManagers()[0].getClass().getName());
    }
}
