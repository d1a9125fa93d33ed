package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * #13 item 3, OCSP stapling (RFC 6066 §8, RFC 8446 §4.4.2.1) between our client and server: the
 * server staples what its chain carries, only to a client that asks; TLS 1.3 in the leaf's
 * CertificateEntry, TLS 1.2 in a CertificateStatus message (s2n's OCSP_STATUS handshake type).
 * Real OCSP responses with OpenSSL are in {@code InteropOcspTest}.
 */
class OcspStaplingTest {
    private static final TestPki.Issued CERT = MutualAuthTest.SERVER;
    private static final byte[] RESPONSE = {0x30, 0x03, 0x0a, 0x01, 0x00}; // OCSPResponse{successful}, DER

    private static Config server(String policy, boolean staple) {
        CertificateChainAndKey chain = CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem());
        return MutualAuthTest.base(policy).certificateChainAndKey(staple ? chain.withOcspResponse(RESPONSE) : chain).build();
    }

    /** This response is no real one ({@code InteropOcspTest} has those): the client only takes it here. */
    private static Config client(String policy, boolean ask) {
        return MutualAuthTest.client(policy, null).statusRequest(ask).checkOcspResponse(false).build();
    }

    /** Checked (the default), a response that is not a signed basic response is a bad_certificate. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {MutualAuthTest.TLS13, MutualAuthTest.TLS12})
    void aResponseThatIsNotValidFailsTheCheck(String policy) throws Exception {
        Config checking = MutualAuthTest.client(policy, null).statusRequest(true).build();
        try (TestPair pair = new TestPair(checking, server(policy, true))) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(Alert.BAD_CERTIFICATE, e.alert(), e.getMessage());
            assertTrue(e.getMessage().contains("OCSP"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {MutualAuthTest.TLS13, MutualAuthTest.TLS12})
    void theServerStaplesItsResponseToAClientThatAsks(String policy) throws Exception {
        try (TestPair pair = new TestPair(client(policy, true), server(policy, true))) {
            pair.handshake();
            assertArrayEquals(RESPONSE, pair.client.ocspResponse());
            boolean tls12 = policy.equals(MutualAuthTest.TLS12);
            assertEquals(tls12, pair.client.handshakeTypeName().contains("OCSP_STATUS"), pair.client.handshakeTypeName());
            assertEquals(pair.client.handshakeTypeName(), pair.server.handshakeTypeName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {MutualAuthTest.TLS13, MutualAuthTest.TLS12})
    void nothingIsStapledUnlessAskedAndAvailable(String policy) throws Exception {
        try (TestPair pair = new TestPair(client(policy, false), server(policy, true))) {
            pair.handshake();
            assertNull(pair.client.ocspResponse());
            assertFalse(pair.server.handshakeTypeName().contains("OCSP_STATUS"));
        }
        try (TestPair pair = new TestPair(client(policy, true), server(policy, false))) {
            pair.handshake();
            assertNull(pair.client.ocspResponse());
        }
    }

    @Test
    void theResponseIsCheckedAndCopied() {
        CertificateChainAndKey chain = CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem());
        assertThrows(IllegalArgumentException.class, () -> chain.withOcspResponse(new byte[0]));
        byte[] r = RESPONSE.clone();
        CertificateChainAndKey stapling = chain.withOcspResponse(r);
        r[0] = 0;
        assertArrayEquals(RESPONSE, stapling.ocspResponse());
        assertNull(chain.ocspResponse(), "the original chain is unchanged");
        assertTrue(Config.builder().statusRequest(true).build().statusRequest());
        assertEquals(false, Config.builder().build().statusRequest());
    }
}
