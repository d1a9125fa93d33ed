package s2n.tls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.TlsException;
import s2n.tls.testing.MemoryPipe;

/**
 * A real server fed arbitrary client flights and a real client fed arbitrary server flights. The
 * oracle: nothing but a {@link TlsException} comes out of the public API (no unchecked exception,
 * no hang, no unbounded memory), never an internal error, and the first failure is sticky. Randomness is deterministic
 * ({@link FuzzFixtures}), so the recorded flights in the seed corpus replay a full handshake and
 * the fuzzer mutates from inside it.
 */
class ConnectionFuzzTest {

    /** Input: chunk size, then what a client sends (ClientHello, change_cipher_spec, Finished, data...). */
    @FuzzTest
    void serverFedClientFlight(byte[] input) {
        MemoryPipe in = new MemoryPipe();
        try (Connection server = FuzzFixtures.connection(Mode.SERVER, in, new MemoryPipe())) {
            FuzzFixtures.assertPeerCaused(FuzzFixtures.feed(server, in, input));
        }
    }

    /** Input: chunk size, then what a server sends after our ClientHello. */
    @FuzzTest
    void clientFedServerFlight(byte[] input) throws TlsException {
        MemoryPipe in = new MemoryPipe();
        try (Connection client = FuzzFixtures.connection(Mode.CLIENT, in, new MemoryPipe())) {
            client.negotiate();
            FuzzFixtures.assertPeerCaused(FuzzFixtures.feed(client, in, input));
        }
    }
}
