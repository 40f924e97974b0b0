import { describe, expect, it } from 'vitest'
import type { Forecast } from '../model.js'
import { planReplicas, type PlanInput } from './plan.js'
import { DEFAULT_PLANNER_POLICY, PlannerInputError, type PlannerPolicy } from './policy.js'

const MINUTE = 60_000
const forecastOf = (mean: number[], quantiles: Record<string, number[]> = {}): Forecast => ({
  mean: Float64Array.from(mean),
  quantiles: Object.fromEntries(Object.entries(quantiles).map(([k, v]) => [k, Float64Array.from(v)]))
})
const input = (mean: number[], extra: Partial<PlanInput> = {}): PlanInput =>
  ({ forecast: forecastOf(mean), start: 0, stepSeconds: 60, ...extra })
const policy = (extra: Partial<PlannerPolicy> = {}): PlannerPolicy => ({ ...DEFAULT_PLANNER_POLICY, ...extra })

describe('planReplicas', () => {
  it('divides mean x headroom by the target, rounds up and clamps', () => {
    const plan = planReplicas(input([0, 80, 100, 250, 20_000]), policy())
    expect(plan.load).toEqual([0, 96, 120, 300, 24_000])
    expect(plan.recommended).toEqual([1, 1, 2, 3, 100])
    expect(plan.times).toEqual([0, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE])
  })

  it('plans from the chosen quantile without headroom', () => {
    const forecast = forecastOf([100, 100], { 0.9: [150, 301] })
    expect(planReplicas({ ...input([]), forecast }, policy({ quantile: 0.9 })).recommended).toEqual([2, 4])
    expect(() => planReplicas({ ...input([]), forecast }, policy({ quantile: 0.95 }))).toThrow(/0.95 is not in the forecast/)
  })

  it('honours the rounding mode', () => {
    expect(planReplicas(input([125, 175]), policy({ headroom: 1, rounding: 'round' })).recommended).toEqual([1, 2])
    expect(planReplicas(input([199, 201]), policy({ headroom: 1, rounding: 'floor' })).recommended).toEqual([1, 2])
  })

  it('does not add a replica for float noise', () => {
    // 0.1 * 3 * 1000 = 300.00000000000006
    expect(planReplicas(input([0.1 * 3 * 1000]), policy({ headroom: 1 })).recommended).toEqual([3])
  })

  it('plans each step for the largest load in [t, t + lead]', () => {
    const plan = planReplicas(input([100, 100, 100, 900, 100, 100]), policy({ headroom: 1, leadTimeSeconds: 120, upMaxFactor: 100 }))
    expect(plan.recommended).toEqual([1, 9, 9, 9, 1, 1])
  })

  it('starts from the current replica count and limits changes per real minute', () => {
    const down = planReplicas(input([0, 0, 0, 0], { currentReplicas: 40 }), policy())
    expect(down.replicas).toEqual([20, 10, 5, 2])
    const up = planReplicas(input([5000, 5000, 5000, 5000], { currentReplicas: 3 }), policy())
    expect(up.replicas).toEqual([6, 12, 24, 48])
  })

  it('gives the same ramp per real time at 30 s, 1 min and 5 min steps', () => {
    const ramp = (stepSeconds: number): number[] => {
      const steps = 600 / stepSeconds
      const plan = planReplicas(input(new Array(steps).fill(1e6), { stepSeconds, start: stepSeconds * 1000, currentReplicas: 1 }), policy())
      return plan.replicas.filter((_, k) => ((k + 1) * stepSeconds) % 300 === 0)
    }
    expect(ramp(60)).toEqual([32, 100])
    expect(ramp(300)).toEqual([32, 100])
    expect(ramp(30)).toEqual([32, 100])
  })

  it('scales down only after the stabilisation window, counting earlier recommendations', () => {
    const p = policy({ headroom: 1, scaleDownStabilizationSeconds: 180, downMaxPercent: 100 })
    const plan = planReplicas(input([800, 100, 100, 100, 100], { currentReplicas: 8 }), p)
    expect(plan.replicas).toEqual([8, 8, 8, 1, 1])
    const earlier = planReplicas(input([100, 100, 100], { recentRecommendations: [{ time: -2 * MINUTE, replicas: 6 }] }), p)
    expect(earlier.replicas).toEqual([6, 1, 1])
  })

  it('brings a current count outside the bounds inside first, and scales from zero as from one', () => {
    expect(planReplicas(input([100, 100], { currentReplicas: 500 }), policy()).replicas).toEqual([50, 25])
    expect(planReplicas(input([1000, 1000], { currentReplicas: 0 }), policy({ minReplicas: 0 })).replicas).toEqual([2, 4])
  })

  it('names the bad field in a typed error', () => {
    const bad: Array<[Partial<PlannerPolicy>, string]> = [
      [{ targetPerPod: 0 }, 'targetPerPod'], [{ headroom: 0.5 }, 'headroom'], [{ quantile: 1 }, 'quantile'],
      [{ minReplicas: 1.5 }, 'minReplicas'], [{ maxReplicas: 0 }, 'maxReplicas'], [{ upMaxFactor: 0.5 }, 'upMaxFactor'],
      [{ downMaxPercent: 101 }, 'downMaxPercent'], [{ ratePeriodSeconds: 0 }, 'ratePeriodSeconds'],
      [{ leadTimeSeconds: -1 }, 'leadTimeSeconds'], [{ scaleDownStabilizationSeconds: Number.NaN }, 'scaleDownStabilizationSeconds']
    ]
    for (const [change, field] of bad) {
      expect(() => planReplicas(input([1]), policy(change)), field).toThrow(PlannerInputError)
      expect(() => planReplicas(input([1]), policy(change)), field).toThrow(new RegExp(`^planner: ${field} `))
    }
    expect(() => planReplicas(input([Number.NaN]), policy())).toThrow(/forecast must hold finite values/)
    expect(() => planReplicas(input([1], { currentReplicas: -1 }), policy())).toThrow(/currentReplicas/)
    expect(() => planReplicas(input([1], { stepSeconds: 0 }), policy())).toThrow(/stepSeconds/)
  })
})
