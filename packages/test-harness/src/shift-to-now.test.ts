import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { shiftToNow } from './shift-to-now.js'

const MINUTE = 60_000

describe('shiftToNow', () => {
  it('moves a 1995 series so its last sample is the last whole minute before now', () => {
    const start = Date.UTC(1995, 6, 1)
    const series = [{ name: 'requests', samples: [0, 1, 2].map((i) => ({ timestamp: start + i * MINUTE, value: i * 10 })) }]
    const now = Date.UTC(2025, 0, 1, 12, 30, 45)
    const [shifted] = shiftToNow(series, { stepMs: MINUTE, now })
    expect(shifted?.samples).toEqual([
      { timestamp: Date.UTC(2025, 0, 1, 12, 28), value: 0 },
      { timestamp: Date.UTC(2025, 0, 1, 12, 29), value: 10 },
      { timestamp: Date.UTC(2025, 0, 1, 12, 30), value: 20 }
    ])
    expect(series[0]?.samples[0]?.timestamp).toBe(start)
  })

  it('shifts all series by one offset, ends on a step boundary at or before now and keeps values', () => {
    const seriesArb = fc.array(fc.record({
      name: fc.constant('m'),
      samples: fc.array(fc.record({ timestamp: fc.integer({ min: 0, max: 2_000_000_000_000 }), value: fc.double({ noNaN: true }) }), { maxLength: 20 })
    }), { minLength: 1, maxLength: 4 }).filter((series) => series.some((s) => s.samples.length > 0))
    fc.assert(fc.property(seriesArb, fc.integer({ min: 1, max: 3_600_000 }), fc.integer({ min: 0, max: 4_000_000_000_000 }), (series, stepMs, now) => {
      const shifted = shiftToNow(series, { stepMs, now })
      const before = series.flatMap((s) => s.samples)
      const after = shifted.flatMap((s) => s.samples)
      const latest = Math.max(...after.map((s) => s.timestamp))
      expect(latest % stepMs).toBe(0)
      expect(latest).toBeLessThanOrEqual(now)
      expect(now - latest).toBeLessThan(stepMs)
      const offset = (after[0]?.timestamp ?? 0) - (before[0]?.timestamp ?? 0)
      after.forEach((sample, i) => {
        expect(sample.timestamp - (before[i]?.timestamp ?? NaN)).toBe(offset)
        expect(sample.value).toBe(before[i]?.value)
      })
    }))
  })

  it('refuses an empty history and a non-positive step', () => {
    expect(() => shiftToNow([{ name: 'm', samples: [] }], { stepMs: MINUTE })).toThrow(/at least one sample/)
    expect(() => shiftToNow([{ name: 'm', samples: [{ timestamp: 0, value: 1 }] }], { stepMs: 0 })).toThrow(/positive integer/)
  })
})
