-- wrk script for bench/scan.sh: every request is POST /api/scan {"code": <a serial>, "action": "start"} of a
-- distinct unit. Thread t of T takes the units t, t + T, t + 2T, ... up to UNITS. Once a thread has sent all its
-- units, its connections ask for /actuator/health until every scan it sent has been answered, and then it stops: no
-- unit is scanned twice, and none is left unsent (stopping at once would drop a scan generated but not yet written).
local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  total = tonumber(os.getenv("UNITS"))
  width = tonumber(os.getenv("SERIAL_WIDTH") or "6")
  prefix = os.getenv("SERIAL_PREFIX") or "U-"
  first = tonumber(os.getenv("FIRST_SERIAL") or "1")
  station = os.getenv("STATION")
  token = os.getenv("TOKEN")
  nthreads = tonumber(os.getenv("THREADS"))
  next_unit = id
  sent = 0
  answered = 0
  stopped = false
  -- wrk calls the first thread's request() once before it starts, to count the requests it returns (its pipeline),
  -- and never sends that one: it must not use up a unit.
  trial = (id == 1)
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function scan(unit)
  local serial = prefix .. string.format("%0" .. width .. "d", first + unit - 1)
  local body = '{"code":"' .. serial .. '","station_id":"' .. station .. '","action":"start"}'
  return wrk.format("POST", "/api/scan", nil, body)
end

function request()
  if trial then
    trial = false
    return scan(next_unit)
  end
  if next_unit > total then
    return wrk.format("GET", "/actuator/health", {}, nil)
  end
  local unit = next_unit
  next_unit = next_unit + nthreads
  sent = sent + 1
  return scan(unit)
end

-- Answers come in the order each connection sent its requests, but a health answer carries no scan: only POSTs count.
function response(status, headers, body)
  if body ~= nil and string.find(body, '"unit"', 1, true) then
    answered = answered + 1
  elseif status ~= 200 then
    answered = answered + 1
  end
  if next_unit > total and answered >= sent and not stopped then
    stopped = true
    -- scan.sh waits for one such file per thread (no polling of the database while the scans run)
    local dir = os.getenv("DONE_DIR")
    if dir then
      local marker = io.open(dir .. "/thread-" .. id, "w")
      if marker then marker:close() end
    end
    wrk.thread:stop()
  end
end
