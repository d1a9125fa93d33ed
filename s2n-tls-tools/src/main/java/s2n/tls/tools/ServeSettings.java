package s2n.tls.tools;

import java.io.PrintStream;
import s2n.tls.Config;

/**
 * What every connection of one {@code s2nd} run shares: the config, what to do with data, the
 * connection limit, and where to report.
 *
 * @param config the server config (policy, certificate, ALPN)
 * @param www answer an HTTP request with a page ({@link WwwPage}) instead of echoing
 * @param corkedIo cork handshake flights ({@code Connection.useCorkedIo()})
 * @param maxConnections stop after accepting this many connections; 0 for no limit
 * @param out where connection info goes (standard output)
 * @param err where failures go (standard error)
 */
record ServeSettings(Config config, boolean www, boolean corkedIo, int maxConnections, PrintStream out,
        PrintStream err) {

    /** Prints one connection's info block whole, so concurrent connections never interleave lines. */
    void printConnectionInfo(String block) {
        synchronized (out) {
            out.print(block);
            out.flush();
        }
    }

    /** Reports a connection that failed; the server goes on with the others. */
    void reportFailure(String peer, Exception e) {
        String reason = e instanceof java.io.IOException ? e.getMessage() : "internal error: " + e;
        synchronized (err) {
            err.println("s2nd: connection from " + peer + " failed: " + reason);
            err.flush();
        }
    }

    /** Whether {@code accepted} connections reach the limit. */
    boolean limitReached(int accepted) {
        return maxConnections > 0 && accepted >= maxConnections;
    }
}
