-- wrk script for bench/scan.sh: every request is POST /api/scan {"code": <a serial>, "action": "start"} of a
-- distinct unit. Thread t of T takes the units t, t + T, t + 2T, ... up to UNITS, and stops once every one of its
-- units has been sent (the answers still on their way when it stops are not counted; no unit is scanned twice).
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
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  if next_unit > total then
    wrk.thread:stop()
    return wrk.format("GET", "/actuator/health", {}, nil)
  end
  local serial = prefix .. string.format("%0" .. width .. "d", first + next_unit - 1)
  next_unit = next_unit + nthreads
  local body = '{"code":"' .. serial .. '","station_id":"' .. station .. '","action":"start"}'
  return wrk.format("POST", "/api/scan", nil, body)
end
