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
jar="${LBC_JAR:-cli/target/lbc-all.jar}"
[ -f "$jar" ] || mvn -B -q -pl cli -am package -DskipTests -Dspotless.check.skip=true

work="$(mktemp -d)"
chmod 755 "$work" # nginx's workers read www/ as their own user
pids=()
cleanup() {
  exec 7>&- 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/nginx.sh
. scripts/bench/nginx.sh
# Addresses of its own (the deployment's, moved): scripts/bench-run.sh may be running meanwhile.
vip=127.0.0.140 s1=127.0.0.141 s2=127.0.0.142
start_nginx "$work" "$s1" "$s2"
pids+=("$nginx_master")

export LB_ADMIN_PASSWORD=bench LBC_ADMIN_USER=bench LBC_ADMIN_PASSWORD=bench
sed -e "s/127\.0\.0\.110/$vip/; s/127\.0\.0\.120/$s1/; s/127\.0\.0\.121/$s2/" \
  scripts/bench/bench.yaml >"$work/bench.yaml"
cp scripts/bench/bench.pem "$work/"
cp="$jar"
[ -d runtime/target/classes ] && cp="runtime/target/classes:$jar"
java -XX:G1PeriodicGCInterval=3000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 \
  -cp "$cp" dev.lbc.cli.Main run "$work/bench.yaml" --engine embedded \
  --admin 127.0.0.1:0 >"$work/engine.log" 2>&1 &
engine=$!
pids+=("$engine")
url="http://$vip:8080/owa/"
for _ in $(seq 1 150); do
  [ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$url")" = 200 ] && break
  sleep 0.2
done
[ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$url")" = 200 ] || { cat "$work/engine.log" >&2; exit 1; }
# a short load first, as a running server has had: what is loaded and compiled lazily is there
wrk -t2 -c50 -d3s "$url" >/dev/null
sleep 1

histogram() { # -> "class bytes instances" lines
  jcmd "$engine" GC.class_histogram | awk '$1 ~ /^[0-9]+:$/ { print $4, $3, $2 }'
}
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$engine/status"; }
histogram >"$work/before"
sleep 4 # the JVM's periodic collection (3 s) returns what the histogram's collection freed
rss_before=$(rss)
exec 7> >(python3 scripts/bench/idle.py "$vip" 8080 "$n" >"$work/idle.out" 2>&1)
for _ in $(seq 1 600); do grep -q . "$work/idle.out" 2>/dev/null && break; sleep 0.1; done
grep -q open "$work/idle.out" || { echo "idle client: $(cat "$work/idle.out")" >&2; exit 1; }
sleep 4 # as scripts/bench-run.sh: past the periodic collection, within the 10 s a keep-alive is held
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
