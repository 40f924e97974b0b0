import { describe, expect, it } from 'vitest'
import type { Series } from '../model.js'
import { getModel } from '../models/registry.js'

const hourly = (values: readonly number[]): Series => ({ start: 0, stepSeconds: 3600, values: Float64Array.from(values) })

describe('calibrated models (the public model API)', () => {
  it.each(['persistence', 'baseline', 'auto'])('%s, fitted on an idle history, follows the load its updates bring (no fit-time cap)', (name) => {
    const model = getModel(name).fit(hourly(new Array<number>(100).fill(0)))
    model.update(new Array<number>(30).fill(200))
    const { mean, quantiles } = model.forecast(3, [0.5, 0.9])
    expect(mean[0]).toBeGreaterThan(100)
    expect(quantiles['0.9']?.[0]).toBeGreaterThanOrEqual(mean[0] ?? 0)
  })

  it('persistence after an update forecasts what a refit on the same values does', () => {
    const history = new Array<number>(50).fill(10)
    const updated = getModel('persistence').fit(hourly(history))
    updated.update(new Array<number>(10).fill(500))
    const refit = getModel('persistence').fit(hourly([...history, ...new Array<number>(10).fill(500)]))
    expect(updated.forecast(1, []).mean[0]).toBe(refit.forecast(1, []).mean[0])
  })

  it('names the horizon when it is not a finite number of steps', () => {
    const series = hourly(Array.from({ length: 240 }, (_, i) => 100 + 40 * Math.sin((2 * Math.PI * i) / 24)))
    for (const name of ['baseline', 'arima', 'auto']) {
      expect(() => getModel(name).fit(series, { horizonSteps: Number.POSITIVE_INFINITY }), name).toThrow(/horizonSteps must be a finite number/)
      expect(() => getModel(name).fit(series, { horizonSteps: Number.NaN }), name).toThrow(/horizonSteps must be a finite number/)
    }
    expect(() => getModel('baseline').fit(series).forecast(Number.POSITIVE_INFINITY, [0.5])).toThrow(/horizon must be a finite number/)
  })
})
