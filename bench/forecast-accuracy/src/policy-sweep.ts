import { AutoscalingReplay, replayCostBound, type Forecast, type PlannerPolicy, type Series } from '@platform/forecasting'
import type { SeriesProtocol } from './protocol.js'

/** Forecast quantiles the sweep plans from (besides mean x 1.2); the recorder asks the model for them. */
export const SWEEP_LEVELS = [0.7, 0.8, 0.9, 0.95] as const
const STABILISATION_SECONDS = [0, 120, 300] as const

export interface SweepCell {
  readonly policy: string
  readonly reduction: number
  readonly totalRatio: number
}

/**
 * Replays the planner under other policies on the forecasts `auto` made in the main replay
 * (one per step, from `firstStep`), so the policy choice can be judged on the same forecasts.
 * Each policy plans from one fixed quantile (or mean x 1.2) throughout: the recorded forecasts
 * hold only the sweep's levels, not the ones the main replay's adaptive quantile asked for.
 */
export function policySweep (series: Series, protocol: SeriesProtocol, firstStep: number, forecasts: readonly Forecast[]): SweepCell[] {
  const { adaptiveQuantile: _, ...fixed } = protocol.replay
  const cells: SweepCell[] = []
  for (const stabilisation of STABILISATION_SECONDS) {
    for (const quantile of [undefined, ...SWEEP_LEVELS]) {
      const { quantile: _, ...base } = protocol.replay.policy
      const policy: PlannerPolicy = quantile === undefined
        ? { ...base, headroom: 1.2, scaleDownStabilizationSeconds: stabilisation }
        : { ...base, quantile, scaleDownStabilizationSeconds: stabilisation }
      const replay = new AutoscalingReplay(series, firstStep, { ...fixed, policy })
      forecasts.forEach((forecast, i) => { replay.step(firstStep + i, forecast) })
      cells.push(cellOf(`${quantile === undefined ? 'mean x 1.2' : `p${Math.round(quantile * 100)}`}, stabilisation ${stabilisation} s`, replay))
    }
  }
  const clairvoyant = clairvoyantReplay(series, { ...protocol, replay: fixed }, firstStep, forecasts.length)
  cells.push(cellOf(`clairvoyant bound: actual mean load +-${CLAIRVOYANT_HALF_WINDOW_SECONDS / 60} min, no margin (not a policy)`, clairvoyant))
  cells.push(leastCostCell(series, protocol, clairvoyant))
  return cells
}

/** Half-width of the clairvoyant bound's window of actual load. */
const CLAIRVOYANT_HALF_WINDOW_SECONDS = 1800

/**
 * A bound, not a policy: the planner fed with the actual mean load of the 30 minutes either side
 * of each step (which no forecast can know), with no margin. Where even this misses the replay
 * goals, the noise within the hour decides them and no forecast of the level can meet them.
 */
function clairvoyantReplay (series: Series, protocol: SeriesProtocol, firstStep: number, steps: number): AutoscalingReplay {
  const values = series.values
  const half = Math.max(1, Math.round(CLAIRVOYANT_HALF_WINDOW_SECONDS / series.stepSeconds))
  const levelAt = (t: number): number => {
    const from = Math.max(0, t - half)
    const to = Math.min(values.length, t + half + 1)
    let sum = 0
    for (let i = from; i < to; i++) sum += values[i] as number
    return sum / (to - from)
  }
  const { quantile: _, ...base } = protocol.replay.policy
  const replay = new AutoscalingReplay(series, firstStep, { ...protocol.replay, policy: { ...base, headroom: 1, scaleDownStabilizationSeconds: 0 } })
  const horizon = protocol.walk.horizonSteps
  for (let i = 0; i < steps; i++) {
    const t = firstStep + i
    const mean = Float64Array.from({ length: horizon }, (_, h) => levelAt(t + h))
    replay.step(t, { mean, quantiles: {} })
  }
  return replay
}

/** Reduction the replay goal asks for. */
const GOAL_REDUCTION = 0.5

/**
 * A bound on every planner: the fewest replica-minutes with which any autoscaler, knowing the
 * future loads exactly, can be short half as much as the HPA (`replayCostBound`). Where it is
 * above 105% of the HPA's total, the replay goal cannot be met on the series.
 */
function leastCostCell (series: Series, protocol: SeriesProtocol, replay: AutoscalingReplay): SweepCell {
  const { hpa, needed, initialReplicas } = replay.result()
  const { policy, podStartupSeconds } = protocol.replay
  const least = replayCostBound({
    needed,
    stepSeconds: series.stepSeconds,
    podStartupSeconds,
    initialReplicas,
    minReplicas: policy.minReplicas,
    maxReplicas: policy.maxReplicas,
    maxUnder: (1 - GOAL_REDUCTION) * hpa.under
  })
  return { policy: 'least total of any planner, knowing every future load (a bound)', reduction: GOAL_REDUCTION, totalRatio: least / hpa.total }
}

function cellOf (policy: string, replay: AutoscalingReplay): SweepCell {
  const { planner, hpa } = replay.result()
  return {
    policy,
    reduction: hpa.under > 0 ? 1 - planner.under / hpa.under : (planner.under === 0 ? 1 : 0),
    totalRatio: planner.total / hpa.total
  }
}
