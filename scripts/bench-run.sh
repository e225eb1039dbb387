#!/usr/bin/env bash
# lbc run's embedded engine against HAProxy (lbc run --engine haproxy) on the same compiled
# deployment (scripts/bench/bench.yaml) and the same backends: two nginx servers on 127.0.0.120 and
# 127.0.0.121. Both engines run at once on different loopback addresses (the embedded one on the
# deployment's VIP 127.0.0.110, HAProxy through --bind-map on 127.0.0.111), and wrk loads them in
# turn, the order swapped every round, in HTTP mode, HTTP mode with SSL offload and TCP mode at 50
# and 500 connections. Prints requests/s, p99 and the ratios (embedded / HAProxy) per round, with
# nginx's CPU and each engine's CPU and wait for a core per request, then the medians, then the
# memory of 8,000 idle proxied connections, per connection.
# The addresses stay clear of the lab's (127.0.0.10, .20, .21), which tests and demos may be serving.
# Not a test: a benchmark. Needs Linux loopback addresses 127.0.0.x and about 20,000 descriptors.
#   scripts/bench-run.sh [-r ROUNDS] [-d SECONDS] [-w WARMUP_SECONDS] [-i IDLE_CONNECTIONS]
#                        [-m MODES] [-c CONNECTIONS] [-t]
#   (-r 0: the idle-connection memory alone; -i 0: no idle measurement; -m https -c 50: only that
#   cell, e.g. to compare JVM flags on one cell over more rounds; -m http-close: every request on a
#   new connection, so the figure is the proxies' connection set-up, -m https-close the same with
#   a (resumed) TLS handshake each, neither among the defaults;
#   -t: each round also prints both engines' latency percentiles from the median to the 99.9th,
#   to see where two distributions part)
#   LBC_RUN_JVM="..." replaces the JVM flags of the embedded engine (default: lbc run's own), to
#   compare a collector or a flag; LBC_JAR=... runs another build of lbc.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
rounds=3 seconds=10 warmup=10 idle=8000 modes="http https tcp" conns="50 500" tail=0
while getopts "r:d:w:i:m:c:t" opt; do
  case "$opt" in
    r) rounds="$OPTARG" ;;
    d) seconds="$OPTARG" ;;
    w) warmup="$OPTARG" ;;
    i) idle="$OPTARG" ;;
    m) modes="${OPTARG//,/ }" ;;
    c) conns="${OPTARG//,/ }" ;;
    t) tail=1 ;;
    *) echo "usage: $0 [-r ROUNDS] [-d SECONDS] [-w WARMUP_SECONDS] [-i IDLE_CONNECTIONS] [-m MODES] [-c CONNECTIONS] [-t]" >&2; exit 2 ;;
  esac
done

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need haproxy haproxy
need nginx nginx-light
need python3 python3
# -c500 through a proxy and 8,000 idle connections need descriptors on every side
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -ge $((idle * 2 + 1000)) ] || echo "note: ulimit -n is $(ulimit -n); $idle idle connections may not fit" >&2
# shellcheck source=bench/engine.sh
. scripts/bench/engine.sh
bench_jar --rebuild-stale # LBC_JAR: another build, e.g. to compare before and after
bench_work

# --- the backends: nginx (scripts/bench/nginx.sh)
bench_backends

# --- the two engines on the same compiled deployment
bench_admin_env
# lbc run's own JVM flags, or LBC_RUN_JVM's (scripts/bench/engine.sh)
bench_run_jvm
java "${run_jvm[@]}" -jar "$jar" run scripts/bench/bench.yaml --engine embedded \
  --admin 127.0.0.1:0 >"$work/embedded.log" 2>&1 &
pids+=($!)
embedded_pid=$!
java -jar "$jar" run scripts/bench/bench.yaml --engine haproxy \
  --bind-map 127.0.0.110=127.0.0.111 --admin 127.0.0.1:0 >"$work/haproxy.log" 2>&1 &
pids+=($!)
lbc_haproxy_pid=$!

