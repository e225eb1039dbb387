#!/usr/bin/env bash
# Lint benchmark (JMH): the rules over 1,000 and 10,000 services, and the whole pipeline on the
# largest files the limits allow, in YAML and DSL, and the text report of a 1 MiB file with a
# finding on every line. Not a test: it prints figures.
#   scripts/bench-lint.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests -Dspotless.check.skip=true install >/dev/null
exec java -jar benchmarks/target/benchmarks.jar LintBenchmark "$@"
