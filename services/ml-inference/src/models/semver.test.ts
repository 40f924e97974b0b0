import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareVersions, highestVersion, isSemver } from './semver.js'

const version = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((parts) => parts.join('.'))

describe('semantic version order', () => {
  it('orders numerically, not as text', () => {
    expect(highestVersion(['1.9.0', '1.10.0', '1.2.3'])).toBe('1.10.0')
    expect(highestVersion(['2.0.0', '10.0.0'])).toBe('10.0.0')
    expect(highestVersion([])).toBeUndefined()
    expect(['1.0.0', 'latest', '1.0', 'v1.0.0', '.staging-1.0.0'].map(isSemver)).toEqual([true, false, false, false, false])
  })

  it('is antisymmetric and the highest is at least every other', () => {
    fc.assert(fc.property(fc.array(version, { minLength: 1 }), (versions) => {
      const best = highestVersion(versions) ?? ''
      for (const v of versions) {
        expect(compareVersions(best, v)).toBeGreaterThanOrEqual(0)
        expect(Math.sign(compareVersions(v, best)) + Math.sign(compareVersions(best, v))).toBe(0)
      }
    }))
  })
})
