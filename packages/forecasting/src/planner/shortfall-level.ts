import type { AdaptiveQuantile } from '@platform/contracts'

/** Target, gain and bounds: the one shape the workload config and the replay share. */
export type ShortfallLevelOptions = AdaptiveQuantile

/** Levels are served to three decimals, as each one becomes a forecast's quantile key. */
const RESOLUTION = 1000

/**
 * Chooses the forecast quantile a workload's planner provisions for, from how its plans have
 * fared so far. A fixed quantile does not suit every workload: on a noisy one-minute series the
 * planner needs about p80 to be short half as often as a reactive autoscaler, while on a smooth
 * half-hourly series the median already is, and p80 only adds cost. So the level is steered by
 * integral feedback on realised shortfall, in the spirit of adaptive conformal inference (Gibbs
 * and Candès, 2021): after each step it rises by `gain` x (the planner's under-provisioned
 * replica-minutes - `target` x a reference autoscaler's), measured in replica-minutes of the
 * workload's typical need, and falls when the planner was short less than that. Over a long run
 * the planner's shortfall then tracks `target` times the reference's, at the lowest quantile
 * that achieves it. Only steps already served are observed, so no future load is used.
 */
export class ShortfallLevel {
  // Unrounded, so that many small corrections still add up.
  #level: number
  #needed = 0
  #steps = 0

  constructor (private readonly options: ShortfallLevelOptions) {
    const o = options
    if (!(o.min >= 0.001 && o.min <= o.max && o.max <= 0.999)) throw new RangeError('shortfall level: need 0.001 <= min <= max <= 0.999')
    if (!(o.target >= 0 && Number.isFinite(o.target) && o.gain >= 0 && Number.isFinite(o.gain))) throw new RangeError('shortfall level: target and gain must be finite and >= 0')
    this.#level = this.#bounded(o.initial)
  }

  /** The quantile level to plan the next step from. */
  get level (): number {
    return Math.round(this.#level * RESOLUTION) / RESOLUTION
  }

  /**
   * After a step of `stepMinutes`: the planner's and the reference's under-provisioned
   * replica-minutes in it, and the replicas its load needed.
   */
  observe (under: number, referenceUnder: number, needed: number, stepMinutes: number): void {
    this.#needed += needed
    this.#steps++
    const typical = Math.max(1, this.#needed / this.#steps)
    const excess = (under - this.options.target * referenceUnder) / (typical * stepMinutes)
    if (Number.isFinite(excess)) this.#level = this.#bounded(this.#level + this.options.gain * excess)
  }

  #bounded (level: number): number {
    return Math.min(this.options.max, Math.max(this.options.min, level))
  }
}
