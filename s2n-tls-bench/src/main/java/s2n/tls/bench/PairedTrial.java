package s2n.tls.bench;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A JMH trial of {@link PairedRounds}: each single-shot invocation is one round of every arm, the
 * warm-up iterations are rounds that are not recorded, and the teardown reports one summary line.
 * Subclasses add their arms in their own {@code @Setup} and call {@link #summary} when done.
 *
 * <p>Warm-up is by operations, not by rounds: a round of ten handshakes leaves the JIT far from
 * its steady state (a full TLS 1.3 handshake with ACCP ran at 1,650/s after 400 warm-up
 * handshakes per arm and at 3,940/s after 10,000, the JDK's at 590/s and 2,170/s). So each warm-up
 * iteration repeats its round until it has done its share of {@link #WARMUP_OPS} operations per
 * arm, or of {@link #WARMUP_SECONDS} of wall-clock time, whichever comes first (the system
 * properties {@code s2n.bench.warmupOps} and {@code s2n.bench.warmupSeconds} change them; the
 * quick profile sets no budget, so each of its 3 warm-up iterations is one round).
 */
abstract class PairedTrial {
    /** Operations per arm the warm-up aims at: where a handshake's rate stops climbing. */
    static final int WARMUP_OPS = Integer.getInteger("s2n.bench.warmupOps", 10_000);
    /** The most wall-clock seconds a trial's warm-up takes, for arms too slow to reach {@link #WARMUP_OPS}. */
    static final int WARMUP_SECONDS = Integer.getInteger("s2n.bench.warmupSeconds", 20);

    private final List<String> arms = new ArrayList<>();
    private final List<PairedRounds.Op> ops = new ArrayList<>();
    private PairedRounds rounds;
    private boolean measuring;
    /** Warm-up iterations of this trial, from JMH. */
    private int warmupIterations = 1;
    private int round;

    /**
     * How the report names the warm-up, after "in each round every arm runs N operations ...;":
     * the full profile's budget (the quick profile warms up for 3 rounds only).
     */
    static String warmupText() {
        return String.format(java.util.Locale.ROOT,
                "a warm-up of %,d operations per arm or %d s, whichever comes first (the quick profile: 3 rounds)",
                WARMUP_OPS, WARMUP_SECONDS);
    }

    /** Adds an arm; call from the subclass's setup, before the first round. */
    final void arm(String name, PairedRounds.Op op) {
        if (rounds != null) {
            throw new IllegalStateException("arms are fixed once the rounds have begun");
        }
        arms.add(name);
        ops.add(op);
    }

    final boolean hasArm(String name) {
        return arms.contains(name);
    }

    final PairedRounds rounds() {
        return rounds;
    }

    /** The number of times each arm runs in one round. */
    abstract int opsPerRound();

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
        if (!measuring) {
            warmupIterations = Math.max(1, params.getCount());
        }
    }

    /**
     * One round: every arm {@link #opsPerRound} times, the first arm rotating. In a warm-up
     * iteration, as many unrecorded rounds as its share of the warm-up budget asks (at least one).
     */
    @Benchmark
    public void round() throws Exception {
        if (rounds == null) {
            rounds = new PairedRounds(arms, opsPerRound());
        }
        if (measuring) {
            rounds.round(round++, ops, true);
            return;
        }
        long repeats = Math.max(1, -Math.floorDiv(-(long) WARMUP_OPS, (long) opsPerRound() * warmupIterations));
        long deadline = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L / warmupIterations;
        for (long i = 0; i < repeats && (i == 0 || System.nanoTime() < deadline); i++) {
            rounds.round(round++, ops, false);
        }
    }

    /**
     * The summary's common columns: benchmark, params, CPU-time rates s2n / jdk / limit, wall-clock
     * rates s2n / jdk, s2n/jdk median low high, s2n/limit median low high, rounds ("" where there
     * is no arm named {@code limit}).
     */
    final List<String> summary(String benchmark, String params) {
        boolean hasLimit = hasArm("limit");
        List<String> f = new ArrayList<>(List.of(benchmark, params,
                PairedRounds.rate(rounds.cpuRate("s2n")), PairedRounds.rate(rounds.cpuRate("jdk")),
                hasLimit ? PairedRounds.rate(rounds.cpuRate("limit")) : "",
                PairedRounds.rate(rounds.wallRate("s2n")), PairedRounds.rate(rounds.wallRate("jdk"))));
        f.addAll(PairedRounds.fields(rounds.ratio("s2n", "jdk")));
        f.addAll(hasLimit ? PairedRounds.fields(rounds.ratio("s2n", "limit")) : List.of("", "", ""));
        f.add(Integer.toString(rounds.rounds()));
        return f;
    }
}
