import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { binShares, populationStabilityIndex, scoreShift, type Bucket } from './score-shift.js'

const bounds = [0.1, 0.3, 0.5, 0.7, 0.9, Infinity]
const cumulative = (counts: readonly number[]): Bucket[] => {
  let sum = 0
  return counts.map((c, i) => ({ le: bounds[i] as number, count: (sum += c) }))
}
const histogram = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: bounds.length, maxLength: bounds.length }).filter((c) => c.some((n) => n > 0))

describe('populationStabilityIndex', () => {
  it('is zero for identical distributions, whatever their volume', () => {
    fc.assert(fc.property(histogram, fc.integer({ min: 1, max: 50 }), (counts, scale) => {
      expect(populationStabilityIndex(cumulative(counts), cumulative(counts.map((c) => c * scale)))).toBeCloseTo(0, 9)
    }))
  })

  it('is never negative and is symmetric', () => {
    fc.assert(fc.property(histogram, histogram, (a, b) => {
      const psi = populationStabilityIndex(cumulative(a), cumulative(b))
      expect(psi).toBeGreaterThanOrEqual(0)
      expect(psi).toBeCloseTo(populationStabilityIndex(cumulative(b), cumulative(a)), 9)
    }))
  })

  it('flags a material shift and tolerates a small one', () => {
    const stable = cumulative([10, 20, 40, 20, 8, 2])
    expect(populationStabilityIndex(cumulative([11, 19, 41, 19, 8, 2]), stable)).toBeLessThan(0.01)
    expect(populationStabilityIndex(cumulative([2, 8, 20, 40, 20, 10]), stable)).toBeGreaterThan(0.2)
  })

  it('has no answer without data or with different buckets', () => {
    expect(populationStabilityIndex([], cumulative([1, 1, 1, 1, 1, 1]))).toBeNaN()
    expect(populationStabilityIndex(cumulative([1, 1, 1, 1, 1, 1]).slice(1), cumulative([1, 1, 1, 1, 1, 1]))).toBeNaN()
    // As many buckets, other bounds: bins at different places are not comparable.
    const moved = cumulative([1, 1, 1, 1, 1, 1]).map((b, i) => i === 0 ? { ...b, le: 0.2 } : b)
    expect(populationStabilityIndex(moved, cumulative([1, 1, 1, 1, 1, 1]))).toBeNaN()
  })

  it('counts the scores of each side', () => {
    expect(scoreShift(cumulative([1, 2, 3, 0, 0, 4]), cumulative([5, 5, 5, 5, 5, 5]))).toMatchObject({ canaryScores: 10, stableScores: 30 })
  })

  it('turns cumulative buckets into shares, in bucket order', () => {
    expect(binShares([{ le: Infinity, count: 10 }, { le: 0.5, count: 4 }])).toEqual([0.4, 0.6])
  })
})
