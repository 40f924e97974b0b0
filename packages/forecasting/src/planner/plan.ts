import type { Forecast } from '../model.js'
import { PlannerInputError, validatePolicy, type PlannerPolicy } from './policy.js'

/** A replica recommendation made earlier (before stabilisation and rate limits), kept by the caller. */
export interface Recommendation {
  readonly time: number
  readonly replicas: number
}

export interface PlanInput {
  readonly forecast: Forecast
  /** Time of the forecast's first point, epoch ms; point k is at `start + k * stepSeconds`. */
  readonly start: number
  readonly stepSeconds: number
  /**
   * Replicas running (asked for) now. Without `earlierReplicas` the limits start from them, taken
   * as the count of the step before `start`, so the first step may change them by one step's
   * worth of the rate limits. Unknown: the first step is free.
   */
  readonly currentReplicas?: number
  /**
   * What was asked for at earlier times, for a caller that plans again and again: the limits
   * hold against every one of them per real time, so one plan per tick ramps no faster than
   * the limits allow. A bound they set never goes past `currentReplicas`, so a count changed
   * by hand forces nothing.
   */
  readonly earlierReplicas?: readonly Recommendation[]
  /**
   * When the plan is made, epoch ms, at most `start`. `askNow`, the count to ask for until the
   * first step, is held to the limits at this time, so a plan made early in a long step does
   * not ask for the whole step's change at once.
   */
  readonly madeAt?: number
  /** Earlier recommendations, for the scale-down stabilisation window (older ones are ignored). */
  readonly recentRecommendations?: readonly Recommendation[]
}

export interface Plan {
  /** Epoch ms of each planned step. */
  readonly times: number[]
  /** Load each step plans for: the largest of mean x headroom (or the quantile) over [t, t + lead]. */
  readonly load: number[]
  /** load / targetPerPod rounded and clamped to [min, max], before stabilisation and rate limits. */
  readonly recommended: number[]
  /** The highest recommendation of the scale-down stabilisation window, before rate limits. */
  readonly stabilised: number[]
  /** Replicas to ask for at each step. */
  readonly replicas: number[]
  /** Replicas to ask for from `madeAt` until the first step (the first step's count without `madeAt`). */
  readonly askNow: number
}

// Float noise (e.g. 3.0000000000000004 pods) must not add or drop a whole replica.
const EPSILON = 1e-9
const ceil = (x: number): number => Math.ceil(x - EPSILON)
const floor = (x: number): number => Math.floor(x + EPSILON)
const roundBy = { ceil, floor, round: (x: number) => Math.round(x) } as const

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

/**
 * Turns a forecast into replicas per step. Rate limits hold between every pair of points of the
 * plan (including the current replica count one step before `start`): r(t) <= ceil(max(r(s), 1) * up^((t-s)/P))
 * and r(t) >= floor(r(s) * (1 - down/100)^((t-s)/P)), so they bind per real time whatever the step.
 */
export function planReplicas (input: PlanInput, policy: PlannerPolicy): Plan {
  const p = validatePolicy(policy)
  if (!(input.stepSeconds > 0)) throw new PlannerInputError('stepSeconds', 'must be > 0')
  const current = input.currentReplicas
  if (current !== undefined && !(current >= 0 && Number.isFinite(current))) throw new PlannerInputError('currentReplicas', 'must be a finite number >= 0')
  const values = planningValues(input.forecast, p)
  const n = values.length
  const stepMs = input.stepSeconds * 1000
  const times = Array.from({ length: n }, (_, k) => input.start + k * stepMs)

  const leadSteps = Math.floor(p.leadTimeSeconds / input.stepSeconds + EPSILON)
  const load = times.map((_, k) => Math.max(...values.subarray(k, Math.min(n, k + leadSteps + 1))))
  const recommended = load.map((v) => clamp(roundBy[p.rounding](v / p.targetPerPod), p.minReplicas, p.maxReplicas))

  const windowMs = p.scaleDownStabilizationSeconds * 1000
  const history = [...(input.recentRecommendations ?? []), ...times.map((time, k) => ({ time, replicas: recommended[k] ?? 0 }))]
  const stabilised = times.map((t, k) => {
    let best = recommended[k] ?? 0
    for (const r of history) {
      if (r.time > t - windowMs && r.time <= t && r.replicas > best) best = r.replicas
    }
    return best
  })

  // A current count outside [min, max] is first brought inside: the bounds always win.
  const counted = current === undefined ? undefined : clamp(Math.round(current), p.minReplicas, p.maxReplicas)
  const earlier = input.earlierReplicas ?? []
  const anchors: Recommendation[] = earlier.length > 0 || counted === undefined ? [] : [{ time: input.start - stepMs, replicas: counted }]
  const periodMs = p.ratePeriodSeconds * 1000
  const downFactor = 1 - p.downMaxPercent / 100
  const upTo = (a: Recommendation, t: number): number => ceil(Math.max(a.replicas, 1) * p.upMaxFactor ** (Math.max(0, t - a.time) / periodMs))
  const downTo = (a: Recommendation, t: number): number => floor(a.replicas * downFactor ** (Math.max(0, t - a.time) / periodMs))
  const limited = (target: number, t: number): number => {
    let lo = p.minReplicas
    let hi = p.maxReplicas
    for (const a of anchors) {
      hi = Math.min(hi, upTo(a, t))
      lo = Math.max(lo, downTo(a, t))
    }
    // An earlier ask may disagree with the current count (someone scaled by hand): it never forces a change past it.
    for (const a of earlier) {
      if (a.time > t) continue
      hi = Math.min(hi, Math.max(upTo(a, t), counted ?? 0))
      lo = Math.max(lo, Math.min(downTo(a, t), counted ?? Number.POSITIVE_INFINITY))
    }
    return clamp(target, lo, hi)
  }
  // Asked for until the first step: its count, within the limits at `madeAt`; the steps hold against it too.
  let askNow: number | undefined
  if (input.madeAt !== undefined) {
    const madeAt = Math.min(input.madeAt, input.start)
    askNow = limited(stabilised[0] ?? 0, madeAt)
    anchors.push({ time: madeAt, replicas: askNow })
  }
  const replicas = times.map((t, k) => {
    const r = limited(stabilised[k] ?? 0, t)
    anchors.push({ time: t, replicas: r })
    return r
  })
  return { times, load, recommended, stabilised, replicas, askNow: askNow ?? replicas[0] ?? p.minReplicas }
}

function planningValues (forecast: Forecast, p: PlannerPolicy): Float64Array {
  const q = p.quantile === undefined ? undefined : forecast.quantiles[String(p.quantile)]
  if (p.quantile !== undefined && q === undefined) throw new PlannerInputError('quantile', `${p.quantile} is not in the forecast (ask the model for it)`)
  const values = q ?? forecast.mean.map((v) => v * p.headroom)
  if (!values.every((v) => Number.isFinite(v) && v >= 0)) throw new PlannerInputError('forecast', 'must hold finite values >= 0')
  return values
}
