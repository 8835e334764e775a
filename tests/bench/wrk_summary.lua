-- wrk's summary as one JSON line, for tests/bench/load_bench.py: requests, latency
-- percentiles (microseconds), responses that were not 2xx or 3xx, and socket errors.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   failed = 0
end

function response(status, headers, body)
   if status >= 400 then
      failed = failed + 1
   end
end

function done(summary, latency, requests)
   local failures = 0
   for _, thread in ipairs(threads) do
      failures = failures + thread:get("failed")
   end
   local errors = summary.errors
   io.write(string.format(
      'SUMMARY {"requests": %d, "seconds": %.3f, "p50_us": %d, "p99_us": %d, ' ..
      '"failed": %d, "socket_errors": %d}\n',
      summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
      failures, errors.connect + errors.read + errors.write + errors.timeout))
end
