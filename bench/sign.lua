-- New signatures through the API, as the admin, one in ten signing again as an earlier signer
-- of the same connection (a duplicate: 409). Emails are unique per run, thread and request.
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
  local n = counter
  if counter % 10 == 0 then n = counter - 5 end -- a duplicate of an earlier signer
  local body = string.format(
    '{"kind":"INDIVIDUAL","name":"Bench Signer %s-%d","email":"b%s-%d@example.org","country":"KR"}', seed, n, seed, n)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_ADMIN_KEY")}, body)
end
