import fc from 'fast-check'
import { seededRandom } from '@platform/seeded-random'
import { describe, expect, it } from 'vitest'
import { crossFitLevels } from './cross-fit-levels.js'

const sortedSample = (n: number, spread: number, seed: number): Float64Array => {
  const rng = seededRandom(seed).normal
  return Float64Array.from({ length: n }, () => spread * rng()).sort()
}

describe('crossFitLevels', () => {
  it('leaves the level alone when either half is too small to judge', () => {
    const map = crossFitLevels(sortedSample(10, 1, 1), sortedSample(400, 1, 2))
    expect(map(0.9)).toBe(0.9)
    expect(map(0.1)).toBe(0.1)
  })

  it('barely moves the level when both halves come from one law', () => {
    const map = crossFitLevels(sortedSample(4000, 1, 3), sortedSample(4000, 1, 4))
    for (const level of [0.05, 0.5, 0.9, 0.99]) expect(Math.abs(map(level) - level)).toBeLessThan(0.01)
  })

  it('reads further into both tails when the halves disagree on the spread', () => {
    // A calm and a wild half: the quantile of either covers the other badly, so the pooled one needs wider levels.
    const map = crossFitLevels(sortedSample(400, 1, 5), sortedSample(400, 3, 6))
    expect(map(0.9)).toBeGreaterThan(0.91)
    expect(map(0.1)).toBeLessThan(0.09)
    expect(map(0.99)).toBeLessThan(1)
    expect(map(0.01)).toBeGreaterThan(0)
  })

  it('is nondecreasing and stays within (0, 1) (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.2, max: 5, noNaN: true }), fc.integer({ min: 1, max: 1000 }),
      fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
      (spread, seed, a, b) => {
        const map = crossFitLevels(sortedSample(200, 1, seed), sortedSample(200, spread, seed + 1))
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        expect(map(lo)).toBeLessThanOrEqual(map(hi))
        expect(map(lo)).toBeGreaterThan(0)
        expect(map(hi)).toBeLessThan(1)
      }
    ), { numRuns: 200 })
  })
})
