import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { WorkloadForecastRun } from './workload-forecaster.js'
import { combine } from './series-forecasts.js'

const step = 60_000
const run = (start: number, mean: number[], upper: number[]): WorkloadForecastRun => ({
  forecast: { mean: Float64Array.from(mean), quantiles: { 0.9: Float64Array.from(upper) } },
  start,
  model: 'baseline',
  fitSeconds: 0.5,
  predictSeconds: 0.1,
  refitted: true
})

describe('combine', () => {
  it('sums the series step by step and keeps each one', () => {
    const combined = combine([{ labels: { pod: 'a' }, run: run(0, [1, 2], [2, 3]) }, { labels: { pod: 'b' }, run: run(0, [10, 20], [12, 24]) }], step)
    expect(Array.from(combined.forecast.mean)).toEqual([11, 22])
    expect(Array.from(combined.forecast.quantiles['0.9'] ?? [])).toEqual([14, 27])
    expect(combined.series.map((s) => s.labels)).toEqual([{ pod: 'a' }, { pod: 'b' }])
    expect(combined).toMatchObject({ start: 0, fitSeconds: 1, predictSeconds: 0.2, model: 'baseline' })
  })

  it('aligns a series that ended a step earlier on the newest start', () => {
    const combined = combine([{ labels: {}, run: run(step, [1, 2, 3], [1, 2, 3]) }, { labels: {}, run: run(0, [10, 20, 30], [10, 20, 30]) }], step)
    expect(combined.start).toBe(step)
    expect(Array.from(combined.series[1]?.forecast.mean ?? [])).toEqual([20, 30, 30])
    expect(Array.from(combined.forecast.mean)).toEqual([21, 32, 33])
  })

  it('the combined quantile is never below the combined mean when each series\' is not', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (series) => {
      const runs = series.map((points) => ({ labels: {}, run: run(0, points.map(([m]) => m), points.map(([m, extra]) => m + extra)) }))
      const combined = combine(runs, step)
      combined.forecast.mean.forEach((m, k) => expect(combined.forecast.quantiles['0.9']?.[k]).toBeGreaterThanOrEqual(m))
    }))
  })
})
