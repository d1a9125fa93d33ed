package s2n.tls.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.TestPolicies;
import s2n.tls.TlsException;
import s2n.tls.testing.MemoryPipe;

/**
 * What the connection fuzz targets share: configs whose randomness restarts from the same seed for
 * every input (so a recorded flight in the seed corpus replays exactly and the fuzzer can mutate
 * deep into the handshake), a fixed server certificate committed beside the corpus, and the
 * driver that feeds input to a connection in chunks.
 */
final class FuzzFixtures {
    /** One deterministic stream for the client's config and one for the server's. */
    static final DeterministicRandom CLIENT_RANDOM = new DeterministicRandom("client");
    static final DeterministicRandom SERVER_RANDOM = new DeterministicRandom("server");

    /** Without the hybrids, so that the recorded seeds replay on every runtime, with ML-KEM or without. */
    static final Config CLIENT = Config.builder()
            .securityPolicy(TestPolicies.withoutPostQuantum())
            .disableX509Verification()
            .secureRandom(CLIENT_RANDOM)
            .maxBlindingDelay(Duration.ZERO)
            .build();

    static final Config SERVER = Config.builder()
            .certificateChainAndKey(CertificateChainAndKey.fromPem(resource("fuzz-server-chain.pem"), resource("fuzz-server-key.pem")))
            .secureRandom(SERVER_RANDOM)
            .maxBlindingDelay(Duration.ZERO)
            .build();

    /**
     * TLS 1.2-only twins of {@link #CLIENT} and {@link #SERVER} (s2n's TLS 1.2 policy), on the same
     * random streams: {@link SeedCorpus} records a TLS 1.2 handshake of each real target with them
     * (a TLS 1.2 client's flights for {@link #SERVER}, a TLS 1.2 server's for {@link #CLIENT}).
     */
    static final Config CLIENT12 = Config.builder()
            .securityPolicy("20240501")
            .disableX509Verification()
            .secureRandom(CLIENT_RANDOM)
            .maxBlindingDelay(Duration.ZERO)
            .build();

    static final Config SERVER12 = Config.builder()
            .securityPolicy("20240501")
            .certificateChainAndKey(CertificateChainAndKey.fromPem(resource("fuzz-server-chain.pem"), resource("fuzz-server-key.pem")))
            .secureRandom(SERVER_RANDOM)
            .maxBlindingDelay(Duration.ZERO)
            .build();

    private FuzzFixtures() {}

    /** A connection wired to fresh pipes, with its config's randomness restarted. */
    static Connection connection(Mode mode, MemoryPipe in, MemoryPipe out) {
        return connection(mode, mode == Mode.CLIENT ? CLIENT : SERVER, in, out);
    }

    /** A connection with {@code config} (one of the configs here) wired to fresh pipes, its mode's randomness restarted. */
    static Connection connection(Mode mode, Config config, MemoryPipe in, MemoryPipe out) {
        (mode == Mode.CLIENT ? CLIENT_RANDOM : SERVER_RANDOM).restart();
        Connection c = new Connection(mode);
        c.setConfig(config);
        if (mode == Mode.CLIENT) {
            c.setServerName("localhost");
        }
        c.setRecvCallback(MemoryPipe.RECV).setRecvContext(in);
        c.setSendCallback(MemoryPipe.SEND).setSendContext(out);
        return c;
    }

    /**
     * Feeds {@code input[1..]} to {@code conn} in chunks of {@code input[0]} bytes (0: all at once),
     * driving negotiate and then recv after each chunk. Only a {@link TlsException} may come out,
     * and once one has, every later call must raise the same one (sticky errors).
     *
     * @return the connection's failure, or null if it took everything
     */
    static TlsException feed(Connection conn, MemoryPipe in, byte[] input) {
        int chunk = input.length == 0 || input[0] == 0 ? Integer.MAX_VALUE : input[0] & 0xff;
        ByteBuffer dst = ByteBuffer.allocate(1 << 14);
        TlsException failure = null;
        int at = Math.min(1, input.length);
        while (at < input.length && failure == null) {
            int end = (int) Math.min(input.length, (long) at + chunk);
            in.inject(Arrays.copyOfRange(input, at, end));
            at = end;
            try {
                conn.negotiate();
                if (conn.isHandshakeComplete()) {
                    while (conn.recv(dst.clear()) > 0) {
                        // drain
                    }
                }
            } catch (TlsException e) {
                failure = e;
            }
        }
        if (failure != null) {
            try {
                conn.negotiate();
                throw new AssertionError("negotiate() after a failure did not raise it again");
            } catch (TlsException again) {
                if (again != failure) {
                    throw new AssertionError("a different failure after the first: " + again, failure);
                }
            }
        }
        return failure;
    }

    /**
     * The fuzz oracle on how a connection ended: it took everything (null), or the peer's bytes
     * made it fail with the alert the RFC names, or the peer's own alert ended it. An internal
     * error is our own fault: an unchecked exception the connection caught, or a JCA provider
     * refusing what we should have refused first.
     */
    static void assertPeerCaused(TlsException failure) {
        if (failure != null && failure.type() == TlsException.Type.INTERNAL) {
            throw new AssertionError("peer bytes caused an internal error: " + failure.getMessage(), failure);
        }
    }

    static String resource(String name) {
        try (InputStream in = FuzzFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A SecureRandom that is not random: SHA-256 over a label and a counter, restartable. Only
     * for fuzzing, where the same input must drive the same handshake every time.
     */
    static final class DeterministicRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] label;
        private long counter;
        private final byte[] block = new byte[32];
        private int used = 32;

        DeterministicRandom(String label) {
            this.label = label.getBytes(StandardCharsets.US_ASCII);
        }

        synchronized void restart() {
            counter = 0;
            used = block.length;
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (used == block.length) {
                    refill();
                }
                bytes[i] = block[used++];
            }
        }

        private void refill() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(label);
                sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
                System.arraycopy(sha.digest(), 0, block, 0, block.length);
                used = 0;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void setSeed(long seed) {
            // Ignored: the stream depends only on the label and restart().
        }

        @Override
        public byte[] generateSeed(int numBytes) {
            byte[] b = new byte[numBytes];
            nextBytes(b);
            return b;
        }
    }
}
