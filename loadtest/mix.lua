-- wrk script for `make loadtest`: cycle through the paths listed in the file
-- named after `--` on wrk's command line, each thread from its own offset,
-- and count every answer that is not a 2xx. done() prints one line,
-- "LOADTEST {json}", for loadtest/run.py to read.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  -- Threads start apart, so the mix is spread over the run from the start.
  index = ((id - 1) * 13) % #paths
  non2xx = 0
  statuses = {}
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total, merged = 0, {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
    for status, count in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(merged) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  local e = summary.errors
  io.write(string.format(
    'LOADTEST {"requests": %d, "duration_us": %d, "bytes": %d, "non2xx": %d, '
      .. '"statuses": {%s}, "errors": {"connect": %d, "read": %d, "write": %d, '
      .. '"status": %d, "timeout": %d}, "latency_us": {"min": %d, "mean": %.0f, '
      .. '"p50": %d, "p75": %d, "p90": %d, "p99": %d, "p99.9": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes, total,
    table.concat(parts, ", "), e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency:percentile(50), latency:percentile(75),
    latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max
  ))
end
