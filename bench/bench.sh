#!/usr/bin/env bash
# Runs the benchmarks of docs/benchmarks.md: the JMH micro-benchmarks, then the process-level ones
# (throughput, detection latency, verify speed, memory, collector cost, scale-out) on one embedded broker.
#
#   ./sockshop bench                 everything (about 25 minutes on 2 shared cores)
#   ./sockshop bench process [OPTS]  only the process-level run; OPTS go to BenchMain
#                                    (--only 1,2,3,4,5,6  --apps N  --records N  --verify-records N  --correlator service|engine  --profile)
#   ./sockshop bench micro [OPTS]    only JMH; OPTS go to JMH (e.g. PatternCatalogue -f 1 -i 3)
# (./sockshop bench runs this script, bench/bench.sh; it can also be run directly.)
#
# Results: target/bench/<time>/ (results.json, jmh.json, the child processes' logs, JFR recordings).
# Measure on a quiet machine: the load average of each run is recorded next to its numbers.
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-all}"
case "$what" in all|process|micro) ;; *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;; esac
[ $# -gt 0 ] && shift

mvn -B -ntp -q -pl bench -am package -DskipTests
cp="bench/target/bench.jar:bench/target/lib/*"
out="target/bench/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
echo "results in $out; $(uptime)"

if [ "$what" = all ] || [ "$what" = micro ]; then
  java -cp "$cp" org.openjdk.jmh.Main -jvmArgsAppend -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -rf json -rff "$out/jmh.json" "$@" 2>&1 | grep --line-buffered -v '^SLF4J' | tee "$out/jmh.txt"
fi
if [ "$what" = all ] || [ "$what" = process ]; then
  opts=()
  [ "$what" = process ] && opts=("$@")
  java -cp "$cp" io.sockshop.correlator.bench.BenchMain --work "$out" --out "$out/results.json" "${opts[@]}" 2>&1 \
    | grep --line-buffered -v '^SLF4J' | tee "$out/bench.txt"
fi
echo "done: $(uptime)"
