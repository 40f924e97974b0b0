import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { shiftToNow, startPrometheus, type PrometheusServer, type Series } from '@platform/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyse } from './analyse.js'

const stepMs = 15_000
const steps = 40 * 4 // 40 minutes of 15 s scrapes
const durationBounds = ['0.001', '0.005', '0.01', '0.05', '+Inf']
const scoreBounds = ['0.1', '0.3', '0.5', '0.7', '0.9', '+Inf']

interface Side { version: string, rps: number, errorShare: number, durationShares: number[], scoreShares: number[] }

/** Cumulative counter samples for a constant rate (per second). */
const counter = (name: string, labels: Record<string, string>, rate: number): Series => ({
  name,
  labels,
  samples: Array.from({ length: steps }, (_, i) => ({ timestamp: i * stepMs, value: rate * i * stepMs / 1000 }))
})

/** Histogram bucket series whose per-bin shares are `shares` (one per bound). */
const histogram = (name: string, labels: Record<string, string>, rate: number, bounds: string[], shares: number[]): Series[] => {
  let cumulative = 0
  return bounds.map((le, i) => counter(`${name}_bucket`, { ...labels, le }, rate * (cumulative += shares[i] ?? 0)))
}

const side = (s: Side): Series[] => {
  const labels = { model: 'ctr', version: s.version }
  return [
    counter('ml_inference_requests_total', { ...labels, status: 'ok' }, s.rps * (1 - s.errorShare)),
    counter('ml_inference_requests_total', { ...labels, status: 'error' }, s.rps * s.errorShare),
    ...histogram('ml_inference_duration_seconds', labels, s.rps, durationBounds, s.durationShares),
    ...histogram('ml_prediction_score', labels, s.rps, scoreBounds, s.scoreShares)
  ]
}

/** A service's HTTP series: its API route (errors at `errorShare`) and a probe that always answers 200. */
const httpSide = (version: string, rps: number, errorShare: number, probeRps: number): Series[] => {
  const route = (path: string, status: string, rate: number) => counter('http_requests_total', { service: 'ml-router', version, method: 'POST', route: path, status_code: status }, rate)
  return [
    route('/v1/route', '200', rps * (1 - errorShare)),
    route('/v1/route', '500', rps * errorShare),
    route('/healthz', '200', probeRps),
    ...histogram('http_request_duration_seconds', { service: 'ml-router', version, route: '/v1/route' }, rps, durationBounds, [0.5, 0.45, 0.04, 0.01, 0]),
    ...histogram('http_request_duration_seconds', { service: 'ml-router', version, route: '/healthz' }, probeRps, durationBounds, [1, 0, 0, 0, 0])
  ]
}

const fast = [0.5, 0.45, 0.04, 0.01, 0]
const scores = [0.3, 0.3, 0.2, 0.1, 0.07, 0.03]
const stable: Side = { version: '1.0.0', rps: 20, errorShare: 0.001, durationShares: fast, scoreShares: scores }
// A healthy canary: a twentieth of the traffic, the same behaviour within noise.
const goodCanary: Side = { version: '2.0.0', rps: 1, errorShare: 0.002, durationShares: [0.48, 0.47, 0.04, 0.01, 0], scoreShares: [0.29, 0.31, 0.2, 0.1, 0.07, 0.03] }
// A broken canary: 5% errors, ten times slower, scores pushed towards 1.
const badCanary: Side = { version: '3.0.0', rps: 1, errorShare: 0.05, durationShares: [0, 0.05, 0.45, 0.5, 0], scoreShares: [0.03, 0.07, 0.1, 0.2, 0.3, 0.3] }

const cli = fileURLToPath(new URL('./cli/canary-analysis.ts', import.meta.url))
const tsx = createRequire(import.meta.url).resolve('tsx/cli')

async function runCli (args: string[]): Promise<{ code: number, stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, '--conditions', '@platform/source', cli, ...args])
    return { code: 0, stdout }
  } catch (err) {
    const e = err as { code?: number, stdout?: string, stderr?: string }
    return { code: e.code ?? -1, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

describe('canary-analysis against a real Prometheus', () => {
  let prometheus: PrometheusServer

  beforeAll(async () => {
    const http = [...httpSide('0.1.0', 2, 0, 1), ...httpSide('0.2.0', 0.2, 0.05, 1)]
    prometheus = await startPrometheus({ backfill: shiftToNow([...[stable, goodCanary, badCanary].flatMap(side), ...http], { stepMs }) })
  })
  afterAll(async () => {
    await prometheus.stop()
  })

  const args = (canary: string) => ['--prometheus', prometheus.url, '--profile', 'model', '--window', '10m', '--stable', 'model="ctr",version="1.0.0"', '--canary', `model="ctr",version="${canary}"`]

  it('promotes a canary that behaves like stable (exit 0)', async () => {
    const { code, stdout } = await runCli(args('2.0.0'))
    expect(stdout).toContain('decision: promote')
    expect(code).toBe(0)
  })

  it('rolls back a canary with errors, latency and shifted scores (exit 1)', async () => {
    const { code, stdout } = await runCli(args('3.0.0'))
    expect(stdout).toContain('decision: rollback (failed: error rate, p95 latency (s), score shift (PSI))')
    expect(code).toBe(1)
  })

  it('measures each side from the backfilled series', async () => {
    const result = await analyse({ prometheusUrl: prometheus.url, profile: 'model', window: '10m', stable: 'model="ctr",version="1.0.0"', canary: 'model="ctr",version="3.0.0"' })
    // 10 minutes at 1 request/s; Prometheus extrapolates increase() to the window edges.
    expect(result.canary.requests).toBeGreaterThan(550)
    expect(result.canary.requests).toBeLessThan(650)
    expect(result.canary.errorRate).toBeCloseTo(0.05, 3)
    expect(result.stable.errorRate).toBeCloseTo(0.001, 3)
    expect(result.canary.p95Seconds).toBeGreaterThan(0.01)
    expect(result.stable.p95Seconds).toBeLessThan(0.006)
    expect(result.scorePsi).toBeGreaterThan(0.5)
  })

  it('judges a service on its API traffic: probes that always answer 200 do not dilute 5% errors', async () => {
    const result = await analyse({ prometheusUrl: prometheus.url, profile: 'http', window: '10m', stable: 'service="ml-router",version="0.1.0"', canary: 'service="ml-router",version="0.2.0"' })
    expect(result.canary.requests).toBeGreaterThan(100)
    expect(result.canary.requests).toBeLessThan(140)
    expect(result.canary.errorRate).toBeCloseTo(0.05, 3)
    expect(result).toMatchObject({ decision: 'rollback', reason: 'failed: error rate' })
  })

  it('gives no verdict when a side has no traffic (exit 2)', async () => {
    const { code, stdout } = await runCli(args('9.9.9'))
    expect(stdout).toContain('decision: inconclusive')
    expect(code).toBe(2)
  })
})
