package s2n.tls.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bulk section of {@code docs/performance.md}: the {@link BulkRounds} lines of every
 * {@code paired-TAG.tsv} in a results directory, each ratio with its interval and each of issue
 * #15's targets judged from the interval (met when the whole interval clears it, missed when the
 * whole interval falls short, open otherwise), then {@code bulk-paired-notes.md}.
 */
final class BulkReport {
    static final String BEGIN = "<!-- bulk paired: begin (ReportWriter; run.sh --bulk rewrites this part alone) -->";
    static final String END = "<!-- bulk paired: end -->";
    /** Issue #15: s2n / limit at 16 KiB writes. */
    static final double TARGET_16K = 0.95;
    /** Issue #15: s2n / limit at 1 KiB writes. */
    static final double TARGET_1K = 0.85;
    /** Issue #15: bytes allocated per record above the JCA's own floor. */
    static final double ALLOC_MARGIN = 64;

    private BulkReport() {}

    /** The section, or "" when {@code dir} holds no bulk rounds; {@code ownRun} adds the run's own machine lines. */
    static String render(Path dir, boolean ownRun, Path notes) throws IOException {
        Map<String, String[]> rows = rows(dir);
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append('\n');
        md.append("## Bulk transfer at AEAD speed (in memory, one thread, paired CPU-time rounds)\n\n");
        if (ownRun) {
            md.append("From its own run, `").append(read(dir, "command.txt").trim())
                    .append("` (the rest of this report is from the full run above):\n");
            for (String l : read(dir, "machine.txt").split("\n")) {
                if (!l.isBlank()) {
                    md.append("- ").append(l).append('\n');
                }
            }
            md.append('\n');
        }
        md.append("One operation: ").append(BulkRounds.records(16384)).append(" writes of 16 KiB or ")
                .append(BulkRounds.records(1024)).append(" of 1 KiB, client to server on one established connection,"
                        + " AES-128-GCM (TLS 1.3 TLS_AES_128_GCM_SHA256, TLS 1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),"
                        + " each record sealed and opened on the measuring thread. In each round every arm runs ")
                .append(BulkRounds.OPS_PER_ROUND).append(" operations, the first arm rotating; ")
                .append(PairedTrial.warmupText()).append(", then ").append(BulkRounds.MEASURED_ROUNDS)
                .append(" measured; timed by the thread's CPU time. Limit = raw JCA AES/GCM/NoPadding seal and open of the"
                        + " same records (same plaintext and additional-data lengths; two reused Ciphers, a fresh nonce and"
                        + " GCMParameterSpec per record and direction, output into preallocated buffers), in byte arrays and in"
                        + " direct ByteBuffers, the faster of the two per round (the layout column names the faster by median),"
                        + " so no arm can beat it by layout. Ratios are rates: the median of the per-round ratios with a"
                        + " distribution-free 95% interval (**wide** when wider than 10% of the median). Targets (issue #15): s2n"
                        + " / limit ≥ " + TARGET_16K + " at 16 KiB and ≥ " + TARGET_1K + " at 1 KiB; bytes the thread allocates"
                        + " per record at most the floor (the limit's own, the lower layout) + " + (int) ALLOC_MARGIN + " B, counted"
                        + " after the rounds (HotSpot's per-thread counter, the least of " + BulkRounds.ALLOC_WINDOWS
                        + " windows of " + BulkRounds.ALLOC_OPS + " operations per arm)."
                        + " A target is *met* when the whole interval clears it, *missed* when the whole interval falls short,"
                        + " *open* when the interval straddles it. MB/s are CPU-time rates: indicative only on a shared machine;"
                        + " the ratios are what counts. The s2n arm also pays its in-memory transport (each record copied into"
                        + " a pipe by the send callback and out of it by the receive callback; the JDK's engines are driven"
                        + " without one): the `transport` arm times those copies alone in the same rounds, and s2n / (limit +"
                        + " transport) is the s2n arm against the most this harness allows it.\n\n");
        md.append("| JDK | version | provider | write | s2n MB/s | JDK MB/s | limit MB/s (layout) | s2n / limit (95%) | target"
                + " | s2n / (limit + transport) | s2n / JDK (95%) | JDK / limit | B/record s2n / JDK / floor | s2n − floor | target"
                + " | rounds |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---:|\n");
        for (String tag : tags(dir)) {
            for (String version : new String[] {"TLS13", "TLS12"}) {
                for (String provider : new String[] {"jdk", "accp"}) {
                    for (String size : new String[] {"16384", "1024"}) {
                        String[] f = rows.get(tag + "|provider=" + provider + ",version=" + version + ",writeSize=" + size);
                        if (f != null) {
                            md.append(row(tag, version, provider, Integer.parseInt(size), f)).append('\n');
                        }
                    }
                }
            }
        }
        md.append('\n');
        if (Files.exists(notes)) {
            md.append(Files.readString(notes).trim()).append("\n\n");
        }
        md.append(END).append('\n');
        return md.toString();
    }

    /** One table row from a {@link BulkRounds#summaryLine}. */
    static String row(String tag, String version, String provider, int writeSize, String[] f) {
        double target = writeSize >= 16384 ? TARGET_16K : TARGET_1K;
        double excess = d(f[16]) - d(f[18]);
        return "| " + tag + " | " + (version.equals("TLS13") ? "TLS 1.3" : "TLS 1.2") + " | " + provider + " | "
                + (writeSize / 1024) + " KiB | " + num(d(f[2]), 0) + " | " + num(d(f[3]), 0) + " | " + num(d(f[4]), 0) + " ("
                + f[15] + ") | " + interval(f[8], f[9], f[10]) + " | " + verdict(d(f[9]), d(f[10]), target) + " ≥ " + target
                + " | " + interval(f[21], f[22], f[23]) + " | " + interval(f[5], f[6], f[7]) + " | " + interval(f[11], f[12], f[13]) + " | " + num(d(f[16]), 0) + " / "
                + num(d(f[17]), 0) + " / " + num(d(f[18]), 0) + " | " + num(excess, 0) + " | "
                + (excess <= ALLOC_MARGIN ? "met" : "missed") + " ≤ " + (int) ALLOC_MARGIN + " | " + f[14] + " |";
    }

    /** Met, missed or open, from a ratio's 95% interval against a floor the ratio should reach. */
    static String verdict(double low, double high, double target) {
        if (low >= target) {
            return "met";
        }
        return high < target ? "missed" : "open";
    }

    private static Map<String, String[]> rows(Path dir) throws IOException {
        Map<String, String[]> rows = new TreeMap<>();
        for (String tag : tags(dir)) {
            for (String l : read(dir, "paired-" + tag + ".tsv").split("\n")) {
                String[] f = l.split("\t", -1);
                if (f.length >= BulkRounds.FIELDS && f[0].equals("BulkRounds")) {
                    rows.put(tag + "|" + f[1], f);
                }
            }
        }
        return rows;
    }

    private static List<String> tags(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("paired-") && n.endsWith(".tsv"))
                    .map(n -> n.substring("paired-".length(), n.length() - ".tsv".length())).sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static String read(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static double d(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static String interval(String median, String low, String high) {
        double m = d(median);
        double lo = d(low);
        double hi = d(high);
        return num(m, 2) + " [" + num(lo, 2) + ", " + num(hi, 2) + "]" + ((hi - lo) / m > 0.10 ? " **wide**" : "");
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
