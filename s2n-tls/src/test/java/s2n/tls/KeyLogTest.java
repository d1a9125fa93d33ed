package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * The key-log callback between our own client and server: both sides log the same lines, in the
 * NSS format, for the connection they belong to; the secret's length is the suite's hash length.
 * What the lines are worth is proven against OpenSSL's key log ({@code InteropKeyLogTest}) and by
 * tshark decrypting a capture ({@code KeyLogTsharkTest}).
 */
class KeyLogTest {
    private static final TestPki.Issued CERT = Tls12HandshakeTest.cert(TestPki.KeyType.ECDSA_P256);

    @ParameterizedTest(name = "{0}: both sides log the same {2} lines")
    @CsvSource({
        "default, TLS_AES_256_GCM_SHA384, 4, 48, CLIENT_HANDSHAKE_TRAFFIC_SECRET",
        "20240501, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 1, 48, CLIENT_RANDOM",
    })
    void bothSidesLogTheSameLines(String policy, String suite, int lines, int secretLength, String firstLabel) throws Exception {
        List<String> clientLines = new ArrayList<>();
        List<String> serverLines = new ArrayList<>();
        List<Connection> owners = new ArrayList<>();
        Config client = Config.builder().maxBlindingDelay(Duration.ZERO)
                .securityPolicy(TestPolicies.only(List.of(suite), null)).withSystemTrust(false)
                .trustPem(TestPki.shared(TestPki.KeyType.ECDSA_P256).rootPem())
                .keyLogCallback((conn, line) -> {
                    owners.add(conn);
                    clientLines.add(line);
                }).build();
        Config server = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(SecurityPolicy.named(policy))
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem()))
                .keyLogCallback((conn, line) -> serverLines.add(line)).build();
        try (TestPair pair = new TestPair(client, server)) {
            pair.handshake();
            assertEquals(suite, pair.client.cipherSuite());
            assertEquals(lines, clientLines.size(), clientLines.toString());
            assertEquals(clientLines, serverLines);
            for (Connection owner : owners) {
                assertSame(pair.client, owner);
            }
            String[] first = clientLines.get(0).split(" ");
            assertEquals(firstLabel, first[0]);
            assertEquals(3, first.length);
            assertEquals(64, first[1].length(), "client random, hex");
            assertEquals(secretLength * 2, first[2].length(), "secret, hex");
            assertTrue(first[2].matches("[0-9a-f]+"), first[2]);
        }
    }

    @Test
    void nothingIsLoggedWithoutACallback() throws Exception {
        Config server = Tls12HandshakeTest.server(SecurityPolicy.named("default"), CERT);
        Config client = Tls12HandshakeTest.client(SecurityPolicy.named("default"), TestPki.KeyType.ECDSA_P256);
        assertEquals(null, client.keyLogCallback());
        try (TestPair pair = new TestPair(client, server)) {
            pair.handshake();
            assertEquals(ProtocolVersion.TLS13, pair.client.actualProtocolVersion());
        }
    }
}
