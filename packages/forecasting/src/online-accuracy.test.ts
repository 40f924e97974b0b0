import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OnlineAccuracy } from './online-accuracy.js'

const step = 60_000
const options = { quantileLevel: 0.9, minLeadMs: 2 * step, windowPoints: 10, threshold: 0.5, minSamples: 3 }

describe('OnlineAccuracy', () => {
  it('scores only predictions made at least the lead ahead, with the most recent one winning', () => {
    const acc = new OnlineAccuracy(options)
    acc.record(0, step, step, [10, 10, 10, 10], [12, 12, 12, 12])
    acc.record(step, 2 * step, step, [20, 20, 20], [25, 25, 25])
    acc.observe([step, 2 * step, 3 * step, 4 * step], [10, 10, 20, 30])
    const summary = acc.summary()
    expect(summary.samples).toBe(3)
    // t=2m from the first forecast (10 vs 10), t=3m and t=4m from the second (20 vs 20, 20 vs 30).
    expect(summary.wape).toBeCloseTo(10 / 60)
    expect(summary.coverage).toBeCloseTo(2 / 3)
    expect(acc.reactive).toBe(false)
  })

  it('switches to reactive when the rolling error is over the threshold, and back', () => {
    const acc = new OnlineAccuracy(options)
    for (let k = 0; k < 5; k++) {
      acc.record(k * step, (k + 2) * step, step, [100], [120])
      acc.observe([(k + 2) * step], [10])
    }
    expect(acc.reactive).toBe(true)
    for (let k = 5; k < 20; k++) {
      acc.record(k * step, (k + 2) * step, step, [10], [12])
      acc.observe([(k + 2) * step], [10])
    }
    expect(acc.summary().samples).toBe(10)
    expect(acc.reactive).toBe(false)
  })

  it('never reports NaN and keeps coverage in [0, 1]', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000)), { maxLength: 30 }), (rows) => {
      const acc = new OnlineAccuracy(options)
      rows.forEach(([mean, upper, actual], k) => {
        acc.record(k * step, (k + 2) * step, step, [mean], [upper])
        acc.observe([(k + 2) * step], [actual])
      })
      const { wape, coverage } = acc.summary()
      expect(wape === null || Number.isFinite(wape)).toBe(true)
      expect(coverage === null || (coverage >= 0 && coverage <= 1)).toBe(true)
    }))
  })
})
