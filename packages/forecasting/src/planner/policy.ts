/**
 * How the capacity planner turns forecast load into replicas. The math is written out in
 * docs/forecasting.md ("Capacity planner").
 */
export interface PlannerPolicy {
  /** Load one replica serves at its target (e.g. requests per minute per pod). */
  readonly targetPerPod: number
  /** Safety factor on the mean forecast; not applied when `quantile` is set (the quantile is the margin). */
  readonly headroom: number
  /** Plan from this forecast quantile (e.g. 0.9) instead of mean x headroom. */
  readonly quantile?: number
  readonly minReplicas: number
  readonly maxReplicas: number
  /** Replicas may grow at most by this factor per `ratePeriodSeconds` of real time. */
  readonly upMaxFactor: number
  /** Replicas may shrink at most by this percentage per `ratePeriodSeconds` of real time. */
  readonly downMaxPercent: number
  readonly ratePeriodSeconds: number
  /** Pod start-up time: the replicas asked for at t cover the largest load in [t, t + lead]. */
  readonly leadTimeSeconds: number
  /** A scale-down follows the highest recommendation of this trailing window (HPA semantics). */
  readonly scaleDownStabilizationSeconds: number
  readonly rounding: 'ceil' | 'round' | 'floor'
}

/**
 * Kedastral's defaults (target 100, headroom 1.2, 1..100 replicas, x2 up and -50% down per
 * 1-minute step, ceil), with the rate limits stated per minute of real time instead of per step.
 * Kedastral has no lead time or stabilisation window by default, so neither do we.
 */
export const DEFAULT_PLANNER_POLICY: PlannerPolicy = {
  targetPerPod: 100,
  headroom: 1.2,
  minReplicas: 1,
  maxReplicas: 100,
  upMaxFactor: 2,
  downMaxPercent: 50,
  ratePeriodSeconds: 60,
  leadTimeSeconds: 0,
  scaleDownStabilizationSeconds: 0,
  rounding: 'ceil'
}

export class PlannerInputError extends Error {
  readonly field: string

  constructor (field: string, message: string) {
    super(`planner: ${field} ${message}`)
    this.name = 'PlannerInputError'
    this.field = field
  }
}

type Check = [keyof PlannerPolicy, boolean, string]

/** Throws a PlannerInputError naming the first invalid field. */
export function validatePolicy (policy: PlannerPolicy): PlannerPolicy {
  const p = policy
  const checks: Check[] = [
    ['targetPerPod', Number.isFinite(p.targetPerPod) && p.targetPerPod > 0, 'must be a finite number > 0'],
    ['headroom', Number.isFinite(p.headroom) && p.headroom >= 1, 'must be a finite number >= 1'],
    ['quantile', p.quantile === undefined || (p.quantile > 0 && p.quantile < 1), 'must be in (0, 1)'],
    ['minReplicas', Number.isInteger(p.minReplicas) && p.minReplicas >= 0, 'must be an integer >= 0'],
    ['maxReplicas', Number.isInteger(p.maxReplicas) && p.maxReplicas >= Math.max(1, p.minReplicas), 'must be an integer >= max(1, minReplicas)'],
    ['upMaxFactor', Number.isFinite(p.upMaxFactor) && p.upMaxFactor >= 1, 'must be a finite number >= 1'],
    ['downMaxPercent', p.downMaxPercent >= 0 && p.downMaxPercent <= 100, 'must be in [0, 100]'],
    ['ratePeriodSeconds', Number.isFinite(p.ratePeriodSeconds) && p.ratePeriodSeconds > 0, 'must be a finite number > 0'],
    ['leadTimeSeconds', Number.isFinite(p.leadTimeSeconds) && p.leadTimeSeconds >= 0, 'must be a finite number >= 0'],
    ['scaleDownStabilizationSeconds', Number.isFinite(p.scaleDownStabilizationSeconds) && p.scaleDownStabilizationSeconds >= 0, 'must be a finite number >= 0'],
    ['rounding', ['ceil', 'round', 'floor'].includes(p.rounding), 'must be ceil, round or floor']
  ]
  const failed = checks.find(([, ok]) => !ok)
  if (failed !== undefined) throw new PlannerInputError(failed[0], failed[2])
  return policy
}
