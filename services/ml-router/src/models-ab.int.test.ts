import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultProviderCatalog, Simulation } from '@platform/router-core'
import { ModelStore, runTraining } from '@platform/router-engine'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp, startRedis } from '@platform/test-harness'
import { buildApp } from './app.js'
import { Config } from './config.js'

type RedisServer = Awaited<ReturnType<typeof startRedis>>
let redis: RedisServer
let root: string
const token = 'test-admin-token-0123456789'
const auth = { authorization: `Bearer ${token}` }

beforeAll(async () => {
  redis = await startRedis()
  root = await mkdtemp(join(tmpdir(), 'ml-router-models-'))
  const records = [...new Simulation(defaultProviderCatalog, { requests: 1500, days: 2, seed: 11 }).records()]
  const store = new ModelStore(root)
  const common = { records, days: 7, minDataPoints: 100, catalog: defaultProviderCatalog, store, activate: false, keepVersions: 10, budget: { numBoostRound: 20, earlyStoppingRounds: 5 } }
  await runTraining({ ...common, version: 'v1' })
  await runTraining({ ...common, version: 'v2' })
  await cp(join(root, 'versions', 'v1'), join(root, 'versions', 'v4'), { recursive: true })
  await cp(join(root, 'versions', 'v1'), join(root, 'versions', 'v3'), { recursive: true })
  const v3 = join(root, 'versions', 'v3', 'metadata.json')
  await writeFile(v3, (await readFile(v3, 'utf8')).replace(/"featureSchemaHash": "[0-9a-f]+"/, `"featureSchemaHash": "${'0'.repeat(64)}"`))
  const v2 = join(root, 'versions', 'v2', 'cost.txt')
  await writeFile(v2, (await readFile(v2, 'utf8')).replace('Tree=1', 'Tree=9'))
})
afterAll(async () => {
  await redis.stop()
  await rm(root, { recursive: true, force: true })
})

async function app () {
  const config = loadConfig(Config, { LOG_LEVEL: 'silent', REDIS_URL: redis.url, MODEL_STORE_PATH: root, ADMIN_TOKEN: token, FALLBACK_TO_RULE_BASED: 'false' })
  return await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test' }))
}

const spec = (tenant: string) => ({ spec: { language: 'python', code: 'print(1)', tenant } })

describe('models and A/B tests', () => {
  it('activates a verified version, refuses corrupt and mismatched ones, and keeps serving', async () => {
    const server = await app()
    expect((await server.inject({ method: 'POST', url: '/v1/route', payload: spec('a') })).json().strategy).toBe('rule-based')
    expect((await server.inject({ method: 'PUT', url: '/v1/models/active', headers: auth, payload: { version: 'v1' } })).json()).toEqual({ active: 'v1' })
    const decision = (await server.inject({ method: 'POST', url: '/v1/route', payload: spec('a') })).json()
    expect(decision).toMatchObject({ strategy: 'ml', modelVersion: 'v1' })
    expect(decision.alternatives.filter((a: { eligible: boolean }) => a.eligible).length).toBeGreaterThan(1)

    const corrupt = await server.inject({ method: 'PUT', url: '/v1/models/active', headers: auth, payload: { version: 'v2' } })
    expect(corrupt.statusCode).toBe(409)
    expect(corrupt.json().error).toMatch(/cost\.txt fails its sha256 check/)
    const mismatch = await server.inject({ method: 'PUT', url: '/v1/models/active', headers: auth, payload: { version: 'v3' } })
    expect(mismatch.statusCode).toBe(409)
    expect(mismatch.json().error).toMatch(/feature schema/)
    expect((await server.inject({ method: 'POST', url: '/v1/route', payload: spec('a') })).json().modelVersion).toBe('v1')
    expect((await server.inject('/metrics')).body).toMatch(/^router_model_load_failures_total\{[^}]*\} 2$/m)

    const list = (await server.inject('/v1/models')).json()
    expect(list.active).toBe('v1')
    // Oldest first by createdAt: v3 and v4 are copies of v1, v2 was trained after it.
    expect(list.versions.map((v: { version: string }) => v.version)).toEqual(['v1', 'v3', 'v4', 'v2'])
    expect((await server.inject('/v1/models/v1/metrics')).json().metrics.validationRecords).toBeGreaterThan(0)
  })

  it('assigns arms stickily, shares the test through Redis, joins outcomes and reports significance', async () => {
    const server = await app()
    const created = await server.inject({ method: 'POST', url: '/v1/ab-tests', headers: auth, payload: { controlModelVersion: 'v1', treatmentModelVersion: 'v4', trafficSplit: 0.5 } })
    expect(created.statusCode).toBe(201)
    expect((await server.routerStore.loadAbTest())?.id).toBe(created.json().id)

    const decisions = []
    for (let i = 0; i < 40; i++) decisions.push((await server.inject({ method: 'POST', url: '/v1/route', payload: spec(`tenant-${i}`) })).json())
    const arms = new Set(decisions.map((d) => d.arm))
    expect(arms).toEqual(new Set(['control', 'treatment']))
    for (const d of decisions.slice(0, 5)) {
      expect((await server.inject({ method: 'POST', url: '/v1/route', payload: spec(`tenant-${decisions.indexOf(d)}`) })).json().arm).toBe(d.arm)
    }
    const records = decisions.map((d, i) => ({
      id: `exec-${i}`,
      decisionId: d.decisionId,
      provider: d.provider,
      spec: { language: 'python', codeLength: 8 },
      submittedAt: new Date().toISOString(),
      outcome: { success: i % 7 !== 0, latencyMs: d.predictedLatency * 1.1, costUsd: d.predictedCost * 0.9 }
    }))
    expect((await server.inject({ method: 'POST', url: '/v1/telemetry/executions', payload: { records } })).json().accepted).toBe(40)

    const results = (await server.inject('/v1/ab-tests/current/results')).json()
    expect(results.arms.control.outcomes + results.arms.treatment.outcomes).toBe(40)
    expect(results.arms.control.requests + results.arms.treatment.requests).toBe(45)
    expect(results.arms.control.costMape).toBeCloseTo(1 / 9, 5)
    expect(results.significance.map((s: { metric: string }) => s.metric)).toEqual(['costUsd', 'latencyMs', 'success'])
    const metrics = (await server.inject('/metrics')).body
    expect(metrics).toMatch(/router_predictions_total\{[^}]*arm="treatment"/)
    const armOutcomes = [...metrics.matchAll(/^router_ab_outcomes_total\{arm="(\w+)",result="(\w+)"[^}]*\} (\d+)$/gm)]
    expect(armOutcomes.reduce((sum, m) => sum + Number(m[3]), 0)).toBe(40)
    expect(armOutcomes.filter((m) => m[2] === 'failure').reduce((sum, m) => sum + Number(m[3]), 0)).toBe(6)
    expect(metrics).toMatch(/^router_ab_realised_loss_usd_total\{arm="treatment"[^}]*\} 0\.\d*[1-9]/m)

    expect((await server.inject({ method: 'DELETE', url: '/v1/ab-tests/current', headers: auth })).statusCode).toBe(204)
    expect((await server.inject('/v1/ab-tests/current/results')).statusCode).toBe(404)
    expect(await server.routerStore.loadAbTest()).toBeNull()
  })
})
