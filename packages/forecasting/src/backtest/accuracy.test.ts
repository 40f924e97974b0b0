import { describe, expect, it } from 'vitest'
import type { Forecast } from '../model.js'
import { AccuracyAccumulator } from './accuracy.js'

const forecast = (mean: number[], p90: number[]): Forecast =>
  ({ mean: Float64Array.from(mean), quantiles: { 0.9: Float64Array.from(p90) } })

describe('AccuracyAccumulator', () => {
  it('averages MASE and sMAPE over origins and pools pinball and coverage over points', () => {
    const acc = new AccuracyAccumulator(2, [0.9])
    acc.add([10, 20], forecast([12, 20], [15, 19]))
    acc.add([10, 10], forecast([10, 14], [11, 12]))
    const s = acc.summary()
    expect(s.origins).toBe(2)
    expect(s.mase).toBeCloseTo(((2 / 2) / 2 + (4 / 2) / 2) / 2)
    expect(s.smape).toBeCloseTo(((200 * 2 / 22) / 2 + (200 * 4 / 24) / 2) / 2)
    // pinball: (0.1*5 + 0.9*1 + 0.1*1 + 0.1*2) / 4 points / scale 2
    expect(s.pinball['0.9']).toBeCloseTo((0.5 + 0.9 + 0.1 + 0.2) / 4 / 2)
    expect(s.coverage['0.9']).toBe(3 / 4)
  })

  it('refuses a zero scale and a forecast without a requested quantile', () => {
    expect(() => new AccuracyAccumulator(0, [])).toThrow(/MASE scale/)
    expect(() => { new AccuracyAccumulator(1, [0.5]).add([1], forecast([1], [1])) }).toThrow(/no quantile 0.5/)
  })
})
