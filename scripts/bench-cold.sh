#!/usr/bin/env bash
# Cold lint benchmark: in one hyperfine run, side by side, a bare JVM hello world, `lbc lint` of one
# example and `lbc lint examples/` (every example in one call), each a new JVM; then the ratios of
# the medians. Not a test: it prints figures (docs/performance.md, "Cold lint").
#   scripts/bench-cold.sh [LAUNCHER]   LAUNCHER: ./lbc (default) or an unpacked release's bin/lbc
# Goals (issue 14): one example at most 3x the hello world, every example at most 1.5x one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
lbc="${1:-./lbc}"
runs="${RUNS:-15}"
example=examples/exchange2016-layer7-ssl-offload.yaml

command -v hyperfine >/dev/null || {
  echo "bench-cold.sh: hyperfine is missing (Debian: apt-get install hyperfine)" >&2
  exit 2
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/Hello.java" <<'EOF'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
EOF
javac -d "$work" "$work/Hello.java"

# builds the jar and its class-data archive when they are missing, outside the timings
"$lbc" lint "$example" >/dev/null

hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/times.json" \
  -n hello "java -cp $work Hello" \
  -n one "$lbc lint $example" \
  -n all "$lbc lint examples/"

python3 - "$work/times.json" <<'EOF'
import json, statistics, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
median = {k: statistics.median(r["times"]) for k, r in runs.items()}
cpu = {k: r["user"] + r["system"] for k, r in runs.items()}
for k in ("hello", "one", "all"):
    print(f"{k:6} median {median[k] * 1000:7.1f} ms wall, mean {cpu[k] * 1000:7.1f} ms CPU")
print(f"one example / hello world: {median['one'] / median['hello']:.2f}x (goal <= 3)")
print(f"every example / one:       {median['all'] / median['one']:.2f}x (goal <= 1.5)")
EOF
