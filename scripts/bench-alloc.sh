#!/usr/bin/env bash
# Bytes the embedded engine allocates per request, per mode (HTTP, HTTPS offload, TCP), on its
# event-loop threads: the engine serves scripts/bench/bench.yaml in front of the benchmark's nginx
# backends (scripts/bench/nginx.sh); after a warm-up per mode (the JIT's escape analysis removes
# allocations, so a cold figure would be too high), wrk loads each mode while a JFR recording
# (scripts/bench/alloc.jfc) reads every event-loop thread's allocated bytes every 100 ms; the
# growth over the run divided by the requests wrk counted is the figure. With -s N it also prints
# the N allocation sites that weigh most in JFR's allocation sample, per mode. Deterministic to a few
# percent, unlike requests/s and p99: the figure to compare before and after a change to the request
# path. Not a test: a measurement. Health checks (every 2 s) are counted too; they are noise here.
#   scripts/bench-alloc.sh [-d SECONDS] [-c CONNECTIONS] [-m MODES] [-s SITES] [-k DEPTH]
# The engine's classes are taken from runtime/target/classes when they are there, ahead of the jar's,
# so `mvn -pl runtime compile` is enough to measure a change to the engine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=5 conns=50 modes="http https tcp" sites=0 depth=3
while getopts "d:c:m:s:k:" opt; do
  case "$opt" in
    d) seconds="$OPTARG" ;;
    c) conns="$OPTARG" ;;
    m) modes="${OPTARG//,/ }" ;;
    s) sites="$OPTARG" ;;
    k) depth="$OPTARG" ;;
    *) echo "usage: $0 [-d SECONDS] [-c CONNECTIONS] [-m MODES] [-s SITES] [-k DEPTH]" >&2; exit 2 ;;
  esac
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# shellcheck source=bench/engine.sh
. scripts/bench/engine.sh
# Addresses of its own (the deployment's, moved): the other benchmarks may be running meanwhile.
vip=127.0.0.150
bench_alone "$vip" 127.0.0.151 127.0.0.152
url() {
  case "$1" in
    http) echo "http://$vip:8080/owa/" ;;
    https) echo "https://$vip:8443/owa/" ;;
    tcp) echo "http://$vip:9080/owa/" ;;
  esac
}
for m in $modes; do bench_wait_200 "$(url "$m")"; done
for m in $modes; do wrk -t2 -c"$conns" -d"$seconds"s "$(url "$m")" >/dev/null; done

printf "%-6s %10s %14s %12s\n" mode requests "bytes alloc." "bytes/req"
for m in $modes; do
  jcmd "$engine" JFR.start name="$m" settings="$PWD/scripts/bench/alloc.jfc" >/dev/null
  sleep 0.5
  requests=$(wrk -t2 -c"$conns" -d"$seconds"s "$(url "$m")" | awk '/requests in/ {print $1}')
  sleep 0.3
  jcmd "$engine" JFR.stop name="$m" filename="$work/$m.jfr" >/dev/null
  jfr print --json --events jdk.ThreadAllocationStatistics,jdk.ObjectAllocationSample --stack-depth "$depth" \
    "$work/$m.jfr" | python3 scripts/bench/alloc.py --sites "$sites" --depth "$depth" >"$work/$m.out"
  bytes=$(head -1 "$work/$m.out")
  printf "%-6s %10s %14s %12s\n" "$m" "$requests" "$bytes" "$((bytes / requests))"
  tail -n +2 "$work/$m.out" | sed 's/^/    /'
done
