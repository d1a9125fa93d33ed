package s2n.tls.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;

/**
 * An external TLS peer (openssl, gnutls-cli, curl) run as a child process for one test: its
 * stdout and stderr are captured as they arrive, a test can wait for a line or a port, write to
 * its stdin, and wait for it to exit. Closing it always kills it, so nothing outlives the test.
 *
 * <pre>{@code
 * try (PeerProcess server = PeerProcess.start(dir, "openssl", "s_server", "-accept", "127.0.0.1:0", ...)) {
 *     int port = Integer.parseInt(server.awaitStdout(ACCEPT_LINE).group(1));
 *     server.explain(() -> {
 *         // talk to it; any failure in here carries the peer's output in its message
 *     });
 * }
 * }</pre>
 *
 * <p>Every wait has a timeout and fails with an {@link AssertionError} that quotes the command
 * and everything the process printed, which is usually the only clue to why an interop test
 * failed.
 */
final class PeerProcess implements AutoCloseable {
    /** How long any single wait on a peer may take before the test fails (not a timing assertion: a hang guard). */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Starts {@link #describe()}; a failure message that has it already quotes the peer. */
    private static final String OUTPUT_MARKER = "--- peer: ";
    /** How much of each stream a failure message quotes. */
    private static final int DESCRIBE_LIMIT = 6000;

    private final List<String> command;
    private final Process process;
    private final OutputStream stdin;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private PeerProcess(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdoutPump = pump(process.getInputStream(), stdout, "stdout");
        this.stderrPump = pump(process.getErrorStream(), stderr, "stderr");
    }

    /** Starts {@code command} in {@code directory} (where the test wrote its PEM files). */
    static PeerProcess start(Path directory, String... command) {
        List<String> cmd = List.of(command);
        try {
            Process p = new ProcessBuilder(cmd).directory(directory.toFile()).start();
            return new PeerProcess(cmd, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        }
    }

    private Thread pump(InputStream in, StringBuilder sink, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    // ISO-8859-1 maps every byte to one char, so binary noise cannot break the text.
                    String chunk = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                    synchronized (this) {
                        sink.append(chunk);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process was killed or closed its stream: what was captured so far stays.
            }
            synchronized (this) {
                notifyAll();
            }
        }, "peer-" + command.get(0) + "-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Everything the process wrote to stdout so far. */
    synchronized String stdout() {
        return stdout.toString();
    }

    /** Everything the process wrote to stderr so far. */
    synchronized String stderr() {
        return stderr.toString();
    }

    /** Waits until stdout matches {@code pattern} (searched, not matched whole) and returns the match. */
    Matcher awaitStdout(Pattern pattern) {
        return await(pattern, stdout, "stdout", "/" + pattern + "/");
    }

    /** Waits until stderr matches {@code pattern} and returns the match. */
    Matcher awaitStderr(Pattern pattern) {
        return await(pattern, stderr, "stderr", "/" + pattern + "/");
    }

    /** Waits until stdout contains {@code text}. */
    void awaitStdout(String text) {
        await(Pattern.compile(Pattern.quote(text)), stdout, "stdout", abbreviate(text, 200));
    }

    private Matcher await(Pattern pattern, StringBuilder stream, String name, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (this) {
            while (true) {
                Matcher m = pattern.matcher(stream);
                if (m.find()) {
                    return m;
                }
                long left = deadline - System.nanoTime();
                boolean pumpDone = name.equals("stdout") ? !stdoutPump.isAlive() : !stderrPump.isAlive();
                if (left <= 0 || pumpDone) {
                    throw new AssertionError("peer's " + name + " never showed " + what
                            + (pumpDone ? " (the stream ended)" : " within " + TIMEOUT.toSeconds() + " s") + "\n"
                            + describe());
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the peer\n" + describe(), e);
                }
            }
        }
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:{@code port} (for peers that print no ready line). */
    void awaitPort(int port) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("nothing accepts on 127.0.0.1:" + port + ": " + e + "\n" + describe());
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for port " + port, e);
            }
        }
    }

    /** Writes {@code text} (ASCII) to the process's stdin and flushes it. */
    void write(String text) {
        try {
            stdin.write(text.getBytes(StandardCharsets.ISO_8859_1));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot write to the peer's stdin: " + e + "\n" + describe(), e);
        }
    }

    /** Closes stdin: openssl s_client and s_server treat end of input as "quit". */
    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already gone: the process exited, which is what closing stdin asks for anyway.
        }
    }

    /** Waits for the process to exit and returns its exit code; fails if it is still running after {@link #TIMEOUT}. */
    int awaitExit() {
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("peer did not exit within " + TIMEOUT.toSeconds() + " s\n" + describe());
            }
            // Let the pumps drain the last output, so assertions see all of it.
            stdoutPump.join(TIMEOUT.toMillis());
            stderrPump.join(TIMEOUT.toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the peer to exit", e);
        }
    }

    /** The command and everything it printed, for failure messages. */
    String describe() {
        synchronized (this) {
            return OUTPUT_MARKER + String.join(" ", command)
                    + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
                    + "\n--- stdout:\n" + abbreviate(stdout, DESCRIBE_LIMIT)
                    + "\n--- stderr:\n" + abbreviate(stderr, DESCRIBE_LIMIT) + "\n--- end of peer output";
        }
    }

    /** Long output (40 KB payloads) keeps its head and tail: where a conversation starts and where it stopped. */
    private static String abbreviate(CharSequence text, int limit) {
        if (text.length() <= limit) {
            return text.toString();
        }
        int half = limit / 2;
        return text.subSequence(0, half) + "\n[... " + (text.length() - 2 * half) + " characters ...]\n"
                + text.subSequence(text.length() - half, text.length());
    }

    /** Something a test does while the peer runs. */
    interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step}; if it fails, fails with the peer's output added to the message (our side's
     * exception stays the cause). Skips (assumption failures) pass through untouched.
     */
    void explain(Step step) {
        try {
            step.run();
        } catch (TestAbortedException e) {
            throw e;
        } catch (AssertionError e) {
            if (e.getMessage() != null && e.getMessage().contains(OUTPUT_MARKER)) {
                throw e; // a wait on this peer failed and already quoted its output
            }
            throw new AssertionError(e + "\n" + describe(), e);
        } catch (Exception e) {
            throw new AssertionError(e + "\n" + describe(), e);
        }
    }

    /** Whether the process is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process (if it is still running) and waits for it to go, so no peer outlives its test. */
    @Override
    public void close() {
        closeStdin();
        process.destroyForcibly();
        try {
            process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
