import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createError, createService, type ServiceInstance } from './index.js'

const TeapotError = createError('DEMO_TEAPOT', 'I am a teapot named %s', 418)
const DownError = createError('DEMO_MODEL_UNAVAILABLE', 'model %s failed: secret internals', 503)

const config = { LOG_LEVEL: 'silent', BODY_LIMIT_BYTES: 1024, ADMIN_TOKEN: 'a-very-long-admin-token', ALLOW_UNAUTHENTICATED_ADMIN: false }
let app: ServiceInstance

async function build (overrides: Partial<typeof config> = {}) {
  app = await createService({ name: 'demo', version: '0.0.1', config: { ...config, ...overrides } })
  app.post('/items', { schema: { body: z.object({ name: z.string().min(1), count: z.number().int().min(0), tags: z.array(z.string()) }) } }, async (request) => ({ ok: request.body.name }))
  app.get('/teapot', async () => { throw new TeapotError('earl') })
  app.get('/boom', async () => { throw new Error('database password is hunter2') })
  app.get('/refused', async () => { throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:6379'), { code: 'ECONNREFUSED' }) })
  app.get('/down', async () => { throw new DownError('fraud') })
  app.get('/down-named', async () => { throw Object.assign(new DownError('fraud'), { details: [{ path: 'model', message: 'fraud is not loaded' }] }) })
  // The answer's `extra` is not in the contract, and `?bad` breaks it.
  app.get('/answer', { schema: { response: { 200: z.object({ n: z.number().int() }) } } }, async (request) => ({ n: 'bad' in (request.query as object) ? 1.5 : 2, extra: 'internal' }))
  app.get('/admin/thing', { preHandler: app.adminOnly() }, async () => ({ secret: true }))
  await app.ready()
  return app
}

afterEach(async () => app?.close())

describe('responses', () => {
  it('are checked against their schema: fields outside it are dropped, a broken answer is a 500', async () => {
    await build()
    const ok = await app.inject('/answer')
    expect([ok.statusCode, ok.json()]).toEqual([200, { n: 2 }])
    const broken = await app.inject('/answer?bad')
    expect([broken.statusCode, broken.json().code]).toEqual([500, 'INTERNAL'])
  })
})

describe('error envelope', () => {
  it('400 with field paths for validation errors', async () => {
    await build()
    const res = await app.inject({ method: 'POST', url: '/items', payload: { name: '', count: -1, tags: ['a', 2] } })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.code).toBe('VALIDATION_FAILED')
    expect(body.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.count', 'body.name', 'body.tags.1'])
  })

  it('400 for malformed JSON, 415 for the wrong content type, 413 for oversized bodies', async () => {
    await build()
    const bad = await app.inject({ method: 'POST', url: '/items', headers: { 'content-type': 'application/json' }, payload: '{"name": ' })
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'BAD_REQUEST'])
    const xml = await app.inject({ method: 'POST', url: '/items', headers: { 'content-type': 'application/xml' }, payload: '<a/>' })
    expect([xml.statusCode, xml.json().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE'])
    const big = await app.inject({ method: 'POST', url: '/items', payload: { name: 'x'.repeat(2000), count: 1, tags: [] } })
    expect([big.statusCode, big.json().code]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
  })

  it('404 as JSON for unknown routes', async () => {
    await build()
    const res = await app.inject('/nowhere?x=1')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: 'Route GET /nowhere not found', code: 'NOT_FOUND' })
  })

  it('coded 4xx errors keep their code and message', async () => {
    await build()
    const res = await app.inject('/teapot')
    expect(res.statusCode).toBe(418)
    expect(res.json()).toEqual({ error: 'I am a teapot named earl', code: 'DEMO_TEAPOT' })
  })

  it('5xx never sends the message or a stack', async () => {
    await build()
    const boom = await app.inject('/boom')
    expect(boom.statusCode).toBe(500)
    expect(boom.json()).toEqual({ error: 'Internal server error', code: 'INTERNAL' })
    const refused = await app.inject('/refused')
    expect([refused.statusCode, refused.json()]).toEqual([500, { error: 'Internal server error', code: 'INTERNAL' }])
    const down = await app.inject('/down')
    expect(down.statusCode).toBe(503)
    expect(down.json()).toEqual({ error: 'Service unavailable', code: 'DEMO_MODEL_UNAVAILABLE' })
  })

  it('a coded 5xx sends the details its service attached, still without the message', async () => {
    await build()
    const down = await app.inject('/down-named')
    expect(down.json()).toEqual({ error: 'Service unavailable', code: 'DEMO_MODEL_UNAVAILABLE', details: [{ path: 'model', message: 'fraud is not loaded' }] })
  })
})

describe('request ids', () => {
  it('echoes an incoming x-request-id or makes one', async () => {
    await build()
    expect((await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id']).toBe('abc-123')
    expect((await app.inject('/healthz')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('health and readiness', () => {
  it('/healthz is always ok; /readyz names failing checks until they pass', async () => {
    app = await createService({ name: 'demo', version: '0', config })
    let redisUp = false
    app.readiness.register('redis', () => { if (!redisUp) throw new Error('connection refused') })
    app.readiness.register('models', async () => {})
    await app.ready()
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' })
    const notReady = await app.inject('/readyz')
    expect(notReady.statusCode).toBe(503)
    expect(notReady.json().failing).toEqual(['redis'])
    redisUp = true
    const ready = await app.inject('/readyz')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toMatchObject({ status: 'ready', failing: [] })
  })
})

describe('admin guard', () => {
  it('401 without or with a wrong token, 200 with the right one', async () => {
    await build()
    expect((await app.inject('/admin/thing')).statusCode).toBe(401)
    expect((await app.inject({ url: '/admin/thing', headers: { authorization: 'Bearer wrong' } })).json().code).toBe('UNAUTHORIZED')
    expect((await app.inject({ url: '/admin/thing', headers: { authorization: `Bearer ${config.ADMIN_TOKEN}` } })).statusCode).toBe(200)
  })

  it('refuses to start admin routes without a token unless explicitly allowed', async () => {
    await expect(build({ ADMIN_TOKEN: undefined })).rejects.toThrow(/ADMIN_TOKEN is not set/)
    await app.close()
    await build({ ADMIN_TOKEN: undefined, ALLOW_UNAUTHENTICATED_ADMIN: true })
    expect((await app.inject('/admin/thing')).statusCode).toBe(200)
  })
})

describe('metrics and OpenAPI', () => {
  it('serves /metrics with HTTP metrics and /docs/json generated from the zod schemas', async () => {
    await build()
    await app.inject('/healthz')
    expect((await app.inject('/metrics')).body).toContain('http_requests_total{method="GET",route="/healthz",status_code="200",service="demo",version="0.0.1"}')
    const spec = (await app.inject('/docs/json')).json()
    expect(spec.openapi).toMatch(/^3\./)
    expect(spec.paths['/items'].post.requestBody.content['application/json'].schema.required).toEqual(['name', 'count', 'tags'])
    expect((await app.inject('/docs')).statusCode).toBeLessThan(400)
  })
})
