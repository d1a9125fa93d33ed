package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import s2n.tls.internal.jfr.RecordStatisticsEvent;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/**
 * #13 item 7: the {@code s2n.tls.Handshake} JFR event for each handshake, completed or failed,
 * and the periodic {@code s2n.tls.RecordStatistics}; neither records anything unless a recording
 * runs, and no event carries a secret.
 */
class JfrEventsTest {
    private static final TestPki.Issued CERT = Tls12HandshakeTest.cert(TestPki.KeyType.ECDSA_P256);

    @TempDir
    Path tmp;

    private static Config server() {
        return Config.builder().maxBlindingDelay(Duration.ZERO)
                .certificateChainAndKey(CertificateChainAndKey.fromPem(CERT.chainPem(), CERT.keyPem())).build();
    }

    private static Config client() {
        return Tls12HandshakeTest.client(SecurityPolicy.named("default"), TestPki.KeyType.ECDSA_P256);
    }

    private List<RecordedEvent> record(String event, ThrowingRunnable work) throws Exception {
        Path file = tmp.resolve(event + ".jfr");
        try (Recording r = new Recording()) {
            r.enable(event).withPeriod(Duration.ofMillis(50));
            r.start();
            work.run();
            if (event.equals("s2n.tls.RecordStatistics")) {
                Thread.sleep(300); // a few periods
            }
            r.stop();
            r.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(event)).collect(Collectors.toList());
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aCompletedHandshakeIsOneEventPerSide() throws Exception {
        List<RecordedEvent> events = record("s2n.tls.Handshake", () -> {
            try (TestPair pair = new TestPair(client(), server())) {
                pair.handshake();
            }
        });
        assertEquals(2, events.size(), events.toString());
        for (RecordedEvent e : events) {
            assertEquals("TLSv1.3", e.getString("protocolVersion"));
            assertTrue(e.getString("cipherSuite").startsWith("TLS_"), e.toString());
            assertEquals("NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT", e.getString("handshakeType"));
            assertEquals(false, e.getBoolean("resumed"));
            assertEquals("localhost", e.getString("serverName"));
            assertNull(e.getString("failureAlert"));
            assertTrue(e.getDuration().toNanos() > 0);
        }
        assertEquals(List.of("CLIENT", "SERVER"), events.stream().map(e -> e.getString("mode")).sorted().toList());
    }

    @Test
    void aFailedHandshakeCarriesItsAlert() throws Exception {
        Config untrusting = Config.builder().maxBlindingDelay(Duration.ZERO).withSystemTrust(false)
                .trustPem(TestPki.shared(TestPki.KeyType.RSA_2048).rootPem()).build();
        List<RecordedEvent> events = record("s2n.tls.Handshake", () -> {
            try (TestPair pair = new TestPair(untrusting, server())) {
                assertThrows(TlsException.class, pair::handshake);
            }
        });
        RecordedEvent client = events.stream().filter(e -> e.getString("mode").equals("CLIENT")).findFirst().orElseThrow();
        assertEquals("unknown_ca", client.getString("failureAlert"), client.toString());
        assertTrue(client.getString("failure").contains("unknown_ca"), client.toString());
        assertNull(client.getString("handshakeType"));
    }

    @Test
    void recordsAreCountedWhileARecordingRuns() throws Exception {
        List<RecordedEvent> events = record("s2n.tls.RecordStatistics", () -> {
            assertTrue(RecordStatisticsEvent.counting(), "a recording runs");
            try (TestPair pair = new TestPair(client(), server())) {
                pair.handshake();
                TestPair.transfer(pair.client, pair.server, new byte[40_000]);
            }
        });
        long sealed = events.stream().mapToLong(e -> e.getLong("recordsSealed")).sum();
        long bytes = events.stream().mapToLong(e -> e.getLong("bytesSealed")).sum();
        long opened = events.stream().mapToLong(e -> e.getLong("recordsOpened")).sum();
        assertTrue(sealed >= 3, "3 records of application data at least: " + sealed);
        assertTrue(bytes >= 40_000, "bytes sealed: " + bytes);
        assertTrue(opened >= 3, "opened: " + opened);
    }

    @Test
    void nothingIsCountedWithoutARecording() throws Exception {
        // Other tests' recordings have stopped by now (JUnit runs these one at a time).
        try (TestPair pair = new TestPair(client(), server())) {
            pair.handshake();
        }
        assertEquals(false, RecordStatisticsEvent.counting());
    }
}
