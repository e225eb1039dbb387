#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml: `pre-commit.sh lint FILE...` or
# `pre-commit.sh fmt FILE...`. Runs the lbc on the PATH (an installed release), else the ./lbc
# of the checkout this script is in, which builds its jar on first use.
set -euo pipefail
command="$1"
shift
if command -v lbc >/dev/null 2>&1; then
  lbc=(lbc)
else
  lbc=("$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lbc")
fi
files=()
for f in "$@"; do
  case "$f" in
    *.lbc | *.lbc.yaml | *.lbc.yml) files+=("$f") ;;
    *.yaml | *.yml)
      # any other YAML file is a deployment only if its first key is `lbc:`; a workflow or a
      # Kubernetes manifest that pre-commit passes along is not lbc's to judge
      if grep -v -E '^[[:space:]]*(#|$)|^(---|%)' "$f" | head -n 1 | grep -q -E '^lbc[[:space:]]*:'; then
        files+=("$f")
      fi
      ;;
  esac
done
if [ "${#files[@]}" -eq 0 ]; then
  exit 0
fi
exec "${lbc[@]}" "$command" "${files[@]}"
