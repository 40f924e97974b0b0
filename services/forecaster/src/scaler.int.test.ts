import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { status as GrpcStatus } from '@grpc/grpc-js'
import { detectSeasonPeriods, getModel, planReplicas, prepareSeries } from '@platform/forecasting'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp, type PrometheusServer, startPrometheus } from '@platform/test-harness'
import type { ForecastSnapshot } from '@platform/contracts'
import { buildApp } from './app.js'
import { Config } from './config.js'
import { twoAppsSeries } from './fixtures/datasets.js'
import { grpcHealth } from './fixtures/health-client.js'
import { scalerClient } from './fixtures/scaler-client.js'
import { plannerPolicy, quantileLevels } from './forecast/plan-snapshot.js'
import { parseWorkloadsYaml } from './workloads/load-workloads.js'

const minute = 60_000
let prometheus: PrometheusServer
const history = new Map<string, Array<{ timestamp: number, value: number }>>()

beforeAll(async () => {
  const series = twoAppsSeries(3)
  for (const s of series) history.set(s.labels?.app ?? '', [...s.samples])
  prometheus = await startPrometheus({ backfill: series })
})
afterAll(async () => { await prometheus.stop() })

function yaml (url: string): string {
  return `
workloads:
  - name: web
    metric: http_requests_per_minute
    prometheusURL: ${url}
    prometheusQuery: load{app="web"}
    interval: 2s
    window: 2d
    targetPerPod: 40
    minReplicas: 1
    maxReplicas: 50
  - name: api
    prometheusURL: ${url}
    prometheusQuery: load{app="api"}
    interval: 2s
    window: 2d
    targetPerPod: 10
    quantileLevel: 0.9
    leadTime: 5m
`
}

/** The plan the engine makes from the same Prometheus data the snapshot saw. */
function independentPlan (app: string, snapshot: ForecastSnapshot, workload: ReturnType<typeof parseWorkloadsYaml>[number]): number[] {
  const stepMs = workload.step * 1000
  const end = Math.floor(Date.parse(snapshot.generatedAt) / stepMs) * stepMs
  const samples = (history.get(app) ?? []).filter((s) => s.timestamp >= end - workload.window * 1000 && s.timestamp <= end)
  const { series } = prepareSeries({ timestamps: samples.map((s) => s.timestamp), values: samples.map((s) => s.value) }, { stepSeconds: workload.step })
  const horizon = workload.horizon / workload.step
  const forecast = getModel(workload.model).fit(series, { seasonPeriods: detectSeasonPeriods(series), horizonSteps: horizon }).forecast(horizon, quantileLevels(workload))
  const start = series.start + series.values.length * stepMs
  expect(new Date(start).toISOString()).toBe(snapshot.startsAt)
  return planReplicas({ forecast, start, stepSeconds: workload.step }, plannerPolicy(workload)).replicas
}

describe('forecaster end to end: Prometheus -> forecasts -> KEDA gRPC', () => {
  it('answers the planner on the same data, keeps serving safely while Prometheus is down, and recovers', async () => {
    const workloads = parseWorkloadsYaml(yaml(prometheus.url))
    const config = loadConfig(Config, { LOG_LEVEL: 'silent', GRPC_PORT: '0', HOST: '127.0.0.1', PROM_RETRIES: '0', PROM_TIMEOUT: '2s' })
    const app = await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test', workloads, autoStart: false }))
    const address = `127.0.0.1:${app.scalerGrpc.port ?? 0}`
    const scaler = scalerClient(address)
    try {
      expect(await grpcHealth(address)).toBe('SERVING')
      expect(await grpcHealth(address, 'externalscaler.ExternalScaler')).toBe('SERVING')
      // No forecast yet: active (never scale to zero), metrics UNAVAILABLE so the HPA holds.
      expect(await scaler.isActive({ name: 'web' })).toEqual({ result: true })
      expect(await scaler.firstStreamIsActive({ name: 'web' })).toEqual({ result: true })
      await expect(scaler.getMetrics({ name: 'web' })).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE })

      for (const loop of app.workloadLoops.all()) await loop.tick()
      for (const [app_, workload] of [['web', workloads[0]], ['api', workloads[1]]] as const) {
        if (workload === undefined) throw new Error('missing workload')
        const snapshot = (await app.inject(`/forecast/current?workload=${app_}`)).json<ForecastSnapshot>()
        const expected = independentPlan(app_, snapshot, workload)
        expect(snapshot.replicas).toEqual(expected)
        const before = Date.now()
        // The ScaledObject name differs from the workload: scalerMetadata.workload wins.
        const ref = { name: `so-${app_}`, namespace: 'prod', scalerMetadata: { workload: app_ } }
        const { metricValues } = await scaler.getMetrics(ref, 's0-forecaster')
        const index = (t: number) => Math.max(0, Math.floor((t - Date.parse(snapshot.startsAt)) / minute))
        const possible = [expected[index(before)], expected[index(Date.now())]]
        expect(possible).toContain(metricValues[0]?.metricValue)
        expect(metricValues[0]).toMatchObject({ metricName: 's0-forecaster', metricValueFloat: metricValues[0]?.metricValue })
        expect((await scaler.getMetricSpec(ref)).metricSpecs).toEqual([{ metricName: `forecaster-${app_}`, targetSize: 1, targetSizeFloat: 1 }])
      }

      await prometheus.kill()
      const webBefore = (await app.inject('/forecast/current?workload=web')).json<ForecastSnapshot>()
      await new Promise((resolve) => setTimeout(resolve, 4_100))
      for (const loop of app.workloadLoops.all()) await loop.tick()
      const stale = (await app.inject('/forecast/current?workload=web')).json<ForecastSnapshot>()
      expect(stale).toMatchObject({ stale: true, generatedAt: webBefore.generatedAt })
      const status = (await app.inject('/workloads')).json<{ workloads: Array<{ name: string, lastError: { stage: string } | null }> }>()
      expect(status.workloads.map((w) => w.lastError?.stage)).toEqual(['collect', 'collect'])
      expect(await scaler.isActive({ name: 'web' })).toEqual({ result: true })
      const safe = (await scaler.getMetrics({ name: 'web' })).metricValues[0]?.metricValue ?? 0
      expect(safe).toBeGreaterThanOrEqual(Math.max(1, Math.min(...webBefore.replicas)))
      expect(safe).toBeLessThanOrEqual(Math.max(...webBefore.replicas))
      expect((await app.inject('/metrics')).body).toMatch(/forecaster_errors_total\{[^}]*workload="web"[^}]*stage="collect"[^}]*reason="network"[^}]*\} 1/)

      await prometheus.restart()
      for (const loop of app.workloadLoops.all()) await loop.tick()
      const fresh = (await app.inject('/forecast/current?workload=web')).json<ForecastSnapshot>()
      expect(fresh.stale).toBe(false)
      expect(Date.parse(fresh.generatedAt)).toBeGreaterThan(Date.parse(webBefore.generatedAt))
      await expect(scaler.getMetrics({ name: 'nope' })).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND })
      await expect(scaler.getMetrics({ name: 'Bad Name' })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT })
      expect((await app.inject('/metrics')).body).toMatch(/forecaster_grpc_requests_total\{[^}]*method="GetMetrics"[^}]*status="NOT_FOUND"/)
    } finally {
      scaler.close()
    }
  })
})
