package s2n.tls.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Interleaved rounds of several arms (libraries, or a library and its crypto limit) on one thread
 * of one JVM, timed by the thread's own CPU time: each round runs every arm for the same number of
 * operations, in an order that rotates from round to round, so that whatever else the machine does
 * falls on all arms alike. A ratio between two arms is taken per round and summarised as the median
 * of the rounds with a distribution-free 95% interval; a shared 2-core machine moves the rates of
 * both arms of a round together and leaves their ratio, which is what a comparison needs.
 *
 * <pre>{@code
 * PairedRounds rounds = new PairedRounds(List.of("s2n", "jdk"), 20);
 * rounds.round(i, List.of(s2nOp, jdkOp));   // once per JMH invocation
 * PairedRounds.Ratio r = rounds.ratio("s2n", "jdk");
 * }</pre>
 *
 * <p>The CPU time of the measuring thread leaves out what other threads do for it: the collector's
 * and the JIT compiler's threads. {@link #wallRate} gives the wall-clock rate beside it, so a
 * library that allocates more (more GC work elsewhere) shows the difference there.
 */
public final class PairedRounds {
    /** One operation of an arm: a handshake, or the crypto one handshake needs. */
    @FunctionalInterface
    public interface Op {
        void run() throws Exception;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The system property naming the file each trial's summary line is appended to ({@link SuiteRunner} sets it). */
    static final String OUT_PROPERTY = "s2n.bench.paired";

    private final List<String> arms;
    private final int opsPerRound;
    /** Per arm, per measured round: CPU and wall nanoseconds per operation. */
    private final List<List<double[]>> samples = new ArrayList<>();

    public PairedRounds(List<String> arms, int opsPerRound) {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        this.arms = List.copyOf(arms);
        this.opsPerRound = opsPerRound;
        for (int i = 0; i < arms.size(); i++) {
            samples.add(new ArrayList<>());
        }
    }

    /**
     * Runs round {@code index}: every arm's op {@code opsPerRound} times, starting with arm
     * {@code index % arms} so each arm goes first equally often. With {@code record} false it only
     * warms up.
     */
    public void round(int index, List<Op> ops, boolean record) throws Exception {
        int n = arms.size();
        for (int k = 0; k < n; k++) {
            int arm = (index + k) % n;
            Op op = ops.get(arm);
            long wall0 = System.nanoTime();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < opsPerRound; i++) {
                op.run();
            }
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            if (record) {
                samples.get(arm).add(new double[] {(double) cpu / opsPerRound, (double) wall / opsPerRound});
            }
        }
    }

    /** Measured rounds so far. */
    public int rounds() {
        return samples.get(0).size();
    }

    /** The median CPU-time rate of {@code arm}, operations per second. */
    public double cpuRate(String arm) {
        return 1e9 / median(column(arm, 0));
    }

    /** The median wall-clock rate of {@code arm}, operations per second. */
    public double wallRate(String arm) {
        return 1e9 / median(column(arm, 1));
    }

    /** The CPU-time rate of {@code a} over that of {@code b}, per round: median and 95% interval. */
    public Ratio ratio(String a, String b) {
        double[] ta = column(a, 0);
        double[] tb = column(b, 0);
        double[] r = new double[ta.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = tb[i] / ta[i]; // rate a / rate b = time b / time a
        }
        return Ratio.of(r);
    }

    /** The CPU nanoseconds per operation of {@code arm}, one value per measured round, in round order. */
    double[] cpuTimes(String arm) {
        return column(arm, 0);
    }

    private double[] column(String arm, int which) {
        int i = arms.indexOf(arm);
        if (i < 0) {
            throw new IllegalArgumentException("no arm " + arm + " in " + arms);
        }
        return samples.get(i).stream().mapToDouble(s -> s[which]).toArray();
    }

    /**
     * Prints a trial's summary (tab-separated {@code fields}) and appends it to the file
     * {@link #OUT_PROPERTY} names, where {@link ReportWriter} reads it.
     */
    static void report(List<String> fields) throws IOException {
        String line = String.join("\t", fields);
        System.out.println("paired: " + line);
        String out = System.getProperty(OUT_PROPERTY);
        if (out != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
                w.println(line);
            }
        }
    }

    /** A rate for {@link #report}: one decimal. */
    static String rate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A ratio's median, low and high for {@link #report}: three decimals each. */
    static List<String> fields(Ratio r) {
        return List.of(String.format(Locale.ROOT, "%.3f", r.median()), String.format(Locale.ROOT, "%.3f", r.low()),
                String.format(Locale.ROOT, "%.3f", r.high()));
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * A per-round ratio's median and its 95% interval from order statistics (the ranks the
     * binomial(n, 1/2) distribution puts around the median, by its normal approximation), which
     * assumes nothing about how the rounds scatter.
     */
    public record Ratio(double median, double low, double high, int rounds) {
        static Ratio of(double[] perRound) {
            double[] v = perRound.clone();
            Arrays.sort(v);
            int n = v.length;
            if (n < 6) {
                throw new IllegalStateException("too few rounds for an interval: " + n);
            }
            double half = 0.98 * Math.sqrt(n); // 1.96 * sqrt(n) / 2
            int lowRank = Math.max(1, (int) Math.floor(n / 2.0 - half)); // 1-based
            int highRank = Math.min(n, (int) Math.ceil(n / 2.0 + 1 + half));
            return new Ratio(PairedRounds.median(v), v[lowRank - 1], v[highRank - 1], n);
        }

        /** The interval's width as a fraction of the median. */
        public double relativeWidth() {
            return (high - low) / median;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f [%.2f, %.2f] (%d rounds)", median, low, high, rounds);
        }
    }
}
