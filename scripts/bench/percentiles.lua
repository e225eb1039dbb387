-- wrk script for scripts/bench-run.sh -t: prints the upper tail of the latency distribution (ms),
-- where wrk's --latency stops at the 99th percentile.
done = function(summary, latency, requests)
  local line = "tail:"
  for _, p in ipairs({ 50, 90, 95, 98, 99, 99.9 }) do
    line = line .. string.format(" p%s=%.2f", p, latency:percentile(p) / 1000)
  end
  io.write(line .. string.format(" max=%.2f\n", latency.max / 1000))
end
