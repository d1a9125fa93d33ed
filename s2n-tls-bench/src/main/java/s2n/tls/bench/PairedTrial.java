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
 */
abstract class PairedTrial {
    private final List<String> arms = new ArrayList<>();
    private final List<PairedRounds.Op> ops = new ArrayList<>();
    private PairedRounds rounds;
    private boolean measuring;
    private int round;

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
    }

    /** One round: every arm {@link #opsPerRound} times, the first arm rotating. */
    @Benchmark
    public void round() throws Exception {
        if (rounds == null) {
            rounds = new PairedRounds(arms, opsPerRound());
        }
        rounds.round(round++, ops, measuring);
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
