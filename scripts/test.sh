#!/usr/bin/env bash
# The test command (README): installs what the tests need when missing, then runs every test.
#   scripts/test.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  if ! need apt-get; then echo "test.sh: $* missing and no apt-get to install it" >&2; exit 1; fi
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
need java || apt_install openjdk-17-jdk-headless
need mvn || apt_install maven
need npm || apt_install nodejs npm
# Real tools that check the generated files (docs/contract.md, "Build output").
need haproxy || apt_install haproxy
need keepalived || apt_install keepalived
need iptables-restore || apt_install iptables
need ip || apt_install iproute2
need curl || apt_install curl
need python3 || apt_install python3
need chromium || apt_install chromium
# promtool checks /metrics (Debian ships it in the prometheus package)
need promtool || apt_install prometheus

# Microsoft's SARIF Multitool checks our SARIF the way GitHub code scanning ingests it.
multitool=.tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$multitool" ]; then
  mkdir -p .tools
  (cd .tools && npm install --silent --no-audit --no-fund @microsoft/sarif-multitool >/dev/null)
fi

# A real PowerShell parser for the generated .ps1 files (tree-sitter-powershell under Node).
if [ ! -f tools/ps-parse/node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm ]; then
  (cd tools/ps-parse && npm install --silent --no-audit --no-fund --no-package-lock >/dev/null)
fi

# Debian's Chromium, driven by playwright-core, for the status page test.
if [ ! -d tools/browser/node_modules/playwright-core ]; then
  (cd tools/browser && npm install --silent --no-audit --no-fund --no-package-lock >/dev/null)
fi

# Red Hat's yaml-language-server, driven over stdio to prove the schema helps an editor.
if [ ! -d tools/yaml-ls/node_modules/yaml-language-server ]; then
  (cd tools/yaml-ls && npm install --silent --no-audit --no-fund --no-package-lock >/dev/null)
fi

mvn -B verify

# SARIF for a file with findings must pass the Multitool's SARIF and GitHub rules with no error.
out="$(mktemp -d)"
set +e
java -jar cli/target/lbc-all.jar lint --format sarif \
  golden/diagnostics/yaml-duplicate-names/input.yaml \
  golden/diagnostics/yaml-unknown-key-did-you-mean/input.yaml >"$out/lbc.sarif"
status=$?
set -e
if [ "$status" -ne 1 ]; then echo "test.sh: expected lint exit 1 for files with errors, got $status" >&2; exit 1; fi
# (called directly: the npm wrapper passes arguments through a shell, which splits "Sarif;Gh")
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$multitool" validate --rule-kind "Sarif;Gh" \
  --log ForceOverwrite --output "$out/validation.sarif" "$out/lbc.sarif" >"$out/validate.log" 2>&1
errors=$(python3 -c '
import json,sys
log=json.load(open(sys.argv[1]))
print(sum(1 for run in log.get("runs",[]) for r in run.get("results",[]) if r.get("level","warning")=="error"))
' "$out/validation.sarif")
tail -2 "$out/validate.log"
if [ "$errors" != "0" ]; then
  echo "test.sh: SARIF Multitool found $errors error(s) in lbc's SARIF" >&2
  exit 1
fi
echo "SARIF Multitool: 0 errors (rule kinds Sarif;Gh)"
echo "all tests passed"
