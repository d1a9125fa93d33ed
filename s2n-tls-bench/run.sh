#!/usr/bin/env bash
# Builds s2n-tls-bench, runs every benchmark on each JDK present (the default JDK 17 and every
# Temurin 25 beside it), the memory and reuse harnesses and the loopback harness, and writes
# docs/performance.md. --quick is a smoke run of everything, paired rounds included (under 10 minutes
# for both JDKs on 2 quiet cores) that writes its report to bench-results/performance-quick.md instead.
#
#   s2n-tls-bench/run.sh            # full run, rewrites docs/performance.md (about 40 minutes for
#                                   # both JDKs on 2 quiet cores)
#   s2n-tls-bench/run.sh --quick    # smoke run
#   s2n-tls-bench/run.sh --paired   # only the paired CPU-time rounds: full and resumed handshakes,
#                                   # the JSSE adapter and bulk (about 22 minutes for both JDKs),
#                                   # spliced into docs/performance.md in place of their old
#                                   # sections (--resumed is the same)
#   s2n-tls-bench/run.sh --jsse     # only the JSSE adapter's rounds and its memory (about 8 minutes),
#                                   # spliced the same way
#   s2n-tls-bench/run.sh --bulk     # only the bulk rounds (BulkRounds: s2n, the JDK and the raw AES-GCM
#                                   # limit; about 2 minutes per JDK), spliced the same way
#   s2n-tls-bench/run.sh --many     # only the many-idle-connections harness, 10,000 and 100,000
#                                   # connections for s2n and the JDK on each JDK (about 15 minutes
#                                   # per JDK), spliced the same way; the full run does 10,000 on
#                                   # the first JDK only
set -euo pipefail
cd "$(dirname "$0")/.."
mode=full
if [ "${1:-}" = "--quick" ]; then mode=quick; fi
if [ "${1:-}" = "--paired" ] || [ "${1:-}" = "--resumed" ]; then mode=paired; fi
if [ "${1:-}" = "--jsse" ]; then mode=jsse; fi
if [ "${1:-}" = "--bulk" ]; then mode=bulk; fi
if [ "${1:-}" = "--many" ]; then mode=many; fi
# ManyConnectionsMain holds a socket per connection: as many descriptors as the hard limit allows
# (children inherit it; it spreads the connections over several processes when that is too few).
ulimit -n "$(ulimit -Hn)"
out=bench-results
rm -rf "$out" && mkdir -p "$out"
echo "s2n-tls-bench/run.sh $*" > "$out/command.txt"

started=$(date +%s)
mvn -q -B -ntp -pl s2n-tls-bench -am package -DskipTests
jar=s2n-tls-bench/target/benchmarks.jar

if [ $mode = quick ]; then
  pairs=500; soak_cycles=2000; soak_every=1000; seconds=3; mebibytes=32
else
  pairs=5000; soak_cycles=100000; soak_every=10000; seconds=5; mebibytes=128
fi

{
  echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
  echo "Load average when the run started: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Date: $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
} > "$out/machine.txt"

jdks=("${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}")
for jdk in /usr/lib/jvm/temurin-25*; do
  if [ -x "$jdk/bin/java" ]; then jdks+=("$jdk"); fi
done

