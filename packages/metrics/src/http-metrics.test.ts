import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { createRegistry, httpMetricsPlugin, metricsRoutePlugin } from './index.js'

async function buildApp () {
  const registry = createRegistry({ service: 'test-svc', version: '1.2.3', processMetrics: false })
  const app = Fastify()
  await app.register(httpMetricsPlugin, { registry })
  await app.register(metricsRoutePlugin, { registry })
  app.get('/items/:id', async () => ({ ok: true }))
  await app.ready()
  return app
}

describe('http metrics', () => {
  it('labels by route template, never by raw URL', async () => {
    const app = await buildApp()
    await app.inject('/items/1')
    await app.inject('/items/2')
    await app.inject('/nope/123')
    const text = (await app.inject('/metrics')).body
    expect(text).toContain('http_requests_total{method="GET",route="/items/:id",status_code="200",service="test-svc",version="1.2.3"} 2')
    expect(text).toContain('route="__unmatched__",status_code="404"')
    expect(text).not.toContain('/items/1')
    expect(text).not.toContain('/nope/123')
    await app.close()
  })

  it('has sub-millisecond duration buckets', async () => {
    const app = await buildApp()
    await app.inject('/items/1')
    const text = (await app.inject('/metrics')).body
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0\.0001",[^}]*route="\/items\/:id"/)
    await app.close()
  })

  it('serves the Prometheus text format with process metrics when enabled', async () => {
    const registry = createRegistry({ service: 's', version: 'v' })
    const app = Fastify()
    await app.register(metricsRoutePlugin, { registry })
    const res = await app.inject('/metrics')
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(res.body).toContain('process_cpu_user_seconds_total{service="s",version="v"}')
    await app.close()
  })
})
