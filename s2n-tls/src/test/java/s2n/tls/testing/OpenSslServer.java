package s2n.tls.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code openssl s_server -www} (or, {@link #printing}, without it) on 127.0.0.1 with a
 * kernel-chosen port, for one test; closing it
 * kills it. A missing openssl skips the test, or fails it when {@code S2N_REQUIRE_PEERS=1}, as the
 * core's interop tests do.
 */
public final class OpenSslServer implements AutoCloseable {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");
    private static final long TIMEOUT_SECONDS = 20;

    public final int port;
    private final Process process;
    private final StringBuilder output = new StringBuilder();

    /** "OpenSSL 3.0.19", or null when openssl cannot be run. */
    public static final String VERSION = probe();

    private static String probe() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.startsWith("OpenSSL")
                    ? out.split("\\s+")[0] + " " + out.split("\\s+")[1] : null;
        } catch (IOException | InterruptedException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    public static void require() {
        if (VERSION != null) {
            return;
        }
        String reason = "interop peer openssl unavailable";
        if ("1".equals(System.getenv("S2N_REQUIRE_PEERS"))) {
            Assertions.fail(reason + "; S2N_REQUIRE_PEERS=1 requires every peer (apt-get install openssl)");
        }
        Assumptions.abort(reason + " (set S2N_REQUIRE_PEERS=1 to make this a failure)");
    }

    public OpenSslServer(Path dir, TestCerts.Leaf leaf, String... extra) throws Exception {
        this(true, dir, leaf, extra);
    }

    /**
     * {@code openssl s_server} without {@code -www}: it prints what each client sends (early data
     * under "Early data received:") to {@link #output()} and serves one client after another.
     */
    public static OpenSslServer printing(Path dir, TestCerts.Leaf leaf, String... extra) throws Exception {
        return new OpenSslServer(false, dir, leaf, extra);
    }

    private OpenSslServer(boolean www, Path dir, TestCerts.Leaf leaf, String... extra) throws Exception {
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        Files.writeString(cert, TestCerts.pem(leaf.chain()));
        Files.writeString(key, TestCerts.pem(leaf.key()));
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", cert.toString(), "-key", key.toString()));
        if (www) {
            cmd.add("-www");
        }
        cmd.addAll(List.of(extra));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // killed: what was read stays in output
            }
        }, "openssl-s_server-output");
        pump.setDaemon(true);
        pump.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        Integer found = null;
        while (found == null && System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                Matcher m = ACCEPT.matcher(line);
                if (m.find()) {
                    found = Integer.parseInt(m.group(1));
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        if (found == null) {
            close();
            throw new AssertionError("openssl s_server did not start: " + String.join(" ", cmd) + "\n" + output());
        }
        port = found;
    }

    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
