-- wrk script: each request submits a new lead to the bench form (unique email per thread and request).
-- Arguments: prefix, per-thread request limit (0 = none), delay in ms between requests (0 = none), file for accepted lead ids.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = args[1] or "b"
  limit = tonumber(args[2] or "0")
  pause = tonumber(args[3] or "0")
  if args[4] and args[4] ~= "" then
    accepted = io.open(args[4] .. "." .. tid, "a")
  end
  counter = 0
  answered = 0
end

function request()
  counter = counter + 1
  local email = string.format("%s-%d-%d@bench.example", prefix, tid, counter)
  local body = '{"answers":{"fit":"yes","name":"Bench Lead","email":"' .. email .. '"}}'
  return wrk.format("POST", "/api/forms/bench/submissions", {["Content-Type"] = "application/json"}, body)
end

function delay()
  return pause
end

function response(status, headers, body)
  answered = answered + 1
  if status == 201 and accepted then
    local id = string.match(body, '"lead_id":"([^"]+)"')
    if id then
      accepted:write(id, "\n")
      accepted:flush()
    end
  end
  if limit > 0 and answered >= limit then
    wrk.thread:stop()
  end
end
