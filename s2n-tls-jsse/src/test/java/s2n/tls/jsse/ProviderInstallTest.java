package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider's registration: its services, the ServiceLoader entry, and both ways to install it
 * (each in a child JVM, since the default SSLContext is process-wide and cached).
 */
class ProviderInstallTest {
    @TempDir
    Path dir;

    @Test
    void registersTheFourSslContexts() throws Exception {
        Provider p = new S2NProvider();
        assertEquals("S2N", p.getName());
        for (String algorithm : new String[] {"TLS", "TLSv1.3", "TLSv1.2", "Default"}) {
            assertEquals("S2NSSLContextSpi", p.getService("SSLContext", algorithm).newInstance(null).getClass().getSimpleName(),
                    algorithm);
        }
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2", p);
        tls12.init(null, null, null);
        assertEquals(List.of("TLSv1.2"), List.of(tls12.getDefaultSSLParameters().getProtocols()));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(tls12.getSupportedSSLParameters().getProtocols()));
        SSLContext d = SSLContext.getInstance("Default", p);
        assertThrows(KeyManagementException.class, () -> d.init(null, null, null), "Default is initialised already");
        assertEquals("S2NEngine", d.createSSLEngine().getClass().getSimpleName());
    }

    @Test
    void serviceLoaderFindsIt() {
        boolean found = false;
        for (Provider p : ServiceLoader.load(Provider.class)) {
            found |= p instanceof S2NProvider;
        }
        assertTrue(found, "META-INF/services/java.security.Provider names s2n.tls.jsse.S2NProvider");
    }

    @Test
    void insertProviderAtOneMakesTheDefaultContextOurs() throws Exception {
        String out = run(List.of(), "insert");
        assertTrue(out.contains("default=S2N"), out);
        assertTrue(out.contains("tls=S2N"), out);
        assertTrue(out.contains("engine=s2n.tls.jsse.S2NEngine"), out);
        assertTrue(out.contains("socketFactory=s2n.tls.jsse.S2NSocketFactory"), out);
        // The default TrustManagerFactory (PKIX) is ours too: the JDK's trust store, accepted chains remembered.
        assertTrue(out.contains("trustManagerFactory=S2N s2n.tls.jsse.CachingTrustManager"), out);
    }

    @Test
    void securityPropertiesFileMakesTheDefaultContextOurs() throws Exception {
        // security.provider.1 is ours; the JDK's own providers follow, each one place down.
        List<String> lines = new ArrayList<>();
        lines.add("security.provider.1=s2n.tls.jsse.S2NProvider");
        Provider[] jdk = Security.getProviders();
        for (int i = 0; i < jdk.length; i++) {
            lines.add("security.provider." + (i + 2) + "=" + jdk[i].getName());
        }
        Path file = dir.resolve("s2n.security");
        Files.write(file, lines, StandardCharsets.UTF_8);
        String out = run(List.of("-Djava.security.properties=" + file), "plain");
        assertTrue(out.contains("default=S2N"), out);
        assertTrue(out.contains("engine=s2n.tls.jsse.S2NEngine"), out);

        // Without the file the JDK's own provider serves: the test can tell the difference.
        String jdkOut = run(List.of(), "plain");
        assertTrue(jdkOut.contains("default=SunJSSE"), jdkOut);
    }

    private static String run(List<String> jvmArgs, String mode) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ProviderMain.class.getName(), mode));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child JVM did not finish: " + out);
            assertEquals(0, p.exitValue(), out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }
}
