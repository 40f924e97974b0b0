import { providerIds, type ProviderCatalog, type ProviderId, type UtilityWeights } from '@platform/contracts'
import { providerById } from '../catalog/catalog.js'
import type { SpecShape } from '../routing/eligibility.js'
import { defaultWeights, expectedLoss } from '../routing/utility.js'
import type { OutageCalendar } from './outages.js'
import { billedRate, providerTruth, trueOutcome, type TrueOutcome } from './world.js'

export interface OracleChoice {
  provider: ProviderId
  loss: number
  outcomes: Map<ProviderId, TrueOutcome>
}

/** Knows, for any request and moment, every provider's true expected cost, latency and success. */
export class Oracle {
  constructor (readonly catalog: ProviderCatalog, readonly outages: OutageCalendar) {}

  /**
   * An oracle that knows everything except each outage's first `ms`: the best any router can do
   * when outages are only seen through telemetry that arrives `ms` late.
   */
  noticingOutagesLate (ms: number): Oracle {
    return new Oracle(this.catalog, this.outages.noticedLate(ms))
  }

  truth (provider: ProviderId, spec: SpecShape, at: Date): TrueOutcome | undefined {
    return trueOutcome(this.catalog, provider, spec, at, this.outages)
  }

  costOf (provider: ProviderId, spec: SpecShape, latencyMs: number): number {
    const descriptor = providerById(this.catalog, provider)
    if (descriptor === undefined) throw new Error(`unknown provider ${provider}`)
    const seconds = Math.max(latencyMs / 1000, descriptor.pricing.minimumBilledSeconds)
    return (descriptor.pricing.perRequestUsd + seconds * billedRate(spec, descriptor)) * providerTruth(provider).priceFactor
  }

  /** The best provider by true expected loss among those `allowed` (all capable ones by default). */
  best (spec: SpecShape, at: Date, weights: UtilityWeights = defaultWeights, allowed: readonly ProviderId[] = providerIds): OracleChoice | undefined {
    const outcomes = new Map<ProviderId, TrueOutcome>()
    let best: ProviderId | undefined
    let bestLoss = Infinity
    for (const id of allowed) {
      const outcome = this.truth(id, spec, at)
      if (outcome === undefined) continue
      outcomes.set(id, outcome)
      const loss = this.loss(outcome, weights)
      if (loss < bestLoss) { best = id; bestLoss = loss }
    }
    return best === undefined ? undefined : { provider: best, loss: bestLoss, outcomes }
  }

  loss (outcome: TrueOutcome, weights: UtilityWeights = defaultWeights): number {
    return expectedLoss({ costUsd: outcome.expectedCostUsd, latencyMs: outcome.expectedLatencyMs, successProbability: outcome.successProbability }, weights)
  }
}
