-- wrk script: POST a new item each request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, string.format('{"name": "item %d", "price": %d.50}', n, n % 1000))
end
