import { describe, expect, it } from 'vitest'
import type { Series } from '../model.js'
import { defaultTargetPerPod, evaluationPlan, percentile, replayConfig } from './protocol.js'
import { BacktestInputError } from './walk-forward.js'

const series = (stepSeconds: number, values: number[]): Series => ({ start: 0, stepSeconds, values: Float64Array.from(values) })
const options = { horizonSteps: 30, maxHistorySteps: 20_160, quantiles: [0.9] }

describe('evaluationPlan', () => {
  it('evaluates the last quarter hourly and scales MASE by the daily seasonal naive', () => {
    const values = Array.from({ length: 4 * 1440 }, (_, i) => (i % 1440) + (i >= 1440 ? 2 : 0))
    const plan = evaluationPlan(series(60, values), options)
    expect(plan).toMatchObject({ firstOrigin: 3 * 1440, originEverySteps: 60, horizonSteps: 30, maxHistorySteps: 20_160, quantiles: [0.9] })
    // Only day 1 differs from day 0 (by 2), over the 2 x 1440 in-sample seasonal differences.
    expect(plan.scale).toBe(2 * 1440 / (2 * 1440))
  })

  it('falls back to persistence when a day does not fit before the first origin, and steps at least one step', () => {
    const plan = evaluationPlan(series(7200, [1, 3, 2, 6, 5, 9, 8, 12]), options)
    expect(plan).toMatchObject({ firstOrigin: 6, originEverySteps: 1 })
    expect(plan.scale).toBe((2 + 1 + 4 + 1 + 4) / 5)
  })

  it('refuses a series that never changes', () => {
    expect(() => evaluationPlan(series(60, new Array<number>(100).fill(7)), options)).toThrow(BacktestInputError)
    expect(() => evaluationPlan(series(60, new Array<number>(100).fill(7)), options)).toThrow(expect.objectContaining({ code: 'UNDEFINED_SCALE' }))
  })
})

describe('percentile and the replay defaults', () => {
  it('interpolates like numpy and sizes pods so the p95 needs 20 replicas', () => {
    expect(percentile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8)
    expect(percentile([], 0.5)).toBeNaN()
    expect(defaultTargetPerPod(Array.from({ length: 101 }, (_, i) => i * 10))).toBeCloseTo(950 / 20)
  })

  it('gives both autoscalers the protocol bounds and start-up time', () => {
    const config = replayConfig(12.5)
    expect(config.podStartupSeconds).toBe(300)
    expect(config.policy).toMatchObject({ targetPerPod: 12.5, minReplicas: 1, maxReplicas: 200, leadTimeSeconds: 300 })
    expect(config.hpa).toEqual({ targetPerPod: 12.5, minReplicas: 1, maxReplicas: 200, tolerance: 0.1, scaleDownStabilizationSeconds: 300 })
    // The planner's quantile starts at the median and follows its shortfall against the HPA's.
    expect(config.adaptiveQuantile).toEqual({ target: 0.45, gain: 0.02, initial: 0.5, min: 0.05, max: 0.95 })
    expect(config.policy.scaleDownStabilizationSeconds).toBe(300)
  })
})
