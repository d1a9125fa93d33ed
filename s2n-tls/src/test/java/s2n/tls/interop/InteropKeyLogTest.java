package s2n.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.ProtocolVersion;
import s2n.tls.SecurityPolicy;
import s2n.tls.testing.TestPki;

/**
 * The key log (s2n's key-log callback, NSS format) checked against OpenSSL's own
 * {@code -keylogfile} for the same connection, both directions, TLS 1.3 and 1.2: every line we
 * log is one OpenSSL logged, and we log every traffic secret a capture needs (TLS 1.3: both
 * handshake and both first application traffic secrets; TLS 1.2: CLIENT_RANDOM with the master
 * secret). OpenSSL also logs EXPORTER_SECRET, which decrypts nothing.
 */
@Timeout(60)
@DisplayNameGeneration(Peer.OpenSslNames.class)
class InteropKeyLogTest {
    private static final Set<String> TLS13_LABELS = Set.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0");

    @TempDir
    Path dir;

    @BeforeEach
    void requireOpenSsl() {
        Peer.OPENSSL.require();
    }

    @ParameterizedTest(name = "{displayName} {0}")
    @EnumSource(value = ProtocolVersion.class, names = {"TLS12", "TLS13"})
    void ourClientLogsWhatOpenSslServerLogs(ProtocolVersion version) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        PemFiles.Identity identity = PemFiles.write(dir, "server", pki.issue(TestPki.KeyType.ECDSA_P256, "localhost"));
        Path openSslLog = dir.resolve("openssl-keys.log");
        List<String> ours = new CopyOnWriteArrayList<>();
        Config config = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(SecurityPolicy.named("default"))
                .withSystemTrust(false).trustPem(pki.rootPem()).keyLogCallback((conn, line) -> ours.add(line)).build();
        try (OpenSsl.Server server = OpenSsl.server(dir, versions(version), identity, "-keylogfile", openSslLog.toString());
             OurClient client = OurClient.connect(server.port(), config, "localhost")) {
            server.process().explain(() -> {
                Connection conn = client.handshake();
                assertEquals(version, conn.actualProtocolVersion());
                InteropOpenSslTest.exchangeWithServer(server.process(), conn);
                InteropOpenSslTest.closeWithServer(server.process(), client);
                assertSameSecrets(version, ours, openSslLog);
            });
        }
    }

    @ParameterizedTest(name = "{displayName} {0}")
    @EnumSource(value = ProtocolVersion.class, names = {"TLS12", "TLS13"})
    void ourServerLogsWhatOpenSslClientLogs(ProtocolVersion version) throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        String root = PemFiles.writeRoot(dir, "root", pki);
        Path openSslLog = dir.resolve("openssl-keys.log");
        List<String> ours = new CopyOnWriteArrayList<>();
        Config config = Config.builder().maxBlindingDelay(Duration.ZERO).securityPolicy(SecurityPolicy.named("default"))
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem()))
                .keyLogCallback((conn, line) -> ours.add(line)).build();
        try (OurServer server = OurServer.start(config, Conversation.OUR_SERVER);
             PeerProcess client = OpenSsl.client(dir, versions(version), server.port(), root, "-servername", "localhost",
                     "-keylogfile", openSslLog.toString())) {
            client.explain(() -> {
                Conversation.openSslClient(client);
                assertEquals(version, server.awaitConnection().actualProtocolVersion());
                assertSameSecrets(version, ours, openSslLog);
            });
        }
    }

    private static OpenSsl.Versions versions(ProtocolVersion version) {
        return version == ProtocolVersion.TLS13 ? OpenSsl.Versions.TLS13_ONLY : OpenSsl.Versions.TLS12_ONLY;
    }

    private static void assertSameSecrets(ProtocolVersion version, List<String> ours, Path openSslLog) throws Exception {
        Set<String> theirs = Files.readAllLines(openSslLog).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> labels = ours.stream().map(l -> l.substring(0, l.indexOf(' '))).collect(Collectors.toSet());
        assertEquals(version == ProtocolVersion.TLS13 ? TLS13_LABELS : Set.of("CLIENT_RANDOM"), labels, "labels we logged");
        assertEquals(labels.size(), ours.size(), "one line per secret: " + ours);
        for (String line : ours) {
            assertTrue(theirs.contains(line), "OpenSSL's key log has our line " + line.substring(0, line.indexOf(' '))
                    + "; OpenSSL logged labels " + theirs.stream().map(l -> l.substring(0, l.indexOf(' '))).toList());
        }
    }
}
