import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ForecastSnapshot } from '@platform/contracts'
import { type RedisServer, startRedis } from '@platform/test-harness'
import { RedisSnapshotStore } from './redis-store.js'

let redis: RedisServer
beforeAll(async () => { redis = await startRedis() })
afterAll(async () => { await redis.stop() })

async function store (prefix: string) {
  const s = new RedisSnapshotStore({ url: redis.url, prefix })
  await s.connect()
  return s
}

const snapshot: ForecastSnapshot = {
  workload: 'api',
  metric: 'rps',
  generatedAt: '2026-01-01T00:00:00.000Z',
  startsAt: '2026-01-01T00:01:00.000Z',
  stepSeconds: 60,
  horizonSeconds: 60,
  values: [1.5],
  quantiles: { 0.9: [2] },
  replicas: [1],
  desiredReplicas: 1,
  currentReplicas: null,
  model: 'baseline',
  mode: 'predictive',
  stale: false,
  accuracy: { wape: 0.1, coverage: 0.9, quantileLevel: 0.9, samples: 40 },
  owner: 'a'
}

describe('RedisSnapshotStore on a real Redis', () => {
  it('round-trips snapshots and refuses a corrupted one', async () => {
    const s = await store('t1:')
    expect(await s.get('api')).toBeUndefined()
    expect(await s.acquireLease('api', 'a', 10_000)).toBe(true)
    expect(await s.put(snapshot)).toBe(true)
    expect(await s.get('api')).toEqual(snapshot)
    const raw = new Redis(redis.url)
    await raw.set('t1:snapshot:api', '{"workload":"api"}')
    await expect(s.get('api')).rejects.toThrow()
    raw.disconnect()
    await s.close()
  })

  it('gives a lease to one owner at a time, renews it for that owner only, and frees it on expiry or release', async () => {
    const a = await store('t2:')
    const b = await store('t2:')
    expect(await a.acquireLease('api', 'a', 300)).toBe(true)
    expect(await b.acquireLease('api', 'b', 300)).toBe(false)
    expect(await a.acquireLease('api', 'a', 300)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await b.acquireLease('api', 'b', 10_000)).toBe(true)
    await a.releaseLease('api', 'a')
    expect(await a.acquireLease('api', 'a', 300)).toBe(false)
    await b.releaseLease('api', 'b')
    expect(await a.acquireLease('api', 'a', 300)).toBe(true)
    await Promise.all([a.close(), b.close()])
  })

  it('stores a snapshot only while its owner holds the lease, so a late tick cannot overwrite the new owner\'s', async () => {
    const a = await store('t5:')
    const b = await store('t5:')
    expect(await a.put(snapshot)).toBe(false)
    expect(await a.acquireLease('api', 'a', 200)).toBe(true)
    expect(await a.put(snapshot)).toBe(true)
    // a's lease runs out mid-tick and b takes the workload over.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await b.acquireLease('api', 'b', 10_000)).toBe(true)
    const taken = { ...snapshot, owner: 'b', desiredReplicas: 7 }
    expect(await b.put(taken)).toBe(true)
    expect(await a.put({ ...snapshot, generatedAt: '2026-01-01T00:00:30.000Z' })).toBe(false)
    expect(await a.get('api')).toEqual(taken)
    await Promise.all([a.close(), b.close()])
  })

  it('grants a free lease to exactly one of many racing owners', async () => {
    const stores = await Promise.all(Array.from({ length: 8 }, async () => await store('t3:')))
    const results = await Promise.all(stores.map(async (s, i) => await s.acquireLease('race', `r${i}`, 5_000)))
    expect(results.filter(Boolean)).toHaveLength(1)
    await Promise.all(stores.map(async (s) => { await s.close() }))
  })

  it('counts live replicas by their heartbeat keys: expired and departed members drop out', async () => {
    const a = await store('t4:')
    const b = await store('t4:')
    expect(await a.heartbeat('a', 10_000)).toBe(1)
    expect(await b.heartbeat('b', 300)).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await a.heartbeat('a', 10_000)).toBe(1)
    expect(await b.heartbeat('b', 10_000)).toBe(2)
    await b.leave('b')
    expect(await a.heartbeat('a', 10_000)).toBe(1)
    await Promise.all([a.close(), b.close()])
  })
})
