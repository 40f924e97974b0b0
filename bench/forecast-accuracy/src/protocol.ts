import { seasonalNaiveMae, type PlannerPolicy, type ReplayConfig, type Series, type WalkForwardOptions } from '@platform/forecasting'

/** Quantile levels scored on every series; the p90 coverage goal is 85-95%. */
export const QUANTILES = [0.5, 0.9, 0.95] as const

const DAY = 86_400
const HOUR = 3_600

export interface SeriesProtocol {
  readonly walk: Omit<WalkForwardOptions, 'replay' | 'onOrigin'>
  readonly replay: ReplayConfig
  /** Steps per day: the daily seasonal naive's period and the peer's season. */
  readonly daySteps: number
}

/**
 * The benchmark protocol of issue 4 for one prepared series. Real series: origins every 60
 * minutes over the last 25%; the model sees at most the last 14 days before an origin; horizon
 * max(30 minutes, 2 steps); MASE scaled by the daily seasonal naive's in-sample MAE on the first
 * 75%. Replay: targetPerPod = p95 / 20, 1..200 replicas, pods ready 5 minutes after the ask;
 * the reactive HPA has a 10% tolerance and a 5-minute scale-down stabilisation window.
 */
export function realSeriesProtocol (series: Series): SeriesProtocol {
  const step = series.stepSeconds
  const n = series.values.length
  const daySteps = Math.round(DAY / step)
  const firstOrigin = Math.ceil(0.75 * n)
  const targetPerPod = percentile(series.values, 0.95) / 20
  return {
    daySteps,
    walk: {
      horizonSteps: Math.max(Math.ceil(1800 / step), 2),
      firstOrigin,
      originEverySteps: Math.max(1, Math.round(HOUR / step)),
      maxHistorySteps: Math.round(14 * DAY / step),
      quantiles: QUANTILES,
      scale: seasonalNaiveMae(series.values, daySteps, firstOrigin)
    },
    replay: {
      policy: replayPolicy(targetPerPod),
      hpa: { targetPerPod, minReplicas: 1, maxReplicas: 200, tolerance: 0.1, scaleDownStabilizationSeconds: 300 },
      podStartupSeconds: 300
    }
  }
}

/**
 * The planner's policy in the replay: the protocol's bounds and pod start-up as lead time, the
 * same 5-minute scale-down stabilisation as the HPA, Kedastral's default rate limits, and the
 * forecast's p90 as the load to plan for.
 */
function replayPolicy (targetPerPod: number): PlannerPolicy {
  return {
    targetPerPod,
    headroom: 1,
    quantile: 0.9,
    minReplicas: 1,
    maxReplicas: 200,
    upMaxFactor: 2,
    downMaxPercent: 50,
    ratePeriodSeconds: 60,
    leadTimeSeconds: 300,
    scaleDownStabilizationSeconds: 300,
    rounding: 'ceil'
  }
}

/** Linear-interpolated percentile (numpy's default) of the values. */
export function percentile (values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort()
  if (sorted.length === 0) return Number.NaN
  const rank = p * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return (sorted[lo] as number) + (rank - lo) * ((sorted[hi] as number) - (sorted[lo] as number))
}
