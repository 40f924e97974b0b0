import { describe, expect, it } from 'vitest'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp } from '@platform/test-harness'
import { buildApp } from './app.js'
import { Config } from './config.js'
import { loadWorkloads } from './workloads/load-workloads.js'

const config = loadConfig(Config, { LOG_LEVEL: 'silent' })

async function demoApp () {
  const workloads = loadWorkloads(config, () => '')
  return await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test', workloads, autoStart: false, listenGrpc: false }))
}

describe('forecaster app on embedded defaults', () => {
  it('answers health, readiness, metrics and OpenAPI', async () => {
    const app = await demoApp()
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' })
    expect((await app.inject('/readyz')).statusCode).toBe(200)
    expect((await app.inject('/metrics')).body).toContain('service="forecaster"')
    expect((await app.inject('/docs/json')).json().info.title).toBe('forecaster')
  })

  it('listens on 8081 and gRPC on 50051 by default, with the file source and memory store', () => {
    expect(config.PORT).toBe(8081)
    expect(config.GRPC_PORT).toBe(50051)
    expect(config.STORAGE).toBe('memory')
    const [demo] = loadWorkloads(config, () => '')
    expect(demo?.name).toBe('demo')
    expect(demo?.file).toMatch(/nasa-http-requests-7d\.csv$/)
  })

  it('serves the demo forecast after one tick of the bundled series', async () => {
    const app = await demoApp()
    expect((await app.inject('/forecast/current?workload=demo')).statusCode).toBe(503)
    await app.workloadLoops.get('demo')?.tick()
    const response = await app.inject('/forecast/current?workload=demo')
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({ workload: 'demo', metric: 'load', stepSeconds: 60, horizonSeconds: 1800, model: 'baseline', mode: 'predictive', stale: false })
    expect(body.values).toHaveLength(30)
    expect(body.replicas).toHaveLength(30)
    expect(body.quantiles['0.9']).toHaveLength(30)
    expect(body.desiredReplicas).toBeGreaterThanOrEqual(1)
    const list = (await app.inject('/workloads')).json()
    expect(list.workloads).toEqual([expect.objectContaining({ name: 'demo', source: 'file', owned: true, stale: false, mode: 'predictive', lastError: null })])
    expect((await app.inject('/metrics')).body).toMatch(/forecaster_forecast_age_seconds\{[^}]*workload="demo"[^}]*\} \d/)
  })

  it('answers 404 for an unknown workload and 400 naming the field for a bad name', async () => {
    const app = await demoApp()
    const unknown = await app.inject('/forecast/current?workload=nope')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual({ error: 'workload "nope" is not configured', code: 'FORECASTER_UNKNOWN_WORKLOAD' })
    const bad = await app.inject('/forecast/current?workload=Bad%20Name')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'querystring.workload' }] })
    expect((await app.inject('/forecast/current')).statusCode).toBe(400)
  })
})
