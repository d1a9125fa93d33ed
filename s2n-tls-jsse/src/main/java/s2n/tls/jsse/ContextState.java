package s2n.tls.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * What {@code SSLContext.init} was given, resolved once: the key manager (the first X509 one,
 * wrapped if it is not an {@link X509ExtendedKeyManager}), the trust manager (the first X509 one;
 * the JDK's default when none was given), the randomness, and the default parameters.
 */
final class ContextState {
    final X509ExtendedKeyManager keyManager;
    final X509TrustManager trustManager;
    final SecureRandom random;
    final List<String> defaultProtocols;
    final SSLSessionContext clientSessions;
    final SSLSessionContext serverSessions;
    /** The key manager's chains, each checked against its key once (see {@link ChainCache}). */
    final ChainCache chains = new ChainCache();

    private ContextState(X509ExtendedKeyManager km, X509TrustManager tm, SecureRandom random, List<String> protocols,
            SSLSessionContext clientSessions, SSLSessionContext serverSessions) {
        this.keyManager = km;
        this.trustManager = tm;
        this.random = random;
        this.defaultProtocols = protocols;
        this.clientSessions = clientSessions;
        this.serverSessions = serverSessions;
    }

    static ContextState of(KeyManager[] kms, TrustManager[] tms, SecureRandom random, List<String> protocols,
            SSLSessionContext clientSessions, SSLSessionContext serverSessions) throws KeyManagementException {
        X509ExtendedKeyManager km = null;
        if (kms != null) {
            for (KeyManager k : kms) {
                if (k instanceof X509ExtendedKeyManager) {
                    km = (X509ExtendedKeyManager) k;
                    break;
                }
                if (k instanceof X509KeyManager) {
                    km = new PlainKeyManager((X509KeyManager) k);
                    break;
                }
            }
        }
        X509TrustManager tm = null;
        TrustManager[] trust = tms != null ? tms : defaultTrustManagers();
        for (TrustManager t : trust) {
            if (t instanceof X509TrustManager) {
                tm = (X509TrustManager) t;
                break;
            }
        }
        if (tm == null) {
            // As the JDK: no X509 trust manager means every peer certificate is refused.
            tm = RefuseAllTrustManager.INSTANCE;
        }
        return new ContextState(km, tm, random != null ? random : new SecureRandom(), protocols, clientSessions, serverSessions);
    }

    /** The JDK's own defaults (SSLContext "Default"): javax.net.ssl.keyStore* properties and the default trust store. */
    static ContextState jdkDefaults(List<String> protocols, SSLSessionContext clientSessions,
            SSLSessionContext serverSessions) throws KeyManagementException {
        return of(defaultKeyManagers(), defaultTrustManagers(), null, protocols, clientSessions, serverSessions);
    }

    private static TrustManager[] defaultTrustManagers() throws KeyManagementException {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            return f.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new KeyManagementException("the JDK's default TrustManagerFactory failed: " + e.getMessage(), e);
        }
    }

    /** The key store the JDK's default context reads: javax.net.ssl.keyStore, keyStoreType, keyStorePassword. */
    private static KeyManager[] defaultKeyManagers() throws KeyManagementException {
        String file = System.getProperty("javax.net.ssl.keyStore", "");
        if (file.isEmpty() || file.equals("NONE")) {
            return new KeyManager[0];
        }
        String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
        String password = System.getProperty("javax.net.ssl.keyStorePassword", "");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password.toCharArray());
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(ks, password.toCharArray());
            return f.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyManagementException("cannot load javax.net.ssl.keyStore " + file + ": " + e.getMessage(), e);
        }
    }

    SSLParameters defaultParameters() {
        SSLParameters p = new SSLParameters(CipherSuites.SUPPORTED.toArray(new String[0]),
                defaultProtocols.toArray(new String[0]));
        return p;
    }

    SSLParameters supportedParameters() {
        return new SSLParameters(CipherSuites.SUPPORTED.toArray(new String[0]), Protocols.SUPPORTED.toArray(new String[0]));
    }

    /** An {@link X509KeyManager} seen as an extended one: the engine variants ask the plain methods. */
    private static final class PlainKeyManager extends X509ExtendedKeyManager {
        private final X509KeyManager km;

        PlainKeyManager(X509KeyManager km) {
            this.km = km;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return km.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, java.net.Socket socket) {
            return km.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return km.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, java.net.Socket socket) {
            return km.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return km.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return km.getPrivateKey(alias);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return km.chooseClientAlias(keyType, issuers, null);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return km.chooseServerAlias(keyType, issuers, null);
        }
    }

    /** What the JDK does when init got trust managers but no X509 one: refuse every chain. */
    private static final class RefuseAllTrustManager implements X509TrustManager {
        static final RefuseAllTrustManager INSTANCE = new RefuseAllTrustManager();

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no X509TrustManager was given to SSLContext.init: no certificate is trusted");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no X509TrustManager was given to SSLContext.init: no certificate is trusted");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
