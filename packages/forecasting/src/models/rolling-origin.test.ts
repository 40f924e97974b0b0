import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planHoldout, planParameterFree } from './rolling-origin.js'

const context = (horizon: number, seasonPeriods: number[] = []): { horizon: number, seasonPeriods: number[], stepSeconds: number } =>
  ({ horizon, seasonPeriods, stepSeconds: 300 })

describe('planHoldout', () => {
  it('holds out enough origins for about 400 calibration errors on a series without a season', () => {
    // Horizon 6 (30 minutes at 5 minutes), stride 2: 67 origins of 6 steps, not three horizons (18 steps, 54 errors).
    const plan = planHoldout(3000, context(6))
    expect(plan).toEqual({ holdout: 134, stride: 2, horizon: 6 })
    expect(Math.floor((plan?.holdout ?? 0) / (plan?.stride ?? 1)) * 6).toBeGreaterThanOrEqual(400)
  })

  it('keeps one season when that is longer, and never more than a quarter of the history', () => {
    expect(planHoldout(20_000, context(30, [1440]))?.holdout).toBe(1440)
    expect(planHoldout(200, context(6))?.holdout).toBe(50)
  })

  it('holds nothing out of a history too short to spare', () => {
    expect(planHoldout(6, context(6))).toBeUndefined()
  })
})

describe('planParameterFree', () => {
  it('walks the whole history after the warm-up, with origins counted back from the end', () => {
    // M4 hourly: 700 points, horizon 48, the weekly seasonal naive warms up for 168 steps.
    expect(planHoldout(700, context(48, [24, 168]))?.holdout).toBe(144)
    expect(planParameterFree(700, context(48, [24, 168]), 168)).toEqual({ holdout: 528, stride: 12, horizon: 48 })
  })

  it('keeps the usual holdout when the warm-up leaves less than that', () => {
    expect(planParameterFree(3000, context(6), 2950)).toEqual(planHoldout(3000, context(6)))
    expect(planParameterFree(6, context(6), 1)).toBeUndefined()
  })

  it('starts after the warm-up, ends one stride before the end, within 120 origins (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 8, max: 50_000 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 20_000 }), (length, horizon, warmup) => {
      const plan = planParameterFree(length, context(horizon), warmup)
      if (plan === undefined) return
      const usual = planHoldout(length, context(horizon))
      expect(plan.holdout).toBeGreaterThanOrEqual(Math.min(usual?.holdout ?? 0, length - warmup))
      if (plan.holdout > (usual?.holdout ?? 0)) {
        expect(length - plan.holdout).toBeGreaterThanOrEqual(warmup)
        expect(plan.holdout % plan.stride).toBe(0)
      }
      expect(Math.ceil(plan.holdout / plan.stride)).toBeLessThanOrEqual(120)
    }))
  })
})
