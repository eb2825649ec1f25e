-- Bulk pushes of 5,000 new rows a request, as the admin.
local counter = 0
local run = os.time()
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  seed = run .. "-" .. id .. "-" .. math.random(1000000)
end

request = function()
  counter = counter + 1
  local rows = {}
  for i = 1, 5000 do
    rows[i] = string.format('{"kind":"INDIVIDUAL","name":"Bulk Signer %d","email":"bulk%s-%d-%d@example.org","country":"PH"}',
      i, seed, counter, i)
  end
  local body = "[" .. table.concat(rows, ",") .. "]"
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_ADMIN_KEY")}, body)
end
