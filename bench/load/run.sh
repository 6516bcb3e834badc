#!/usr/bin/env bash
# Load benchmark: the generated Tasks service on PostgreSQL against a minimal hand-written
# Undertow + HikariCP + JDBC service doing the same work, both under wrk at 64, 256 and
# 1,024 connections on GET by key, a paged list and POST. Writes
# bench/results/<date>/load.md. Usage: bench/load/run.sh [seconds per run, default 10]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-10}"
. "$here/common.sh"

echo "building the toolchain, the runtime and the baseline..." >&2
(cd "$root" && mvn -q -B -DskipTests install -pl runtime -am >/dev/null)
"$root/blueprint" --version >/dev/null
mvn -q -B -f "$here/baseline/pom.xml" package >/dev/null
"$root/blueprint" compile "$here/tasks.blueprint" -o "$work/generated" >&2
(cd "$work/generated" && mvn -q -B -DskipTests package >/dev/null)
generated_jar="$(ls "$work"/generated/target/*.jar | grep -v original | head -n 1)"

for db in bench_generated bench_baseline; do
  psql_ -c "drop database if exists $db" >/dev/null
  psql_ -c "create database $db" >/dev/null
done

PORT=18080 DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/bench_generated DATABASE_USER=postgres \
  java -jar "$generated_jar" >"$work/generated.log" 2>&1 &
pids+=($!)
PORT=18090 DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/bench_baseline DATABASE_USER=postgres \
  IO_THREADS=2 WORKER_THREADS=64 POOL_SIZE=20 java -jar "$here/baseline/target/baseline.jar" >"$work/baseline.log" 2>&1 &
pids+=($!)
wait_ready http://127.0.0.1:18080/health/ready
wait_ready http://127.0.0.1:18090/api/tasks

# Seed both with the same rows; keep one key of each for GET by key.
seed() {
  local base="$1" id=""
  for i in $(seq 1 500); do
    id=$(curl -fs -X POST -H 'Content-Type: application/json' -d "{\"title\":\"seed $i\",\"due\":\"2026-12-01\"}" \
      "$base/api/tasks" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  done
  echo "$id"
}
gen_id="$(seed http://127.0.0.1:18080)"
base_id="$(seed http://127.0.0.1:18090)"

{
  echo "# Load benchmark, $(date -u +%F)"
  echo
  echo "Generated BenchTasks service (bench/load/tasks.blueprint) against the hand-written baseline"
  echo "(bench/load/baseline), both on the local PostgreSQL, io 2 / workers 64 / pool 20, wrk -t2"
  echo "for ${seconds}s per cell with a 5 s timeout, on this 2-core machine (wrk shares the cores)."
  echo "Errors = non-2xx responses + socket errors (connect, read, write, timeout)."
  echo
  echo "| endpoint | connections | generated req/s | baseline req/s | ratio | generated p99 | baseline p99 | generated errors | baseline errors |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$out/load.md"

for endpoint in get list post; do
  for c in 64 256 1024; do
    case $endpoint in
      get)  g_url="http://127.0.0.1:18080/api/tasks/$gen_id"; b_url="http://127.0.0.1:18090/api/tasks/$base_id"; script="" ;;
      list) g_url="http://127.0.0.1:18080/api/tasks?limit=20"; b_url="http://127.0.0.1:18090/api/tasks?limit=20"; script="" ;;
      post) g_url="http://127.0.0.1:18080/api/tasks"; b_url="http://127.0.0.1:18090/api/tasks"; script="$here/post.lua" ;;
    esac
    read -r g_rps g_err g_p99 < <(measure "$g_url" "$c" ${script:+-s "$script"})
    read -r b_rps b_err b_p99 < <(measure "$b_url" "$c" ${script:+-s "$script"})
    ratio=$(awk -v g="$g_rps" -v b="$b_rps" 'BEGIN { if (b > 0) printf "%.2f", g / b; else print "n/a" }')
    echo "| $endpoint | $c | $g_rps | $b_rps | $ratio | $g_p99 | $b_p99 | $g_err | $b_err |" | tee -a "$out/load.md" >&2
  done
done

# Startup to ready on H2: the packaged jar of examples/tasks.blueprint, from launching the
# JVM to a 200 from /health/ready (fresh data folder: migrations included); then the whole
# `blueprint run` loop (check, generate, compile in-process, migrate, listen).
"$root/blueprint" compile "$root/examples/tasks.blueprint" -o "$work/tasks-h2" >&2
(cd "$work/tasks-h2" && mvn -q -B -DskipTests package >/dev/null)
h2_jar="$(ls "$work"/tasks-h2/target/*.jar | grep -v original | head -n 1)"
startups=()
for i in 1 2 3; do
  rm -rf "$work/h2-data"
  start=$(date +%s%N)
  (cd "$work" && BLUEPRINT_EMBEDDED_DIR="$work/h2-data" PORT=18101 exec java -jar "$h2_jar" >"$work/h2.log" 2>&1) &
  pid=$!
  wait_ready http://127.0.0.1:18101/health/ready
  startups+=($(( ($(date +%s%N) - start) / 1000000 )))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
start=$(date +%s%N)
(cd "$work" && exec "$root/blueprint" run "$root/examples/tasks.blueprint" --port 18100 >"$work/run.log" 2>&1) &
pids+=($!)
wait_ready http://127.0.0.1:18100/health/ready
run_ms=$(( ($(date +%s%N) - start) / 1000000 ))
{
  echo
  echo "Startup to ready on H2, packaged jar of examples/tasks.blueprint (JVM start, migrations on a fresh file, listen), three runs: ${startups[*]} ms."
  echo "The whole \`blueprint run examples/tasks.blueprint\` loop (check, generate, compile in-process, migrate, listen): ${run_ms} ms."
  echo
  echo "Load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg)."
} >> "$out/load.md"
echo "wrote $out/load.md" >&2
