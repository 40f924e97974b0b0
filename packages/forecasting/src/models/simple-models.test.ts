import { describe, expect, it } from 'vitest'
import { synthetic } from '../fixtures/synthetic-series.js'
import { fitBaseline } from './baseline.js'
import { combineForecasts } from './ensemble.js'
import { Growable } from './growable.js'
import { logScale } from './log-scale.js'
import { fitPersistence } from './persistence.js'
import { seasonalNaive } from './seasonal-naive.js'

const context = (seasonPeriods: number[]) => ({ seasonPeriods, horizon: 10, stepSeconds: 60 })

describe('persistence and seasonal naive', () => {
  it('persistence repeats the last value, also after update', () => {
    const m = fitPersistence(Float64Array.of(1, 2, 3), context([]))
    expect([...m.predict(3)]).toEqual([3, 3, 3])
    m.update([7])
    expect([...m.predict(2)]).toEqual([7, 7])
  })

  it('seasonal naive repeats the last period and follows updates', () => {
    const m = seasonalNaive(3)(Float64Array.of(9, 1, 2, 3), context([3]))
    expect([...m.predict(5)]).toEqual([1, 2, 3, 1, 2])
    m.update([4])
    expect([...m.predict(3)]).toEqual([2, 3, 4])
  })

  it('seasonal naive with less than a period of history degrades to persistence', () => {
    const model = seasonalNaive(24)(Float64Array.of(5, 6), context([]))
    expect([...model.predict(2)]).toEqual([6, 6])
    expect(model.describe()).toBe('seasonal-naive[24] (persistence: under one period of history)')
    model.update(new Float64Array(22))
    expect(model.describe()).toBe('seasonal-naive[24]')
  })
})

describe('baseline', () => {
  it('reproduces a clean seasonal profile at the current level', () => {
    const values = synthetic(24 * 10, (t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 24))
    const forecast = fitBaseline(values, context([24])).predict(24)
    for (let h = 0; h < 24; h++) expect(forecast[h]).toBeCloseTo(100 + 20 * Math.sin((2 * Math.PI * (240 + h)) / 24), 0)
  })

  it('never explodes: a steep ramp and a spike stay within 1.5x the largest value seen', () => {
    const values = Float64Array.from({ length: 24 * 8 }, (_, t) => (t === 100 ? 1e6 : t * t))
    const forecast = fitBaseline(values, context([24])).predict(24 * 7)
    const max = Math.max(...values)
    for (const v of forecast) expect(v).toBeLessThanOrEqual(1.5 * max)
  })
})

describe('combinations and transforms', () => {
  it('median ignores one wild member, mean averages, non-finite members abstain', () => {
    const f = [Float64Array.of(1, 1), Float64Array.of(2, Number.NaN), Float64Array.of(100, 3)]
    expect([...combineForecasts(f, 2, 'median')]).toEqual([2, 2])
    expect([...combineForecasts(f, 2, 'mean')]).toEqual([103 / 3, 2])
  })

  it('log scale back-transforms exactly for a persistence model, with zeros in the history', () => {
    const m = logScale(fitPersistence)(Float64Array.of(0, 4, 9), context([]))
    expect(m.predict(1)[0]).toBeCloseTo(9, 9)
    m.update([0])
    expect(m.predict(1)[0]).toBeCloseTo(0, 9)
  })

  it('a growable buffer keeps the newest values within its capacity', () => {
    const g = new Growable([1, 2, 3], 8)
    for (let i = 4; i <= 40; i++) g.push(i)
    expect(g.back(0)).toBe(40)
    expect(g.back(5)).toBe(35)
    expect(g.length).toBeLessThanOrEqual(8)
    expect(g.view()[g.length - 1]).toBe(40)
  })
})
