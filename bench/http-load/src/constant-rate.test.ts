import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { percentile, schedule } from './constant-rate.js'

describe('schedule', () => {
  it('spaces requests evenly at the rate, none past the end', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 10 }), (rate, seconds) => {
      const due = schedule(rate, seconds)
      expect(due.length).toBe(rate * seconds)
      expect(due[0]).toBe(0)
      let worst = 0
      for (let i = 1; i < due.length; i++) worst = Math.max(worst, Math.abs((due[i] as number) - (due[i - 1] as number) - 1000 / rate))
      expect(worst).toBeLessThan(1e-9)
      expect(due[due.length - 1]).toBeLessThan(seconds * 1000)
    }))
  })
})

describe('percentile', () => {
  it('is nearest-rank: an element of the data, with at least q of the data at or below it', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, min: 0, max: 1e6 }), { minLength: 1 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (values, q) => {
      const sorted = [...values].sort((a, b) => a - b)
      const p = percentile(sorted, q)
      expect(sorted).toContain(p)
      expect(sorted.filter((v) => v <= p).length / sorted.length).toBeGreaterThanOrEqual(q - 1e-12)
    }))
  })
})
