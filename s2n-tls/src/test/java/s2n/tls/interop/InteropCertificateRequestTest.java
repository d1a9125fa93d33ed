package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import s2n.tls.Alert;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.TestPolicies;
import s2n.tls.TlsException;
import s2n.tls.testing.TestPki;

/**
 * A server that asks for a client certificate, against our client that has none: OpenSSL's
 * {@code s_server -verify 1} only asks, so the handshake completes with our empty Certificate
 * (RFC 8446 §4.4.2, RFC 5246 §7.4.6) and data flows; {@code -Verify 1} insists, and our client
 * reports the server's alert (certificate_required in TLS 1.3, handshake_failure in TLS 1.2).
 * gnutls-serv asks by default: {@link InteropGnuTlsTest} runs its whole matrix that way.
 */
@Timeout(60)
@DisplayNameGeneration(Peer.OpenSslNames.class)
class InteropCertificateRequestTest {
    private static final String TLS13_TYPE = "NEGOTIATED|FULL_HANDSHAKE|CLIENT_AUTH|NO_CLIENT_CERT|MIDDLEBOX_COMPAT";

    @TempDir
    Path dir;

    @BeforeEach
    void requireOpenSsl() {
        Peer.OPENSSL.require();
    }

    @Test
    void tls13ServerAsksOurClientSendsNoCertificate() throws Exception {
        askedAndAnswered(OpenSsl.Versions.TLS13_ONLY, ProtocolVersion.TLS13);
    }

    @Test
    void tls12ServerAsksOurClientSendsNoCertificate() throws Exception {
        askedAndAnswered(OpenSsl.Versions.TLS12_ONLY, ProtocolVersion.TLS12);
    }

    @Test
    void tls13ServerRequiresCertificateOurClientReportsItsAlert() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        try (OpenSsl.Server server = OpenSsl.server(dir, identity, "-Verify", "1");
             OurClient client = OurClient.connect(server.port(), clientConfig(pki), "localhost")) {
            server.process().explain(() -> {
                // The client's flight ends the TLS 1.3 handshake on its side; the refusal is the
                // server's next record.
                Connection conn = client.handshake();
                assertEquals(TLS13_TYPE, conn.handshakeTypeName());
                TlsException e = assertThrows(TlsException.class, () -> conn.recv(ByteBuffer.allocate(100)));
                assertEquals(Alert.CERTIFICATE_REQUIRED, conn.alertReceived(), e.getMessage());
            });
        }
    }

    @Test
    void tls12ServerRequiresCertificateOurClientReportsItsAlert() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        try (OpenSsl.Server server = OpenSsl.server(dir, OpenSsl.Versions.TLS12_ONLY, identity, "-Verify", "1");
             OurClient client = OurClient.connect(server.port(), clientConfig(pki), "localhost")) {
            server.process().explain(() -> {
                TlsException e = assertThrows(TlsException.class, () -> client.connection().negotiate());
                assertEquals(Alert.HANDSHAKE_FAILURE, client.connection().alertReceived(), e.getMessage());
            });
        }
    }

    private void askedAndAnswered(OpenSsl.Versions versions, ProtocolVersion version) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        PemFiles.Identity identity = PemFiles.write(dir, "server", cert);
        try (OpenSsl.Server server = OpenSsl.server(dir, versions, identity, "-verify", "1");
             OurClient client = OurClient.connect(server.port(), clientConfig(pki), "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(version, conn.actualProtocolVersion());
                if (version == ProtocolVersion.TLS13) {
                    assertEquals(TLS13_TYPE, conn.handshakeTypeName());
                } else {
                    assertTrue(conn.handshakeTypeName().contains("|CLIENT_AUTH|NO_CLIENT_CERT|"), conn.handshakeTypeName());
                }
                assertEquals(cert.chain(), conn.peerCertificates());
                InteropOpenSslTest.exchangeWithServer(server.process(), conn);
                InteropOpenSslTest.closeWithServer(server.process(), client);
            });
        }
    }

    /** x25519 for the key exchange; TLS 1.2 also needs the certificate's curve offered (RFC 8422 §5.1). */
    private static Config clientConfig(TestPki pki) {
        return InteropOpenSslTest.clientConfig(pki, TestPolicies.only(
                List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), List.of("x25519", "secp256r1")));
    }
}
