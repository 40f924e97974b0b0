import type { ProviderCatalog, ProviderDescriptor, ProviderId, RouteAlternative, SandboxConstraints, UtilityWeights } from '@platform/contracts'
import type { ProviderHistory } from '../stats/provider-stats.js'
import { applyPreferences, candidates, type Candidate, type SpecShape } from './eligibility.js'
import { NoEligibleProviderError, type RoutingResult } from './routing-result.js'
import { defaultWeights, expectedLoss } from './utility.js'

/** A provider's success rate before anything is observed of it. */
const assumedSuccess = 0.98
/** The prior counts as this many runs, so one failure moves the estimate a little and a streak a lot. */
const priorRuns = 10
/** Runs the 15-minute window needs before it speaks for the provider; below it the hour's, then the day's. */
const recentRunsNeeded = 3

/**
 * Success rate from observed outcomes, no model: the failures of the newest window that saw
 * enough runs, shrunk toward the prior. An outage shows here within minutes of its first
 * failures, which is when the fallback matters most.
 */
export function observedSuccess (history: ProviderHistory | undefined): number {
  if (history === undefined) return assumedSuccess
  const window = history.recent.count >= recentRunsNeeded ? history.recent : history.short.count > 0 ? history.short : history.long
  if (!(window.count > 0)) return assumedSuccess
  return 1 - (window.failureRate * window.count + (1 - assumedSuccess) * priorRuns) / (window.count + priorRuns)
}

export interface RuleOptions {
  weights?: UtilityWeights
  /** `candidates(catalog, spec, constraints)`, when the caller has it already. */
  eligibility?: readonly Candidate[]
  /** Recent outcomes per provider; without them every provider is assumed to succeed 98% of the time. */
  histories?: ReadonlyMap<string, ProviderHistory>
}

/** List-price cost of one run: the per-request fee plus the billed rate over the advertised latency. */
export function listPriceCost (provider: ProviderDescriptor, spec: SpecShape): number {
  const p = provider.pricing
  const rate = spec.cpu * p.perCpuSecondUsd + (spec.memory / 1024) * p.perGbSecondUsd + (spec.gpu ? p.perGpuSecondUsd : 0)
  return p.perRequestUsd + Math.max(p.minimumBilledSeconds, provider.typicalLatencyMs / 1000) * rate
}

/**
 * The router that needs no model: capabilities and hard constraints filter, list prices and
 * advertised latencies estimate cost and latency, `maxCost`/`maxLatency` apply to those
 * estimates, observed failure rates estimate risk, preferences narrow, and the utility picks.
 * Confidence is the relative utility margin over the runner-up.
 */
export function routeByRules (catalog: ProviderCatalog, spec: SpecShape, constraints: SandboxConstraints, options: RuleOptions = {}): RoutingResult {
  const { weights = defaultWeights, eligibility = candidates(catalog, spec, constraints), histories } = options
  const alternatives = new Map<ProviderId, RouteAlternative>()
  const eligible: Array<{ id: ProviderId, regions: readonly string[], latency: number, cost: number, loss: number }> = []
  for (const { provider, excludedReason } of eligibility) {
    const cost = listPriceCost(provider, spec)
    const latency = provider.typicalLatencyMs
    let reason = excludedReason
    if (reason === undefined && constraints.maxCost !== undefined && cost > constraints.maxCost) reason = `list-price cost ${cost.toPrecision(3)} > maxCost`
    if (reason === undefined && constraints.maxLatency !== undefined && latency > constraints.maxLatency) reason = `typical latency ${latency} ms > maxLatency`
    if (reason !== undefined) {
      alternatives.set(provider.id, { provider: provider.id, eligible: false, excludedReason: reason })
      continue
    }
    const success = observedSuccess(histories?.get(provider.id))
    const loss = expectedLoss({ costUsd: cost, latencyMs: latency, successProbability: success }, weights)
    alternatives.set(provider.id, { provider: provider.id, eligible: true, predictedCost: cost, predictedLatency: latency, successProbability: success, utility: -loss })
    eligible.push({ id: provider.id, regions: provider.regions, latency, cost, loss })
  }
  const { kept, dropped } = applyPreferences(eligible, constraints)
  for (const [id, reason] of dropped) alternatives.set(id, { provider: id, eligible: false, excludedReason: reason })
  const ranked = kept.sort((a, b) => a.loss - b.loss)
  const best = ranked[0]
  const list = catalog.providers.map((p) => alternatives.get(p.id) as RouteAlternative)
  if (best === undefined) throw new NoEligibleProviderError(list)
  const second = ranked[1]
  return {
    provider: best.id,
    predictedCost: best.cost,
    predictedLatency: best.latency,
    confidence: second === undefined ? 1 : 1 - best.loss / second.loss,
    alternatives: list
  }
}
