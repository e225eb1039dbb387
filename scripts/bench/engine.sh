# Sourced by the engine's benchmarks (scripts/bench-run.sh, scripts/bench-alloc.sh and
# scripts/bench-idle-heap.sh), run from the repository's root: the set-up they share, as functions.
# Sourcing it defines them (and start_nginx, scripts/bench/nginx.sh) and starts nothing.

# shellcheck source=nginx.sh
. "$(dirname "${BASH_SOURCE[0]}")/nginx.sh"

# The JVM flags ./lbc and the release's bin/lbc give `lbc run` (the serial collector on a 16 MB young
# generation, what survives a young collection promoted at once, and the heap lbc does not need
# returned once it has been at rest 3 s; ADR 0029), so the figures are those of the launched server;
# LBC_RUN_JVM="..." replaces them (e.g. to compare a flag). bench_run_jvm sets run_jvm to them.
bench_run_jvm() {
  read -ra run_jvm <<<"${LBC_RUN_JVM:--XX:+UseSerialGC -Xms24m -Xmn16m -XX:MaxTenuringThreshold=0 -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=50 -XX:-ShrinkHeapInSteps}"
}

# bench_jar [--rebuild-stale]: sets jar to the build of lbc to run: $LBC_JAR as it is, else
# cli/target/lbc-all.jar, packaged when it is missing, and with --rebuild-stale also when a main
# source of runtime, cli, compiler or backends is newer than it.
bench_jar() {
  jar="${LBC_JAR:-cli/target/lbc-all.jar}"
  [ -z "${LBC_JAR:-}" ] || return 0
  if [ ! -f "$jar" ] || { [ "${1:-}" = --rebuild-stale ] &&
    [ -n "$(find runtime cli compiler backends -path '*/src/main/*' -newer "$jar" -print -quit)" ]; }; then
    mvn -B -q -pl cli -am package -DskipTests -Dspotless.check.skip=true
  fi
}

# bench_work: sets work to a new folder and pids to an empty list; on exit, the processes in pids
# (each benchmark adds what it starts in the background) are ended, a client fed through
# descriptor 7 is told to end, and the folder is removed.
bench_work() {
  work="$(mktemp -d)"
  chmod 755 "$work" # nginx's workers read www/ as their own user
  pids=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  exec 7>&- 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}

# bench_backends [ADDRESS1 ADDRESS2]: the benchmark's two nginx servers (start_nginx) in work,
# ended on exit.
bench_backends() {
  start_nginx "$work" "$@"
  pids+=("$nginx_master")
}

# bench_admin_env: the admin credentials scripts/bench/bench.yaml's deployment is run with.
bench_admin_env() {
  export LB_ADMIN_PASSWORD=bench LBC_ADMIN_USER=bench LBC_ADMIN_PASSWORD=bench
}

# bench_alone VIP SERVER1 SERVER2: the set-up of a measurement of the embedded engine alone: the
# build (bench_jar), work (bench_work), the backends on SERVER1 and SERVER2, and the engine serving
# scripts/bench/bench.yaml moved to VIP and them (the deployment's VIP 127.0.0.110 and servers
# 127.0.0.120 and 127.0.0.121 may be another benchmark's meanwhile), with lbc run's JVM flags; its
# output in work/engine.log. The engine's classes are taken from runtime/target/classes when they
# are there, ahead of the jar's. Sets engine to its pid, ended on exit.
bench_alone() {
  local vip="$1" s1="$2" s2="$3"
  bench_jar
  bench_work
  bench_backends "$s1" "$s2"
  bench_admin_env
  sed -e "s/127\.0\.0\.110/$vip/; s/127\.0\.0\.120/$s1/; s/127\.0\.0\.121/$s2/" \
    scripts/bench/bench.yaml >"$work/bench.yaml"
  cp scripts/bench/bench.pem "$work/"
  local cp="$jar"
  [ -d runtime/target/classes ] && cp="runtime/target/classes:$jar"
  bench_run_jvm
  java "${run_jvm[@]}" -cp "$cp" dev.lbc.cli.Main run "$work/bench.yaml" --engine embedded \
    --admin 127.0.0.1:0 >"$work/engine.log" 2>&1 &
  engine=$!
  pids+=("$engine")
}

# bench_wait_200 URL: waits up to 30 s for URL to answer 200; if it does not, prints the engine's
# log and exits.
bench_wait_200() {
  for _ in $(seq 1 150); do
    [ "$(curl -sk --max-time 1 -o /dev/null -w '%{http_code}' "$1")" = 200 ] && break
    sleep 0.2
  done
  [ "$(curl -sk --max-time 1 -o /dev/null -w '%{http_code}' "$1")" = 200 ] || { cat "$work/engine.log" >&2; exit 1; }
}
