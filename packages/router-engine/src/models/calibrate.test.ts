import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { smearingFactors } from './calibrate.js'

describe('smearingFactors', () => {
  it('gives each provider the factor of its own residual noise', () => {
    // Provider 0: residuals +-0.1; provider 1: residuals +-0.5 (a noisier pool).
    const residuals = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 1 : -1) * (i < 200 ? 0.1 : 0.5))
    const factors = smearingFactors(residuals, new Float64Array(400), (i) => (i < 200 ? 0 : 1), 3)
    expect(factors[0]).toBeCloseTo(Math.cosh(0.1), 10)
    expect(factors[1]).toBeCloseTo(Math.cosh(0.5), 10)
    // Provider 2 has no rows: it shares the pooled factor.
    expect(factors[2]).toBeCloseTo((Math.cosh(0.1) + Math.cosh(0.5)) / 2, 10)
  })

  it('pools providers with too few rows and never returns less than 1 for zero-mean residuals', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 60 }), (half) => {
      const residuals = half.flatMap((r) => [r, -r])
      const factors = smearingFactors(residuals, new Float64Array(residuals.length), (i) => Math.floor(i / 2) % 2, 2)
      return factors.every((f) => f >= 1 - 1e-12) && (residuals.length >= 100 || factors[0] === factors[1])
    }))
  })
})
