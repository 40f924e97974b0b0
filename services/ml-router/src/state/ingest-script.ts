/**
 * Stores a batch atomically per record: `SET NX` on the id (with the retention TTL) decides
 * whether the record is new; only then is it appended to the stream, counted into the rolling
 * statistics buckets and joined to its decision (A/B outcome lists). Redis runs the script as one
 * unit, so a record is either fully stored or not at all, and a retried batch is idempotent.
 *
 * ARGV: n, maxlen, idTtlSeconds, then per record 10 fields:
 *   id, json, provider, shortBucket, longBucket, latencyMs, costUsd, success(1|0), histogramBin, decisionId
 * Returns: { accepted, duplicates, decisionJson1, outcome1, decisionJson2, outcome2, ... }
 */
export const ingestScript = `
local n = tonumber(ARGV[1])
local maxlen = ARGV[2]
local ttl = ARGV[3]
local accepted, duplicates = 0, 0
local out = {}
for r = 0, n - 1 do
  local b = 4 + r * 10
  local id, json, provider = ARGV[b], ARGV[b + 1], ARGV[b + 2]
  local latency, cost, ok, bin, did = ARGV[b + 5], ARGV[b + 6], ARGV[b + 7], ARGV[b + 8], ARGV[b + 9]
  if redis.call('SET', 'router:exec:' .. id, '1', 'NX', 'EX', ttl) then
    accepted = accepted + 1
    redis.call('XADD', 'router:executions', 'MAXLEN', '~', maxlen, '*', 'r', json)
    local windows = { { 's', ARGV[b + 3], 7200 }, { 'l', ARGV[b + 4], 93600 } }
    for _, w in ipairs(windows) do
      local key = 'router:stats:' .. w[1] .. ':' .. provider .. ':' .. w[2]
      redis.call('HINCRBY', key, 'c', 1)
      if ok == '0' then redis.call('HINCRBY', key, 'f', 1) end
      redis.call('HINCRBYFLOAT', key, 's', cost)
      redis.call('HINCRBY', key, 'h' .. bin, 1)
      redis.call('EXPIRE', key, w[3])
    end
    if did ~= '' then
      local d = redis.call('GET', 'router:decision:' .. did)
      if d then
        table.insert(out, d)
        table.insert(out, json)
        local dec = cjson.decode(d)
        if dec.abTestId ~= cjson.null and dec.arm ~= cjson.null then
          local sample = { costUsd = tonumber(cost), latencyMs = tonumber(latency), success = ok == '1', predictedCost = dec.predictedCost, predictedLatency = dec.predictedLatency }
          redis.call('RPUSH', 'router:ab:' .. dec.abTestId .. ':' .. dec.arm .. ':outcomes', cjson.encode(sample))
          if dec.shadow ~= cjson.null then
            sample.predictedCost = dec.shadow.predictedCost
            sample.predictedLatency = dec.shadow.predictedLatency
            redis.call('RPUSH', 'router:ab:' .. dec.abTestId .. ':treatment:outcomes', cjson.encode(sample))
          end
        end
      end
    end
  else
    duplicates = duplicates + 1
  end
end
table.insert(out, 1, duplicates)
table.insert(out, 1, accepted)
return out
`
