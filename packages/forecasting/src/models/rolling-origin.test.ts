import { describe, expect, it } from 'vitest'
import { planHoldout } from './rolling-origin.js'

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
