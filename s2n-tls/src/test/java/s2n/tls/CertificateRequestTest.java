package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import s2n.tls.testing.JdkPeer;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPki;

/**
 * The JDK's server asking for a client certificate it does not require
 * ({@code setWantClientAuth(true)}): our client, which has none, answers with an empty Certificate
 * and no CertificateVerify (RFC 8446 §4.4.2, RFC 5246 §7.4.6), the handshake completes as
 * CLIENT_AUTH|NO_CLIENT_CERT, and the JDK sees no peer certificate. Real peers in their default
 * configuration: {@code InteropCertificateRequestTest} (OpenSSL) and {@code InteropGnuTlsTest}.
 */
class CertificateRequestTest {
    @ParameterizedTest(name = "JDK server asks, our client has no certificate: {0} {1}")
    @CsvSource({
        "TLSv1.3, TLS_AES_128_GCM_SHA256, NEGOTIATED|FULL_HANDSHAKE|CLIENT_AUTH|NO_CLIENT_CERT|MIDDLEBOX_COMPAT",
        "TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NEGOTIATED|FULL_HANDSHAKE|CLIENT_AUTH|NO_CLIENT_CERT|TLS12_PERFECT_FORWARD_SECRECY",
    })
    void emptyCertificateAnswersARequest(String protocol, String suite, String handshakeType) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        JdkPeer jdk = JdkPeer.serverAskingForClientCertificate(cert, new String[] {protocol}, new String[] {suite});
        Config config = Config.builder().securityPolicy(TestPolicies.only(List.of(suite), List.of("secp256r1")))
                .withSystemTrust(false).trustPem(pki.rootPem()).build();
        Connection client = new Connection(Mode.CLIENT).setConfig(config).setServerName("localhost");
        client.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        client.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);

        for (int i = 0; i < 100 && (client.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(Blocked.NOT_BLOCKED, client.negotiate());
        assertEquals(handshakeType, client.handshakeTypeName());
        assertEquals(protocol, jdk.engine().getSession().getProtocol());
        assertThrows(SSLPeerUnverifiedException.class, () -> jdk.engine().getSession().getPeerCertificates());
        InteropJdkTest.exchange(client, jdk);
    }
}
