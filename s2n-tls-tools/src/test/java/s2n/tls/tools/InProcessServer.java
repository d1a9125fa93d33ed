package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/**
 * An {@code s2nd} running in this JVM on 127.0.0.1 and a free port, parsed from the same command
 * line a user would type, serving on a thread of its own; {@link #close()} stops it. Its stdout and
 * stderr are captured.
 */
final class InProcessServer implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Server server;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final int port;
    private final Path certificate;

    private InProcessServer(Path directory, String... options) throws Exception {
        certificate = directory.resolve("server-" + System.nanoTime() + ".pem");
        List<String> args = new ArrayList<>(Arrays.asList(options));
        args.add("--write-cert");
        args.add(certificate.toString());
        args.add("127.0.0.1");
        args.add("0");
        S2nd command = new S2nd(new Main.StandardStreams(null, printStream(out), printStream(err)));
        new CommandLine(command).parseArgs(args.toArray(new String[0]));
        server = command.start();
        port = server.address().getPort();
        thread = new Thread(() -> {
            try {
                server.serve();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-s2nd");
        thread.start();
    }

    /**
     * Starts {@code s2nd OPTIONS --write-cert DIR/server-N.pem 127.0.0.1 0}.
     *
     * @param directory where the certificate file goes (a test's temporary directory)
     */
    static InProcessServer start(Path directory, String... options) throws Exception {
        return new InProcessServer(directory, options);
    }

    int port() {
        return port;
    }

    /** The PEM file with the certificate chain the server presents (its --write-cert). */
    Path certificate() {
        return certificate;
    }

    /** What it printed to stdout so far (ByteArrayOutputStream is synchronized: safe while serving). */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What it printed to stderr so far, without the policy warning lines. */
    String err() {
        return PolicyWarnings.without(err.toString(StandardCharsets.UTF_8));
    }

    /** The policy warning lines it printed to stderr (see {@link PolicyWarnings}). */
    String warnings() {
        return PolicyWarnings.in(err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Waits until stderr contains {@code fragment}: a session reports its failure on its own
     * schedule, after the client has already seen the handshake fail.
     *
     * @return stderr
     */
    String awaitErr(String fragment, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!err().contains(fragment) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return err();
    }

    /** Waits for {@link Server#serve()} to return by itself (the connection limit) and rethrows its failure. */
    void awaitEnd(long millis) throws InterruptedException {
        thread.join(millis);
        assertFalse(thread.isAlive(), "s2nd is still serving after " + millis + " ms");
        rethrow();
    }

    boolean isServing() {
        return thread.isAlive();
    }

    /** Stops the server and waits for it; fails if it does not stop or failed while serving. */
    void stop() {
        try {
            server.close();
            thread.join(10_000);
        } catch (IOException e) {
            throw new AssertionError("closing s2nd failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping s2nd", e);
        }
        assertFalse(thread.isAlive(), "s2nd did not stop within 10 s of close()");
        rethrow();
    }

    @Override
    public void close() {
        stop();
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("s2nd failed while serving: " + t, t);
        }
    }

    private static PrintStream printStream(ByteArrayOutputStream sink) {
        // PrintStream locks itself on each call, ByteArrayOutputStream too: safe from server threads.
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
