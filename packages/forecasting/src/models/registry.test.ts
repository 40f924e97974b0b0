import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Series } from '../model.js'
import { getModel, modelRegistry, UnknownModelError } from './registry.js'

const LEVELS = [0.01, 0.1, 0.5, 0.9, 0.99]

function expectSane (series: Series, name: string, horizon: number): void {
  const model = getModel(name).fit(series, { horizonSteps: 12 })
  const forecast = model.forecast(horizon, LEVELS)
  expect(forecast.mean.length).toBe(horizon)
  expect(typeof model.describe()).toBe('string')
  for (const v of forecast.mean) {
    expect(Number.isFinite(v)).toBe(true)
    expect(v).toBeGreaterThanOrEqual(0)
  }
  for (const level of LEVELS) {
    const q = forecast.quantiles[String(level)] as Float64Array
    expect(q.length).toBe(horizon)
    for (const v of q) {
      expect(Number.isFinite(v)).toBe(true)
      expect(v).toBeGreaterThanOrEqual(0)
    }
  }
  for (let h = 0; h < horizon; h++) {
    for (let i = 1; i < LEVELS.length; i++) {
      expect((forecast.quantiles[String(LEVELS[i])] as Float64Array)[h]).toBeGreaterThanOrEqual((forecast.quantiles[String(LEVELS[i - 1])] as Float64Array)[h] as number)
    }
  }
}

const seriesOf = (values: number[], stepSeconds = 3600): Series => ({ start: 0, stepSeconds, values: Float64Array.from(values) })

describe('model registry', () => {
  it('lists every model and rejects unknown names with a typed error', () => {
    expect([...modelRegistry.keys()]).toEqual(['persistence', 'seasonal-naive-day', 'seasonal-naive-week', 'baseline', 'holt-winters', 'arima', 'mstl', 'ensemble', 'auto'])
    expect(() => getModel('prophet')).toThrow(UnknownModelError)
  })

  it.each([...modelRegistry.keys()])('%s forecasts sensibly on degenerate histories', (name) => {
    for (const values of [[5], [0, 0], [3, 3, 3, 3, 3, 3, 3, 3], Array(100).fill(0), Array(60).fill(42)]) {
      expectSane(seriesOf(values), name, 12)
    }
  })

  it.each([...modelRegistry.keys()])('%s never returns NaN, Infinity or a negative value (property)', (name) => {
    const values = fc.oneof(
      fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 120 }),
      // Bursty non-negative series: mostly zero with rare huge spikes.
      fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })), { minLength: 50, maxLength: 120 }),
      // Seasonal series at an hourly step with a trend that goes toward zero.
      fc.tuple(fc.integer({ min: 50, max: 150 }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }))
        .map(([n, slope, amp]) => Array.from({ length: n }, (_, t) => Math.max(0, 100 + slope * t + amp * Math.sin((2 * Math.PI * t) / 24))))
    )
    fc.assert(fc.property(values, fc.integer({ min: 1, max: 60 }), (v, horizon) => {
      expectSane(seriesOf(v), name, horizon)
    }), { numRuns: 25 })
  })

  it.each([...modelRegistry.keys()])('%s refuses an empty, non-finite or negative series with a typed error', (name) => {
    expect(() => getModel(name).fit(seriesOf([]))).toThrow(expect.objectContaining({ code: 'EMPTY_SERIES' }))
    expect(() => getModel(name).fit(seriesOf([1, Number.NaN, 2]))).toThrow(expect.objectContaining({ code: 'NON_FINITE_VALUE' }))
    expect(() => getModel(name).fit(seriesOf([1, -1, 2]))).toThrow(expect.objectContaining({ code: 'NEGATIVE_VALUE' }))
  })

  it('rejects quantile levels outside (0, 1)', () => {
    const model = getModel('baseline').fit(seriesOf([1, 2, 3]))
    for (const level of [0, 1, 1.5, Number.NaN]) expect(() => model.forecast(3, [level])).toThrow(RangeError)
  })

  it('a fitted model keeps producing sane forecasts after updates, including non-finite newcomers', () => {
    const model = getModel('auto').fit(seriesOf(Array.from({ length: 24 * 8 }, (_, t) => 50 + 30 * Math.sin((2 * Math.PI * t) / 24))), { horizonSteps: 6 })
    model.update([10, Number.NaN, Number.POSITIVE_INFINITY, 60])
    const forecast = model.forecast(6, [0.5, 0.9])
    for (const v of forecast.mean) expect(Number.isFinite(v) && v >= 0).toBe(true)
  })
})
