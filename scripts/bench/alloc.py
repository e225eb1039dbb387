"""Reads `jfr print --json` of scripts/bench-alloc.sh's recording (stdin): the bytes the engine's
event-loop threads allocated over the recording (each thread's last reading minus its first), and
with --sites N the N allocation sites that weigh most in the sample (stack tops, DEPTH frames)."""
import json
import sys
from collections import defaultdict

args = sys.argv[1:]
sites = int(args[args.index("--sites") + 1]) if "--sites" in args else 0
depth = int(args[args.index("--depth") + 1]) if "--depth" in args else 3
events = json.load(sys.stdin)["recording"]["events"]
first, last = {}, {}
weight = defaultdict(int)
total_weight = 0
# A sample's weight is what its thread allocated since its previous sample, which for a thread's
# first sample in the recording reaches back before it (to the warm-up): left out.
sampled = set()
for e in sorted(events, key=lambda e: e["values"]["startTime"]):
    v = e["values"]
    if e["type"] == "jdk.ThreadAllocationStatistics":
        name = (v.get("thread") or {}).get("javaName") or ""
        if "EventLoop" not in name:
            continue
        t = v["startTime"]
        if name not in first or t < first[name][0]:
            first[name] = (t, v["allocated"])
        if name not in last or t > last[name][0]:
            last[name] = (t, v["allocated"])
    elif e["type"] == "jdk.ObjectAllocationSample":
        name = ((v.get("eventThread") or {}).get("javaName")) or ""
        if "EventLoop" not in name:
            continue
        if name not in sampled:
            sampled.add(name)
            continue
        frames = (v.get("stackTrace") or {}).get("frames") or []
        top = " < ".join(
            f'{f["method"]["type"]["name"].rsplit(".", 1)[-1]}.{f["method"]["name"]}:{f.get("lineNumber")}'
            for f in frames[:depth])
        cls = v["objectClass"]["name"]
        weight[f"{cls}  @ {top}"] += v["weight"]
        total_weight += v["weight"]
print(sum(last[n][1] - first[n][1] for n in last))
for site, w in sorted(weight.items(), key=lambda kv: -kv[1])[:sites]:
    print(f"{100.0 * w / total_weight:5.1f} %  {site}")
