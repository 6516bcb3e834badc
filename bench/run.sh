#!/usr/bin/env bash
# Reruns every benchmark and writes the figures to bench/results/<today>/:
#   1. builds the benchmark jar (profile `bench`, outside the default build);
#   2. generates the 100-, 1,000- and 5,000-entity programs and checks that the 1,000 one is clean;
#   3. JMH: parse alone and parse + resolve + check, warm, for N = 100, 1,000, 5,000;
#   4. the wall time of `./blueprint check` on the 1,000-entity file, JVM start included
#      (hyperfine when installed, else a loop timed with date +%s%N).
# Usage: bench/run.sh [extra JMH options, e.g. -wi 2 -i 3 for a quick run]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mvn -q -B -P bench -pl bench -am package -DskipTests
jar=bench/target/benchmarks.jar
programs=bench/target/programs
mkdir -p "$programs"
for n in 100 1000 5000; do
  java -cp "$jar" dev.blueprint.bench.LargeBlueprint "$n" "$programs/large-$n.blueprint"
done

# The toolchain is built (once) and the class-data archive made before anything is timed.
./blueprint check "$programs/large-1000.blueprint" >/dev/null 2>&1 || true
report="$(./blueprint check "$programs/large-1000.blueprint")" || { echo "$report"; echo "the 1,000-entity program does not check clean" >&2; exit 1; }
[ -z "$report" ] || { echo "$report"; echo "the 1,000-entity program has diagnostics" >&2; exit 1; }

out="bench/results/$(date -u +%F)"
mkdir -p "$out"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpus: $(nproc)   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with local changes)')"
  wc -l "$programs"/large-*.blueprint | sed 's/^/lines: /'
} > "$out/environment.txt"

java -jar "$jar" AnalyzeBenchmark -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 20 --export-json "$out/check-1000.json" --export-markdown "$out/check-1000.md" \
    "./blueprint check $programs/large-1000.blueprint" | tee "$out/check-1000.txt"
else
  : > "$out/check-1000.txt"
  for i in $(seq 1 20); do
    start=$(date +%s%N)
    ./blueprint check "$programs/large-1000.blueprint" >/dev/null
    echo "$(( ($(date +%s%N) - start) / 1000000 )) ms" >> "$out/check-1000.txt"
  done
  sort -n "$out/check-1000.txt" | awk '{a[NR]=$1} END {print "min " a[1] " ms, median " a[int((NR+1)/2)] " ms, max " a[NR] " ms"}' | tee -a "$out/check-1000.txt"
fi
echo "figures written to $out"
