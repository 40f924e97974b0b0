import type { UtilityWeights } from '@platform/contracts'

/**
 * The selection utility, in US dollars so that its terms add up: a run's cost, plus waiting time
 * valued at `usdPerSecond`, plus failure risk valued at `usdPerFailure` (a failed run must be
 * retried and someone waits). Weights scale each term per request or tenant. Lower loss is
 * better; utility is its negative.
 */
export const utilityScales = {
  usdPerSecond: 0.0001,
  usdPerFailure: 0.002
} as const

export const defaultWeights: UtilityWeights = { cost: 1, latency: 1, risk: 1 }

export interface OutcomeEstimate {
  costUsd: number
  latencyMs: number
  successProbability: number
}

export function expectedLoss (estimate: OutcomeEstimate, weights: UtilityWeights = defaultWeights): number {
  return weights.cost * estimate.costUsd +
    weights.latency * (estimate.latencyMs / 1000) * utilityScales.usdPerSecond +
    weights.risk * (1 - estimate.successProbability) * utilityScales.usdPerFailure
}