declare -A vip=([embedded]=127.0.0.110 [haproxy]=127.0.0.111)
url() { # engine mode
  case "$2" in
    http | http-close) echo "http://${vip[$1]}:8080/owa/" ;;
    https | https-close) echo "https://${vip[$1]}:8443/owa/" ;;
    tcp) echo "http://${vip[$1]}:9080/owa/" ;;
  esac
}
ready() {
  for _ in $(seq 1 150); do
    local ok=1
    for m in http https tcp; do
      [ "$(curl -sk --max-time 1 -o /dev/null -w '%{http_code}' "$(url "$1" "$m")")" = 200 ] || ok=0
    done
    [ "$ok" = 1 ] && return 0
    sleep 0.2
  done
  echo "$1 did not answer 200 on every service; its log:" >&2
  cat "$work/$1.log" >&2
  exit 1
}
ready embedded
ready haproxy
[ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.120:8080/owa/)" = 200 ]

# The processes whose memory is the engine's: the JVM, or HAProxy's master and worker.
engine_pids() {
  if [ "$1" = embedded ]; then echo "$embedded_pid"; else
    local master
    master=$(pgrep -P "$lbc_haproxy_pid" -x haproxy | head -1)
    echo "$master $(pgrep -P "$master" -x haproxy | tr '\n' ' ')"
  fi
}
rss_kb() { # summed VmRSS of the pids given
  local total=0
  for p in "$@"; do
    total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$p/status")))
  done
  echo "$total"
}
engine_ticks() { # user+system ticks of an engine's processes (every thread of each)
  local total=0
  for p in $(engine_pids "$1"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}
engine_waited() { # "NS RUNS": how long an engine's threads waited for a core while runnable, and
  # how many times they were given one (schedstat)
  local p
  for p in $(engine_pids "$1"); do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done |
    awk '{ w += $2; n += $3 } END { printf "%.0f %.0f", w, n }'
}
cpu_ticks() { # user+system ticks of a process and its children
  local total=0
  for p in "$@" $(pgrep -P "$1" | tr '\n' ' '); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}

# --- idle connections, on fresh engines: each client connection sends one request through the
# engine's HTTP service, reads the answer and then stays open, so client and server side are held
full_collections() { # pid -> the JVM's count of full collections so far (jstat's FGC)
  jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FGC") c = i } NR == 2 { print $c }'
}
idle_kb() { # engine -> KB per idle connection
  local engine="$1" before after
  # Both engines first serve a short load and rest, as a running server has: the JVM has compiled
  # its paths and returned that load's garbage (its collection at rest), HAProxy's pools hold 50
  # connections' worth. What grows then is what 8,000 idle connections cost. The load opens
  # connections too (a request each), then keeps them alive: with keep-alive alone the JVM met
  # the connection set-up cold, and on a slow machine opening the 8,000 took 6 s against
  # HAProxy's 2.5, so the first ones reached the 10 s keep-alive before the last reading.
  wrk -t2 -c50 -d5s -H "Connection: close" "$(url "$engine" http)" >/dev/null
  wrk -t2 -c50 -d5s "$(url "$engine" http)" >/dev/null
  sleep 10
  # shellcheck disable=SC2046
  before=$(rss_kb $(engine_pids "$engine"))
  exec 7> >(python3 scripts/bench/idle.py "${vip[$engine]}" 8080 "$idle" >"$work/idle.out" 2>&1)
  local idle_pid=$!
  for _ in $(seq 1 600); do grep -q . "$work/idle.out" 2>/dev/null && break; sleep 0.1; done
  grep -q open "$work/idle.out" || { echo "idle client: $(cat "$work/idle.out")" >&2; exit 1; }
  # counted once they are open: opening 8,000 can fill the old generation and collect it in full
  local collections_before=""
  [ "$engine" = embedded ] && collections_before=$(full_collections "$embedded_pid")
  # The reading 5 s after the connections are open: past lbc's collection once at rest (3 to 4 s
  # after the last of them), after which its heap is what the connections hold, and within the
  # 10 s an idle keep-alive is kept (the client's eight openers take 2 to 4 s, the embedded
  # engine's pace setting the upper end; the figure is refused when one was closed before the
  # reading). Not the lowest of the readings: a collector whose young generation is already
  # resident holds new connections there at no cost in RSS until that collection moves them to
  # the old generation. HAProxy's reading does not move.
  # The embedded engine's reading waits for that collection (up to 8 s; a warning when it has not
  # come), so that a slow machine's late collection does not leave the connections uncounted.
  local opened_ms now_ms
  opened_ms=$(date +%s%3N)
  now_ms=$opened_ms
  if [ -n "$collections_before" ]; then
    while [ "$(full_collections "$embedded_pid")" = "$collections_before" ] \
      && [ $((now_ms - opened_ms)) -lt 8000 ]; do
      sleep 0.2
      now_ms=$(date +%s%3N)
    done
    [ $((now_ms - opened_ms)) -lt 8000 ] || echo "idle: no collection at rest within 8 s; read anyway" >&2
  fi
  now_ms=$(date +%s%3N)
  [ $((now_ms - opened_ms)) -ge 5000 ] || sleep "$(awk -v w=$((now_ms - opened_ms)) 'BEGIN { print (5000 - w) / 1000 }')"
  # shellcheck disable=SC2046
  after=$(rss_kb $(engine_pids "$engine"))
  echo >&7
  for _ in $(seq 1 100); do grep -q alive "$work/idle.out" && break; sleep 0.1; done
  local alive
  alive=$(awk '/alive/ {print $2}' "$work/idle.out")
  local opened
  opened=$(awk '/open after/ {print $3}' "$work/idle.out")
  exec 7>&-
  wait "$idle_pid" 2>/dev/null || true
  : >"$work/idle.out"
  sleep 2 # the engine closes them all before the next measurement
  awk -v a="$after" -v b="$before" -v n="$idle" -v l="$alive" -v o="$opened" 'BEGIN { printf "%.2f %d %d %d %s", (a - b) / n, b, a, l, o }'
}
if [ "$idle" -gt 0 ]; then
  mem_embedded=$(idle_kb embedded)
  mem_haproxy=$(idle_kb haproxy)
fi

# --- throughput: wrk in turn against each engine
p99_ms() { # wrk's "99%  4.12ms" -> 4.12
  awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
    if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000; print v }' "$1"
}
run_wrk() { # engine mode connections seconds -> "rps p99"
  local out="$work/wrk.out"
  local close=()
  # http-close, https-close: every request on a new connection, so the figure is the proxy's
  # connection set-up (with https-close, a TLS handshake each: after its first, wrk resumes the
  # connection's session by ticket, so each is a resumed handshake with a fresh key exchange)
  case "$2" in *-close) close=(-H "Connection: close") ;; esac
  [ "$tail" = 1 ] && close+=(-s scripts/bench/percentiles.lua)
  wrk -t2 -c"$3" -d"$4s" --latency ${close[@]+"${close[@]}"} "$(url "$1" "$2")" >"$out" 2>&1
  grep '^tail:' "$out" >"$work/tail.$1" || true
  if grep -q "Non-2xx\|Socket errors" "$out"; then grep "Non-2xx\|Socket errors" "$out" | sed "s/^/$1 $2 c$3: /" >&2; fi
  echo "$(awk '/Requests\/sec/ {print $2}' "$out") $(p99_ms "$out")"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r); $(java -version 2>&1 | head -1); $(haproxy -v | head -1 | cut -d' ' -f1-3); $(nginx -v 2>&1)"
