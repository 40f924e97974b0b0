import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp, startRedis } from '@platform/test-harness'
import { buildApp } from './app.js'
import { Config } from './config.js'

type RedisServer = Awaited<ReturnType<typeof startRedis>>
let redis: RedisServer

beforeAll(async () => { redis = await startRedis({ appendOnly: true }) })
afterAll(async () => { await redis.stop() })

const record = (id: string, minute: number, provider = 'e2b') => ({
  id,
  provider,
  spec: { language: 'python', codeLength: 200 },
  submittedAt: new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString(),
  outcome: { success: minute % 5 !== 0, latencyMs: 300 + minute, costUsd: 0.00001 }
})

async function app (cacheTtlMs = 50) {
  const config = loadConfig(Config, { LOG_LEVEL: 'silent', REDIS_URL: redis.url, MODEL_STORE_PATH: '/nonexistent/models', ADMIN_TOKEN: 'test-admin-token-0123456789', CACHE_TTL_MS: String(cacheTtlMs) })
  return await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test' }))
}

describe('telemetry on a real Redis', () => {
  it('stores each id once, exports by page and window, and keeps rolling statistics', async () => {
    const server = await app()
    const post = async (records: object[]) => await server.inject({ method: 'POST', url: '/v1/telemetry/executions', payload: { records } })
    const batch = Array.from({ length: 30 }, (_, i) => record(`r${i}`, i))
    expect((await post(batch)).json()).toEqual({ accepted: 30, duplicates: 0 })
    expect((await post([...batch.slice(0, 10), record('r30', 30)])).json()).toEqual({ accepted: 1, duplicates: 10 })

    const ids: string[] = []
    let cursor: string | null = null
    do {
      const page: { records: Array<{ id: string }>, nextCursor: string | null } = (await server.inject(`/v1/telemetry/executions?limit=7${cursor === null ? '' : `&cursor=${cursor}`}`)).json()
      ids.push(...page.records.map((r) => r.id))
      cursor = page.nextCursor
    } while (cursor !== null)
    expect(ids).toEqual(Array.from({ length: 31 }, (_, i) => `r${i}`))
    // A malformed cursor is the caller's mistake (400 with its field), not a storage outage (503).
    for (const bad of ['abc', '1-2-3', '99999999999999999999-0', '-1']) {
      const res = await server.inject(`/v1/telemetry/executions?cursor=${encodeURIComponent(bad)}`)
      expect(res.statusCode).toBe(400)
      expect(res.headers['retry-after']).toBeUndefined()
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'querystring.cursor' }] })
    }
    // The largest well-formed cursor is past the end: an empty last page, not an XRANGE error.
    expect((await server.inject('/v1/telemetry/executions?cursor=9999999999999999999-9999999999999999999')).json()).toEqual({ records: [], nextCursor: null })
    const window = (await server.inject('/v1/telemetry/executions?since=2026-11-01T10:10:00Z&until=2026-11-01T10:20:00Z')).json()
    expect(window.records).toHaveLength(10)

    const stats = await server.routerStore.histories(Date.UTC(2026, 10, 1, 10, 35))
    expect(stats.get('e2b')?.short.count).toBe(31)
    expect(stats.get('e2b')?.short.failureRate).toBeCloseTo(7 / 31)
    expect(stats.get('modal')?.short.count).toBe(0)
  })

  it('answers 503 with Retry-After while Redis is down, keeps routing, and recovers', async () => {
    const server = await app()
    const storeUp = async () => (await server.inject('/metrics')).body.match(/^router_store_up\{store="redis"[^}]*\} (\d)$/m)?.[1]
    expect(await storeUp()).toBe('1')
    await redis.kill()
    await expect.poll(storeUp, { timeout: 5_000, interval: 100 }).toBe('0')
    const down = await server.inject({ method: 'POST', url: '/v1/telemetry/executions', payload: { records: [record('k1', 1)] } })
    expect(down.statusCode).toBe(503)
    expect(down.headers['retry-after']).toBe('5')
    expect(down.json().code).toBe('ROUTER_TELEMETRY_UNAVAILABLE')
    expect((await server.inject('/v1/telemetry/executions')).statusCode).toBe(503)
    const routed = await server.inject({ method: 'POST', url: '/v1/route', payload: { spec: { language: 'python' } } })
    expect(routed.statusCode).toBe(200)
    expect(routed.json().strategy).toBe('rule-based')

    await redis.restart()
    await expect.poll(async () => (await server.inject({ method: 'POST', url: '/v1/telemetry/executions', payload: { records: [record('k1', 1)] } })).statusCode, { timeout: 15_000, interval: 250 }).toBe(200)
    expect(await storeUp()).toBe('1')
    // Nothing was stored while down, and what was stored before the kill survived it (append-only file).
    expect((await server.inject({ method: 'POST', url: '/v1/telemetry/executions', payload: { records: [record('r0', 0), record('k1', 1)] } })).json()).toEqual({ accepted: 0, duplicates: 2 })
  })

  it('answers 503 within about a second when Redis is connected but stalled, and frees what was waiting', async () => {
    const server = await app()
    const admin = new Redis(redis.url)
    onTestFinished(async () => {
      await admin.call('CLIENT', 'UNPAUSE')
      admin.disconnect()
    })
    await admin.call('CLIENT', 'PAUSE', '4000', 'ALL')
    const began = Date.now()
    const stalled = await server.inject({ method: 'POST', url: '/v1/telemetry/executions', payload: { records: [record('p1', 1)] } })
    expect(stalled.statusCode).toBe(503)
    expect(Date.now() - began).toBeLessThan(2_500)
    // Routing goes on; the decisions it would record do not pile up behind the stalled connection.
    for (let i = 0; i < 300; i++) expect((await server.inject({ method: 'POST', url: '/v1/route', payload: { spec: { language: 'python' } } })).statusCode).toBe(200)
    const queue = (server.routerStore as unknown as { redis: { commandQueue: { length: number } } }).redis.commandQueue.length
    expect(queue).toBeLessThan(300)
    await admin.call('CLIENT', 'UNPAUSE')
    await expect.poll(async () => (await server.inject({ method: 'POST', url: '/v1/telemetry/executions', payload: { records: [record('p1', 1)] } })).statusCode, { timeout: 10_000, interval: 200 }).toBe(200)
  })
})
