import { describe, expect, it } from 'vitest'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp } from '@platform/test-harness'
import { buildApp } from './app.js'
import { Config } from './config.js'

const adminToken = 'test-admin-token-0123456789'
const config = () => loadConfig(Config, { LOG_LEVEL: 'silent', MODEL_STORE_PATH: '/nonexistent/ml-router-models', ADMIN_TOKEN: adminToken })
const record = (id: string, extra: object = {}) => ({
  id,
  provider: 'e2b',
  spec: { language: 'python', codeLength: 120 },
  submittedAt: '2026-11-01T10:00:00Z',
  outcome: { success: true, latencyMs: 420, costUsd: 0.00002 },
  ...extra
})

describe('ml-router app (no Redis, no models)', () => {
  it('answers health, readiness, metrics and OpenAPI on embedded defaults', async () => {
    const app = await buildTestApp(async () => await buildApp(config(), { version: '0.0.0-test' }))
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' })
    expect((await app.inject('/readyz')).statusCode).toBe(200)
    expect((await app.inject('/metrics')).body).toContain('service="ml-router"')
    expect((await app.inject('/docs/json')).json().info.title).toBe('ml-router')
  })

  it('listens on 8080 by default with the issue defaults', () => {
    const defaults = loadConfig(Config, {})
    expect(defaults).toMatchObject({ PORT: 8080, MIN_TRAINING_DATA_POINTS: 100, MAX_TRAINING_DATA_AGE_DAYS: 30, CONFIDENCE_THRESHOLD: 0.7, FALLBACK_TO_RULE_BASED: true })
    expect(loadConfig(Config, { FALLBACK_TO_RULE_BASED: 'false' }).FALLBACK_TO_RULE_BASED).toBe(false)
  })

  it('routes rule-based and says why', async () => {
    const app = await buildTestApp(async () => await buildApp(config(), { version: '0.0.0-test' }))
    const res = await app.inject({ method: 'POST', url: '/v1/route', payload: { spec: { language: 'python', code: 'print(1)' }, constraints: { excludeProviders: ['edge'] } } })
    expect(res.statusCode).toBe(200)
    const decision = res.json()
    expect(decision).toMatchObject({ strategy: 'rule-based', modelVersion: null, arm: null })
    expect(decision.reason).toMatch(/no model loaded/)
    expect(decision.provider).not.toBe('edge')
    expect(decision.alternatives).toHaveLength(9)
    expect(decision.alternatives.find((a: { provider: string }) => a.provider === 'edge').excludedReason).toBe('excluded by constraints')
    const batch = await app.inject({ method: 'POST', url: '/v1/route/batch', payload: { requests: [{ spec: { language: 'go' } }, { spec: { language: 'swift' } }] } })
    expect(batch.json().decisions).toHaveLength(2)
    expect((await app.inject('/metrics')).body).toMatch(/router_fallbacks_total\{reason="no_model"[^}]*\} 3/)
  })

  it('answers 400 with field paths and 422 when nothing qualifies', async () => {
    const app = await buildTestApp(async () => await buildApp(config(), { version: '0.0.0-test' }))
    const bad = await app.inject({ method: 'POST', url: '/v1/route', payload: { spec: { language: 'python', cpu: -1 }, constraints: { excludeProviders: ['nope'] } } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('VALIDATION_FAILED')
    expect(bad.json().details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.spec.cpu', 'body.constraints.excludeProviders.0']))
    const weightless = await app.inject({ method: 'POST', url: '/v1/route', payload: { spec: { language: 'python' }, weights: { cost: 0, latency: 0, risk: 0 } } })
    expect(weightless.statusCode).toBe(400)
    expect(weightless.json().details.map((d: { path: string }) => d.path)).toEqual(['body.weights'])
    const none = await app.inject({ method: 'POST', url: '/v1/route', payload: { spec: { language: 'python' }, constraints: { maxCost: 1e-12 } } })
    expect(none.statusCode).toBe(422)
    expect(none.json().code).toBe('ROUTER_NO_ELIGIBLE_PROVIDER')
  })

  it('stores telemetry once per id and exports it page by page', async () => {
    const app = await buildTestApp(async () => await buildApp(config(), { version: '0.0.0-test' }))
    const post = async (records: object[]) => await app.inject({ method: 'POST', url: '/v1/telemetry/executions', payload: { records } })
    expect((await post([record('a'), record('b'), record('c')])).json()).toEqual({ accepted: 3, duplicates: 0 })
    expect((await post([record('a'), record('d')])).json()).toEqual({ accepted: 1, duplicates: 1 })
    const first = (await app.inject('/v1/telemetry/executions?limit=3')).json()
    expect(first.records.map((r: { id: string }) => r.id)).toEqual(['a', 'b', 'c'])
    const second = (await app.inject(`/v1/telemetry/executions?limit=3&cursor=${String(first.nextCursor)}`)).json()
    expect(second).toMatchObject({ records: [{ id: 'd' }], nextCursor: null })
    const window = (await app.inject('/v1/telemetry/executions?since=2026-11-02T00:00:00Z')).json()
    expect(window.records).toEqual([])
    expect((await post(Array.from({ length: 1001 }, (_, i) => record(`x${i}`)))).statusCode).toBe(400)
  })

  it('stores the names of a run\'s environment variables and files, never their values', async () => {
    const app = await buildTestApp(async () => await buildApp(config(), { version: '0.0.0-test' }))
    const spec = { language: 'python', codeLength: 120, environment: { OPENAI_API_KEY: 'sk-secret', MODE: 'fast' }, files: { 'creds.json': '{"token":"t0p"}' } }
    await app.inject({ method: 'POST', url: '/v1/telemetry/executions', payload: { records: [record('s', { spec })] } })
    const [stored] = (await app.inject('/v1/telemetry/executions')).json().records
    expect(stored.spec).toMatchObject({ environment: { OPENAI_API_KEY: '', MODE: '' }, files: { 'creds.json': '' } })
    expect(JSON.stringify(stored)).not.toMatch(/sk-secret|t0p/)
  })

  it('answers 400 with the field path for a malformed export cursor', async () => {
    const app = await buildTestApp(async () => await buildApp(config(), { version: '0.0.0-test' }))
    const bad = await app.inject('/v1/telemetry/executions?cursor=not-a-cursor')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'querystring.cursor' }] })
  })

  it('takes a full batch of 1,000 requests with 1.2 KB of code each', async () => {
    expect(loadConfig(Config, {}).BODY_LIMIT_BYTES).toBe(8 * 1024 * 1024)
    const app = await buildTestApp(async () => await buildApp(config(), { version: '0.0.0-test' }))
    const code = 'print("hello")\n'.repeat(80)
    const requests = Array.from({ length: 1000 }, (_, i) => ({ spec: { language: 'python', code, requirements: ['numpy', 'pandas'], tenant: `tenant-${i % 50}` }, requestId: `req-${i}` }))
    const res = await app.inject({ method: 'POST', url: '/v1/route/batch', payload: { requests } })
    expect(res.statusCode).toBe(200)
    expect(res.json().decisions).toHaveLength(1000)
  })

  it('lists no models and reports no A/B test', async () => {
    const app = await buildTestApp(async () => await buildApp(config(), { version: '0.0.0-test' }))
    expect((await app.inject('/v1/models')).json()).toEqual({ active: null, versions: [] })
    expect((await app.inject('/v1/ab-tests/current/results')).statusCode).toBe(404)
    expect((await app.inject('/v1/models/v1/metrics')).statusCode).toBe(404)
    expect((await app.inject({ method: 'PUT', url: '/v1/models/active', payload: { version: 'v1' } })).statusCode).toBe(401)
  })
})
