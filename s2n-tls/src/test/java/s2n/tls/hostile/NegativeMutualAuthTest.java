package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.hostile.Negative.c;
import static s2n.tls.hostile.Negative.truncated;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.ClientAuth;
import s2n.tls.Config;
import s2n.tls.SecurityPolicy;
import s2n.tls.TlsException;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.message.CertificateMessage;
import s2n.tls.internal.handshake.message.CertificateRequest;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.record.ContentType;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * Hostile client authentication. A raw TLS 1.3 client against our REQUIRED server: forged,
 * mismatched and missing CertificateVerify messages, bad contexts and chains. A raw TLS 1.3
 * server against our client: malformed CertificateRequests. A man in the middle of a TLS 1.2
 * handshake, where the client's CertificateVerify travels in the clear: one flipped bit, one
 * swapped scheme. Each case asserts the alert our side raised and the alert the peer read.
 */
class NegativeMutualAuthTest {
    private static final TestPki.Issued CLIENT = Negative.PKI.issueWithoutServerAuth(TestPki.KeyType.ECDSA_P256, "client.example");

    static Config requiredServer() {
        return Config.builder().maxBlindingDelay(Duration.ZERO).clientAuth(ClientAuth.REQUIRED)
                .withSystemTrust(false).trustPem(Negative.PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(Negative.LEAF.chainPem(), Negative.LEAF.keyPem()))
                .build();
    }

    /** Hello, the server's five-message flight (with its CertificateRequest), then the compatibility CCS. */
    private static List<byte[]> afterServerFlight(RawPeer p) throws Exception {
        p.sendHandshake(p.clientHello().encodeClientHello());
        p.pump();
        p.readServerHello();
        List<byte[]> flight = p.readServerFlight(5);
        p.sendChangeCipherSpec();
        return flight;
    }

    private static byte[] certificate(byte[] context, List<byte[]> der, Extensions entryExtensions) {
        List<CertificateMessage.CertificateEntry> entries = new ArrayList<>();
        for (byte[] d : der) {
            entries.add(new CertificateMessage.CertificateEntry(d, entryExtensions));
        }
        return new CertificateMessage(context, entries).encode();
    }

