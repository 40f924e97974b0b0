import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ForecastSnapshot } from '@platform/contracts'
import { plannedAt, scalerAnswer } from './scaler-answer.js'

const start = Date.UTC(2026, 0, 1)
const snapshot = (over: Partial<ForecastSnapshot> = {}): ForecastSnapshot => ({
  workload: 'api',
  metric: 'rps',
  generatedAt: new Date(start).toISOString(),
  startsAt: new Date(start).toISOString(),
  stepSeconds: 60,
  horizonSeconds: 180,
  values: [100, 200, 300],
  quantiles: {},
  replicas: [2, 3, 4],
  desiredReplicas: 2,
  currentReplicas: null,
  model: 'baseline',
  mode: 'predictive',
  stale: false,
  accuracy: { wape: null, coverage: null, quantileLevel: 0.9, samples: 0 },
  owner: 'a',
  ...over
})

describe('plannedAt', () => {
  it('follows the plan as time passes and holds the last step after it', () => {
    const s = snapshot()
    expect(plannedAt(s, start - 10_000)).toBe(2)
    expect(plannedAt(s, start + 59_999)).toBe(2)
    expect(plannedAt(s, start + 60_000)).toBe(3)
    expect(plannedAt(s, start + 3_600_000)).toBe(4)
  })

  it('answers desiredReplicas (the ramp within the rate limits) until the first step', () => {
    const s = snapshot({ desiredReplicas: 1, replicas: [2, 3, 4] })
    expect(plannedAt(s, start - 10_000)).toBe(1)
    expect(plannedAt(s, start)).toBe(2)
  })
})

describe('scalerAnswer', () => {
  it('answers the plan for a fresh forecast, inactive only when it plans zero', () => {
    expect(scalerAnswer(snapshot(), start, 'last-plan')).toEqual({ value: 2, active: true })
    expect(scalerAnswer(snapshot({ replicas: [0, 0, 0] }), start, 'last-plan')).toEqual({ value: 0, active: false })
  })

  it('never goes to zero or below the running replicas when stale', () => {
    expect(scalerAnswer(snapshot({ stale: true, replicas: [0, 0, 0] }), start, 'last-plan')).toEqual({ value: 1, active: true, safe: 'stale' })
    expect(scalerAnswer(snapshot({ stale: true, currentReplicas: 7 }), start, 'last-plan')).toEqual({ value: 7, active: true, safe: 'stale' })
    expect(scalerAnswer(snapshot({ stale: true, currentReplicas: 1 }), start, 'last-plan').value).toBe(2)
    expect(scalerAnswer(snapshot({ stale: true, currentReplicas: 1 }), start, 'current-replicas').value).toBe(1)
  })

  it('a stale answer is always active and at least max(1, current) for any plan', () => {
    fc.assert(fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 10 }), fc.option(fc.nat(50), { nil: null }), fc.integer({ min: -600_000, max: 3_600_000 }), fc.constantFrom('last-plan' as const, 'current-replicas' as const), (replicas, current, offset, mode) => {
      const answer = scalerAnswer(snapshot({ stale: true, replicas, currentReplicas: current }), start + offset, mode)
      expect(answer.active).toBe(true)
      expect(answer.value).toBeGreaterThanOrEqual(Math.max(1, current ?? 0))
    }))
  })
})
