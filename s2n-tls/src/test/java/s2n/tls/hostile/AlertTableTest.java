package s2n.tls.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.hostile.Negative.c;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.TlsException;
import s2n.tls.hostile.Negative.Case;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.testing.RawHello;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.TestPki;

/**
 * #16 item 4: every row of the alert table in {@code docs/security.md} ("Errors and the alerts
 * they send") has at least one case here that draws exactly that alert from a real connection,
 * and the table names no alert without one. The rows the issue singles out get a case in each
 * version and direction where the rule exists: version negotiation and downgrade
 * ({@code protocol_version}, {@code inappropriate_fallback}, RFC 7507 §3), bad points
 * ({@code illegal_parameter}), compression methods ({@code illegal_parameter} in TLS 1.3 by
 * RFC 8446 §4.1.2, {@code decode_error} for an empty list), Finished and CertificateVerify
 * ({@code decrypt_error}) and record overflow ({@code record_overflow}).
 *
 * <p>Most cases are the negative suites' own, picked by name (a renamed case fails here, loudly);
 * the rows no suite covered are written here.
 */
class AlertTableTest {
    /** One table row's evidence: which connection faces the raw peer, and the case it runs. */
    record Row(Alert alert, String where, Supplier<Config> config, boolean ourServer, Case c) {
        @Override
        public String toString() {
            return alert.name() + " (" + where + "): " + c.name();
        }
    }

    private static Row server(String where, Case c) {
        return new Row(c.alert(), where, Negative::serverConfig, true, c);
    }

    private static Row client(String where, Case c) {
        return new Row(c.alert(), where, Negative::clientConfig, false, c);
    }

    private static Row server(String where, Supplier<Config> config, Case c) {
        return new Row(c.alert(), where, config, true, c);
    }

    private static Row client(String where, Supplier<Config> config, Case c) {
        return new Row(c.alert(), where, config, false, c);
    }

