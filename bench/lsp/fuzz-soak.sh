#!/usr/bin/env bash
# The language server's fuzz test (language-server FuzzTest) as a soak: the same seeded run over
# real JSON-RPC for longer. Usage: bench/lsp/fuzz-soak.sh [seconds, default 600] [seed, default 20261204]
# Prints the edits and requests per second it reached and the memory at the end (also in
# language-server/target/lsp-fuzz.txt); fails as the test does (an exit, a hang, an internal error,
# or final diagnostics that differ from a fresh analysis). The test JVM (server and test client in
# one process) runs with the launcher's lsp options and a 512 MB heap, the budget's, unless
# FUZZ_JVM_OPTS says otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-600}"
seed="${2:-20261204}"
cd "$root"
mvn -o -B -ntp -q -pl language-server -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.seconds="$seconds" -Dfuzz.seed="$seed" -Dsurefire.timeout=$((seconds + 900)) \
  -DargLine="${FUZZ_JVM_OPTS:--XX:+UseSerialGC -Xss4m -Xms96m -Xmx512m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}"
cat language-server/target/lsp-fuzz.txt