# nginx alone, to show it is not the bottleneck (both proxies send it the same load)
ticks0=$(cpu_ticks "$nginx_master")
direct=$(wrk -t2 -c50 -d"${seconds}s" http://127.0.0.120:8080/owa/ | awk '/Requests\/sec/ {print $2}')
ticks1=$(cpu_ticks "$nginx_master")
echo "nginx direct (wrk -c50, no proxy): $direct req/s, nginx CPU $(awk -v t=$((ticks1 - ticks0)) -v s="$seconds" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f%%", 100 * t / hz / s }') of one core"
echo "warm-up: ${warmup}s per mode on each engine, in two passes (the JVM compiles its hot paths; HAProxy needs none)"
# Two passes of half the time: when wrk stops it resets its connections, and the first resets an
# engine sees deoptimise its compiled hot path (the error branches had never run), which the JIT
# then compiles again for seconds. A running server has seen connection ends before; with one pass
# the first measured cell would time that recompilation instead (docs/performance.md, round 9).
for pass in 1 2; do
  for m in $modes; do
    for e in embedded haproxy; do run_wrk "$e" "$m" 500 $(((warmup + 1) / 2)) >/dev/null; done
  done
done

declare -A results per_request waited
printf '%-10s %5s %5s | %12s %9s | %12s %9s | %6s %6s | %s\n' mode conns round \
  "embedded r/s" "p99 ms" "haproxy r/s" "p99 ms" "r/s x" "p99 x" "nginx cpu"
