#!/usr/bin/env bash
# Throughput of lbc run: the same compiled lab deployment and the same simulated servers, served
# once by the embedded engine and once by HAProxy (--engine haproxy), loaded by wrk over HTTPS
# (TCP mode, SSL passthrough). Prints requests/s and p99 latency for both and their ratio.
# Not a test. Needs root-free loopback addresses 127.0.0.x (Linux).
#   scripts/bench-run.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-10}"
connections="${2:-50}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
[ -f cli/target/lbc-all.jar ] || mvn -B -q -DskipTests -Dspotless.check.skip=true install

run_one() {
  local engine="$1" log
  log="$(mktemp)"
  LBC_ADMIN_USER=bench LBC_ADMIN_PASSWORD=bench LB_ADMIN_PASSWORD=bench \
    java -jar cli/target/lbc-all.jar run examples/lab.yaml --simulate-servers \
    --engine "$engine" --admin 127.0.0.1:19190 >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do
    curl -sk --max-time 1 https://127.0.0.10:8443/owa/ >/dev/null 2>&1 && break
    sleep 0.2
  done
  wrk -t2 -c"$connections" -d"${seconds}s" --latency https://127.0.0.10:8443/owa/ >"$log.wrk"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$log.wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$log.wrk")
  echo "$engine $rps $p99"
}

embedded=$(run_one embedded)
haproxy=$(run_one haproxy)
printf '%-10s %14s %10s\n' engine requests/s p99
printf '%-10s %14s %10s\n' $embedded
printf '%-10s %14s %10s\n' $haproxy
awk -v a="$(echo "$embedded" | cut -d' ' -f2)" -v b="$(echo "$haproxy" | cut -d' ' -f2)" \
  'BEGIN { printf "embedded / haproxy throughput: %.2f\n", a / b }'
