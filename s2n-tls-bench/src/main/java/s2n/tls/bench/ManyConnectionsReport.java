package s2n.tls.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders the {@link ManyConnectionsMain} results of a run ({@code many.tsv}, one line each) as the
 * "many idle connections" section of {@code docs/performance.md}, and splices it in place of the
 * old one (between its markers; before the memory section if the report has none yet).
 *
 * <pre>
 * java -cp benchmarks.jar s2n.tls.bench.ManyConnectionsReport bench-results docs/performance.md
 * </pre>
 */
public final class ManyConnectionsReport {
    static final String BEGIN = "<!-- many connections: begin (ManyConnectionsReport; run.sh --many rewrites this part alone) -->";
    static final String END = "<!-- many connections: end -->";
    /** Issue #15's goal: 100,000 idle connections in less than this much server heap. */
    static final long GOAL_BYTES = 1L << 30;
    static final int GOAL_CONNECTIONS = 100_000;

    private ManyConnectionsReport() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path report = Path.of(args[1]);
        List<ManyConnectionsMain.Result> results = read(dir.resolve("many.tsv"));
        String section = render(results, lines(dir.resolve("machine.txt")), lines(dir.resolve("many-command.txt")));
        String doc = Files.exists(report) ? Files.readString(report) : "";
        Files.writeString(report, splice(doc, section), StandardCharsets.UTF_8);
    }

    static List<ManyConnectionsMain.Result> read(Path tsv) throws IOException {
        List<ManyConnectionsMain.Result> out = new ArrayList<>();
        for (String line : lines(tsv)) {
            if (line.startsWith("many\t")) {
                out.add(ManyConnectionsMain.Result.parse(line));
            }
        }
        return out;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** The section, markers included; empty if there are no results. */
    static String render(List<ManyConnectionsMain.Result> results, List<String> machine, List<String> command) {
        if (results.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append('\n');
        md.append("## Many idle connections over loopback (issue #15 item 4)\n\n");
        if (!command.isEmpty()) {
            md.append("From its own run, `").append(String.join(" ", command).trim())
                    .append("` (the rest of this report is from the full run above):\n");
        }
        for (String l : machine) {
            if (!l.isBlank()) {
                md.append("- ").append(l).append('\n');
            }
        }
        md.append('\n');
        md.append("`ManyConnectionsMain`: TLS 1.3, x25519, ECDSA P-256, the JDK's providers; every connection a full "
                + "handshake from its own socket, bound round-robin to one of N source addresses in 127.0.0.0/8 (N: fewer than 20,000 ports each), at most "
                + results.get(0).concurrency() + " handshaking at a time, then held idle until all are measured. "
                + "`s2n`: the server is `s2nd --non-blocking` (one thread, one selector), and both ends call "
                + "`freeHandshake()` after the handshake and `releaseBuffers()` once the NewSessionTicket is read. "
                + "`jdk`: a selector server of the JDK's `SSLEngine` (`JdkSelectorServer`) and JDK engine clients, "
                + "packet and application buffers shared per thread (the best case for an SSLEngine; a connection "
                + "keeps bytes only while a record is partly read or a flight partly written); session caches of 256 "
                + "on both, as s2nd's. Server and clients are child JVMs (`-XX:+UseSerialGC`); heap is "
                + "`jcmd PID GC.class_histogram` (a full GC, then the live bytes) before the connections and once all "
                + "are held, divided by the connections: the TLS connection, the socket, the selection key, and the "
                + "program's own per-connection state.\n\n");
        md.append("| JDK | library | connections held | processes | server heap / conn (B) | server heap, all (MiB) "
                + "| client heap / conn (B) | handshakes/s, last 10% (90% held) | handshakes/s, whole run | "
                + "handshake p50 (ms) | p99 (ms) | TLS 1.3 / open at the end |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        results = new ArrayList<>(results);
        results.sort(Comparator.comparing(ManyConnectionsMain.Result::jdk)
                .thenComparingInt(ManyConnectionsMain.Result::requested).thenComparing(ManyConnectionsMain.Result::library));
        for (ManyConnectionsMain.Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d of %,d | %d | %,.0f | %,.1f | %,.0f | %,.0f | %,.0f | %.1f | %.1f | %,d / %,d |%n",
                    r.jdk(), r.library(), r.reached(), r.requested(), r.processes(), r.serverBytesPerConnection(),
                    r.serverBytes() / 1048576.0, r.clientBytesPerConnection(), r.rateHeld(), r.rateAll(),
                    r.p50Millis(), r.p99Millis(), r.tls13(), r.open()));
        }
        md.append('\n');
        ManyConnectionsMain.Result widest = results.get(0);
        for (ManyConnectionsMain.Result r : results) {
            if (r.processes() > widest.processes()) {
                widest = r;
            }
        }
        md.append("**Reading these rows.**\n");
        md.append(String.format(Locale.ROOT, "- *Processes:* an unprivileged process here cannot raise its open-file "
                + "limit past the hard limit (%,d connections per process after %d spare descriptors), so a count above "
                + "that is spread over several server/client pairs, started one after the other, every earlier pair "
                + "still holding its connections: all of them are open on the machine at once, and the heap column "
                + "\"all\" is the sum over the server processes.%n", widest.perProcessLimit(),
                ManyConnectionsMain.SPARE_DESCRIPTORS));
        for (ManyConnectionsMain.Result r : results) {
            if (r.library().equals("s2n") && r.reached() > 0) {
                double projected = r.serverBytesPerConnection() * GOAL_CONNECTIONS;
                md.append(String.format(Locale.ROOT, "- *Goal (100,000 idle connections in < 1 GiB of server heap), "
                        + "from the JDK %s run of %,d:* %,.0f bytes each, %,.0f MiB for 100,000: %s.%n", r.jdk(),
                        r.reached(), r.serverBytesPerConnection(), projected / 1048576.0,
                        projected < GOAL_BYTES ? "met" : "missed"));
            }
        }
        md.append("- *Rates and latencies:* client and server share the machine's 2 cores (the machine is also shared "
                + "with other builds), so they are indicative only; the heap figures do not depend on load. The latency "
                + "runs from the client's connect to its handshake's end, so it includes the wait behind the other "
                + "handshakes in flight. The last-10% rate is each server's while it holds the other 90% of its "
                + "connections; the whole-run rate includes the JIT warming up (each process pair starts cold).\n");
        md.append("- *Side effect:* while they are held, the connections take most of the ephemeral port range on "
                + "their source addresses; a program that meanwhile listens on every address (0.0.0.0) on a port of "
                + "that range it picked itself can find it in use (an interop test's gnutls-serv did, during the "
                + "100,000 runs). Listeners on port 0 are unaffected.\n");
        md.append(END).append('\n');
        return md.toString();
    }

    static String splice(String doc, String section) {
        if (section.isEmpty()) {
            return doc;
        }
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin >= 0 && end > begin) {
            int after = end + END.length();
            if (after < doc.length() && doc.charAt(after) == '\n') {
                after++;
            }
            return doc.substring(0, begin) + section + doc.substring(after);
        }
        int at = doc.indexOf("## Retained heap per connection");
        return at < 0 ? doc + "\n" + section : doc.substring(0, at) + section + "\n" + doc.substring(at);
    }
}
