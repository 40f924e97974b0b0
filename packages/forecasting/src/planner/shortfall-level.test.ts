import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ShortfallLevel, type ShortfallLevelOptions } from './shortfall-level.js'

const options: ShortfallLevelOptions = { target: 0.5, gain: 0.02, initial: 0.5, min: 0.05, max: 0.95 }

describe('ShortfallLevel', () => {
  it('rises after a shortfall beyond the target, falls after less, stays put on target', () => {
    const up = new ShortfallLevel(options)
    up.observe(3, 2, 10, 1)
    // (3 - 0.5 x 2) / (10 x 1) x 0.02 = 0.004
    expect(up.level).toBe(0.504)
    const down = new ShortfallLevel(options)
    down.observe(0, 2, 10, 1)
    expect(down.level).toBe(0.498)
    const still = new ShortfallLevel(options)
    still.observe(1, 2, 10, 1)
    expect(still.level).toBe(0.5)
  })

  it('adds up corrections too small for the three decimals it serves', () => {
    const level = new ShortfallLevel(options)
    for (let i = 0; i < 10; i++) level.observe(0.1, 0, 10, 1)
    expect(level.level).toBe(0.502)
  })

  it('refuses bounds outside (0, 1) and a negative target or gain', () => {
    expect(() => new ShortfallLevel({ ...options, min: 0 })).toThrow(RangeError)
    expect(() => new ShortfallLevel({ ...options, max: 1 })).toThrow(RangeError)
    expect(() => new ShortfallLevel({ ...options, gain: -1 })).toThrow(RangeError)
    expect(() => new ShortfallLevel({ ...options, target: Number.NaN })).toThrow(RangeError)
  })

  it('stays within [min, max], and more shortfall never gives a lower level (property)', () => {
    const step = fc.record({ under: fc.double({ min: 0, max: 1e4, noNaN: true }), reference: fc.double({ min: 0, max: 1e4, noNaN: true }), needed: fc.integer({ min: 0, max: 200 }) })
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 100, noNaN: true }), (steps, extra) => {
      const a = new ShortfallLevel(options)
      const b = new ShortfallLevel(options)
      steps.forEach((s, i) => {
        a.observe(s.under, s.reference, s.needed, 5)
        b.observe(s.under + (i === 0 ? extra : 0), s.reference, s.needed, 5)
        expect(a.level).toBeGreaterThanOrEqual(options.min)
        expect(a.level).toBeLessThanOrEqual(options.max)
      })
      expect(b.level).toBeGreaterThanOrEqual(a.level)
    }))
  })
})
