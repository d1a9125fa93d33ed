package s2n.tls.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every JMH benchmark of this module once, with the GC profiler, on the JDK it runs on, and
 * writes one tab-separated line per benchmark and parameter set for {@link ReportWriter}:
 *
 * <pre>
 * java -cp benchmarks.jar s2n.tls.bench.SuiteRunner full results-17.tsv
 * </pre>
 *
 * Profiles: {@code full} is 1 fork, 2 warmup iterations of 0.8 s and 4 measured iterations of 0.45 s
 * per benchmark (84 in TLS 1.3 and 12 TLS 1.2 handshakes; with fork start-up and setup about 7
 * minutes per JDK on 2 quiet cores); {@code quick} is a smoke run
 * (1 fork, 1 + 1 iterations of 0.1 s; paired rounds 3 warm-up and 6 measured, one round each). A regular expression as third argument narrows the set
 * (and leaves the paired rounds out); the third argument {@code paired} runs the paired rounds alone,
 * {@code jsse} the JSSE adapter's rounds alone and {@code bulk} {@link BulkRounds} alone.
 * {@link FullHandshakeRounds} and {@link ResumedHandshakeRounds} run after them with their own round counts and write {@code paired-*.tsv}
 * beside the results (see {@link #pairedOut}).
 * Columns: benchmark, parameters ({@code k=v,...}), median of the iterations, the 99.9% error JMH
 * reports, unit, bytes allocated per operation ({@code gc.alloc.rate.norm}), iterations.
 */
public final class SuiteRunner {
    private SuiteRunner() {}

    public static void main(String[] args) throws Exception {
        boolean quick = args[0].equals("quick");
        Path out = Path.of(args[1]);
        if (args.length > 2 && args[2].equals("paired")) {
            runPaired(quick, pairedOut(out)); // the paired rounds alone: run.sh --paired
            return;
        }
        if (args.length > 2 && args[2].equals("jsse")) {
            Files.deleteIfExists(pairedOut(out)); // the JSSE adapter's rounds alone: run.sh --jsse
            new Runner(paired(quick, JsseAdapterRounds.class.getName(), pairedOut(out)).build()).run();
            return;
        }
        if (args.length > 2 && args[2].equals("bulk")) {
            Files.deleteIfExists(pairedOut(out)); // the bulk rounds alone: run.sh --bulk
            new Runner(paired(quick, BulkRounds.class.getName(), pairedOut(out)).build()).run();
            return;
        }
        String include = args.length > 2 ? args[2] : "s2n\\.tls\\.bench\\..*Benchmark";
        List<RunResult> results = new ArrayList<>();
        // Everything in TLS 1.3; then the TLS 1.2 handshake with the ECDSA certificate (issue #7 asks for
        // ECDHE-ECDSA-AES128-GCM), not the whole certificate matrix, to stay inside the time budget.
        results.addAll(new Runner(options(quick, include).param("version", "TLS13").build()).run());
        if (Pattern.compile(include).matcher(HandshakeBenchmark.class.getName() + ".fullHandshake").find()) {
            results.addAll(new Runner(options(quick, "s2n\\.tls\\.bench\\.HandshakeBenchmark")
                    .param("version", "TLS12").param("cert", "ECDSA_P256").build()).run());
        }
        write(results, out);
        if (args.length <= 2) {
            runPaired(quick, pairedOut(out));
        }
    }

    private static final String PAIRED = ResumedHandshakeRounds.class.getName();
    private static final String PAIRED_FULL = FullHandshakeRounds.class.getName();

    /** Where the paired rounds of a run writing {@code results-17.tsv} go: {@code paired-17.tsv} beside it. */
    static Path pairedOut(Path results) {
        String name = results.getFileName().toString();
        return results.resolveSibling(name.contains("results") ? name.replace("results", "paired") : "paired-" + name);
    }

    /**
     * The paired CPU-time rounds ({@link FullHandshakeRounds}, {@link ResumedHandshakeRounds}):
     * their own iteration counts (one iteration is one round), their summaries appended to
     * {@code out} by the forks themselves. The full handshakes run TLS 1.3 on every group this
     * runtime has (X25519MLKEM768 only with ML-KEM) and TLS 1.2 on the curves.
     */
    private static void runPaired(boolean quick, Path out) throws Exception {
        Files.deleteIfExists(out);
        List<String> tls13Groups = new ArrayList<>(List.of("x25519", "secp256r1"));
        if (MlKemOps.available()) {
            tls13Groups.add(HandshakeCryptoOps.HYBRID);
        }
        new Runner(paired(quick, PAIRED_FULL, out).param("version", "TLS13")
                .param("group", tls13Groups.toArray(new String[0])).build()).run();
        new Runner(paired(quick, PAIRED_FULL, out).param("version", "TLS12")
                .param("group", "x25519", "secp256r1").build()).run();
        new Runner(paired(quick, PAIRED, out).build()).run();
        new Runner(paired(quick, JsseAdapterRounds.class.getName(), out).build()).run();
        new Runner(paired(quick, BulkRounds.class.getName(), out).build()).run();
    }

    private static ChainedOptionsBuilder paired(boolean quick, String benchmark, Path out) {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
                "-D" + PairedRounds.OUT_PROPERTY + "=" + out.toAbsolutePath()));
        if (quick) {
            // With the rest of --quick, under 10 minutes: one round per warm-up iteration, no more
            // (a budget of 500 operations or 1 s per trial made the quick run 10 min 17 s).
            jvmArgs.add("-Ds2n.bench.warmupOps=0");
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(Pattern.quote(benchmark))
                .forks(1)
                .shouldFailOnError(false)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]));
        if (quick) {
            options.warmupIterations(3).measurementIterations(6);
        }
        return options;
    }

    private static ChainedOptionsBuilder options(boolean quick, String include) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .exclude(Pattern.quote(PAIRED))
                .exclude(Pattern.quote(PAIRED_FULL))
                .exclude(Pattern.quote(JsseAdapterRounds.class.getName()))
                .exclude(Pattern.quote(BulkRounds.class.getName()))
                .forks(1)
                .shouldFailOnError(false)
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"); // ACCP loads a native library
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        } else {
            // Four measured iterations rather than three of the same total time: JMH's 99.9% error uses
            // Student's t, whose factor falls from 31.6 (2 degrees of freedom) to 12.9 (3).
            options.warmupIterations(2).warmupTime(TimeValue.milliseconds(800))
                    .measurementIterations(4).measurementTime(TimeValue.milliseconds(450));
        }
        return options;
    }

    static void write(Collection<RunResult> results, Path out) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("benchmark\tparams\tmedian\terror\tunit\tallocPerOp\titerations");
            for (RunResult r : results) {
                BenchmarkParams p = r.getParams();
                String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1);
                Map<String, String> params = new TreeMap<>();
                for (String key : p.getParamsKeys()) {
                    params.put(key, p.getParam(key));
                }
                StringBuilder ps = new StringBuilder();
                params.forEach((k, v) -> ps.append(ps.length() == 0 ? "" : ",").append(k).append('=').append(v));
                Result<?> primary = r.getPrimaryResult();
                double alloc = Double.NaN;
                for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                    if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                        alloc = e.getValue().getScore();
                    }
                }
                w.printf(Locale.ROOT, "%s\t%s\t%.3f\t%.3f\t%s\t%.1f\t%d%n", name, ps, primary.getStatistics().getPercentile(50),
                        primary.getScoreError(), primary.getScoreUnit(), alloc, primary.getStatistics().getN());
            }
        }
    }
}
