package s2n.tls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.ProtocolVersion;
import s2n.tls.TlsException;
import s2n.tls.testing.MemoryPipe;

/**
 * The recorded flights in the seed corpus still replay a whole handshake, TLS 1.3 and TLS 1.2, on
 * both connection targets. If the fixtures or the handshake change, they stop doing so and the
 * fuzzer silently loses depth: this test says when to run {@link SeedCorpus} again.
 */
class SeedCorpusReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"handshake", "handshake-data-close", "handshake-in-7-byte-chunks",
        "tls12-handshake", "tls12-handshake-data-close", "tls12-handshake-in-7-byte-chunks"})
    void recordedClientFlightsCompleteTheServersHandshake(String seed) throws IOException {
        MemoryPipe in = new MemoryPipe();
        try (Connection server = FuzzFixtures.connection(Mode.SERVER, in, new MemoryPipe())) {
            FuzzFixtures.assertPeerCaused(FuzzFixtures.feed(server, in, read("ConnectionFuzzTestInputs/serverFedClientFlight/" + seed)));
            assertTrue(server.isHandshakeComplete(), "seed " + seed + " no longer completes the handshake: run SeedCorpus");
            assertEquals(versionOf(seed), server.actualProtocolVersion(), seed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"handshake", "handshake-data-close", "handshake-in-5-byte-chunks",
        "tls12-handshake", "tls12-handshake-data-close", "tls12-handshake-in-5-byte-chunks"})
    void recordedServerFlightsCompleteTheClientsHandshake(String seed) throws IOException, TlsException {
        MemoryPipe in = new MemoryPipe();
        try (Connection client = FuzzFixtures.connection(Mode.CLIENT, in, new MemoryPipe())) {
            client.negotiate();
            FuzzFixtures.assertPeerCaused(FuzzFixtures.feed(client, in, read("ConnectionFuzzTestInputs/clientFedServerFlight/" + seed)));
            assertTrue(client.isHandshakeComplete(), "seed " + seed + " no longer completes the handshake: run SeedCorpus");
            assertEquals(versionOf(seed), client.actualProtocolVersion(), seed);
        }
    }

    /** The {@code tls12-} seeds were recorded with a TLS 1.2-only peer; the others negotiated TLS 1.3. */
    private static ProtocolVersion versionOf(String seed) {
        return seed.startsWith("tls12-") ? ProtocolVersion.TLS12 : ProtocolVersion.TLS13;
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = SeedCorpusReplayTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
