#!/usr/bin/env bash
# What security costs: the generated Tasks service without security (bench/load/tasks.blueprint)
# against the same service with API keys, JWT and a rate limit (bench/load/tasks-secure.blueprint),
# GET by key under wrk at 64 and 256 connections: no credential needed (open service), an API
# key (SHA-256 + constant-time comparison against every client), an RS256 JWT (claims checked on
# every request, the signature once per token). Both on the local PostgreSQL. Writes
# bench/results/<date>/security.md. Usage: bench/load/security.sh [seconds per run, default 10]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-10}"
. "$here/common.sh"
command -v openssl >/dev/null || { echo "needs openssl" >&2; exit 2; }

echo "building the toolchain and the runtime..." >&2
(cd "$root" && mvn -q -B -DskipTests install -pl runtime -am >/dev/null)
"$root/blueprint" --version >/dev/null
for name in tasks tasks-secure; do
  "$root/blueprint" compile "$here/$name.blueprint" -o "$work/$name" >&2
  (cd "$work/$name" && mvn -q -B -DskipTests package >/dev/null)
done
jar_of() { ls "$work/$1"/target/*.jar | grep -v original | head -n 1; }

# An RSA key pair and an RS256 token valid for an hour, made with openssl alone.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt.key" 2>/dev/null
openssl pkey -in "$work/jwt.key" -pubout -out "$work/jwt.pub"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"https://id.bench.local/","aud":"bench","sub":"bench-user","roles":["writer"],"exp":%d}' \
  $(( $(date +%s) + 3600 )) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/jwt.key" -binary | b64url)
token="$header.$payload.$signature"
api_key="bench-$(openssl rand -hex 24)"

for db in bench_generated bench_secure; do
  psql_ -c "drop database if exists $db" >/dev/null
  psql_ -c "create database $db" >/dev/null
done

ACCESS_LOG=off PORT=18080 DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/bench_generated DATABASE_USER=postgres \
  java -jar "$(jar_of tasks)" >"$work/open.log" 2>&1 &
pids+=($!)
ACCESS_LOG=off PORT=18081 DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/bench_secure DATABASE_USER=postgres \
  BENCH_API_KEY="$api_key" OTHER_API_KEY="other-$(openssl rand -hex 24)" JWT_PUBLIC_KEY="$(cat "$work/jwt.pub")" \
  java -jar "$(jar_of tasks-secure)" >"$work/secure.log" 2>&1 &
pids+=($!)
wait_ready http://127.0.0.1:18080/health/ready
wait_ready http://127.0.0.1:18081/health/ready

create() {  # base [header]
  curl -fs -X POST -H 'Content-Type: application/json' ${2:+-H "$2"} -d '{"title":"bench","due":"2026-12-01"}' \
    "$1/api/tasks" | sed -E 's/.*"id":"([^"]+)".*/\1/'
}
open_id="$(create http://127.0.0.1:18080)"
secure_id="$(create http://127.0.0.1:18081 "X-API-Key: $api_key")"
# the checks must hold before anything is timed
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:18081/api/tasks/$secure_id")" = 401 ] || { echo "no credential was not refused" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:18081/api/tasks/$secure_id")" = 200 ] || { echo "the JWT was refused" >&2; exit 1; }

# warm both services up on every path measured (JIT, pools, the verified-token cache) before timing
for warm in "http://127.0.0.1:18080/api/tasks/$open_id|" "http://127.0.0.1:18081/api/tasks/$secure_id|X-API-Key: $api_key" \
    "http://127.0.0.1:18081/api/tasks/$secure_id|Authorization: Bearer $token"; do
  header="${warm#*|}"
  measure "${warm%%|*}" 64 ${header:+-H "$header"} >/dev/null
done

{
  echo "# Security overhead, $(date -u +%F)"
  echo
  echo "GET /api/tasks/{id} on the generated Tasks service, open (bench/load/tasks.blueprint) and with"
  echo "security (bench/load/tasks-secure.blueprint: API keys for two clients, RS256 JWT from a PEM,"
  echo "a rate limit far above the load), both on the local PostgreSQL, io 2 / workers 64 / pool 20,"
  echo "access log off, wrk -t2 for ${seconds}s per cell after a warm-up run of each, on this 2-core machine"
  echo "(wrk shares the cores). One token is reused, as clients do: its signature is verified once and its"
  echo "claims on every request (the runtime remembers verified tokens for up to 5 minutes)."
  echo
  echo "| credential | connections | req/s | of open | p99 | errors |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
} > "$out/security.md"
for c in 64 256; do
  read -r o_rps o_err o_p99 < <(measure "http://127.0.0.1:18080/api/tasks/$open_id" "$c")
  echo "| none (open service) | $c | $o_rps | 1.00 | $o_p99 | $o_err |" | tee -a "$out/security.md" >&2
  read -r k_rps k_err k_p99 < <(measure "http://127.0.0.1:18081/api/tasks/$secure_id" "$c" -H "X-API-Key: $api_key")
  echo "| API key | $c | $k_rps | $(awk -v a="$k_rps" -v b="$o_rps" 'BEGIN { printf "%.2f", a / b }') | $k_p99 | $k_err |" | tee -a "$out/security.md" >&2
  read -r j_rps j_err j_p99 < <(measure "http://127.0.0.1:18081/api/tasks/$secure_id" "$c" -H "Authorization: Bearer $token")
  echo "| JWT RS256 | $c | $j_rps | $(awk -v a="$j_rps" -v b="$o_rps" 'BEGIN { printf "%.2f", a / b }') | $j_p99 | $j_err |" | tee -a "$out/security.md" >&2
done
echo >> "$out/security.md"
echo "Load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$out/security.md"
echo "wrote $out/security.md" >&2
