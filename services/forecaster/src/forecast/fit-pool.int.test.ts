import type { FastifyBaseLogger } from 'fastify'
import { Registry } from 'prom-client'
import { afterEach, describe, expect, it } from 'vitest'
import { type ModelName, WorkloadConfig } from '@platform/contracts'
import type { Series } from '@platform/forecasting'
import { ForecasterMetrics } from '../forecaster-metrics.js'
import { WorkloadLoop } from '../loop/workload-loop.js'
import { MemorySnapshotStore } from '../store/memory-store.js'
import { BuiltinForecaster, type BuiltinOptions } from './builtin-forecaster.js'
import { FitPool } from './fit-pool.js'

const stepSeconds = 60
const wave = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => 200 + 50 * Math.sin((2 * Math.PI * i) / 120))
const series = (n: number): Series => ({ start: Date.UTC(2026, 0, 1), stepSeconds, values: wave(n) })
const options: BuiltinOptions = { model: 'holt-winters', horizonSteps: 30, quantileLevels: [0.9], refitEverySeconds: 3600 }

let pool: FitPool | undefined
afterEach(async () => { await pool?.close() })

describe('FitPool (worker threads)', () => {
  it('forecasts exactly as the model on the main thread, and keeps the fitted model for update()', async () => {
    pool = new FitPool(2)
    const runner = pool.runner('w', options)
    const local = new BuiltinForecaster(options)
    const now = Date.UTC(2026, 0, 2)
    const first = await runner.run(series(600), now)
    expect(first).toMatchObject({ refitted: true, model: 'holt-winters' })
    expect(first.forecast).toEqual(local.run(series(600), now).forecast)
    // One more point within the refit period goes through update() in the same worker.
    const second = await runner.run(series(601), now + 60_000)
    expect(second.refitted).toBe(false)
    expect(second.forecast).toEqual(local.run(series(601), now + 60_000).forecast)
    // A run may ask for other levels (an adaptive planning level) without a refit.
    const third = await runner.run(series(602), now + 120_000, [0.637, 0.9])
    expect(third.refitted).toBe(false)
    expect(Object.keys(third.forecast.quantiles).sort()).toEqual(['0.637', '0.9'])
  })

  it('rejects with the error thrown in the worker, keeps serving other runs, and refuses runs once closed', async () => {
    pool = new FitPool(1)
    await expect(pool.runner('bad', { ...options, model: 'no-such-model' }).run(series(300), Date.now())).rejects.toThrow(/no-such-model/)
    expect((await pool.runner('good', options).run(series(300), Date.now())).forecast.mean).toHaveLength(30)
    await pool.close()
    await expect(pool.runner('late', options).run(series(300), Date.now())).rejects.toThrow('fit pool is closed')
  })

  it('runs workloads side by side and forgets a disposed runner\'s model', async () => {
    pool = new FitPool(2)
    const a = pool.runner('a', options)
    const b = pool.runner('b', options)
    const [ra, rb] = await Promise.all([a.run(series(400), 0), b.run(series(400), 0)])
    expect(ra.forecast).toEqual(rb.forecast)
    a.dispose()
    // A disposed runner's next run fits from scratch.
    expect((await a.run(series(401), 60_000)).refitted).toBe(true)
  })

  it('an error thrown in a worker is the loop\'s forecast-stage error', async () => {
    pool = new FitPool(1)
    const noop = (): void => {}
    const silent: FastifyBaseLogger = { level: 'silent', child: () => silent, info: noop, warn: noop, error: noop, debug: noop, fatal: noop, trace: noop, silent: noop }
    const registry = new Registry()
    const ctx = { store: new MemorySnapshotStore(), metrics: new ForecasterMetrics(registry, async () => []), log: silent, owner: 'test', fits: pool }
    // The schema refuses unknown models; forcing one makes the worker's getModel() throw.
    const config = { ...WorkloadConfig.parse({ name: 'broken', file: 'unused.csv', window: '3h', horizon: '10m' }), model: 'no-such-model' as ModelName }
    const source = {
      fetch: async (start: number, end: number) => {
        const timestamps: number[] = []
        for (let t = Math.ceil(start / 60_000) * 60_000; t <= end; t += 60_000) timestamps.push(t)
        return { timestamps, values: timestamps.map(() => 5) }
      }
    }
    const loop = new WorkloadLoop(config, { source }, ctx)
    await loop.tick()
    expect(loop.status(false, undefined).lastError).toMatchObject({ stage: 'forecast', message: expect.stringContaining('no-such-model') })
    expect(await registry.metrics()).toMatch(/forecaster_errors_total\{workload="broken",stage="forecast",reason="error"\} 1/)
  })

  it('refuses a size below one', () => {
    expect(() => new FitPool(0)).toThrow(RangeError)
  })
})
