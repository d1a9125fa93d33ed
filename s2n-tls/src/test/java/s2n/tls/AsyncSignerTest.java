package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * #13 item 5, s2n's async private-key operations: the handshake's signature comes from an
 * {@link AsyncSigner}, the private key need not be in the process, {@code negotiate} returns
 * ON_APPLICATION_INPUT until the signature is there, and a signature that does not verify with
 * the certificate never reaches the peer.
 */
class AsyncSignerTest {
    private static final TestPki PKI = MutualAuthTest.PKI;
    private static final TestPki.Issued SERVER = MutualAuthTest.SERVER;

    private static Config.Builder server(String policy, AsyncSigner signer) {
        return MutualAuthTest.base(policy).asyncSigner(signer)
                .certificateChainAndKey(CertificateChainAndKey.withRemoteKey(SERVER.chain()));
    }

    private static Config client(String policy) {
        return MutualAuthTest.client(policy, null).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {MutualAuthTest.TLS13, MutualAuthTest.TLS12})
    void theSignatureComesLaterAndTheHandshakeWaitsForIt(String policy) throws Exception {
        List<SigningRequest> requests = new CopyOnWriteArrayList<>();
        List<CompletableFuture<byte[]>> pending = new CopyOnWriteArrayList<>();
        Config server = server(policy, (conn, request) -> {
            requests.add(request);
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }).build();
        try (TestPair pair = new TestPair(client(policy), server)) {
            int waits = 0;
            for (int i = 0; i < 50 && !(pair.client.isHandshakeComplete() && pair.server.isHandshakeComplete()); i++) {
                if (!pair.client.isHandshakeComplete()) {
                    pair.client.negotiate();
                }
                if (!pair.server.isHandshakeComplete()) {
                    Blocked b = pair.server.negotiate();
                    if (b == Blocked.ON_APPLICATION_INPUT) {
                        waits++;
                        assertEquals(Blocked.ON_APPLICATION_INPUT, pair.server.blocked());
                        assertEquals(Blocked.ON_APPLICATION_INPUT, pair.server.negotiate(), "still waiting");
                        SigningRequest r = requests.get(requests.size() - 1);
                        pending.get(pending.size() - 1).complete(r.signWith(SERVER.key()));
                    }
                }
            }
            assertTrue(pair.server.isHandshakeComplete() && pair.client.isHandshakeComplete());
            assertEquals(1, waits);
            assertEquals(1, requests.size(), "one signature per handshake, asked once");
            SigningRequest r = requests.get(0);
            assertEquals("ecdsa_secp256r1_sha256", r.signatureScheme());
            assertEquals("SHA256withECDSA", r.jcaAlgorithm());
            assertEquals(SERVER.leaf(), r.certificate());
            assertEquals(pair.client.signatureScheme(), r.signatureScheme());
        }
    }

    @Test
    void aSignatureReadyAtOnceDoesNotBlock() throws Exception {
        Config server = server(MutualAuthTest.TLS13,
                (conn, request) -> {
                    try {
                        return CompletableFuture.completedFuture(request.signWith(SERVER.key()));
                    } catch (TlsException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }).build();
        try (TestPair pair = new TestPair(client(MutualAuthTest.TLS13), server)) {
            pair.handshake();
            assertTrue(!pair.serverBlocked.contains(Blocked.ON_APPLICATION_INPUT), pair.serverBlocked.toString());
        }
    }

    @Test
    void aWrongSignatureIsAnInternalErrorAndNeverSent() throws Exception {
        Config server = server(MutualAuthTest.TLS13,
                (conn, request) -> CompletableFuture.completedFuture(new byte[72])).build();
        try (TestPair pair = new TestPair(client(MutualAuthTest.TLS13), server)) {
            pair.client.negotiate();
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(Alert.INTERNAL_ERROR, e.alert(), e.getMessage());
            assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
        }
    }

    @Test
    void aFailedSignerFailsTheHandshake() throws Exception {
        Config server = server(MutualAuthTest.TLS12,
                (conn, request) -> CompletableFuture.failedFuture(new IllegalStateException("KMS unavailable"))).build();
        try (TestPair pair = new TestPair(client(MutualAuthTest.TLS12), server)) {
            pair.client.negotiate();
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(Alert.INTERNAL_ERROR, e.alert(), e.getMessage());
            assertTrue(e.getMessage().contains("KMS unavailable"), e.getMessage());
        }
    }

    @Test
    void aRemoteKeyWithoutASignerIsAnInternalError() throws Exception {
        Config server = MutualAuthTest.base(MutualAuthTest.TLS13)
                .certificateChainAndKey(CertificateChainAndKey.withRemoteKey(SERVER.chain())).build();
        try (TestPair pair = new TestPair(client(MutualAuthTest.TLS13), server)) {
            pair.client.negotiate();
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(Alert.INTERNAL_ERROR, e.alert(), e.getMessage());
        }
    }

    @Test
    void aClientCertificateSignedAsynchronously() throws Exception {
        TestPki.Issued clientCert = MutualAuthTest.clientCert(TestPki.KeyType.ECDSA_P256);
        List<SigningRequest> requests = new CopyOnWriteArrayList<>();
        Config client = MutualAuthTest.base(MutualAuthTest.TLS13).withSystemTrust(false).trustPem(PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.withRemoteKey(clientCert.chain()))
                .asyncSigner((conn, request) -> {
                    requests.add(request);
                    try {
                        return CompletableFuture.completedFuture(request.signWith(clientCert.key()));
                    } catch (TlsException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }).build();
        try (TestPair pair = new TestPair(client, MutualAuthTest.server(MutualAuthTest.TLS13, ClientAuth.REQUIRED))) {
            pair.handshake();
            assertTrue(pair.server.isClientCertificateUsed() || pair.client.isClientCertificateUsed());
            assertEquals(clientCert.leaf(), pair.server.peerCertificates().get(0));
            assertEquals(1, requests.size());
        }
    }
}
