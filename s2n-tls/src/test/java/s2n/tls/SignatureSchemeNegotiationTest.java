package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.policy.Policies;
import s2n.tls.internal.policy.Policy;
import s2n.tls.testing.JdkPeer;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;
import s2n.tls.testing.TestPki.KeyType;

/**
 * Every certificate key type signs the TLS 1.3 handshake with the scheme RFC 8446 §4.2.3 pairs
 * with it; keys load from PKCS#8 and from the traditional PEM forms; rsa_pkcs1 is never a
 * CertificateVerify scheme in TLS 1.3, only a certificate signature.
 */
class SignatureSchemeNegotiationTest {

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of(KeyType.ECDSA_P256, "ecdsa_secp256r1_sha256"),
                Arguments.of(KeyType.ECDSA_P384, "ecdsa_secp384r1_sha384"),
                Arguments.of(KeyType.RSA_2048, "rsa_pss_rsae_sha256"),
                Arguments.of(KeyType.RSA_PSS_2048, "rsa_pss_pss_sha256"),
                Arguments.of(KeyType.ED25519, "ed25519"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("keys")
    void eachKeyTypeSignsWithItsScheme(KeyType key, String scheme) throws Exception {
        TestPki pki = TestPki.shared(key);
        TestPki.Issued cert = pki.issue(key, "localhost");
        // The traditional PEM form (PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY") where one exists.
        Config server = Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.traditionalKeyPem())).build();
        Config client = Config.builder().withSystemTrust(false).trustPem(pki.rootPem()).build();
        try (TestPair pair = new TestPair(client, server)) {
            pair.handshake();
            assertEquals(scheme, pair.client.signatureScheme());
            assertEquals(scheme, pair.server.signatureScheme());
            byte[] data = "signed".getBytes();
            assertArrayEquals(data, TestPair.transfer(pair.client, pair.server, data));
        }
    }

    /** The JDK's client verifies our RSA-PSS and Ed25519 signatures too. */
    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"RSA_PSS_2048", "ED25519", "ECDSA_P384"})
    void jdkClientVerifiesOurSignature(KeyType key) throws Exception {
        TestPki pki = TestPki.shared(key);
        TestPki.Issued cert = pki.issue(key, "localhost");
        JdkPeer jdk = JdkPeer.client(pki.root(), "localhost", new String[] {"TLSv1.3"}, null);
        Connection server = new Connection(Mode.SERVER).setConfig(Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build());
        server.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        server.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);
        jdk.pump();
        for (int i = 0; i < 20 && (server.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(Blocked.NOT_BLOCKED, server.negotiate());
        assertEquals(cert.leaf(), jdk.engine().getSession().getPeerCertificates()[0]);
    }

    /** A client that offers only rsa_pkcs1 schemes cannot get a TLS 1.3 CertificateVerify from an RSA server. */
    @org.junit.jupiter.api.Test
    void pkcs1IsNeverACertificateVerifySchemeInTls13() throws Exception {
        TestPki pki = TestPki.shared(KeyType.RSA_2048);
        TestPki.Issued cert = pki.issue(KeyType.RSA_2048, "localhost");
        Policy base = Policies.byName("default");
        Policy pkcs1Only = new Policy("pkcs1-only", base.minimumVersion(), base.cipherSuites(), base.groups(),
                List.of(SignatureScheme.byName("rsa_pkcs1_sha256")), List.of(), false);
        Config client = Config.builder().securityPolicy(SecurityPolicy.custom(pkcs1Only))
                .withSystemTrust(false).trustPem(pki.rootPem()).build();
        Config server = Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
        try (TestPair pair = new TestPair(client, server)) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(Alert.HANDSHAKE_FAILURE, e.alert());
            TlsException atServer = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(TlsException.Type.PROTOCOL, atServer.type());
            assertEquals(Alert.HANDSHAKE_FAILURE, atServer.alert());
            TlsException atClient = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(TlsException.Type.ALERT, atClient.type());
            assertEquals(Alert.HANDSHAKE_FAILURE, atClient.alert());
        }
    }
}
