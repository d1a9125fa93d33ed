package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import s2n.tls.testing.MlKemAssumption;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

class HandshakeTest {

    static Config serverConfig(TestPki.Issued cert) {
        return Config.builder().certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
    }

    static Config clientConfig(TestPki pki) {
        return Config.builder().withSystemTrust(false).trustPem(pki.rootPem()).build();
    }

    @Test
    void fullHandshakeThenDataBothWays() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        try (TestPair pair = new TestPair(clientConfig(pki), serverConfig(cert))) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS13, pair.client.actualProtocolVersion());
            assertEquals(ProtocolVersion.TLS13, pair.server.actualProtocolVersion());
            assertEquals("TLS_AES_128_GCM_SHA256", pair.client.cipherSuite());
            // s2n's default prefers the ML-KEM hybrids where the runtime has ML-KEM (JDK 24+).
            assertEquals(MlKemAssumption.AVAILABLE ? "X25519MLKEM768" : "secp256r1", pair.client.keyExchangeGroup());
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", pair.client.handshakeTypeName());
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", pair.server.handshakeTypeName());
            assertEquals("localhost", pair.server.serverName());
            byte[] hello = "hello over TLS 1.3".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(hello, TestPair.transfer(pair.client, pair.server, hello));
            assertArrayEquals(hello, TestPair.transfer(pair.server, pair.client, hello));
        }
    }
}
