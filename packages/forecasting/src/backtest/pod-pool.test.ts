import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PodPool, type CapacityMinutes } from './pod-pool.js'

const MINUTE = 60_000
const zero = (): CapacityMinutes => ({ under: 0, over: 0, total: 0 })

describe('PodPool', () => {
  it('makes new replicas ready after the start-up time and charges them from the request', () => {
    const pool = new PodPool(2, 0, 5 * MINUTE)
    pool.scaleTo(4, 0)
    const m = zero()
    pool.account(0, 10 * MINUTE, 4, m)
    expect(m).toEqual({ under: 2 * 5, over: 0, total: 4 * 10 })
    expect(pool.readyCount(5 * MINUTE - 1)).toBe(2)
    expect(pool.readyCount(5 * MINUTE)).toBe(4)
  })

  it('removes starting replicas first on scale-down and counts changes', () => {
    const pool = new PodPool(3, 0, 5 * MINUTE)
    pool.scaleTo(5, MINUTE)
    pool.scaleTo(4, 2 * MINUTE)
    pool.scaleTo(4, 3 * MINUTE)
    expect(pool.requested).toBe(4)
    expect(pool.readyCount(6 * MINUTE)).toBe(4)
    pool.scaleTo(2, 7 * MINUTE)
    expect(pool.readyCount(7 * MINUTE)).toBe(2)
    expect(pool.scalingChanges).toBe(3)
  })

  it('splits |ready - needed| into under and over exactly', () => {
    const ops = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 20 })
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 }), ops, (initial, startup, steps) => {
      const pool = new PodPool(initial, 0, startup * MINUTE)
      const m = zero()
      let expected = 0
      let total = 0
      steps.forEach(([count, needed], i) => {
        pool.scaleTo(count, i * MINUTE)
        total += pool.requested
        for (let s = 0; s < 60; s++) expected += Math.abs(pool.readyCount(i * MINUTE + s * 1000) - needed) / 60
        pool.account(i * MINUTE, (i + 1) * MINUTE, needed, m)
      })
      expect(m.under + m.over).toBeCloseTo(expected, 6)
      expect(m.total).toBeCloseTo(total, 6)
    }))
  })
})
