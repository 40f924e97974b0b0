import { describe, expect, it } from 'vitest'
import { synthetic } from '../../fixtures/synthetic-series.js'
import { ets } from './ets.js'
import { filterEts, forecastEts, initialState } from './ets-core.js'

const context = { seasonPeriods: [12], horizon: 24, stepSeconds: 3600 }
const pattern = [0, 3, 8, 12, 9, 4, -2, -6, -9, -10, -6, -3]

describe('Holt-Winters / ETS', () => {
  it('tracks a known additive seasonal pattern with a linear trend', () => {
    const truth = (t: number): number => 100 + 0.5 * t + (pattern[t % 12] as number)
    const values = synthetic(240, truth, 0.5, 4)
    const model = ets(true)(values, context)
    expect(model.describe()).toMatch(/ETS\(A,A(d)?,A\)\[12\]/)
    const forecast = model.predict(24)
    for (let h = 0; h < 24; h++) expect(Math.abs((forecast[h] as number) - truth(240 + h))).toBeLessThan(2.5)
  })

  it('fits a multiplicative season whose amplitude grows with the level', () => {
    const truth = (t: number): number => (50 + t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12))
    const values = synthetic(240, truth, 0.2, 6)
    const forecast = ets(true)(values, context).predict(12)
    let mape = 0
    for (let h = 0; h < 12; h++) mape += Math.abs((forecast[h] as number) / truth(240 + h) - 1) / 12
    expect(mape).toBeLessThan(0.03)
  })

  it('a multiplicative model updated through an outage of zeros follows the load when it returns', () => {
    const truth = (t: number): number => (50 + t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12))
    const model = ets(true)(synthetic(240, truth, 0.2, 6), context)
    expect(model.describe()).toMatch(/,M\)\[12\]$/)
    model.update(new Float64Array(72))
    for (const v of model.predict(3)) expect(v).toBeLessThan(1)
    model.update(Float64Array.from({ length: 48 }, (_, i) => truth(312 + i)))
    const forecast = model.predict(12)
    for (let h = 0; h < 12; h++) expect(Math.abs((forecast[h] as number) / truth(360 + h) - 1)).toBeLessThan(0.1)
  })

  it('a damped trend flattens out instead of extrapolating for ever', () => {
    const spec = { trend: 'Ad' as const, season: 'N' as const, period: 1 }
    const values = Float64Array.from({ length: 50 }, (_, t) => 10 + t)
    const state = initialState(spec, values)
    filterEts(spec, { alpha: 0.5, beta: 0.1, gamma: 0, phi: 0.9 }, state, values)
    const forecast = forecastEts(spec, { alpha: 0.5, beta: 0.1, gamma: 0, phi: 0.9 }, state, 200)
    // The damped sum phi + ... + phi^h is bounded by phi / (1 - phi) = 9 trend steps.
    expect((forecast[199] as number) - (forecast[0] as number)).toBeLessThan(9 * 1.1)
    expect(forecast[199]).toBeGreaterThan(forecast[0] as number)
  })

  it('update() continues the same recursions as filtering the whole series', () => {
    const values = synthetic(200, (t) => 50 + (pattern[t % 12] as number), 1, 8)
    const a = ets(true)(values.subarray(0, 150), context)
    a.update(values.subarray(150))
    const spec = { trend: 'N' as const, season: 'N' as const, period: 1 }
    expect(Number.isFinite(a.predict(1)[0] as number)).toBe(true)
    // A level-only model after an update equals the recursion run over everything.
    const state = initialState(spec, values)
    filterEts(spec, { alpha: 1, beta: 0, gamma: 0, phi: 1 }, state, values)
    expect(forecastEts(spec, { alpha: 1, beta: 0, gamma: 0, phi: 1 }, state, 1)[0]).toBeCloseTo(values[199] as number, 10)
  })
})
