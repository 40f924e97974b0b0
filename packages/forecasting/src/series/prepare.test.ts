import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prepareSeries } from './prepare.js'
import { SeriesError } from './series-error.js'

const MIN = 60_000
const T0 = Date.UTC(2024, 0, 1)
const at = (...minutes: number[]): number[] => minutes.map((m) => T0 + m * MIN)

function expectCode (fn: () => unknown, code: string): void {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(SeriesError)
    expect((error as SeriesError).code).toBe(code)
    return
  }
  throw new Error(`expected SeriesError ${code}`)
}

describe('prepareSeries', () => {
  it('passes a clean regular series through unchanged and infers the step', () => {
    const { series, report } = prepareSeries({ timestamps: at(0, 1, 2, 3), values: [1, 2, 3, 4] })
    expect(series).toEqual({ start: T0, stepSeconds: 60, values: Float64Array.of(1, 2, 3, 4) })
    expect(report).toMatchObject({ samples: 4, reordered: false, merged: 0, filled: 0, clipped: 0 })
  })

  it('rejects empty, mismatched, non-finite and negative input with a code naming the problem', () => {
    expectCode(() => prepareSeries({ timestamps: [], values: [] }), 'EMPTY_SERIES')
    expectCode(() => prepareSeries({ timestamps: at(0, 1), values: [1] }), 'LENGTH_MISMATCH')
    expectCode(() => prepareSeries({ timestamps: at(0, 1, 2), values: [1, Number.NaN, 3] }), 'NON_FINITE_VALUE')
    expectCode(() => prepareSeries({ timestamps: at(0, 1, 2), values: [1, Number.POSITIVE_INFINITY, 3] }), 'NON_FINITE_VALUE')
    expectCode(() => prepareSeries({ timestamps: at(0, 1), values: [1, -2] }), 'NEGATIVE_VALUE')
    expectCode(() => prepareSeries({ timestamps: [T0, Number.NaN], values: [1, 2] }), 'INVALID_TIMESTAMP')
    expectCode(() => prepareSeries({ timestamps: at(0), values: [1] }), 'TOO_SHORT')
    expectCode(() => prepareSeries({ timestamps: at(0, 1), values: [1, 2] }, { stepSeconds: 0 }), 'INVALID_STEP')
  })

  it('names the offending sample in the message', () => {
    expect(() => prepareSeries({ timestamps: at(0, 1, 2), values: [1, Number.NaN, 3] })).toThrow(/value #1 at 2024-01-01T00:01:00.000Z is NaN/)
  })

  it('accepts a single sample when the step is given', () => {
    expect(prepareSeries({ timestamps: at(0), values: [7] }, { stepSeconds: 60 }).series.values).toEqual(Float64Array.of(7))
  })

  it('sorts unsorted input and averages duplicated timestamps', () => {
    const { series, report } = prepareSeries({ timestamps: at(2, 0, 1, 1, 3), values: [3, 1, 2, 4, 5] })
    expect([...series.values]).toEqual([1, 3, 3, 5])
    expect(report.reordered).toBe(true)
    expect(report.merged).toBe(2)
    // Averaged without summing first: two values near the largest double stay finite.
    expect([...prepareSeries({ timestamps: at(0, 0, 1), values: [1e308, 1e308, 1] }).series.values]).toEqual([1e308, 1])
  })

  it('snaps jittered timestamps onto the grid', () => {
    const { series } = prepareSeries({ timestamps: [T0, T0 + 61_000, T0 + 119_500, T0 + 181_000], values: [1, 2, 3, 4] })
    expect(series.stepSeconds).toBe(60)
    expect([...series.values]).toEqual([1, 2, 3, 4])
  })

  it('interpolates a short gap and takes yesterday for a long one', () => {
    const day = 1440
    const minutes = Array.from({ length: 2 * day }, (_, i) => i).filter((m) => !(m >= 10 && m < 12) && !(m >= day + 100 && m < day + 130))
    const values = minutes.map((m) => (m < day ? m % day : 1000 + (m % day)))
    const { series, report } = prepareSeries({ timestamps: at(...minutes), values }, { stepSeconds: 60 })
    expect(series.values[10]).toBeCloseTo(10, 9)
    expect(series.values[11]).toBeCloseTo(11, 9)
    expect(series.values[day + 115]).toBe(115)
    expect(report.filled).toBe(32)
    expect(report.longestGapSteps).toBe(30)
  })

  it('refuses a series that is mostly gaps, before allocating a grid for it', () => {
    expectCode(() => prepareSeries({ timestamps: at(0, 1, 2, 100), values: [1, 2, 3, 4] }, { stepSeconds: 60 }), 'MOSTLY_GAPS')
    expectCode(() => prepareSeries({ timestamps: at(0, 1e9), values: [1, 2] }, { stepSeconds: 1 }), 'MOSTLY_GAPS')
  })

  it('clips an isolated spike only when asked to', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i === 50 ? 10_000 : 100 + (i % 5)))
    const timestamps = at(...values.map((_, i) => i))
    expect(prepareSeries({ timestamps, values }).series.values[50]).toBe(10_000)
    const clipped = prepareSeries({ timestamps, values }, { clipOutliers: true })
    expect(clipped.report.clipped).toBe(1)
    expect(clipped.series.values[50]).toBeLessThan(150)
  })

  it('always yields a finite non-negative regular grid for valid input (property)', () => {
    const sample = fc.record({ minute: fc.integer({ min: 0, max: 300 }), value: fc.double({ min: 0, max: 1e6, noNaN: true }) })
    fc.assert(fc.property(fc.array(sample, { minLength: 2, maxLength: 200 }), (samples) => {
      const timestamps = samples.map((s) => T0 + s.minute * MIN)
      try {
        const { series } = prepareSeries({ timestamps, values: samples.map((s) => s.value) }, { stepSeconds: 60, maxMissingFraction: 0.9 })
        for (const v of series.values) expect(Number.isFinite(v) && v >= 0).toBe(true)
        expect(series.start).toBe(Math.min(...timestamps))
      } catch (error) {
        expect((error as SeriesError).code).toBe('MOSTLY_GAPS')
      }
    }))
  })
})
