-- wrk script: GET wrk.path with a bearer token taken in turn from TOKENS_FILE (one per line), skipping
-- TOKEN_SKIP lines and using TOKEN_COUNT of them; no Authorization header when TOKENS_FILE is unset.
-- Prints one machine-readable RESULT line when done.
local tokens = {}
local file = os.getenv("TOKENS_FILE")
if file and file ~= "" then
  local skip = tonumber(os.getenv("TOKEN_SKIP") or "0")
  local count = tonumber(os.getenv("TOKEN_COUNT") or "1")
  local line_number = 0
  for line in io.lines(file) do
    line_number = line_number + 1
    if line_number > skip and #tokens < count then
      tokens[#tokens + 1] = "Bearer " .. line
    end
  end
end

local next_token = 0

request = function()
  if #tokens == 0 then
    return wrk.format("GET", wrk.path)
  end
  next_token = next_token % #tokens + 1
  return wrk.format("GET", wrk.path, { ["Authorization"] = tokens[next_token] })
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
