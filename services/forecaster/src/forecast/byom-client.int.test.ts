import { type ChildProcess, spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Series } from '@platform/forecasting'
import { freePort } from '@platform/test-harness'
import { ByomClient } from './byom-client.js'
import { WorkloadForecaster } from './workload-forecaster.js'

const exampleDir = fileURLToPath(new URL('../../../../examples/byom-holt-winters/', import.meta.url))
const series: Series = { start: Date.UTC(2026, 0, 1), stepSeconds: 60, values: Float64Array.from({ length: 600 }, (_, i) => 200 + 50 * Math.sin((2 * Math.PI * i) / 120)) }
let example: ChildProcess
let exampleUrl: string
let misbehaving: Server
let misbehavingUrl: string

beforeAll(async () => {
  const port = await freePort()
  example = spawn(process.execPath, ['--conditions', '@platform/source', '--import', 'tsx', 'src/main.ts'], { cwd: exampleDir, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: 'inherit' })
  exampleUrl = `http://127.0.0.1:${port}/predict`
  for (let i = 0; i < 150; i++) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  // One peer per failure mode, chosen by path.
  misbehaving = createServer((req, res) => {
    req.resume()
    if (req.url === '/slow') { setTimeout(() => res.end('{"metric":"x","values":[]}'), 3_000); return }
    if (req.url === '/short') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ metric: 'x', values: [1, 2, 3] })); return }
    if (req.url === '/boom') { res.writeHead(500).end('model exploded'); return }
    res.setHeader('content-type', 'text/html')
    res.end('<html>not json</html>')
  })
  const port2 = await freePort()
  await new Promise<void>((resolve) => misbehaving.listen(port2, '127.0.0.1', resolve))
  misbehavingUrl = `http://127.0.0.1:${port2}`
})
afterAll(() => {
  example.kill('SIGTERM')
  misbehaving.close()
})

describe('BYOM client against the example service as a real peer', () => {
  it('gets horizon/step predictions and the p90 from byom-holt-winters', async () => {
    const forecast = await new ByomClient({ url: exampleUrl, timeoutMs: 30_000 }).predict(series, 30, Date.now())
    expect(forecast.mean).toHaveLength(30)
    expect(forecast.quantiles['0.9']).toHaveLength(30)
    expect(Array.from(forecast.mean).every((v) => v >= 0 && v < 1000)).toBe(true)
  })

  it('refuses an answer without the quantile the workload plans from, so the fallback plans', async () => {
    const answer = { url: exampleUrl, timeoutMs: 30_000 }
    expect((await new ByomClient({ ...answer, planningLevel: 0.9 }).predict(series, 30, Date.now())).quantiles['0.9']).toHaveLength(30)
    await expect(new ByomClient({ ...answer, planningLevel: 0.95 }).predict(series, 30, Date.now()))
      .rejects.toMatchObject({ reason: 'decode', message: 'byom: decode response: no quantile 0.95, the workload\'s quantileLevel' })
    const forecaster = new WorkloadForecaster({ model: 'byom', byomURL: exampleUrl, byomTimeoutMs: 30_000, fallbackModel: 'baseline', horizonSteps: 30, quantileLevels: [0.9, 0.95], planningLevel: 0.95, refitEverySeconds: 3600 })
    const run = await forecaster.run(series, Date.now())
    expect(run).toMatchObject({ model: 'baseline', fallback: 'decode' })
    expect(run.forecast.quantiles['0.95']).toHaveLength(30)
  })

  it.each([
    ['/slow', 'timeout', 'byom: http request failed: timeout after 500 ms'],
    ['/short', 'length', 'byom: expected 30 predictions, got 3'],
    ['/boom', 'http', 'byom: http 500: model exploded'],
    ['/html', 'decode', 'byom: decode response: ']
  ])('%s fails with the documented error', async (path, reason, message) => {
    const began = Date.now()
    const call = new ByomClient({ url: misbehavingUrl + path, timeoutMs: 500 }).predict(series, 30, Date.now())
    await expect(call).rejects.toMatchObject({ reason, message: expect.stringContaining(message) })
    expect(Date.now() - began).toBeLessThan(2_000)
  })

  it('reports an unreachable peer as a failed request', async () => {
    const port = await freePort()
    await expect(new ByomClient({ url: `http://127.0.0.1:${port}/predict`, timeoutMs: 500 }).predict(series, 30, Date.now()))
      .rejects.toMatchObject({ reason: 'network', message: expect.stringContaining('byom: http request failed: ') })
  })

  it('falls back to the built-in model, counts it, and stops calling a dead peer (circuit breaker)', async () => {
    const fallbacks: string[] = []
    let calls = 0
    const counting = createServer((req, res) => { calls++; req.resume(); res.writeHead(500).end('down') })
    const port = await freePort()
    await new Promise<void>((resolve) => counting.listen(port, '127.0.0.1', resolve))
    try {
      const forecaster = new WorkloadForecaster({ model: 'byom', byomURL: `http://127.0.0.1:${port}/`, byomTimeoutMs: 500, fallbackModel: 'baseline', horizonSteps: 30, quantileLevels: [0.9], refitEverySeconds: 3600, onFallback: (reason) => fallbacks.push(reason) })
      for (let i = 0; i < 5; i++) {
        const run = await forecaster.run(series, Date.now())
        expect(run).toMatchObject({ model: 'baseline', fallback: i < 3 ? 'http' : 'circuit-open' })
        expect(run.forecast.mean).toHaveLength(30)
      }
      expect(calls).toBe(3)
      expect(fallbacks).toEqual(['http', 'http', 'http', 'circuit-open', 'circuit-open'])
      const healthy = new WorkloadForecaster({ model: 'byom', byomURL: exampleUrl, byomTimeoutMs: 30_000, fallbackModel: 'baseline', horizonSteps: 30, quantileLevels: [0.9], refitEverySeconds: 3600 })
      expect(await healthy.run(series, Date.now())).toMatchObject({ model: 'byom' })
    } finally {
      counting.close()
    }
  })
})
