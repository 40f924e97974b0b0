import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ForecastSnapshot } from '@platform/contracts'
import { detectSeasonPeriods, type Forecast, getModel, planReplicas, prepareSeries } from '@platform/forecasting'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp, type PrometheusServer, startPrometheus } from '@platform/test-harness'
import { buildApp } from './app.js'
import { Config } from './config.js'
import { twoAppsSeries } from './fixtures/datasets.js'
import { plannerPolicy, quantileLevels } from './forecast/plan-snapshot.js'
import { parseWorkloadsYaml } from './workloads/load-workloads.js'

let prometheus: PrometheusServer
const history = new Map<string, Array<{ timestamp: number, value: number }>>()

beforeAll(async () => {
  const series = twoAppsSeries(2)
  for (const s of series) history.set(s.labels?.app ?? '', [...s.samples])
  prometheus = await startPrometheus({ backfill: series })
})
afterAll(async () => { await prometheus.stop() })

/** The engine's forecast of one app's series over the window the snapshot saw. */
function forecastOf (app: string, snapshot: ForecastSnapshot, workload: ReturnType<typeof parseWorkloadsYaml>[number]): Forecast {
  const stepMs = workload.step * 1000
  const end = Math.floor(Date.parse(snapshot.generatedAt) / stepMs) * stepMs
  const samples = (history.get(app) ?? []).filter((s) => s.timestamp >= end - workload.window * 1000 && s.timestamp <= end)
  const { series } = prepareSeries({ timestamps: samples.map((s) => s.timestamp), values: samples.map((s) => s.value) }, { stepSeconds: workload.step })
  expect(new Date(series.start + series.values.length * stepMs).toISOString()).toBe(snapshot.startsAt)
  const horizon = workload.horizon / workload.step
  return getModel(workload.model).fit(series, { seasonPeriods: detectSeasonPeriods(series), horizonSteps: horizon }).forecast(horizon, quantileLevels(workload))
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000

describe('seriesMode keep against a real Prometheus holding two series', () => {
  it('forecasts each series on its own, exposes them with their labels, and plans from their sum', async () => {
    const [workload] = parseWorkloadsYaml(`
workloads:
  - name: apps
    prometheusURL: ${prometheus.url}
    prometheusQuery: load
    seriesMode: keep
    model: holt-winters
    window: 1d
    interval: 1h
    targetPerPod: 20
    quantileLevel: 0.9
`)
    if (workload === undefined) throw new Error('no workload')
    const config = loadConfig(Config, { LOG_LEVEL: 'silent', PROM_RETRIES: '0' })
    const app = await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test', workloads: [workload], autoStart: false, listenGrpc: false }))
    await app.workloadLoops.get('apps')?.tick()
    expect(app.workloadLoops.get('apps')?.status(false, undefined).lastError).toBeNull()
    const snapshot = (await app.inject('/forecast/current?workload=apps')).json<ForecastSnapshot>()

    const byApp = new Map(snapshot.series?.map((s) => [s.labels.app ?? '', s]))
    expect([...byApp.keys()].sort()).toEqual(['api', 'web'])
    const expected = new Map(['web', 'api'].map((name) => [name, forecastOf(name, snapshot, workload)]))
    for (const [name, forecast] of expected) {
      expect(byApp.get(name)).toEqual({ labels: { __name__: 'load', app: name }, values: Array.from(forecast.mean, round3), quantiles: { 0.9: Array.from(forecast.quantiles['0.9'] ?? [], round3) } })
    }

    // The workload's forecast is the per-step sum, and the plan is the planner's on that sum.
    const web = expected.get('web') as Forecast
    const api = expected.get('api') as Forecast
    const sum = (a: Float64Array, b: Float64Array): Float64Array => a.map((v, k) => v + (b[k] as number))
    const total: Forecast = { mean: sum(web.mean, api.mean), quantiles: { 0.9: sum(web.quantiles['0.9'] as Float64Array, api.quantiles['0.9'] as Float64Array) } }
    expect(snapshot.values).toEqual(Array.from(total.mean, round3))
    expect(snapshot.quantiles['0.9']).toEqual(Array.from(total.quantiles['0.9'] ?? [], round3))
    expect(snapshot.replicas).toEqual(planReplicas({ forecast: total, start: Date.parse(snapshot.startsAt), stepSeconds: workload.step }, plannerPolicy(workload)).replicas)
  })

  it('refuses keep for a file source, naming the workload and the field', () => {
    expect(() => parseWorkloadsYaml('workloads:\n  - { name: f, file: x.csv, seriesMode: keep }\n')).toThrow(/workloads\.f\.seriesMode/)
  })
})
