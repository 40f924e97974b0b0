import fc from 'fast-check'
import { seededRandom } from '@platform/seeded-random'
import { describe, expect, it } from 'vitest'
import { calibrateFromErrors } from './calibrator.js'
import { normalQuantile } from './normal.js'

describe('normalQuantile', () => {
  it('matches known values of the standard normal', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5)
    expect(normalQuantile(0.1)).toBeCloseTo(-1.281552, 5)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 4)
  })
})

describe('calibrateFromErrors', () => {
  const rng = seededRandom(21).normal
  // Errors whose spread grows like sqrt(step), as a random walk's do.
  const errors = Array.from({ length: 12 }, (_, h) => Array.from({ length: 400 }, () => 2 * Math.sqrt(h + 1) * rng()))
  const calibrator = calibrateFromErrors(errors, 1)

  it('recovers the quantiles of the error distribution at each step', () => {
    for (const step of [1, 6, 12]) {
      const sd = 2 * Math.sqrt(step)
      expect(calibrator.offset(0.9, step) / sd).toBeCloseTo(normalQuantile(0.9), 0)
      expect(Math.abs(calibrator.offset(0.5, step))).toBeLessThan(0.2 * sd)
    }
  })

  it('gives empirical coverage within 2 points of nominal on fresh errors from the same law', () => {
    for (const level of [0.8, 0.9, 0.95]) {
      let inside = 0
      let total = 0
      for (let h = 1; h <= 12; h++) {
        const lo = calibrator.offset((1 - level) / 2, h)
        const hi = calibrator.offset((1 + level) / 2, h)
        for (let i = 0; i < 300; i++) {
          const e = 2 * Math.sqrt(h) * rng()
          if (e >= lo && e <= hi) inside++
          total++
        }
      }
      expect(Math.abs(inside / total - level)).toBeLessThan(0.02)
    }
  })

  it('extends past the calibrated steps and the resolvable levels', () => {
    expect(calibrator.offset(0.9, 48)).toBeGreaterThan(calibrator.offset(0.9, 12))
    expect(calibrator.offset(0.9999, 1)).toBeGreaterThan(calibrator.offset(0.999, 1))
    expect(calibrator.offset(0.0001, 1)).toBeLessThan(calibrator.offset(0.001, 1))
  })

  it('is monotone in the level at every step (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.0001, max: 0.9999, noNaN: true }), fc.double({ min: 0.0001, max: 0.9999, noNaN: true }), fc.integer({ min: 1, max: 100 }),
      (a, b, step) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        expect(calibrator.offset(lo, step)).toBeLessThanOrEqual(calibrator.offset(hi, step))
      }
    ))
  })

  it('falls back to a widening normal band when there are no errors', () => {
    const fallback = calibrateFromErrors([], 3)
    expect(fallback.offset(0.5, 4)).toBeCloseTo(0, 9)
    expect(fallback.offset(0.975, 4)).toBeCloseTo(1.959964 * 3 * 2, 3)
  })
})
