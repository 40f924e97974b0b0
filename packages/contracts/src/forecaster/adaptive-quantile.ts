import { z } from 'zod'

/** A quantile level the planner may use: served to three decimals, so within [0.001, 0.999]. */
const Level = z.number().min(0.001).max(0.999)

/**
 * How a planner's quantile follows its realised shortfall against a reactive HPA's
 * (`ShortfallLevel` in @platform/forecasting; docs/forecasting.md, "Adaptive quantile").
 * The defaults are the backtest replay's, so a workload that opts in with `{}` plans as the
 * benchmark measured.
 */
export const AdaptiveQuantile = z.object({
  /** The planner's under-provisioning aimed at, as a share of the reference's (0.45: 55% less). */
  target: z.number().min(0).default(0.45),
  /** Level change for a shortfall of one typical need over one minute beyond the target. */
  gain: z.number().min(0).default(0.02),
  /** The level before any step has been observed. */
  initial: Level.default(0.5),
  min: Level.default(0.05),
  max: Level.default(0.95)
}).strict().refine((a) => a.min <= a.max, { path: ['max'], message: 'must be >= min' })
export type AdaptiveQuantile = z.infer<typeof AdaptiveQuantile>