for r in $(seq 1 "$rounds"); do
  for m in $modes; do
    for c in $conns; do
      if [ $((r % 2)) = 1 ]; then order="embedded haproxy"; else order="haproxy embedded"; fi
      line=""
      for e in $order; do
        t0=$(cpu_ticks "$nginx_master")
        e0=$(engine_ticks "$e") w0=$(engine_waited "$e")
        results[$e]=$(run_wrk "$e" "$m" "$c" "$seconds")
        e1=$(engine_ticks "$e") w1=$(engine_waited "$e")
        t1=$(cpu_ticks "$nginx_master")
        line="$line $e:$(awk -v t=$((t1 - t0)) -v s="$seconds" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f%%", 100 * t / hz / s }')"
        # the engine's own CPU per request (all its threads), µs: what it leaves the others
        per_request[$e]=$(awk -v t=$((e1 - e0)) -v hz="$(getconf CLK_TCK)" -v r="${results[$e]%% *}" \
          -v s="$seconds" 'BEGIN { printf "%.1f", 1e6 * t / hz / (r * s) }')
        # and how long its threads waited in the run queue: per request, and per wait (µs)
        waited[$e]=$(awk -v w0="$w0" -v w1="$w1" -v r="${results[$e]%% *}" -v s="$seconds" \
          'BEGIN { split(w0, a, " "); split(w1, b, " "); w = b[1] - a[1]; n = b[2] - a[2]
                   printf "%.1f µs, %.0f µs each", w / 1e3 / (r * s), (n > 0 ? w / 1e3 / n : 0) }')
      done
      cpu_line=" | per request: cpu ${per_request[embedded]} / ${per_request[haproxy]} µs, waiting for a core ${waited[embedded]} / ${waited[haproxy]}"
      read -r er ep <<<"${results[embedded]}"
      read -r hr hp <<<"${results[haproxy]}"
      echo "$m $c $r $er $ep $hr $hp" >>"$work/results"
      printf '%-10s %5s %5s | %12s %9s | %12s %9s | %6.2f %6.2f |%s%s\n' "$m" "$c" "$r" "$er" "$ep" "$hr" "$hp" \
        "$(awk -v a="$er" -v b="$hr" 'BEGIN { print a / b }')" "$(awk -v a="$ep" -v b="$hp" 'BEGIN { print a / b }')" "$line" "$cpu_line"
      if [ "$tail" = 1 ]; then
        for e in embedded haproxy; do printf '%28s %-8s %s\n' "" "$e" "$(cut -d' ' -f2- "$work/tail.$e")"; done
      fi
    done
  done
done

[ "$rounds" -gt 0 ] && echo && echo "medians over $rounds rounds (ratios: embedded / HAProxy; goal r/s >= 0.9, p99 <= 1.2)"
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for m in $modes; do
  for c in $conns; do
    [ "$rounds" -gt 0 ] || continue
    sel() { awk -v m="$m" -v c="$c" -v f="$1" '$1 == m && $2 == c { print $f }' "$work/results"; }
    rx=$(awk -v m="$m" -v c="$c" '$1 == m && $2 == c { print $4 / $6 }' "$work/results" | median)
    px=$(awk -v m="$m" -v c="$c" '$1 == m && $2 == c { print $5 / $7 }' "$work/results" | median)
    printf '%-10s %5s | embedded %9s r/s p99 %7s ms | haproxy %9s r/s p99 %7s ms | r/s %.2fx p99 %.2fx\n' \
      "$m" "$c" "$(sel 4 | median)" "$(sel 5 | median)" "$(sel 6 | median)" "$(sel 7 | median)" "$rx" "$px"
  done
done

echo
if [ "$idle" -eq 0 ]; then
  echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
read -r ek eb ea el eo <<<"$mem_embedded"
read -r hk hb ha hl ho <<<"$mem_haproxy"
echo "idle connections ($idle, HTTP mode, one request each, client and server side held):"
printf '  embedded %6.2f KB each (RSS %d -> %d KB, 5 s after; opened in %s s; %d still open when measured)\n' "$ek" "$eb" "$ea" "$eo" "$el"
printf '  haproxy  %6.2f KB each (RSS %d -> %d KB, 5 s after; opened in %s s; %d still open when measured)\n' "$hk" "$hb" "$ha" "$ho" "$hl"
if [ "$el" -lt "$idle" ] || [ "$hl" -lt "$idle" ]; then
  # a connection the engine closed before the last reading makes the figure too low
  echo "  no ratio: not every connection was still open when the memory was read (the client took too long to open them); run again, e.g. -r 0"
else
  awk -v a="$ek" -v b="$hk" 'BEGIN { printf "  ratio %.2fx (goal <= 1.5x)\n", a / b }'
fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
