#!/usr/bin/env bash
# Fuzzes each target in turn for a set time (Jazzer fuzzes one target per JVM) and prints one
# summary line per target: executions, exec/s, coverage, and whether it found anything.
#
#   s2n-tls/fuzz/run-targets.sh 30m                      # every target, 30 minutes each
#   s2n-tls/fuzz/run-targets.sh 5m 'ConnectionFuzzTest#serverFedClientFlight' ...
#
# Logs go to fuzz-logs/<target>.log. New corpus entries land in s2n-tls/.cifuzz-corpus/ (ignored
# by git); a finding is written into the target's inputs directory under src/test/resources,
# where the regression run replays it on every build.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:?usage: run-targets.sh DURATION [Class#method ...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in s2n-tls/src/test/java/s2n/tls/fuzz/*FuzzTest.java; do
    class=$(basename "$f" .java)
    for m in $(grep -A1 '@FuzzTest' "$f" | grep -oP 'void \K\w+'); do
      targets+=("$class#$m")
    done
  done
fi
mkdir -p fuzz-logs
mvn -q -B -ntp -pl s2n-tls test-compile
for t in "${targets[@]}"; do
  log="fuzz-logs/${t//#/_}.log"
  start=$(date +%s)
  status=0
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" mvn -B -ntp -pl s2n-tls surefire:test@fuzz-regression \
      -Dtest="$t" -DargLine=-Xmx1g -DtrimStackTrace=false > "$log" 2>&1 || status=$?
  secs=$(( $(date +%s) - start ))
  done_line=$(grep -E '^#[0-9]+\s+DONE' "$log" | tail -1 || true)
  [ -n "$done_line" ] || done_line=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  finding=none
  grep -qE '== Java Exception|DEDUP_TOKEN|crash-[0-9a-f]+' "$log" && finding="FINDING (see $log)"
  [ $status -ne 0 ] && [ "$finding" = none ] && finding="mvn exit $status (see $log)"
  echo "$t | ${secs}s | ${done_line:-no Jazzer status line} | $finding"
done
