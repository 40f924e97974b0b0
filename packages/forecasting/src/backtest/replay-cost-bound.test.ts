import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PodPool, type CapacityMinutes } from './pod-pool.js'
import { replayCostBound, type ReplayCostBoundInput } from './replay-cost-bound.js'

const MINUTE = 60_000
const bounds = { stepSeconds: 60, minReplicas: 1, maxReplicas: 50 }

describe('replayCostBound', () => {
  it('is exact when no under-provisioning is allowed: every need served, each added replica started once', () => {
    const input: ReplayCostBoundInput = { ...bounds, needed: [1, 1, 5, 1, 1], podStartupSeconds: 120, initialReplicas: 1, maxUnder: 0 }
    // 1 + 1 + 5 + 1 + 1 ready replica-minutes, and 4 replicas started for 2 minutes each.
    expect(replayCostBound(input)).toBeCloseTo(9 + 4 * 2, 6)
  })

  it('leaves a short spike unserved when the budget allows it', () => {
    const input: ReplayCostBoundInput = { ...bounds, needed: [1, 1, 5, 1, 1], podStartupSeconds: 120, initialReplicas: 1, maxUnder: 4 }
    expect(replayCostBound(input)).toBeCloseTo(5, 6)
  })

  it('charges a steady load its replicas and nothing more', () => {
    const input: ReplayCostBoundInput = { ...bounds, stepSeconds: 300, needed: Array<number>(12).fill(3), podStartupSeconds: 300, initialReplicas: 3, maxUnder: 0 }
    expect(replayCostBound(input)).toBeCloseTo(12 * 3 * 5, 6)
  })

  it('charges only the whole steps of a start-up', () => {
    const input: ReplayCostBoundInput = { ...bounds, stepSeconds: 1800, needed: [1, 3], podStartupSeconds: 300, initialReplicas: 1, maxUnder: 0 }
    expect(replayCostBound(input)).toBeCloseTo((1 + 3) * 30, 6)
  })

  it('never exceeds what a real replay pays for the under-provisioning it leaves', () => {
    const schedule = fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 40 })
    // Start-ups in seconds, so most are not a whole number of one-minute steps.
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 300 }), schedule, (initial, startupSeconds, steps) => {
      const pool = new PodPool(initial, 0, startupSeconds * 1000)
      const real: CapacityMinutes = { under: 0, over: 0, total: 0 }
      steps.forEach(([requested, needed], i) => {
        pool.scaleTo(requested, i * MINUTE)
        pool.account(i * MINUTE, (i + 1) * MINUTE, needed, real)
      })
      const bound = replayCostBound({
        ...bounds,
        needed: steps.map(([, needed]) => needed),
        podStartupSeconds: startupSeconds,
        initialReplicas: initial,
        maxUnder: real.under
      })
      expect(bound).toBeLessThanOrEqual(real.total + 1e-6)
    }), { numRuns: 500 })
  })
})
