import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pinballLoss, seasonalNaiveMae, smapeTerm } from './metrics.js'

const value = fc.integer({ min: -1e6, max: 1e6 })

describe('seasonalNaiveMae', () => {
  it('is the mean absolute difference to the value one period earlier, over [period, end)', () => {
    expect(seasonalNaiveMae([1, 2, 4, 4, 9], 2)).toBe((3 + 2 + 5) / 3)
    expect(seasonalNaiveMae([1, 2, 4, 4, 9], 2, 4)).toBe((3 + 2) / 2)
    expect(seasonalNaiveMae([1, 2], 2)).toBeNaN()
  })
})

describe('smapeTerm', () => {
  it('follows the M4 definition on 0-200', () => {
    expect(smapeTerm(100, 100)).toBe(0)
    expect(smapeTerm(100, 0)).toBe(200)
    expect(smapeTerm(0, 0)).toBe(0)
    expect(smapeTerm(100, 50)).toBeCloseTo(200 * 50 / 150)
  })

  it('is symmetric and within [0, 200] for non-negative loads', () => {
    const load = fc.double({ min: 0, max: 1e6, noNaN: true })
    fc.assert(fc.property(load, load, (a, b) => {
      expect(smapeTerm(a, b)).toBe(smapeTerm(b, a))
      expect(smapeTerm(a, b)).toBeGreaterThanOrEqual(0)
      expect(smapeTerm(a, b)).toBeLessThanOrEqual(200)
    }))
  })
})

describe('pinballLoss', () => {
  it('weighs under-forecasts by the level and over-forecasts by 1 - level', () => {
    expect(pinballLoss(110, 100, 0.9)).toBeCloseTo(9)
    expect(pinballLoss(90, 100, 0.9)).toBeCloseTo(1)
    expect(pinballLoss(90, 100, 0.5)).toBeCloseTo(5)
  })

  it('is non-negative and zero only at the actual value', () => {
    fc.assert(fc.property(value, value, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (y, q, level) => {
      const loss = pinballLoss(y, q, level)
      expect(loss).toBeGreaterThanOrEqual(0)
      expect(loss === 0).toBe(y === q)
    }))
  })
})
