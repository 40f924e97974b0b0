import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planReplicas, type PlanInput } from './plan.js'
import type { PlannerPolicy } from './policy.js'

const EPSILON = 1e-9

const policyArb: fc.Arbitrary<PlannerPolicy> = fc.record({
  targetPerPod: fc.double({ min: 0.5, max: 1000, noNaN: true }),
  headroom: fc.double({ min: 1, max: 3, noNaN: true }),
  minReplicas: fc.integer({ min: 0, max: 5 }),
  maxReplicas: fc.integer({ min: 5, max: 300 }),
  upMaxFactor: fc.double({ min: 1, max: 5, noNaN: true }),
  downMaxPercent: fc.double({ min: 0, max: 100, noNaN: true }),
  ratePeriodSeconds: fc.constantFrom(15, 60, 300),
  leadTimeSeconds: fc.constantFrom(0, 60, 300, 900),
  scaleDownStabilizationSeconds: fc.constantFrom(0, 120, 300),
  rounding: fc.constantFrom('ceil' as const, 'round' as const, 'floor' as const)
})

const loadArb = fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 40 })

const inputArb: fc.Arbitrary<PlanInput> = fc.record({
  values: loadArb,
  stepSeconds: fc.constantFrom(10, 30, 60, 300, 1800),
  startOffset: fc.integer({ min: 0, max: 600 }),
  currentReplicas: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined })
}).map(({ values, stepSeconds, startOffset, currentReplicas }) => ({
  forecast: { mean: Float64Array.from(values), quantiles: {} },
  start: startOffset * 1000,

  stepSeconds,
  ...(currentReplicas === undefined ? {} : { currentReplicas })
}))

