import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mulberry32, seededRandom } from './index.js'

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs across seeds', () => {
    const a = seededRandom(7)
    const b = seededRandom(7)
    const c = seededRandom(8)
    const first = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first)
  })

  it('matches the reference mulberry32 sequence', () => {
    // The first outputs for seed 0 of the widely copied reference implementation (as 32-bit integers).
    const next = mulberry32(0)
    expect([next(), next(), next()].map((u) => u * 4294967296)).toEqual([1144304738, 1416247, 958946056])
  })

  it('keeps every draw in range', () => {
    fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 50 }), (seed, n) => {
      const rng = seededRandom(seed)
      for (let i = 0; i < 50; i++) {
        const u = rng.next()
        const k = rng.int(0, n)
        if (!(u >= 0 && u < 1) || !(k >= 0 && k < n) || !Number.isFinite(rng.normal())) return false
        if (rng.poisson(n) < 0 || rng.lognormal(0, 1) <= 0) return false
      }
      return true
    }))
  })

  it('draws normals with mean 0 and variance 1 and Poisson counts with the asked mean', () => {
    const rng = seededRandom(42)
    const normals = Array.from({ length: 20_000 }, () => rng.normal())
    const mean = normals.reduce((s, x) => s + x, 0) / normals.length
    const variance = normals.reduce((s, x) => s + (x - mean) ** 2, 0) / normals.length
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(variance - 1)).toBeLessThan(0.05)
    for (const lambda of [3, 80]) {
      const counts = Array.from({ length: 5_000 }, () => rng.poisson(lambda))
      expect(counts.reduce((s, x) => s + x, 0) / counts.length).toBeCloseTo(lambda, 0)
    }
  })

  it('picks by weight', () => {
    const rng = seededRandom(3)
    const picks = Array.from({ length: 10_000 }, () => rng.weighted([['a', 1], ['b', 3]] as const))
    expect(picks.filter((p) => p === 'b').length / picks.length).toBeCloseTo(0.75, 1)
    expect(() => rng.pick([])).toThrow('empty')
  })
})
