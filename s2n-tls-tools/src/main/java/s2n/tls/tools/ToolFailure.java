package s2n.tls.tools;

/**
 * A tool cannot go on, for a reason the user can act on: the message is printed after the tool's
 * name ({@code s2nc: cannot connect to 127.0.0.1:8443: Connection refused}) and the tool exits with
 * {@link #exitCode()}.
 */
final class ToolFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    ToolFailure(String message) {
        this(message, Main.FAILURE);
    }

    ToolFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** {@link Main#FAILURE} for failures of the connection or the files, {@link Main#USAGE} for a wrong command line. */
    int exitCode() {
        return exitCode;
    }
}
