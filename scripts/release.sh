#!/usr/bin/env bash
# Builds the release: target/release/lbc-VERSION-linux-x64.tar.gz, which runs on a machine with no
# Java and no Maven. It holds
#   bin/lbc        the launcher (POSIX sh)
#   lib/lbc.jar    the application (cli/target/lbc-all.jar)
#   lib/lbc.classlist  the classes a lint loads, from which bin/lbc makes its class-data-sharing
#                  archive (lbc.jsa) on first use, where the release was unpacked
#   runtime/       a Java runtime trimmed with jlink to the modules the jar uses, with the JDK's
#                  own class-data archive
#
# Why the archive is made on first use: on JDK 17 an application archive names the jar by its
# absolute path and is refused (with a warning on stdout) anywhere else, so an archive made here
# would only work in this folder.
#
#   scripts/release.sh [--no-build] [--out DIR]
#     --no-build  use the jar already in cli/target (the test suite does, after packaging)
#     --out DIR   write the tarball into DIR instead of target/release
#
# Deterministic where the JDK lets it be: sorted entries, fixed owner and times (the last commit's
# time, or SOURCE_DATE_EPOCH), gzip without a timestamp. The runtime's classes.jsa is not
# byte-for-byte reproducible: HotSpot writes addresses of the dumping process into it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=1
out="$root/target/release"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --out) out="$2"; shift ;;
    *) echo "release.sh: unknown option $1 (usage: release.sh [--no-build] [--out DIR])" >&2; exit 2 ;;
  esac
  shift
done

for tool in jlink jdeps java; do
  command -v "$tool" >/dev/null || { echo "release.sh: $tool not found; a JDK 17 is needed to build a release" >&2; exit 2; }
done

if [ "$build" = 1 ]; then
  mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true package
fi
jar="$root/cli/target/lbc-all.jar"
[ -f "$jar" ] || { echo "release.sh: $jar is missing; run without --no-build" >&2; exit 2; }

# the project's own version: the first <version> in the root pom is the parent project's
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
name="lbc-$version-linux-x64"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
image="$work/$name"
mkdir -p "$image/bin" "$image/lib"
cp "$jar" "$image/lib/lbc.jar"

# Modules: what jdeps finds in the jar, plus what is only reached through ServiceLoader or by name
# (elliptic-curve TLS for SSL offload, the DNS name service).
modules="$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$image/lib/lbc.jar")"
modules="$modules,jdk.crypto.ec,jdk.naming.dns"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --generate-cds-archive --output "$image/runtime" >/dev/null

# Training: lint every example with the runtime and jar of the release, recording the classes it
# loads (the lambda forms too). bin/lbc makes the class-data archive from this list. The line is one
# lint's quick reader leaves to picocli (QuickLint), so the list holds picocli for the other
# commands too; the golden diagnostics add the classes of a lint that finds errors (exit 1).
(cd "$root" && "$image/runtime/bin/java" -XX:DumpLoadedClassList="$image/lib/lbc.classlist" \
  -XX:TieredStopAtLevel=1 -XX:+UseG1GC -Xss4m -cp "$image/lib/lbc.jar" dev.lbc.cli.Main \
  lint --color=never examples/ golden/diagnostics/ >/dev/null || [ $? -eq 1 ])