    private static List<byte[]> der(TestPki.Issued issued) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (var cert : issued.chain()) {
            out.add(cert.getEncoded());
        }
        return out;
    }

    static Stream<Case> clientFlights() {
        return Stream.of(
            c("client CertificateVerify with one signature bit flipped", Alert.DECRYPT_ERROR, p -> {
                afterServerFlight(p);
                p.sendHandshake(certificate(new byte[0], der(CLIENT), Extensions.empty()));
                byte[] cv = p.certificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.key(), false);
                cv[cv.length - 1] ^= 1;
                p.sendHandshake(cv);
            }),
            c("client CertificateVerify with the server's context string", Alert.DECRYPT_ERROR, p -> {
                afterServerFlight(p);
                p.sendHandshake(certificate(new byte[0], der(CLIENT), Extensions.empty()));
                p.sendHandshake(p.certificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.key(), true));
            }),
            c("client CertificateVerify with a scheme the request did not list (rsa_pkcs1_sha256)", Alert.ILLEGAL_PARAMETER, p -> {
                afterServerFlight(p);
                p.sendHandshake(certificate(new byte[0], der(CLIENT), Extensions.empty()));
                byte[] cv = p.certificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.key(), false);
                cv[4] = 0x04;
                cv[5] = 0x01;
                p.sendHandshake(cv);
            }),
            c("client CertificateVerify whose scheme does not fit the key (secp384r1 for a P-256 key)", Alert.ILLEGAL_PARAMETER, p -> {
                afterServerFlight(p);
                p.sendHandshake(certificate(new byte[0], der(CLIENT), Extensions.empty()));
                byte[] cv = p.certificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.key(), false);
                cv[4] = 0x05;
                cv[5] = 0x03;
                p.sendHandshake(cv);
            }),
            c("client Certificate then Finished, no CertificateVerify", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendHandshake(certificate(new byte[0], der(CLIENT), Extensions.empty()));
                p.sendHandshake(p.clientFinished());
            }),
            c("client Finished without a Certificate", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendHandshake(p.clientFinished());
            }),
            c("client CertificateVerify before its Certificate", Alert.UNEXPECTED_MESSAGE, p -> {
                afterServerFlight(p);
                p.sendHandshake(p.certificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.key(), false));
            }),
            c("client Certificate with a certificate_request_context the request did not have", Alert.ILLEGAL_PARAMETER, p -> {
                afterServerFlight(p);
                p.sendHandshake(certificate(new byte[] {7}, der(CLIENT), Extensions.empty()));
            }),
            c("empty client Certificate to a REQUIRED server", Alert.CERTIFICATE_REQUIRED, p -> {
                afterServerFlight(p);
                p.sendHandshake(certificate(new byte[0], List.of(), Extensions.empty()));
            }),
            c("client CertificateEntry with an extension the request did not name (SCT)", Alert.UNSUPPORTED_EXTENSION, p -> {
                afterServerFlight(p);
                Extensions sct = Extensions.builder().add(ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP, new byte[] {0, 0}).build();
                p.sendHandshake(certificate(new byte[0], der(CLIENT), sct));
            }),
            c("client Certificate whose entry is not DER", Alert.BAD_CERTIFICATE, p -> {
                afterServerFlight(p);
                p.sendHandshake(certificate(new byte[0], List.of(new byte[] {0x30, 0x03, 1, 2, 3}), Extensions.empty()));
            }),
            c("client Certificate from a CA the server does not trust", Alert.UNKNOWN_CA, p -> {
                afterServerFlight(p);
                TestPki.Issued stranger = TestPki.create(TestPki.KeyType.ECDSA_P256, "Stranger CA")
                        .issueWithoutServerAuth(TestPki.KeyType.ECDSA_P256, "client.example");
                p.sendHandshake(certificate(new byte[0], der(stranger), Extensions.empty()));
            }),
            c("client Certificate cut short", Alert.DECODE_ERROR, p -> {
                afterServerFlight(p);
                byte[] m = certificate(new byte[0], der(CLIENT), Extensions.empty());
                p.sendHandshake(truncated(m, m.length - 4 - 10));
            }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientFlights")
    void clientFlight(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingServer(requiredServer())) {
            Negative.expectAlert(peer, c);
        }
    }

    /** A raw client that signs correctly is accepted: the cases above fail for the reason they name. */
    @Test
    void wellFormedClientFlightIsAccepted() throws Exception {
        try (RawPeer p = RawPeer.facingServer(requiredServer())) {
            List<byte[]> flight = afterServerFlight(p);
            p.sendHandshake(certificate(new byte[0], der(CLIENT), Extensions.empty()));
            p.sendHandshake(p.certificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, CLIENT.key(), false));
            p.sendHandshake(p.clientFinished());
            p.pump();
            p.requireNoFailure();
            assertTrue(p.conn.isHandshakeComplete());
            assertTrue(p.conn.isClientCertificateUsed());
            assertEquals(CLIENT.chain(), p.conn.peerCertificates());
            assertEquals("ecdsa_secp256r1_sha256", p.conn.clientSignatureScheme());

            // RFC 8446 §4.3.2: the request's context is empty, its signature_algorithms TLS 1.3 schemes only.
            assertEquals(HandshakeCodes.CERTIFICATE_REQUEST, flight.get(1)[0] & 0xff);
            CertificateRequest cr = CertificateRequest.decode(new Reader(flight.get(1), 4, flight.get(1).length - 4));
            assertArrayEquals(new byte[0], cr.context());
            int[] listed = SignatureAlgorithmsExtension.decode(cr.extensions().get(ExtensionType.SIGNATURE_ALGORITHMS));
            assertTrue(listed.length > 0);
            for (int code : listed) {
                assertTrue(SignatureScheme.of(code).allowedInTls13(), SignatureScheme.of(code).name());
            }
        }
    }

    /** Unless asked to, the request names no CAs; asked, it names the config's roots (RFC 8446 §4.2.4). */
    @Test
    void certificateRequestNamesTheTrustedRootsOnlyWhenAsked() throws Exception {
        for (boolean naming : new boolean[] {false, true}) {
            Config.Builder b = Config.builder().maxBlindingDelay(Duration.ZERO).clientAuth(ClientAuth.OPTIONAL)
                    .withSystemTrust(false).trustPem(Negative.PKI.rootPem())
                    .certificateChainAndKey(CertificateChainAndKey.fromPem(Negative.LEAF.chainPem(), Negative.LEAF.keyPem()));
            if (naming) {
                b.certificateAuthoritiesFromTrustStore();
            }
            try (RawPeer p = RawPeer.facingServer(b.build())) {
                byte[] raw = afterServerFlight(p).get(1);
                CertificateRequest cr = CertificateRequest.decode(new Reader(raw, 4, raw.length - 4));
                byte[] names = cr.extensions().get(ExtensionType.CERTIFICATE_AUTHORITIES);
                if (naming) {
                    List<byte[]> decoded = s2n.tls.internal.handshake.extension.CertificateAuthoritiesExtension.decode(names);
                    assertEquals(1, decoded.size());
                    assertArrayEquals(Negative.PKI.root().getSubjectX500Principal().getEncoded(), decoded.get(0));
                } else {
                    assertEquals(null, names);
                }
            }
        }
    }

    // ------------------------------------------------------------ our client, hostile server

    /** A raw server's hello and EncryptedExtensions, then {@code request} where the CertificateRequest goes. */
    private static void requestAfterEncryptedExtensions(RawPeer p, byte[] request) throws Exception {
        p.pump();
        var hello = p.readClientHello();
        p.sendServerHello(p.serverHello(hello).encodeServerHello(), p.clientShare(hello));
        p.sendHandshake(RawPeer.encryptedExtensions(Extensions.empty()));
        p.sendHandshake(request);
    }

    private static byte[] certificateRequest(byte[] context, Extensions extensions) {
        return new CertificateRequest(context, extensions).encode();
    }

    private static Extensions sigAlgs(SignatureScheme... schemes) {
        int[] codes = new int[schemes.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = schemes[i].code();
        }
        return Extensions.builder().add(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(codes)).build();
    }

    static Stream<Case> certificateRequests() {
        return Stream.of(
            c("CertificateRequest with a certificate_request_context during the handshake", Alert.ILLEGAL_PARAMETER,
                p -> requestAfterEncryptedExtensions(p, certificateRequest(new byte[] {1, 2},
                        sigAlgs(SignatureScheme.ECDSA_SECP256R1_SHA256)))),
            c("CertificateRequest without signature_algorithms", Alert.MISSING_EXTENSION,
                p -> requestAfterEncryptedExtensions(p, certificateRequest(new byte[0],
                        Extensions.builder().add(ExtensionType.SIGNATURE_ALGORITHMS_CERT,
                                SignatureAlgorithmsExtension.encode(new int[] {0x0403})).build()))),
            c("CertificateRequest carrying key_share", Alert.ILLEGAL_PARAMETER, p -> {
                Extensions ext = Extensions.builder()
                        .add(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {0x0403}))
                        .add(ExtensionType.KEY_SHARE, new byte[] {0, 0}).build();
                requestAfterEncryptedExtensions(p, certificateRequest(new byte[0], ext));
            }),
            c("CertificateRequest listing signature_algorithms twice", Alert.ILLEGAL_PARAMETER, p -> {
                Extensions ext = Extensions.builder()
                        .add(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {0x0403}))
                        .add(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {0x0804})).build();
                requestAfterEncryptedExtensions(p, certificateRequest(new byte[0], ext));
            }),
            c("CertificateRequest with an empty signature_algorithms list", Alert.DECODE_ERROR, p -> {
                Extensions ext = Extensions.builder().add(ExtensionType.SIGNATURE_ALGORITHMS, new byte[] {0, 0}).build();
                requestAfterEncryptedExtensions(p, certificateRequest(new byte[0], ext));
            }),
            c("CertificateRequest cut short", Alert.DECODE_ERROR, p -> {
                byte[] m = certificateRequest(new byte[0], sigAlgs(SignatureScheme.ECDSA_SECP256R1_SHA256));
                requestAfterEncryptedExtensions(p, truncated(m, m.length - 4 - 2));
            }),
            c("CertificateRequest with an empty certificate_authorities list", Alert.DECODE_ERROR, p -> {
                Extensions ext = Extensions.builder()
                        .add(ExtensionType.SIGNATURE_ALGORITHMS, SignatureAlgorithmsExtension.encode(new int[] {0x0403}))
                        .add(ExtensionType.CERTIFICATE_AUTHORITIES, new byte[] {0, 0}).build();
                requestAfterEncryptedExtensions(p, certificateRequest(new byte[0], ext));
            }),
            c("two CertificateRequests", Alert.UNEXPECTED_MESSAGE, p -> {
                byte[] m = certificateRequest(new byte[0], sigAlgs(SignatureScheme.ECDSA_SECP256R1_SHA256));
                requestAfterEncryptedExtensions(p, m);
                p.sendHandshake(m);
            }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificateRequests")
    void certificateRequest(Case c) throws Exception {
        try (RawPeer peer = RawPeer.facingClient(Negative.clientConfig())) {
            Negative.expectAlert(peer, c);
        }
    }

    /** A REQUIRED client with a P-256 key, asked for RSA signatures only, cannot comply: handshake_failure. */
    @Test
    void requiredClientAskedForSchemesItCannotSignWith() throws Exception {
        Config client = Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false)
                .trustPem(Negative.PKI.rootPem()).clientAuth(ClientAuth.REQUIRED)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CLIENT.chainPem(), CLIENT.keyPem())).build();
        try (RawPeer peer = RawPeer.facingClient(client)) {
            Negative.expectAlert(peer, c("RSA-only request", Alert.HANDSHAKE_FAILURE, p -> requestAfterEncryptedExtensions(p,
                    certificateRequest(new byte[0], sigAlgs(SignatureScheme.RSA_PSS_RSAE_SHA256)))));
        }
    }

    // ------------------------------------------------------------ TLS 1.2, in the middle

    /**
     * Runs a TLS 1.2 handshake with a REQUIRED server up to the client's second flight, changes
     * the body of its plaintext CertificateVerify with {@code change}, and checks the server's alert.
     */
    private static void tamperTls12CertificateVerify(java.util.function.Consumer<byte[]> change, Alert alert) throws Exception {
        SecurityPolicy tls12 = SecurityPolicy.named("20240501");
        Config server = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(tls12)
                .clientAuth(ClientAuth.REQUIRED).withSystemTrust(false).trustPem(Negative.PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(Negative.LEAF.chainPem(), Negative.LEAF.keyPem()))
                .build();
        Config client = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(tls12).withSystemTrust(false)
                .trustPem(Negative.PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CLIENT.chainPem(), CLIENT.keyPem())).build();
        try (TestPair pair = new TestPair(client, server)) {
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            assertEquals(Blocked.ON_READ, pair.server.negotiate());
            assertEquals(Blocked.ON_READ, pair.client.negotiate());
            byte[] flight = pair.clientToServer.drain();
            assertTrue(changePlaintextMessage(flight, HandshakeCodes.CERTIFICATE_VERIFY, change),
                    "no CertificateVerify in the client's flight");
            pair.clientToServer.inject(flight);
            TlsException e = assertThrows(TlsException.class, pair.server::negotiate);
            assertEquals(TlsException.Type.PROTOCOL, e.type(), e.getMessage());
            assertEquals(alert, e.alert(), e.getMessage());
            TlsException seen = assertThrows(TlsException.class, pair.client::negotiate);
            assertEquals(alert, seen.alert(), seen.getMessage());
        }
    }

    /** Applies {@code change} to the body of the first handshake message of {@code type} in plaintext records. */
    private static boolean changePlaintextMessage(byte[] wire, int type, java.util.function.Consumer<byte[]> change) {
        int at = 0;
        while (at + 5 <= wire.length && (wire[at] & 0xff) == ContentType.HANDSHAKE) {
            int length = ((wire[at + 3] & 0xff) << 8) | (wire[at + 4] & 0xff);
            int m = at + 5;
            while (m + 4 <= at + 5 + length) {
                int bodyLength = ((wire[m + 1] & 0xff) << 16) | ((wire[m + 2] & 0xff) << 8) | (wire[m + 3] & 0xff);
                if ((wire[m] & 0xff) == type) {
                    byte[] body = java.util.Arrays.copyOfRange(wire, m + 4, m + 4 + bodyLength);
                    change.accept(body);
                    System.arraycopy(body, 0, wire, m + 4, bodyLength);
                    return true;
                }
                m += 4 + bodyLength;
            }
            at += 5 + length;
        }
        return false;
    }

    @Test
    void tls12CertificateVerifyWithAFlippedBitIsADecryptError() throws Exception {
        tamperTls12CertificateVerify(body -> body[body.length - 1] ^= 1, Alert.DECRYPT_ERROR);
    }

    @Test
    void tls12CertificateVerifyWithAnUnlistedSchemeIsIllegal() throws Exception {
        // ecdsa_sha1 (0x0203): not in our CertificateRequest.
        tamperTls12CertificateVerify(body -> {
            body[0] = 0x02;
            body[1] = 0x03;
        }, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void tls12CertificateVerifyWithAnRsaSchemeForAnEcKeyIsIllegal() throws Exception {
        tamperTls12CertificateVerify(body -> {
            body[0] = 0x08;
            body[1] = 0x04;
        }, Alert.ILLEGAL_PARAMETER);
    }

    /** The unmodified flight passes the same route: the tampering is what the server refuses. */
    @Test
    void tls12UntamperedFlightCompletes() throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        SecurityPolicy tls12 = SecurityPolicy.named("20240501");
        Config server = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(tls12)
                .clientAuth(ClientAuth.REQUIRED).withSystemTrust(false).trustPem(Negative.PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(Negative.LEAF.chainPem(), Negative.LEAF.keyPem()))
                .build();
        Config client = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(tls12).withSystemTrust(false)
                .trustPem(Negative.PKI.rootPem())
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CLIENT.chainPem(), CLIENT.keyPem())).build();
        try (TestPair pair = new TestPair(client, server)) {
            pair.client.negotiate();
            pair.server.negotiate();
            pair.client.negotiate();
            byte[] flight = pair.clientToServer.drain();
            assertTrue(changePlaintextMessage(flight, HandshakeCodes.CERTIFICATE_VERIFY, seen::writeBytes));
            pair.clientToServer.inject(flight);
            pair.handshake();
            assertTrue(pair.server.isClientCertificateUsed());
            assertTrue(seen.size() > 4);
        }
    }
}