    /** The case called {@code name} in {@code suite}. */
    private static Case pick(Stream<Case> suite, String name) {
        List<Case> all = suite.collect(Collectors.toList());
        return all.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                "no case \"" + name + "\" among " + all.stream().map(Case::name).collect(Collectors.toList())));
    }

    static Stream<Row> rows() {
        return Stream.of(
            server("1.3 server", pick(NegativeServerTest.clientHellos(), "ClientHello cut inside cipher_suites")),
            server("1.2 server", pick(NegativeTls12ServerTest.clientFlights(), "ClientKeyExchange with an empty point")),
            client("1.2 client", pick(NegativeTls12ClientTest.firstFlights(), "ServerKeyExchange cut short")),

            server("1.3 server", pick(NegativeServerTest.clientFlights(), "malformed change_cipher_spec (value 2)")),
            server("1.2 server", pick(NegativeTls12ServerTest.clientFlights(), "a second change_cipher_spec before Finished")),
            client("1.3 client", pick(NegativeClientTest.serverFlights(), "Certificate before EncryptedExtensions")),

            // Bad points.
            server("1.3 server", pick(NegativeServerTest.clientHellos(), "ClientHello secp256r1 key share off the curve")),
            server("1.3 server", pick(NegativeServerTest.clientHellos(),
                    "ClientHello x25519 key share of a small-order point (all zero)")),
            server("1.2 server", pick(NegativeTls12ServerTest.clientFlights(), "ClientKeyExchange with a secp256r1 point off the curve")),
            client("1.2 client", pick(NegativeTls12ClientTest.firstFlights(),
                    "ServerKeyExchange with a signed secp256r1 point off the curve")),
            client("1.3 client", pick(NegativeClientTest.serverHellos(), "ServerHello key share of five bytes")),
            // Compression methods.
            server("1.3 server", pick(NegativeServerTest.clientHellos(), "ClientHello offering only DEFLATE compression")),
            server("1.3 server", pick(NegativeServerTest.clientHellos(), "ClientHello with no compression methods")),
            server("1.2 server", c("TLS 1.2 ClientHello offering only DEFLATE compression", Alert.ILLEGAL_PARAMETER, p -> {
                RawHello h = p.tls12().clientHello();
                h.compression = new byte[] {1};
                p.tls12().sendClientHello(h);
            })),
            server("1.2 server", c("TLS 1.2 ClientHello with no compression methods", Alert.DECODE_ERROR, p -> {
                RawHello h = p.tls12().clientHello();
                h.compression = new byte[0];
                p.tls12().sendClientHello(h);
            })),
            client("1.3 client", pick(NegativeClientTest.serverHellos(), "ServerHello selecting compression method 1")),
            client("1.2 client", c("TLS 1.2 ServerHello selecting compression method 1", Alert.ILLEGAL_PARAMETER, p -> {
                p.pump();
                ClientHello hello = p.tls12().readClientHello();
                RawHello sh = p.tls12().serverHello(hello);
                sh.compression = new byte[] {1};
                p.tls12().sendServerHello(sh);
            })),

            client("1.3 client", pick(NegativeClientTest.serverHellos(), "ServerHello with pre_shared_key we did not offer")),
            server("1.3 server", pick(NegativeServerTest.clientHellos(), "ClientHello without key_share")),
            server("1.3 server", pick(NegativeServerTest.clientFlights(), "client Finished with a bad record MAC")),
            server("1.2 server", pick(NegativeTls12ServerTest.clientFlights(), "client Finished with a bad record MAC")),

            // Record overflow.
            server("plaintext, both", pick(NeverWaitTest.beforeClientHello(), "plaintext record header over 2^14 bytes, body not sent")),
            server("1.3 server", pick(NeverWaitTest.duringTls13Handshake(), "protected record header over 2^14 + 256 bytes, body not sent")),
            server("1.2 server", pick(NegativeTls12ServerTest.clientFlights(), "protected record over 2^14 + 2048 bytes where Finished is due")),
            server("1.2 server", afterTls12Handshake(true, pick(NegativeTls12ServerTest.afterTheHandshake(),
                    "application data of 2^14 + 1 bytes that authenticates"))),
            client("1.2 client", afterTls12Handshake(false, pick(NegativeTls12ClientTest.afterTheHandshake(),
                    "protected record over 2^14 + 2048 bytes (to a client)"))),

            // Finished and CertificateVerify.
            server("1.3 server", pick(NegativeServerTest.clientFlights(), "client Finished with wrong verify_data")),
            client("1.3 client", pick(NegativeClientTest.serverFlights(), "server Finished with wrong verify_data")),
            client("1.3 client", pick(NegativeClientTest.serverFlights(), "CertificateVerify that does not verify")),
            server("1.3 server, mutual TLS", NegativeMutualAuthTest::requiredServer,
                    pick(NegativeMutualAuthTest.clientFlights(), "client CertificateVerify with one signature bit flipped")),
            server("1.2 server", pick(NegativeTls12ServerTest.clientFlights(), "client Finished with wrong verify_data")),
            client("1.2 client", pick(NegativeTls12ClientTest.finalFlights(), "server Finished with wrong verify_data")),
            client("1.2 client", pick(NegativeTls12ClientTest.firstFlights(), "ServerKeyExchange whose signature does not verify")),

            // Version negotiation and downgrade.
            server("1.3 server", pick(NegativeServerTest.clientHellos(), "ClientHello for TLS 1.1 (legacy_version 0x0302, no supported_versions)")),
            server("1.3 server", pick(NegativeServerTest.clientHellos(), "ClientHello whose supported_versions lacks TLS 1.3")),
            client("1.3 client", pick(NegativeClientTest.serverHellos(), "ServerHello answering TLS 1.1 (legacy_version 0x0302, no supported_versions)")),
            server("1.3 server", c("TLS 1.2 ClientHello with TLS_FALLBACK_SCSV to a TLS 1.3 server", Alert.INAPPROPRIATE_FALLBACK, p -> {
                RawHello h = p.tls12().clientHello();
                int[] suites = Arrays.copyOf(h.cipherSuites, h.cipherSuites.length + 1);
                suites[suites.length - 1] = CipherSuite.TLS_FALLBACK_SCSV.code();
                h.cipherSuites = suites;
                p.tls12().sendClientHello(h);
            })),
            client("1.3 client", pick(NegativeClientTest.serverHellos(), "ServerHello for TLS 1.2 carrying the downgrade sentinel")),
            client("1.2 client", pick(NegativeTls12ClientTest.serverHellos(), "TLS 1.2 ServerHello carrying the TLS 1.1 downgrade sentinel")),

            server("1.3 server", pick(NegativeServerTest.clientHellos(), "ClientHello with no cipher suite in common")),
            server("1.2 server", pick(NegativeTls12ServerTest.clientHellos(), "TLS 1.2 ClientHello offering only CBC suites")),
            server("1.3 server", AlertTableTest::h2Server, c("ClientHello offering only http/1.1 to an h2 server", Alert.NO_APPLICATION_PROTOCOL, p -> {
                RawHello h = p.clientHello();
                h.set(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, AlpnExtension.encode(List.of("http/1.1")));
                p.sendHandshake(h.encodeClientHello());
            })),

            // Certificates.
            client("1.3 client", pick(NegativeClientTest.serverFlights(), "a certificate from a CA we do not trust")),
            client("1.3 client", c("an expired server certificate", Alert.CERTIFICATE_EXPIRED,
                    p -> serverFlightWith(p, Negative.PKI.issueExpired(TestPki.KeyType.ECDSA_P256, "localhost")))),
            client("1.3 client", c("a server certificate not yet valid", Alert.CERTIFICATE_EXPIRED,
                    p -> serverFlightWith(p, Negative.PKI.issueNotYetValid(TestPki.KeyType.ECDSA_P256, "localhost")))),
            client("1.3 client", pick(NegativeClientTest.serverFlights(), "a certificate that is not DER")),
            client("1.2 client", pick(NegativeTls12ClientTest.firstFlights(), "an RSA certificate for an ECDHE_ECDSA suite")),
            server("1.3 server, mutual TLS", NegativeMutualAuthTest::requiredServer,
                    pick(NegativeMutualAuthTest.clientFlights(), "empty client Certificate to a REQUIRED server")),
            client("1.3 client", AlertTableTest::throwingCallbackClient, c("a CertificateValidationCallback that throws",
                    Alert.INTERNAL_ERROR, p -> serverFlightWith(p, Negative.LEAF))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachRowDrawsItsAlert(Row row) throws Exception {
        try (RawPeer peer = row.ourServer() ? RawPeer.facingServer(row.config().get()) : RawPeer.facingClient(row.config().get())) {
            row.c().script().run(peer);
            peer.pump();
            TlsException failure = peer.failure();
            assertNotNull(failure, row + ": the connection did not fail");
            // internal_error is ours, not the peer's doing: type INTERNAL; every other row is the peer's (PROTOCOL).
            TlsException.Type type = row.alert().equals(Alert.INTERNAL_ERROR) ? TlsException.Type.INTERNAL : TlsException.Type.PROTOCOL;
            assertEquals(type, failure.type(), row + ": " + failure);
            assertEquals(row.alert(), failure.alert(), row + ": " + failure.getMessage());
            assertEquals(row.alert(), peer.alertReceived(), row + ": alert on the wire");
        }
    }

    /** The table and the rows above name the same alerts. */
    @Test
    void everyAlertInTheTableHasARow() throws IOException {
        Set<String> documented = documentedAlerts();
        assertFalse(documented.isEmpty(), "no alert table found in docs/security.md");
        Set<String> covered = rows().map(r -> r.alert().name()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "alerts in docs/security.md's table without a case here: " + missing);
        Set<String> undocumented = new TreeSet<>(covered);
        undocumented.removeAll(documented);
        assertTrue(undocumented.isEmpty(), "alerts drawn here but missing from docs/security.md's table: " + undocumented);
        assertEquals(documented, covered);
    }

    /** The backquoted alert names in the first column of the table under "Errors and the alerts they send". */
    static Set<String> documentedAlerts() throws IOException {
        Path doc = Path.of("..", "docs", "security.md");
        Set<String> names = new TreeSet<>();
        boolean inTable = false;
        Pattern name = Pattern.compile("`([a-z_]+)`");
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("| alert | when")) {
                inTable = true;
                continue;
            }
            if (inTable) {
                if (!line.startsWith("|")) {
                    break;
                }
                String first = line.split("\\|")[1];
                Matcher m = name.matcher(first);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Config h2Server() {
        return Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(Negative.LEAF.chainPem(), Negative.LEAF.keyPem()))
                .applicationProtocols("h2").maxBlindingDelay(Duration.ZERO).build();
    }

    private static Config throwingCallbackClient() {
        return Config.builder().withSystemTrust(false).trustPem(Negative.PKI.rootPem()).maxBlindingDelay(Duration.ZERO)
                .certificateValidationCallback((conn, chain) -> {
                    throw new IllegalStateException("the policy service is down");
                }).build();
    }

    /** {@code c} run after a TLS 1.2 handshake, the raw peer its client ({@code rawClient}) or its server. */
    private static Case afterTls12Handshake(boolean rawClient, Case c) {
        return c(c.name() + ", after the handshake", c.alert(), p -> {
            if (rawClient) {
                p.tls12().completeAsClient();
            } else {
                p.tls12().completeAsServer(Negative.LEAF, SignatureScheme.ECDSA_SECP256R1_SHA256);
            }
            c.script().run(p);
        });
    }

    /** A raw TLS 1.3 server's whole flight, valid in form, presenting {@code server}. */
    private static void serverFlightWith(RawPeer p, TestPki.Issued server) throws Exception {
        p.pump();
        ClientHello hello = p.readClientHello();
        p.sendServerHello(p.serverHello(hello).encodeServerHello(), p.clientShare(hello));
        p.sendServerFlight(server, SignatureScheme.ECDSA_SECP256R1_SHA256);
    }
}