cat >"$image/bin/lbc" <<'EOF'
#!/bin/sh
# lbc, as released: the bundled runtime and the jar, started from a class-data-sharing archive.
# LBC_JAVA_OPTS adds JVM options (split on spaces), e.g. LBC_JAVA_OPTS=-Xmx2g lbc run ...; one that
# picks a collector (-XX:+Use...GC) replaces lbc's collector and the flags lbc tunes it with.
self="$0"
# follow links, so a link to bin/lbc from a folder on PATH finds the rest of the release
while [ -h "$self" ]; do
  link="$(readlink "$self")"
  case "$link" in
    /*) self="$link" ;;
    *) self="$(dirname "$self")/$link" ;;
  esac
done
home="$(cd "$(dirname "$self")/.." && pwd -P)"
java="$home/runtime/bin/java"
jar="$home/lib/lbc.jar"

# split into words, never globbed: an option such as -XX:OnError=... may hold '*' or '?'
set -f

# The archive names the jar by its absolute path (JDK 17), so it is made here, once, from the
# class list the release was trained with; a stamp holds the folder it was made for, so a moved
# release makes a new one. In lib/ when it is writable, else in the user's cache.
if [ -w "$home/lib" ]; then
  archive="$home/lib/lbc.jsa"
else
  archive="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/lbc/lbc.jsa"
fi
made=""
[ -f "$archive.home" ] && read -r made <"$archive.home"
case "$home" in
  # JDK 17 takes no application classes from an archive when the jar's path has a space
  *" "*) archive="" made="$home" ;;
esac
if [ "$made" != "$home" ] && mkdir -p "$(dirname "$archive")" 2>/dev/null; then
  echo "lbc: preparing the start-up archive, once (${archive})..." >&2
  # on lbc's own settings, whatever the variables every java reads say: an archive dumped on
  # another collector or heap size (ZGC, -Xmx40g: no compressed oops) is refused by later runs
  # (unset in a subshell: no env command needed)
  if (unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS
    "$java" -XX:+UseG1GC -Xshare:dump -XX:SharedClassListFile="$home/lib/lbc.classlist" \
      -XX:SharedArchiveFile="$archive.$$" -cp "$jar") >/dev/null 2>&1; then
    mv -f "$archive.$$" "$archive"
  else
    # without an archive lbc only starts slower; the stamp keeps it from trying on every run
    rm -f "$archive.$$" "$archive"
  fi
  printf '%s\n' "$home" >"$archive.home" 2>/dev/null || true
fi

# Short commands stop at the first JIT tier: they end before the optimising compiler pays off.
# G1, not the serial collector: only G1 maps the archive's heap objects on JDK 17 (the module
# graph among them), 13 ms off a lint (docs/performance.md, "Cold lint", round 5). `lbc run` is a
# server: the full JIT and the serial collector (ADR 0029), whose barriers and young pauses cost
# a request less than G1's, on a 16 MB young generation; a 24 MB initial heap, not a 64th of the
# machine's memory; what lbc no longer needs given back at rest (a full collection it asks for
# once it has been at rest 3 s, "Round 8: collections at rest only"), at once (ShrinkHeapInSteps
# off); and what survives a young collection (mostly a connection's state) promoted at once
# rather than copied again (docs/performance.md, "Round 7: promotion at first survival" and
# "Round 11: the serial collector").
# first-tier thresholds at three times the JDK's: fewer compilations of code a cold lint runs a few
# hundred times (docs/performance.md, "Cold lint"); no performance-data file in /tmp for them
gc="-XX:+UseG1GC"
fast="-XX:TieredStopAtLevel=1 -XX:Tier3InvocationThreshold=600 -XX:Tier3MinInvocationThreshold=300 -XX:Tier3CompileThreshold=6000 -XX:Tier3BackEdgeThreshold=180000 -XX:-UsePerfData"
# the heap on transparent huge pages where the kernel gives them on request: fewer page faults,
# 6 to 11 % off a cold lint (docs/performance.md, "Cold lint", round 5); only asked for where
# offered, elsewhere the JVM would warn on every run
thp=""
{ read -r thp </sys/kernel/mm/transparent_hugepage/enabled; } 2>/dev/null || true
pages=""
case "$thp" in *"[always]"* | *"[madvise]"*) pages="-XX:+UseTransparentHugePages" ;; esac
for arg in "$@"; do
  case "$arg" in
    -*) ;;
    run)
      gc="-XX:+UseSerialGC -Xms24m -Xmn16m -XX:MaxTenuringThreshold=0 -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=50 -XX:-ShrinkHeapInSteps"
      fast="" pages=""
      break ;;
    *) break ;;
  esac
done
# a collector named in LBC_JAVA_OPTS, or in the variables every java reads (JDK_JAVA_OPTIONS,
# JAVA_TOOL_OPTIONS, _JAVA_OPTIONS: a container image may set one), other than lbc's replaces
# lbc's, with the flags tuned for it (huge pages among them: ZGC's heap on them took a second to
# start): two collectors would stop the JVM at start ("Multiple garbage collectors selected").
# Word by word, split as the JVM gets them, and only JDK 17's collector switches.
for opt in ${LBC_JAVA_OPTS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-} ${_JAVA_OPTIONS:-}; do
  case "$opt" in
    -XX:+UseSerialGC | -XX:+UseParallelGC | -XX:+UseG1GC | -XX:+UseZGC | -XX:+UseShenandoahGC | -XX:+UseEpsilonGC)
      case " $gc " in *" $opt "*) ;; *) gc="" pages="" ;; esac ;;
  esac
done
# JVM warnings, and the JVM's own start-up errors, go to stderr: on stdout they would corrupt
# --format json, sarif or junit.
log="-Xlog:all=off:stdout -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr"
# shellcheck disable=SC2086 # $gc, $fast, $pages, $log and LBC_JAVA_OPTS are lists of words on purpose
if [ -n "$archive" ] && [ -f "$archive" ]; then
  exec "$java" "-XX:SharedArchiveFile=$archive" -Xshare:auto $log $gc $fast $pages -Xss4m ${LBC_JAVA_OPTS:-} \
    -cp "$jar" dev.lbc.cli.Main "$@"
fi
# -cp and the main class, not -jar: -jar reads the manifest, opening the jar on every start
# shellcheck disable=SC2086
exec "$java" $log $gc $fast $pages -Xss4m ${LBC_JAVA_OPTS:-} -cp "$jar" dev.lbc.cli.Main "$@"
EOF
chmod 755 "$image/bin/lbc"
cp LICENSE "$image/" 2>/dev/null || true

mkdir -p "$out"
tarball="$out/$name.tar.gz"
find "$image" -exec touch -h -d "@$epoch" {} +
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name" \
  | gzip -n -9 >"$tarball"
echo "$tarball"
