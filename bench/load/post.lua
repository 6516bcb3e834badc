-- wrk script: POST a new task with a distinct title on every request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"title":"task %d-%d","due":"2026-12-01"}', math.random(1, 1000000000), counter)
  return wrk.format(nil, nil, nil, body)
end
