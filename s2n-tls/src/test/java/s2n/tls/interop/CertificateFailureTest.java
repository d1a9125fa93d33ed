package s2n.tls.interop;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import s2n.tls.Alert;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.TlsException;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * A server presenting a certificate the client must refuse: issued by a CA the client does not
 * trust, issued for another host name, or expired. Each case three ways: our client and our server
 * in memory, our client against {@code openssl s_server}, and {@code openssl s_client
 * -verify_return_error} against our server. The refusing side names the problem in its exception
 * and its alert (RFC 8446 §6.2); the other side fails with exactly that alert.
 */
@Timeout(60)
class CertificateFailureTest {
    private static final TestPki.KeyType KEY = TestPki.KeyType.ECDSA_P256;

    /** The bad certificates, each with the alert we send for it and words our message must contain. */
    enum BadCertificate {
        // RFC 8446 §6.2: unknown_ca, the CA "could not be located or could not be matched with a known trust anchor".
        UNTRUSTED_CA(Alert.UNKNOWN_CA, "trusted", () -> untrustedPki().issue(KEY, "localhost")),
        // RFC 8446 §6.2 has no alert for a name mismatch; bad_certificate is the closest, and OpenSSL 3.0 sends it too.
        WRONG_HOST(Alert.BAD_CERTIFICATE, "does not match host localhost", () -> trustedPki().issue(KEY, "example.org")),
        // RFC 8446 §6.2: certificate_expired.
        EXPIRED(Alert.CERTIFICATE_EXPIRED, "expired on", () -> trustedPki().issueExpired(KEY, "localhost"));

        final Alert ourAlert;
        final String reason;
        private final Supplier<TestPki.Issued> issuer;
        private TestPki.Issued issued;

        BadCertificate(Alert ourAlert, String reason, Supplier<TestPki.Issued> issuer) {
            this.ourAlert = ourAlert;
            this.reason = reason;
            this.issuer = issuer;
        }

        synchronized TestPki.Issued certificate() {
            if (issued == null) {
                issued = issuer.get();
            }
            return issued;
        }
    }

    private static TestPki untrusted;

    private static synchronized TestPki untrustedPki() {
        if (untrusted == null) {
            untrusted = TestPki.create(KEY, "Nobody Trusts This Root");
        }
        return untrusted;
    }

    private static TestPki trustedPki() {
        return TestPki.shared(KEY);
    }

    /** Our client: trusts only the shared test root, expects "localhost". */
    private static Config clientConfig() {
        return Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false).trustPem(trustedPki().rootPem()).build();
    }

    private static Config serverConfig(TestPki.Issued cert) {
        return Config.builder().maxBlindingDelay(Duration.ZERO).certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
    }

    /** What our client's failure must look like: PROTOCOL, our alert, a message that says why. */
    private static void assertRefusedByUs(BadCertificate bad, TlsException e) {
        assertEquals(TlsException.Type.PROTOCOL, e.type(), e::toString);
        assertEquals(bad.ourAlert, e.alert(), e::toString);
        assertTrue(e.getMessage().contains(bad.reason), "message says why: " + e.getMessage());
    }

    @Nested
    class InMemory {
        @ParameterizedTest(name = "in memory: {0}")
        @EnumSource(BadCertificate.class)
        void ourClientRefusesOurServer(BadCertificate bad) throws Exception {
            try (TestPair pair = new TestPair(clientConfig(), serverConfig(bad.certificate()))) {
                TlsException clientError = assertThrows(TlsException.class, pair::handshake);
                assertRefusedByUs(bad, clientError);
                // The client is failed for good: the same exception again, nothing new sent.
                assertEquals(clientError, assertThrows(TlsException.class, pair.client::negotiate));

                TlsException serverError = assertThrows(TlsException.class, pair.server::negotiate);
                assertEquals(TlsException.Type.ALERT, serverError.type(), serverError::toString);
                assertEquals(bad.ourAlert, serverError.alert());
                assertEquals(bad.ourAlert, pair.server.alertReceived());
            }
        }
    }

    @Nested
    @DisplayNameGeneration(Peer.OpenSslNames.class)
    class AgainstOpenSsl {
        @TempDir
        Path dir;

        @BeforeEach
        void requireOpenSsl() {
            Peer.OPENSSL.require();
        }

        @ParameterizedTest(name = "{displayName} {0}")
        @EnumSource(BadCertificate.class)
        void ourClientRefusesOpenSslServer(BadCertificate bad) throws Exception {
            PemFiles.Identity identity = PemFiles.write(dir, "server", bad.certificate());
            try (OpenSsl.Server server = OpenSsl.server(dir, identity);
                 OurClient client = OurClient.connect(server.port(), clientConfig(), "localhost")) {
                server.process().explain(() -> {
                    TlsException e = assertThrows(TlsException.class, () -> client.connection().negotiate());
                    assertRefusedByUs(bad, e);
                    // s_server reports the alert it received, by number, and gives up on the connection.
                    server.process().awaitStderr(Pattern.compile("SSL alert number " + bad.ourAlert.code() + "\\b"));
                    client.close();
                    server.process().awaitExit();
                });
            }
        }

        /**
         * s_client refuses our server's certificate: it exits non-zero, prints OpenSSL's reason, and
         * sends its alert, which our server's negotiate() reports as an ALERT failure. OpenSSL 3.0
         * maps its verify errors to the same alerts we send: unknown_ca for a missing issuer,
         * bad_certificate for a host name mismatch ({@code -verify_hostname}), certificate_expired.
         */
        @ParameterizedTest(name = "{displayName} {0}")
        @EnumSource(BadCertificate.class)
        void openSslClientRefusesOurServer(BadCertificate bad) throws Exception {
            String root = PemFiles.writeRoot(dir, "root", trustedPki());
            String openSslReason;
            Alert openSslAlert;
            switch (bad) {
                case UNTRUSTED_CA:
                    openSslReason = "verify error:num=20:unable to get local issuer certificate";
                    openSslAlert = Alert.UNKNOWN_CA;
                    break;
                case WRONG_HOST:
                    openSslReason = "verify error:num=62:hostname mismatch";
                    openSslAlert = Alert.BAD_CERTIFICATE;
                    break;
                case EXPIRED:
                    openSslReason = "verify error:num=10:certificate has expired";
                    openSslAlert = Alert.CERTIFICATE_EXPIRED;
                    break;
                default:
                    throw new IllegalArgumentException(bad.name());
            }
            try (OurServer server = OurServer.start(serverConfig(bad.certificate()), Connection::negotiate);
                 PeerProcess client = OpenSsl.client(dir, server.port(), root, "-servername", "localhost",
                         "-verify_hostname", "localhost")) {
                client.explain(() -> {
                    assertNotEquals(0, client.awaitExit(), "s_client exit code");
                    assertTrue(client.stderr().contains(openSslReason), "s_client says " + openSslReason);
                    TlsException e = assertThrows(TlsException.class, server::awaitConnection);
                    assertEquals(TlsException.Type.ALERT, e.type(), e::toString);
                    assertEquals(openSslAlert, e.alert(), e::toString);
                });
            }
        }
    }
}
