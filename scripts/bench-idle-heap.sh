#!/usr/bin/env bash
# The live heap an idle proxied connection costs the embedded engine, by class: the engine serves
# scripts/bench/bench.yaml in front of the benchmark's nginx backends (scripts/bench/nginx.sh), a
# client opens N connections through its HTTP service, sends one request on each and reads the
# answer, and holds them (a client side and a server side each); the difference of two class
# histograms (`jcmd PID GC.class_histogram`, which collects first: live objects only), before and
# while they are held, divided by N. Deterministic, unlike RSS: the figure to compare before and
# after a change to the engine's per-connection state. Not a test: a measurement.
#   scripts/bench-idle-heap.sh [-n CONNECTIONS] [-t TOP_CLASSES]
# The engine's classes are taken from runtime/target/classes when they are there, ahead of the jar's,
# so `mvn -pl runtime compile` is enough to measure a change to the engine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=2000 top=25
while getopts "n:t:" opt; do
  case "$opt" in
    n) n="$OPTARG" ;;
    t) top="$OPTARG" ;;
    *) echo "usage: $0 [-n CONNECTIONS] [-t TOP_CLASSES]" >&2; exit 2 ;;
  esac
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# shellcheck source=bench/engine.sh
. scripts/bench/engine.sh
# Addresses of its own (the deployment's, moved): scripts/bench-run.sh may be running meanwhile.
vip=127.0.0.140
bench_alone "$vip" 127.0.0.141 127.0.0.142
url="http://$vip:8080/owa/"
bench_wait_200 "$url"
# a short load first, as a running server has had: what is loaded and compiled lazily is there
wrk -t2 -c50 -d3s "$url" >/dev/null
sleep 1

histogram() { # -> "class bytes instances" lines
  jcmd "$engine" GC.class_histogram | awk '$1 ~ /^[0-9]+:$/ { print $4, $3, $2 }'
}
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$engine/status"; }
histogram >"$work/before"
sleep 4 # the histogram's full collection has shrunk the heap; its pages are returned meanwhile
rss_before=$(rss)
exec 7> >(python3 scripts/bench/idle.py "$vip" 8080 "$n" >"$work/idle.out" 2>&1)
for _ in $(seq 1 600); do grep -q . "$work/idle.out" 2>/dev/null && break; sleep 0.1; done
grep -q open "$work/idle.out" || { echo "idle client: $(cat "$work/idle.out")" >&2; exit 1; }
# as scripts/bench-run.sh: past the collection at rest (3 to 4 s), within the 10 s a keep-alive is held
sleep 5
rss_after=$(rss)
histogram >"$work/after"
echo >&7
for _ in $(seq 1 100); do grep -q alive "$work/idle.out" && break; sleep 0.1; done
alive=$(awk '/alive/ {print $2}' "$work/idle.out")

echo "resident memory: $rss_before -> $rss_after KB, $(awk -v a="$rss_after" -v b="$rss_before" -v n="$n" 'BEGIN { printf "%.2f", (a - b) / n }') KB per connection (noisy; bench-run.sh's figure)"
echo "live heap per idle proxied connection, $n connections ($alive still open when measured):"
awk -v n="$n" -v top="$top" '
  FNR == NR { b[$1] = $2; bi[$1] = $3; next }
  { d[$1] = $2 - b[$1]; di[$1] = $3 - bi[$1]; delete b[$1] }
  END {
    for (c in b) { d[c] = -b[c]; di[c] = -bi[c] }
    for (c in d) total += d[c]
    printf "  total %.0f bytes\n", total / n
    for (c in d) if (d[c] / n >= 1 || d[c] / n <= -1) printf "%10.1f B %6.2f objs  %s\n", d[c] / n, di[c] / n, c | "sort -gr | head -" top
  }' "$work/before" "$work/after"
