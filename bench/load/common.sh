# Shared by the load benchmarks (sourced, not run): the scratch folder and the results folder,
# stopping whatever the benchmark started, waiting for readiness, psql, and one wrk measurement.
# Expects `here` (this folder) and `root` (the project) to be set by the caller.

work="$(mktemp -d)"
out="$root/bench/results/$(date -u +%F)"
mkdir -p "$out"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

psql_() { psql -h 127.0.0.1 -U postgres -qAt "$@"; }

wait_ready() {
  for _ in $(seq 1 1200); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "not ready: $1" >&2; exit 1
}

# measure URL CONNECTIONS [more wrk options]: prints "req/s errors p99" for a run of $seconds,
# errors being non-2xx answers plus socket errors (connect, read, write, timeout).
measure() {
  local url="$1" connections="$2"
  shift 2
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency "$@" "$url" > "$work/wrk.txt" 2>&1 || true
  local rps non2xx errors p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' "$work/wrk.txt"); errors=${errors:-0}
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  echo "$rps $((non2xx + errors)) $p99"
}
