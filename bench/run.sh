#!/usr/bin/env bash
# Load benchmark: the generated bench service against a hand-written Undertow + HikariCP + JDBC
# service doing the same work, both on the local PostgreSQL, under wrk at 64, 256 and 1024
# connections on GET by key, a paged list and POST. Writes bench/results/DATE.md.
# Usage: bench/run.sh [SECONDS_PER_RUN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
work="$(mktemp -d)"
db="bench_$(date +%s)"
psql=(psql -q -h 127.0.0.1 -U postgres)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "${psql[@]}" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 2; }
"$root/blueprint" --version >/dev/null
jar="$root/language-server/target/blueprint.jar"
"${psql[@]}" -c "CREATE DATABASE $db" postgres

# The generated service, compiled against the toolchain jar (which carries the runtime).
"$root/blueprint" compile "$root/bench/bench.blueprint" -o "$work/generated" >/dev/null
mkdir -p "$work/generated/classes"
javac -d "$work/generated/classes" -cp "$jar" $(find "$work/generated/src/main/java" -name '*.java')
cp -r "$work/generated/src/main/resources/." "$work/generated/classes/"
# The hand-written floor.
mkdir -p "$work/handwritten"
javac -d "$work/handwritten" -cp "$jar" "$root/bench/handwritten/Handwritten.java"

url="jdbc:postgresql://127.0.0.1:5432/$db"
PORT=18080 HOST=127.0.0.1 DATABASE_URL="$url" DATABASE_USER=postgres \
  java ${BENCH_GENERATED_OPTS:-} -cp "$work/generated/classes:$jar" dev.blueprint.bench.Main >"$work/generated.log" 2>&1 &
pids+=($!)
started=$(date +%s%N)
until curl -sf -o /dev/null http://127.0.0.1:18080/health/ready; do sleep 0.05; done
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
PORT=18081 DATABASE_URL="$url" DATABASE_USER=postgres java -cp "$work/handwritten:$jar" Handwritten >"$work/handwritten.log" 2>&1 &
pids+=($!)
until curl -sf -o /dev/null http://127.0.0.1:18081/api/items; do sleep 0.05; done

"${psql[@]}" -d "$db" -c "INSERT INTO item (id, name, price, added) SELECT gen_random_uuid(), 'seed ' || g, g % 1000, now() FROM generate_series(1, 10000) g"
ids=$("${psql[@]}" -d "$db" -At -c "SELECT id FROM item ORDER BY random() LIMIT 200" | sed 's/.*/"&"/' | paste -sd, -)
cat >"$work/get.lua" <<LUA
local ids = {$ids}
local i = 0
request = function()
  i = i % #ids + 1
  return wrk.format("GET", "/api/items/" .. ids[i])
end
LUA

run() { # service-port endpoint connections seconds -> "rps errors"
  local port=$1 endpoint=$2 conns=$3 secs=$4 out
  case $endpoint in
    get)  out=$(wrk -t2 -c"$conns" -d"${secs}s" --timeout 5s -s "$work/get.lua" "http://127.0.0.1:$port") ;;
    list) out=$(wrk -t2 -c"$conns" -d"${secs}s" --timeout 5s "http://127.0.0.1:$port/api/items?offset=100") ;;
    post) out=$(wrk -t2 -c"$conns" -d"${secs}s" --timeout 5s -s "$root/bench/post.lua" "http://127.0.0.1:$port/api/items") ;;
  esac
  local rps errors non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); s=0; for (i=1;i<=NF;i++) if ($i ~ /^[0-9]+$/) s+=$i; print s}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "${rps:-0} $(( ${errors:-0} + ${non2xx:-0} ))"
}

# Warm both JITs up.
for port in 18080 18081; do for e in get list post; do run $port $e 64 5 >/dev/null; done; done

result="$root/bench/results/$(date -u +%Y-%m-%d).md"
mkdir -p "$root/bench/results"
{
  echo "# Benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; PostgreSQL $("${psql[@]}" -At -c 'SHOW server_version' postgres) on the same machine;"
  echo "wrk 2 threads, ${seconds}s per run, 5s timeout, after a 5s warm-up per endpoint. Both services: 64 workers, 16 connections."
  echo "Generated service startup to ready on PostgreSQL (10,000 rows seeded after): ${ready_ms} ms."
  echo
  echo "| endpoint | connections | generated req/s | errors | hand-written req/s | errors | ratio |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
} >"$result"
for conns in 64 256 1024; do
  for e in get list post; do
    read -r g_rps g_err <<<"$(run 18080 $e "$conns" "$seconds")"
    read -r h_rps h_err <<<"$(run 18081 $e "$conns" "$seconds")"
    ratio=$(awk -v g="$g_rps" -v h="$h_rps" 'BEGIN { printf "%.2f", (h > 0 ? g / h : 0) }')
    echo "| $e | $conns | $g_rps | $g_err | $h_rps | $h_err | $ratio |" | tee -a "$result"
  done
done
echo "written $result"
