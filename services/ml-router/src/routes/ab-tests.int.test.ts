import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultProviderCatalog, Simulation } from '@platform/router-core'
import { ModelStore, runTraining } from '@platform/router-engine'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp, startRedis, type RedisServer } from '@platform/test-harness'
import { buildApp } from '../app.js'
import { Config } from '../config.js'

let redis: RedisServer
let root: string
const token = 'test-admin-token-0123456789'
const auth = { authorization: `Bearer ${token}` }

beforeAll(async () => {
  redis = await startRedis()
  root = await mkdtemp(join(tmpdir(), 'ml-router-ab-'))
  const records = [...new Simulation(defaultProviderCatalog, { requests: 1500, days: 2, seed: 13 }).records()]
  await runTraining({ records, days: 7, minDataPoints: 100, catalog: defaultProviderCatalog, store: new ModelStore(root), activate: true, keepVersions: 10, budget: { numBoostRound: 20, earlyStoppingRounds: 5 }, version: 'v1' })
  await cp(join(root, 'versions', 'v1'), join(root, 'versions', 'v2'), { recursive: true })
  await cp(join(root, 'versions', 'v1'), join(root, 'versions', 'v3'), { recursive: true })
  const v3 = join(root, 'versions', 'v3', 'latency.txt')
  await writeFile(v3, (await readFile(v3, 'utf8')).replace('Tree=1', 'Tree=7'))
})
afterAll(async () => {
  await redis.stop()
  await rm(root, { recursive: true, force: true })
})

async function app (env: Record<string, string> = {}) {
  const config = loadConfig(Config, { LOG_LEVEL: 'silent', MODEL_STORE_PATH: root, ADMIN_TOKEN: token, ...env })
  return await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test' }))
}
async function reconnect (server: Awaited<ReturnType<typeof app>>) {
  await redis.restart()
  for (let i = 0; i < 100 && !server.routerStore.available(); i++) await new Promise((resolve) => setTimeout(resolve, 50))
}
const test = { controlModelVersion: 'v1', treatmentModelVersion: 'v2', trafficSplit: 0.5 }
const arms = async (server: Awaited<ReturnType<typeof app>>) => await Promise.all(Array.from({ length: 20 }, async (_, i) =>
  (await server.inject({ method: 'POST', url: '/v1/route', payload: { spec: { language: 'python', code: 'print(1)', tenant: `t${i}` } } })).json().arm))

describe('A/B test routes', () => {
  it('with Redis down answers 503 and leaves this replica on its current test', async () => {
    const server = await app({ REDIS_URL: redis.url })
    await redis.kill()
    try {
      const started = await server.inject({ method: 'POST', url: '/v1/ab-tests', headers: auth, payload: test })
      expect(started.statusCode).toBe(503)
      expect(started.json().code).toBe('ROUTER_STATE_UNAVAILABLE')
      expect(started.headers['retry-after']).toBe('5')
      expect(server.mlRouter.currentAbTest).toBeNull()
      expect((await server.mlRouter.store.manifest()).abTest).toBeNull()
      expect(new Set(await arms(server))).toEqual(new Set([null]))
    } finally {
      await reconnect(server)
    }

    expect((await server.inject({ method: 'POST', url: '/v1/ab-tests', headers: auth, payload: test })).statusCode).toBe(201)
    const running = server.mlRouter.currentAbTest
    await redis.kill()
    try {
      expect((await server.inject({ method: 'DELETE', url: '/v1/ab-tests/current', headers: auth })).statusCode).toBe(503)
      expect(server.mlRouter.currentAbTest).toEqual(running)
    } finally {
      await reconnect(server)
    }
    expect((await server.inject({ method: 'DELETE', url: '/v1/ab-tests/current', headers: auth })).statusCode).toBe(204)
  })

  it('keeps a running test through a Redis restart that lost its data, and writes it back for every replica', async () => {
    const first = await app({ REDIS_URL: redis.url, MODEL_RELOAD_INTERVAL_MS: '50' })
    const created = (await first.inject({ method: 'POST', url: '/v1/ab-tests', headers: auth, payload: test })).json()
    await redis.kill()
    await reconnect(first)
    // The restarted Redis (no persistence) is empty; the sync loop puts the test back instead of ending it.
    await expect.poll(async () => (await first.routerStore.loadAbTest())?.id, { timeout: 5_000, interval: 50 }).toBe(created.id)
    expect(first.mlRouter.currentAbTest?.id).toBe(created.id)
    const second = await app({ REDIS_URL: redis.url, MODEL_RELOAD_INTERVAL_MS: '50' })
    expect(second.mlRouter.currentAbTest?.id).toBe(created.id)
    // An ended test is shared as ended: nothing to restore, on either replica.
    expect((await first.inject({ method: 'DELETE', url: '/v1/ab-tests/current', headers: auth })).statusCode).toBe(204)
    expect(await first.routerStore.loadAbTest()).toBeNull()
    await expect.poll(() => second.mlRouter.currentAbTest, { timeout: 5_000, interval: 50 }).toBeNull()
  })

  it('refuses an arm that fails to load before anything is shared', async () => {
    const server = await app({ REDIS_URL: redis.url })
    const refused = await server.inject({ method: 'POST', url: '/v1/ab-tests', headers: auth, payload: { ...test, treatmentModelVersion: 'v3' } })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toEqual({ code: 'ROUTER_MODEL_REJECTED', error: 'Model version v3 was refused at load: latency.txt fails its sha256 check (corrupt or edited)' })
    expect(await server.routerStore.loadAbTest()).toBeNull()
    expect(server.mlRouter.currentAbTest).toBeNull()
  })

  it('without Redis keeps the manifest\'s test across a restart and the sync loop', async () => {
    const env = { MODEL_RELOAD_INTERVAL_MS: '20' }
    const first = await app(env)
    const created = (await first.inject({ method: 'POST', url: '/v1/ab-tests', headers: auth, payload: test })).json()
    await first.close()

    const second = await app(env)
    expect(second.mlRouter.currentAbTest).toEqual(created)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(second.mlRouter.currentAbTest).toEqual(created)
    expect(await second.routerStore.loadAbTest()).toEqual(created)
    expect(new Set(await arms(second))).toEqual(new Set(['control', 'treatment']))
    expect((await second.inject({ method: 'DELETE', url: '/v1/ab-tests/current', headers: auth })).statusCode).toBe(204)
  })
})
