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
# Whether YAML file $1's first key is `lbc:`, as lbc's folder search decides it: the first line that
# is not blank, a comment, `---` or a directive, a BOM before it ignored. awk stops at that line,
# so a large file is not read to its end, and no pipe can break under pipefail; the file is read
# from a redirection, so a name such as `-x.yaml` or `a=b.yaml` is no option or assignment.
first_key_is_lbc() {
  LC_ALL=C awk -v bom="$(printf '\357\273\277')" '
    NR == 1 && index($0, bom) == 1 { $0 = substr($0, 4) }
    { t = $0; sub(/^[ \t\r]+/, "", t); sub(/[ \t\r]+$/, "", t) }
    t == "" || t ~ /^#/ || t == "---" || t ~ /^%/ { next }
    { found = ($0 ~ /^(lbc|"lbc"|\047lbc\047)[ \t]*:/); exit }
    END { exit !found }' <"$1"
}
files=()
for f in "$@"; do
  case "$f" in
    .lbc.yaml | */.lbc.yaml) ;; # the project file, which lbc reads as its settings
    *.lbc | *.lbc.yaml | *.lbc.yml) files+=("$f") ;;
    *.yaml | *.yml)
      # any other YAML file is a deployment only if its first key is `lbc:`; a workflow or a
      # Kubernetes manifest that pre-commit passes along is not lbc's to judge
      if first_key_is_lbc "$f"; then
        files+=("$f")
      fi
      ;;
  esac
done
if [ "${#files[@]}" -eq 0 ]; then
  exit 0
fi
# `--`: a staged file named `-x.lbc` is a file, not an option
exec "${lbc[@]}" "$command" -- "${files[@]}"
