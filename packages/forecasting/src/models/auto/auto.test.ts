import { describe, expect, it } from 'vitest'
import { dailyShape, synthetic } from '../../fixtures/synthetic-series.js'
import { getModel } from '../registry.js'

const hourly = (values: Float64Array) => ({ start: 0, stepSeconds: 3600, values })

describe('auto', () => {
  it('detects the daily season by itself and beats persistence on it', () => {
    const truth = dailyShape(24, 100, 40)
    const values = synthetic(24 * 21, truth, 3, 2)
    const auto = getModel('auto').fit(hourly(values), { horizonSteps: 24 })
    const persistence = getModel('persistence').fit(hourly(values), { horizonSteps: 24 })
    const mae = (m: typeof auto): number => {
      const f = m.forecast(24, []).mean
      let sum = 0
      for (let h = 0; h < 24; h++) sum += Math.abs((f[h] as number) - truth(values.length + h)) / 24
      return sum
    }
    expect(mae(auto)).toBeLessThan(0.25 * mae(persistence))
    expect(mae(auto)).toBeLessThan(5)
  })

  it('re-evaluates its choice online when the series changes character', () => {
    const seasonal = synthetic(24 * 21, dailyShape(24, 100, 40), 1, 4)
    const model = getModel('auto').fit(hourly(seasonal), { horizonSteps: 6 })
    const before = model.describe()
    // The daily cycle stops: the load now wanders like a random walk at a new level.
    const walk = synthetic(24 * 10, () => 0, 4, 5)
    let level = 300
    model.update(walk.map((e) => (level = Math.max(0, level + e))))
    const after = model.describe()
    expect(after).not.toBe(before)
    const forecast = model.forecast(3, [0.5]).mean
    expect(Math.abs((forecast[0] as number) - level)).toBeLessThan(30)
  })

  it('calibrates 50% and 90% intervals to within 5 points of nominal out of sample', () => {
    const truth = dailyShape(24, 200, 60)
    const values = synthetic(24 * 40, truth, 8, 7)
    const fitOn = 24 * 28
    const model = getModel('auto').fit(hourly(values.subarray(0, fitOn)), { horizonSteps: 12 })
    const inside = { 0.5: 0, 0.9: 0 }
    let total = 0
    for (let t = fitOn; t + 12 <= values.length; t++) {
      const f = model.forecast(12, [0.05, 0.25, 0.75, 0.95])
      for (let h = 0; h < 12; h++) {
        const a = values[t + h] as number
        const q = (level: number): number => (f.quantiles[String(level)] as Float64Array)[h] as number
        if (a >= q(0.25) && a <= q(0.75)) inside[0.5]++
        if (a >= q(0.05) && a <= q(0.95)) inside[0.9]++
        total++
      }
      model.update([values[t] as number])
    }
    expect(Math.abs(inside[0.5] / total - 0.5)).toBeLessThan(0.05)
    expect(Math.abs(inside[0.9] / total - 0.9)).toBeLessThan(0.05)
  })
})
