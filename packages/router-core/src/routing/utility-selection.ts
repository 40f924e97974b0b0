import type { ProviderId, RouteAlternative, SandboxConstraints, UtilityWeights } from '@platform/contracts'
import { normalCdf } from '../normal-cdf.js'
import { applyPreferences } from './eligibility.js'
import type { RoutingResult } from './routing-result.js'
import { expectedLoss, type OutcomeEstimate, utilityScales } from './utility.js'

/** A capable candidate with the models' estimate of its outcome. */
export interface ScoredCandidate extends OutcomeEstimate {
  id: ProviderId
  regions: readonly string[]
}

/**
 * Relative standard errors of the models' expected-value estimates, measured on the validation
 * window (see `estimateErrorScales`); they turn a utility margin into a probability.
 */
export interface ErrorScales { cost: number, latency: number, failure: number }

function lossSd (c: ScoredCandidate, weights: UtilityWeights, scales: ErrorScales): number {
  const cost = weights.cost * c.costUsd * scales.cost
  const latency = weights.latency * (c.latencyMs / 1000) * utilityScales.usdPerSecond * scales.latency
  const risk = weights.risk * (1 - c.successProbability) * utilityScales.usdPerFailure * scales.failure
  return Math.sqrt(cost * cost + latency * latency + risk * risk)
}

export type UtilityChoice = RoutingResult & { unmetConstraint: string | undefined }

/**
 * Taking the runner-up instead of the pick costs at most the difference of their losses, so a
 * pick within 10% of the runner-up is a good decision either way: confidence asks whether the
 * pick's true loss is at most 10% above the runner-up's. Asking whether it is strictly below made
 * every near-tie a coin flip (confidence 0.5) and sent a fifth of the requests to the fallback
 * where either provider would have done.
 */
export const nearTie = 0.1

/**
 * Picks the candidate with the lowest expected loss among those predicted to meet maxCost and
 * maxLatency, after preferences. Confidence is the probability, under the validation error
 * scales, that the pick's true loss is at most `nearTie` above the runner-up's:
 * Phi((loss_2 - loss_1 + nearTie * loss_1) / sd of the difference).
 * `unmetConstraint` is set (and no pick made) when predictions put every candidate over a limit.
 */
export function chooseByUtility (scored: readonly ScoredCandidate[], excluded: readonly RouteAlternative[], constraints: SandboxConstraints, weights: UtilityWeights, scales: ErrorScales): UtilityChoice | undefined {
  const alternatives: RouteAlternative[] = excluded.slice()
  const within: ScoredCandidate[] = []
  const losses: number[] = []
  for (const c of scored) {
    const loss = expectedLoss(c, weights)
    let reason: string | undefined
    if (constraints.maxCost !== undefined && c.costUsd > constraints.maxCost) reason = `predicted cost ${c.costUsd.toPrecision(3)} > maxCost`
    else if (constraints.maxLatency !== undefined && c.latencyMs > constraints.maxLatency) reason = `predicted latency ${Math.round(c.latencyMs)} ms > maxLatency`
    if (reason === undefined) {
      within.push(c)
      losses.push(loss)
      alternatives.push({ provider: c.id, predictedCost: c.costUsd, predictedLatency: c.latencyMs, successProbability: c.successProbability, utility: -loss, eligible: true })
    } else {
      alternatives.push({ provider: c.id, predictedCost: c.costUsd, predictedLatency: c.latencyMs, successProbability: c.successProbability, utility: -loss, eligible: false, excludedReason: reason })
    }
  }
  if (within.length === 0) {
    return scored.length === 0 ? undefined : { provider: scored[0]?.id as ProviderId, predictedCost: 0, predictedLatency: 0, confidence: 0, alternatives, unmetConstraint: 'no provider is predicted to meet maxCost/maxLatency' }
  }
  const { kept, dropped } = applyPreferences(within, constraints)
  // The two lowest losses, ties to the earlier candidate: the head of a stable sort by loss
  // (losses are finite), without sorting or copying.
  let best = -1
  let second = -1
  for (const c of kept) {
    const i = within.indexOf(c)
    const loss = losses[i] as number
    if (best < 0 || loss < (losses[best] as number)) {
      second = best
      best = i
    } else if (second < 0 || loss < (losses[second] as number)) {
      second = i
    }
  }
  const pick = within[best] as ScoredCandidate
  let confidence = 1
  if (second >= 0) {
    const sd = Math.hypot(lossSd(pick, weights, scales), lossSd(within[second] as ScoredCandidate, weights, scales))
    const margin = (losses[second] as number) - (losses[best] as number) + nearTie * (losses[best] as number)
    confidence = sd === 0 ? 1 : normalCdf(margin / sd)
  }
  for (const [id, reason] of dropped) {
    const k = alternatives.findIndex((a) => a.provider === id)
    alternatives[k] = { ...alternatives[k], provider: id, eligible: false, excludedReason: reason }
  }
  return {
    provider: pick.id,
    predictedCost: pick.costUsd,
    predictedLatency: pick.latencyMs,
    confidence,
    alternatives,
    unmetConstraint: undefined
  }
}
