import type { ProviderCatalog, ProviderDescriptor, ProviderId, RouteAlternative, SandboxConstraints, UtilityWeights } from '@platform/contracts'
import { applyPreferences, candidates, type Candidate, type SpecShape } from './eligibility.js'
import { NoEligibleProviderError, type RoutingResult } from './routing-result.js'
import { defaultWeights, expectedLoss } from './utility.js'

/** Without a model, every provider is assumed to succeed this often: risk then plays no part. */
const assumedSuccess = 0.98

/** List-price cost of one run: the per-request fee plus the billed rate over the advertised latency. */
export function listPriceCost (provider: ProviderDescriptor, spec: SpecShape): number {
  const p = provider.pricing
  const rate = spec.cpu * p.perCpuSecondUsd + (spec.memory / 1024) * p.perGbSecondUsd + (spec.gpu ? p.perGpuSecondUsd : 0)
  return p.perRequestUsd + Math.max(p.minimumBilledSeconds, provider.typicalLatencyMs / 1000) * rate
}

/**
 * The router that needs no model: capabilities and hard constraints filter, list prices and
 * advertised latencies estimate, `maxCost`/`maxLatency` apply to those estimates, preferences
 * narrow, and the utility picks. Confidence is the relative utility margin over the runner-up.
 * `eligibility` is `candidates(catalog, spec, constraints)` when the caller has it already.
 */
export function routeByRules (catalog: ProviderCatalog, spec: SpecShape, constraints: SandboxConstraints, weights: UtilityWeights = defaultWeights, eligibility: readonly Candidate[] = candidates(catalog, spec, constraints)): RoutingResult {
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
    const loss = expectedLoss({ costUsd: cost, latencyMs: latency, successProbability: assumedSuccess }, weights)
    alternatives.set(provider.id, { provider: provider.id, eligible: true, predictedCost: cost, predictedLatency: latency, successProbability: assumedSuccess, utility: -loss })
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