describe('planReplicas properties', () => {
  it('always plans whole replicas within [min, max]', () => {
    fc.assert(fc.property(inputArb, policyArb, (input, policy) => {
      const { replicas, recommended } = planReplicas(input, policy)
      for (const r of [...replicas, ...recommended]) {
        expect(Number.isInteger(r)).toBe(true)
        expect(r).toBeGreaterThanOrEqual(policy.minReplicas)
        expect(r).toBeLessThanOrEqual(policy.maxReplicas)
      }
    }))
  })

  it('keeps the up and down limits between every pair of points, from the current count, per real time', () => {
    fc.assert(fc.property(inputArb.filter((i) => i.currentReplicas !== undefined), policyArb, (input, policy) => {
      const plan = planReplicas(input, policy)
      const clamped = Math.min(policy.maxReplicas, Math.max(policy.minReplicas, input.currentReplicas ?? 0))
      const points = [{ time: input.start - input.stepSeconds * 1000, r: clamped }, ...plan.times.map((time, k) => ({ time, r: plan.replicas[k] ?? 0 }))]
      const periodMs = policy.ratePeriodSeconds * 1000
      points.forEach((late, j) => points.slice(0, j).forEach((early) => {
        const periods = (late.time - early.time) / periodMs
        expect(late.r).toBeLessThanOrEqual(Math.ceil(Math.max(early.r, 1) * policy.upMaxFactor ** periods - EPSILON))
        expect(late.r).toBeGreaterThanOrEqual(Math.floor(early.r * (1 - policy.downMaxPercent / 100) ** periods + EPSILON))
      }))
    }))
  })

  it('asks before the first step for no more change than the real time since the current count allows', () => {
    fc.assert(fc.property(inputArb.filter((i) => i.currentReplicas !== undefined), policyArb, fc.double({ min: 0, max: 1, noNaN: true }), (input, policy, share) => {
      const stepMs = input.stepSeconds * 1000
      const madeAt = input.start - stepMs + share * stepMs
      const plan = planReplicas({ ...input, madeAt }, policy)
      const counted = Math.min(policy.maxReplicas, Math.max(policy.minReplicas, input.currentReplicas ?? 0))
      const periods = (madeAt - (input.start - stepMs)) / (policy.ratePeriodSeconds * 1000)
      expect(plan.askNow).toBeLessThanOrEqual(Math.ceil(Math.max(counted, 1) * policy.upMaxFactor ** periods - EPSILON))
      expect(plan.askNow).toBeGreaterThanOrEqual(Math.floor(counted * (1 - policy.downMaxPercent / 100) ** periods + EPSILON))
      // On the way from the current count to the first step's, which it reaches at the step.
      const first = plan.replicas[0] ?? 0
      expect(plan.askNow).toBeGreaterThanOrEqual(Math.min(counted, first))
      expect(plan.askNow).toBeLessThanOrEqual(Math.max(counted, first))
      expect(planReplicas({ ...input, madeAt: input.start }, policy).askNow).toBe(first)
    }))
  })

  it('replanned at every tick with what it asked before, keeps the limits between every pair of asks', () => {
    const ticksArb = fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { minLength: 2, maxLength: 30 })
    fc.assert(fc.property(ticksArb, fc.constantFrom(10, 30, 60, 300), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 50 }), policyArb, (loads, stepSeconds, gapSeconds, first, policy) => {
      const stepMs = stepSeconds * 1000
      // The count at time 0, then what each tick (every `gapSeconds`, whatever the step) asked for.
      const asked = [{ time: 0, replicas: Math.min(policy.maxReplicas, Math.max(policy.minReplicas, first)) }]
      loads.forEach((load, i) => {
        const madeAt = (i + 1) * gapSeconds * 1000
        const plan = planReplicas({
          forecast: { mean: new Float64Array(3).fill(load), quantiles: {} },
          start: (Math.floor(madeAt / stepMs) + 1) * stepMs,
          stepSeconds,
          currentReplicas: asked.at(-1)?.replicas ?? 0,
          earlierReplicas: asked,
          madeAt
        }, policy)
        asked.push({ time: madeAt, replicas: plan.askNow })
      })
      const periodMs = policy.ratePeriodSeconds * 1000
      asked.forEach((late, j) => asked.slice(0, j).forEach((early) => {
        const periods = (late.time - early.time) / periodMs
        expect(late.replicas).toBeLessThanOrEqual(Math.ceil(Math.max(early.replicas, 1) * policy.upMaxFactor ** periods - EPSILON))
        expect(late.replicas).toBeGreaterThanOrEqual(Math.floor(early.replicas * (1 - policy.downMaxPercent / 100) ** periods + EPSILON))
      }))
    }))
  })

  it('never plans fewer replicas than a recommendation made within the stabilisation window', () => {
    fc.assert(fc.property(inputArb, policyArb, (input, policy) => {
      // With no rate limits binding, the plan is exactly the trailing-window maximum of the recommendations.
      const free = { ...policy, upMaxFactor: 1e12, ratePeriodSeconds: 1, downMaxPercent: 100 }
      const plan = planReplicas({ ...input, currentReplicas: undefined }, free)
      const windowMs = policy.scaleDownStabilizationSeconds * 1000
      plan.times.forEach((t, k) => {
        const inWindow = plan.recommended.filter((_, i) => i === k || (i < k && (plan.times[i] ?? 0) > t - windowMs))
        expect(plan.replicas[k]).toBe(Math.max(...inWindow))
      })
    }))
  })

  it('covers the load of every step within the lead time (unless capped by maxReplicas)', () => {
    fc.assert(fc.property(inputArb, policyArb, (input, policy) => {
      const p = { ...policy, rounding: 'ceil' as const }
      const plan = planReplicas(input, p)
      const leadSteps = Math.floor(p.leadTimeSeconds / input.stepSeconds + EPSILON)
      plan.recommended.forEach((r, k) => {
        for (let j = k; j <= Math.min(plan.load.length - 1, k + leadSteps); j++) {
          const need = (input.forecast.mean[j] ?? 0) * p.headroom / p.targetPerPod
          expect(r).toBeGreaterThanOrEqual(Math.min(p.maxReplicas, Math.ceil(need - EPSILON)))
        }
      })
    }))
  })

  it('is monotone: more forecast load never plans fewer replicas', () => {
    const bumpArb = fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 40, maxLength: 40 })
    fc.assert(fc.property(inputArb, bumpArb, policyArb, (input, bump, policy) => {
      const more = Float64Array.from(input.forecast.mean, (v, i) => v + (bump[i] ?? 0))
      const low = planReplicas(input, policy).replicas
      const high = planReplicas({ ...input, forecast: { mean: more, quantiles: {} } }, policy).replicas
      low.forEach((r, k) => expect(high[k]).toBeGreaterThanOrEqual(r))
    }))
  })
})
