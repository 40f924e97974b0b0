import { AutoscalingReplay, type Forecast, type PlannerPolicy, type Series } from '@platform/forecasting'
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
 */
export function policySweep (series: Series, protocol: SeriesProtocol, firstStep: number, forecasts: readonly Forecast[]): SweepCell[] {
  const cells: SweepCell[] = []
  for (const stabilisation of STABILISATION_SECONDS) {
    for (const quantile of [undefined, ...SWEEP_LEVELS]) {
      const { quantile: _, ...base } = protocol.replay.policy
      const policy: PlannerPolicy = quantile === undefined
        ? { ...base, headroom: 1.2, scaleDownStabilizationSeconds: stabilisation }
        : { ...base, quantile, scaleDownStabilizationSeconds: stabilisation }
      const replay = new AutoscalingReplay(series, firstStep, { ...protocol.replay, policy })
      forecasts.forEach((forecast, i) => { replay.step(firstStep + i, forecast) })
      const { planner, hpa } = replay.result()
      cells.push({
        policy: `${quantile === undefined ? 'mean x 1.2' : `p${Math.round(quantile * 100)}`}, stabilisation ${stabilisation} s`,
        reduction: hpa.under > 0 ? 1 - planner.under / hpa.under : (planner.under === 0 ? 1 : 0),
        totalRatio: planner.total / hpa.total
      })
    }
  }
  return cells
}
