import type { Series } from '../model.js'
import type { PlannerPolicy } from '../planner/policy.js'
import type { ShortfallLevelOptions } from '../planner/shortfall-level.js'
import { seasonalNaiveMae } from './metrics.js'
import { KUBERNETES_HPA_DEFAULTS } from './reactive-hpa.js'
import type { ReplayConfig } from './replay.js'
import { BacktestInputError, type WalkForwardOptions } from './walk-forward.js'

export type EvaluationPlan = Omit<WalkForwardOptions, 'replay' | 'onOrigin'>

export interface EvaluationPlanOptions {
  readonly horizonSteps: number
  /** The model sees at most this many values before an origin. */
  readonly maxHistorySteps: number
  readonly quantiles: readonly number[]
}

const DAY_SECONDS = 86_400
const HOUR_SECONDS = 3_600
/** The part of the series that is evaluated: its last quarter. */
const EVALUATED_FRACTION = 0.25

/**
 * The evaluation of the benchmark protocol and the backtest command: origins every hour (at
 * least every step) over the last 25% of the series, MASE scaled by the in-sample MAE of the
 * daily seasonal naive on the first 75% (of persistence when a day is not a whole number of
 * steps or does not fit). Throws a BacktestInputError when that scale is zero: a series that
 * never changed gives no meaningful MASE.
 */
export function evaluationPlan (series: Series, o: EvaluationPlanOptions): EvaluationPlan {
  const n = series.values.length
  const firstOrigin = Math.ceil((1 - EVALUATED_FRACTION) * n)
  const day = DAY_SECONDS / series.stepSeconds
  const period = Number.isInteger(day) && day < firstOrigin ? day : 1
  const scale = seasonalNaiveMae(series.values, period, firstOrigin)
  if (!(scale > 0)) {
    throw new BacktestInputError('UNDEFINED_SCALE', `the first ${firstOrigin} values never change ${period === 1 ? 'from step to step' : 'from day to day'}: MASE is undefined`)
  }
  return {
    horizonSteps: o.horizonSteps,
    firstOrigin,
    originEverySteps: Math.max(1, Math.round(HOUR_SECONDS / series.stepSeconds)),
    maxHistorySteps: o.maxHistorySteps,
    quantiles: o.quantiles,
    scale
  }
}

/** The protocol's replica size: the series' 95th percentile over 20, so the peak needs about 20 replicas. */
export function defaultTargetPerPod (values: ArrayLike<number>): number {
  return percentile(values, 0.95) / 20
}

/**
 * The autoscaling replay of the benchmark protocol: 1..200 replicas, pods ready 5 minutes after
 * the ask; the reactive HPA with Kubernetes' 10% tolerance and a 5-minute scale-down
 * stabilisation window. The planner gets the same bounds and start-up time as its lead time,
 * Kedastral's rate limits (x2 up, -50% down per minute), `REPLAY_PLANNING`'s stabilisation, and
 * a quantile steered per workload by `REPLAY_LEVEL` (starting from `REPLAY_PLANNING`'s).
 */
export function replayConfig (targetPerPod: number, podStartupSeconds = 300): ReplayConfig {
  const policy: PlannerPolicy = {
    targetPerPod,
    headroom: 1,
    minReplicas: 1,
    maxReplicas: 200,
    upMaxFactor: 2,
    downMaxPercent: 50,
    ratePeriodSeconds: 60,
    leadTimeSeconds: podStartupSeconds,
    rounding: 'ceil',
    ...REPLAY_PLANNING
  }
  return {
    policy,
    hpa: { targetPerPod, minReplicas: 1, maxReplicas: 200, ...KUBERNETES_HPA_DEFAULTS },
    podStartupSeconds,
    adaptiveQuantile: { ...REPLAY_LEVEL, initial: REPLAY_PLANNING.quantile }
  }
}

/**
 * The replay planner's first quantile, and how long it holds a scale-down: one pod start-up, so
 * an idle replica is kept as long as starting it again would take.
 */
export const REPLAY_PLANNING = { quantile: 0.5, scaleDownStabilizationSeconds: 300 } as const

/**
 * How the replay planner's quantile follows its shortfall (`ShortfallLevel`): it aims at 45% of
 * the reactive HPA's under-provisioning (the goal is at most 50%, the rest is a margin), over
 * quantiles 0.05 to 0.95. The gain moves the level by 0.02 for one typical need missing for
 * one minute beyond the target; the results on the benchmark series hardly change from 0.01
 * to 0.03 (docs/forecasting.md).
 */
export const REPLAY_LEVEL: Omit<ShortfallLevelOptions, 'initial'> = { target: 0.45, gain: 0.02, min: 0.05, max: 0.95 }

/** Linearly interpolated percentile (numpy's default); NaN for no values. */
export function percentile (values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort()
  if (sorted.length === 0) return Number.NaN
  const rank = p * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return (sorted[lo] as number) + (rank - lo) * ((sorted[hi] as number) - (sorted[lo] as number))
}
