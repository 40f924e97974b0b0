import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { abTestActive, assignArm } from './assignment.js'
import { studentTwoSidedP, summariseSample, twoProportionZTest, welchTTest } from './significance.js'

describe('A/B assignment', () => {
  it('is sticky per key and test', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.double({ min: 0, max: 1, noNaN: true }), (test, key, split) => {
      expect(assignArm(test, key, split)).toBe(assignArm(test, key, split))
    }))
  })

  it('sends about trafficSplit of the keys to treatment', () => {
    const n = 20_000
    let treatment = 0
    for (let i = 0; i < n; i++) if (assignArm('t1', `tenant-${i}`, 0.3) === 'treatment') treatment++
    expect(treatment / n).toBeGreaterThan(0.28)
    expect(treatment / n).toBeLessThan(0.32)
    expect(assignArm('t1', 'x', 0)).toBe('control')
    expect(assignArm('t1', 'x', 1)).toBe('treatment')
  })

  it('honours the time window', () => {
    const test = { enabled: true, trafficSplit: 0.5, startTime: '2026-01-01T00:00:00Z', endTime: '2026-02-01T00:00:00Z' }
    expect(abTestActive(test, new Date('2025-12-31T23:59:59Z'))).toBe(false)
    expect(abTestActive(test, new Date('2026-01-15T00:00:00Z'))).toBe(true)
    expect(abTestActive(test, new Date('2026-02-01T00:00:00Z'))).toBe(false)
    expect(abTestActive({ ...test, enabled: false }, new Date('2026-01-15T00:00:00Z'))).toBe(false)
  })
})

describe('significance tests', () => {
  it('matches Student t reference values', () => {
    // scipy.stats.t.sf(2.0, 10) * 2 = 0.07338803...
    expect(studentTwoSidedP(2, 10)).toBeCloseTo(0.073388, 5)
    expect(studentTwoSidedP(0, 5)).toBeCloseTo(1, 8)
  })

  it('finds a real difference and not a null one', () => {
    const a = Array.from({ length: 200 }, (_, i) => 10 + (i % 7))
    const b = a.map((v) => v + 2)
    expect(welchTTest(summariseSample(a), summariseSample(b)).pValue).toBeLessThan(1e-6)
    expect(welchTTest(summariseSample(a), summariseSample(a)).pValue).toBeCloseTo(1, 6)
    expect(twoProportionZTest(900, 1000, 800, 1000).pValue).toBeLessThan(1e-6)
    expect(twoProportionZTest(90, 100, 90, 100).pValue).toBeCloseTo(1, 6)
    expect(welchTTest(summariseSample([1]), summariseSample([2, 3])).pValue).toBeNull()
  })
})
