package s2n.tls.tools;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool, or any program, as a separate process: stdout and stderr drained by threads into
 * strings (so a chatty process never blocks on a full pipe), and {@link #close()} stopping it
 * for sure. Tools run as {@code java -cp <these classes> s2n.tls.tools.Main NAME ...}, on the JDK
 * running the tests.
 */
final class ToolProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("(?m)^listening on .*:(\\d+)$");

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outPump;
    private final Thread errPump;

    private ToolProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).start();
        outPump = pump(process.getInputStream(), out, "stdout");
        errPump = pump(process.getErrorStream(), err, "stderr");
    }

    /** Starts {@code s2nc ARGS} or {@code s2nd ARGS} ({@code program} first). */
    static ToolProcess tool(String program, String... args) throws IOException {
        return tool(List.of(), List.of(), program, args);
    }

    /**
     * Starts {@code s2nc ARGS} or {@code s2nd ARGS} in a JVM with these options (e.g.
     * {@code -Djava.security.properties=FILE}) and these jars after the tools' own classes.
     */
    static ToolProcess tool(List<String> jvmOptions, List<Path> moreClassPath, String program, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived tool: start fast rather than peak
        command.addAll(jvmOptions);
        command.add("-cp");
        List<String> classPath = new ArrayList<>(List.of(classPath()));
        moreClassPath.forEach(p -> classPath.add(p.toString()));
        command.add(String.join(File.pathSeparator, classPath));
        command.add(Main.class.getName());
        command.add(program);
        command.addAll(List.of(args));
        return new ToolProcess(command);
    }

    /** Starts any other program, e.g. curl. */
    static ToolProcess program(String... command) throws IOException {
        return new ToolProcess(List.of(command));
    }

    /** Writes {@code text} to standard input and closes it. */
    void input(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
    }

    /**
     * Waits for s2nd's {@code listening on HOST:PORT} line.
     *
     * @return the port
     * @throws AssertionError if the process exits first or the line does not come in time
     */
    int awaitListening(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(out);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no 'listening on' line within " + millis + " ms; stdout: " + out + "; stderr: " + err);
    }

    /** Waits until stderr contains {@code fragment} or the time is up; returns stderr either way. */
    String awaitErr(String fragment, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (err.indexOf(fragment) < 0 && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(20);
        }
        return err.toString();
    }

    /**
     * Waits for the process to exit, and for its output to be read.
     *
     * @return the exit code
     * @throws AssertionError if it is still running after {@code millis}
     */
    int awaitExit(long millis) throws InterruptedException {
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + millis + " ms; stdout: " + out + "; stderr: " + err);
        }
        outPump.join(millis);
        errPump.join(millis);
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks it to stop as a user would (SIGTERM on Unix). */
    void terminate() {
        process.destroy();
    }

    String out() {
        return out.toString();
    }

    /** Standard error so far, without the tools' policy warning lines. */
    String err() {
        return PolicyWarnings.without(err.toString());
    }

    /** The tools' policy warning lines on standard error (see {@link PolicyWarnings}). */
    String warnings() {
        return PolicyWarnings.in(err.toString());
    }

    /**
     * Stops it and every process it started (a browser's renderers) if they still run (SIGKILL),
     * and waits until it is gone.
     */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, StringBuffer into, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // The process is gone; what it wrote is in the buffer.
            }
        }, "tool-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The tools' classes, the library's and picocli's, wherever the build put them (directories or jars). */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(Main.class, s2n.tls.Connection.class, picocli.CommandLine.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the classes of " + c, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
