package s2n.tls.tools;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The entry point of the tools jar: the first argument names the program ({@code s2nc} or
 * {@code s2nd}), the rest are that program's own.
 *
 * <pre>{@code
 * java -jar s2n-tls-tools.jar s2nd --write-cert server.pem 8443
 * java -jar s2n-tls-tools.jar s2nc --ca-file server.pem --name localhost 127.0.0.1 8443
 * }</pre>
 *
 * <p>Exit codes: 0 success, 1 a connection, handshake or file failed (the reason is on stderr),
 * 2 the command line was wrong (the reason and the usage are on stderr).
 */
public final class Main {
    /** The exit code for a failure the user can act on: connection, handshake, file. */
    static final int FAILURE = 1;
    /** The exit code for a command line that does not parse or does not make sense. */
    static final int USAGE = CommandLine.ExitCode.USAGE;

    private Main() {}

    /** Runs a tool with the process's standard streams and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(System.in, System.out, System.err, args));
    }

    /**
     * Runs a tool with the given streams and returns its exit code; {@link #main} uses it, and so
     * do tests that drive the tools in process. A server ({@code s2nd}) returns only when it stops.
     */
    public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        StandardStreams streams = new StandardStreams(in, out, err);
        String program = args.length > 0 ? args[0] : "";
        Object command;
        if (program.equals("s2nc")) {
            command = new S2nc(streams);
        } else if (program.equals("s2nd")) {
            command = new S2nd(streams);
        } else {
            err.println("usage: s2nc [options] host [port]   (the client; s2nc --help for its options)");
            err.println("       s2nd [options] [host] port   (the server; s2nd --help for its options)");
            err.println(program.isEmpty() ? "name a program: s2nc or s2nd" : "no program named '" + program + "'");
            err.flush();
            return USAGE;
        }
        CommandLine commandLine = new CommandLine(command)
                .setOut(writer(out))
                .setErr(writer(err))
                .setParameterExceptionHandler((e, rest) -> {
                    // The reason alone, like other Unix tools; the full usage would bury it.
                    err.println(program + ": " + e.getMessage());
                    err.println("Try '" + program + " --help' for the options.");
                    return USAGE;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // Anything a tool did not turn into a message itself is a bug: say so, with the trace.
                    err.println(cmd.getCommandName() + ": internal error: " + e);
                    e.printStackTrace(err);
                    return FAILURE;
                });
        int code = commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
        out.flush();
        err.flush();
        return code;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, Charset.defaultCharset()), true);
    }

    /** The streams a tool reads and writes: the process's own, or a test's. */
    record StandardStreams(InputStream in, PrintStream out, PrintStream err) {}
}