first=1
for jdk in "${jdks[@]}"; do
  java="$jdk/bin/java"
  native=--enable-native-access=ALL-UNNAMED  # ACCP loads a native library (JDK 22+ warns otherwise)
  tag=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  echo "== JDK $tag ($java)"
  "$java" -version 2>&1 | head -1 > "$out/jdk-$tag.txt"
  "$java" $native -cp "$jar" s2n.tls.bench.AccpStatus > "$out/accp-$tag.txt"
  if [ $mode = many ]; then
    echo "s2n-tls-bench/run.sh $*" > "$out/many-command.txt"
    for count in 10000 100000; do
      for lib in s2n jdk; do
        "$java" -cp "$jar" s2n.tls.bench.ManyConnectionsMain $lib $count --timeout 1200 --results "$out/many.tsv" \
          >> "$out/many.txt" 2>>"$out/many.log" || echo "ManyConnectionsMain $lib $count fell short (see $out/many.log)"
      done
    done
    continue
  fi
  if [ $mode = paired ]; then
    "$java" -cp "$jar" s2n.tls.bench.SuiteRunner full "$out/results-$tag.tsv" paired > "$out/jmh-$tag.log" 2>&1
    continue
  fi
  if [ $mode = bulk ]; then
    "$java" -cp "$jar" s2n.tls.bench.SuiteRunner full "$out/results-$tag.tsv" bulk > "$out/jmh-$tag.log" 2>&1
    continue
  fi
  if [ $mode = jsse ]; then
    "$java" -cp "$jar" s2n.tls.bench.SuiteRunner full "$out/results-$tag.tsv" jsse > "$out/jmh-$tag.log" 2>&1
    if [ $first = 1 ]; then
      for lib in s2n s2n-jsse jdk; do
        "$java" -XX:+UseSerialGC -Xms6g -Xmx6g -cp "$jar" s2n.tls.bench.MemoryMain $lib $pairs >> "$out/memory.txt" 2>>"$out/memory.log"
      done
      first=0
    fi
    continue
  fi
  "$java" -cp "$jar" s2n.tls.bench.SuiteRunner $mode "$out/results-$tag.tsv" > "$out/jmh-$tag.log" 2>&1
  for lib in s2n jdk; do
    "$java" -cp "$jar" s2n.tls.bench.LoopbackMain $lib handshakes 4 $seconds >> "$out/loopback-$tag.txt" 2>>"$out/loopback-$tag.log"
    "$java" -cp "$jar" s2n.tls.bench.LoopbackMain $lib throughput 1 $mebibytes >> "$out/loopback-$tag.txt" 2>>"$out/loopback-$tag.log"
  done
  if [ $first = 1 ]; then
    many=10000; if [ $mode = quick ]; then many=1000; fi
    for lib in s2n jdk; do
      "$java" -cp "$jar" s2n.tls.bench.ManyConnectionsMain $lib $many --timeout 600 --results "$out/many.tsv" \
        >> "$out/many.txt" 2>>"$out/many.log" || echo "ManyConnectionsMain $lib $many fell short (see $out/many.log)"
    done
    # Memory and reuse are properties of the code, not the JDK version: measured once, on the first JDK.
    for lib in s2n s2n-jsse jdk; do
      "$java" -XX:+UseSerialGC -Xms6g -Xmx6g -cp "$jar" s2n.tls.bench.MemoryMain $lib $pairs >> "$out/memory.txt" 2>>"$out/memory.log"
    done
    # ACCP makes the P-256 handshakes fast enough for 100,000 cycles; the JDK's providers if it does not load.
    provider=jdk; if grep -q '^loads' "$out/accp-$tag.txt"; then provider=accp; fi
    "$java" $native -XX:+UseSerialGC -Xmx1g -cp "$jar" s2n.tls.bench.ReuseSoakMain $soak_cycles $soak_every $provider > "$out/soak.txt" 2>>"$out/soak.log"
    first=0
  fi
done

echo $(( ($(date +%s) - started + 30) / 60 )) > "$out/elapsed.txt"
if [ $mode = many ]; then
  java -cp "$jar" s2n.tls.bench.ManyConnectionsReport "$out" docs/performance.md
  echo "rewrote the many-connections section of docs/performance.md (raw results in $out/)"
  exit 0
fi
if [ $mode = paired ] || [ $mode = jsse ] || [ $mode = bulk ]; then
  java -cp "$jar" s2n.tls.bench.ReportWriter --splice-paired "$out" docs/performance.md
  echo "rewrote the paired-round sections of docs/performance.md (raw results in $out/)"
  exit 0
fi
report=docs/performance.md
if [ $mode = quick ]; then report=$out/performance-quick.md; fi
java -cp "$jar" s2n.tls.bench.ReportWriter "$out" "$report" s2n-tls-bench/performance-notes.md
java -cp "$jar" s2n.tls.bench.ManyConnectionsReport "$out" "$report"
echo "wrote $report (raw results in $out/)"
