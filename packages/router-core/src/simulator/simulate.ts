import { providerIds, type ExecutionRecord, type ProviderCatalog, type ProviderId } from '@platform/contracts'
import { seededRandom, type Random } from '@platform/seeded-random'
import { drawRequest, type SimulatedRequest } from './request-generator.js'
import { OutageCalendar } from './outages.js'
import { Oracle } from './oracle.js'

export interface SimulationOptions {
  requests: number
  days: number
  seed: number
  /** The world's first instant; the default is fixed so the same seed gives the same file. */
  startMs?: number
  /** Share of runs sent to a uniformly random eligible provider; the rest go to the oracle-blind list-price choice. */
  exploration?: number
}

export const defaultSimulationStart = Date.parse('2026-10-01T00:00:00Z')

/**
 * A simulated world: requests, their submission times, outages and noise all follow from the seed.
 * The oracle sees the truth; `records()` is what telemetry would have recorded.
 */
export class Simulation {
  readonly oracle: Oracle
  readonly requests: readonly SimulatedRequest[]
  private readonly options: Required<SimulationOptions>

  constructor (readonly catalog: ProviderCatalog, options: SimulationOptions) {
    this.options = { startMs: defaultSimulationStart, exploration: 0.85, ...options }
    const rng = seededRandom(options.seed)
    const { startMs, days } = this.options
    this.oracle = new Oracle(catalog, OutageCalendar.draw(rng, startMs, startMs + days * 86_400_000))
    const requests = Array.from({ length: options.requests }, () => drawRequest(rng, startMs, days))
    requests.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())
    this.requests = requests
  }

  /** Runs every request on a provider chosen by the exploration policy and records the outcome. */
  * records (): Generator<ExecutionRecord> {
    // A separate stream so that policy and noise do not shift the requests drawn above.
    const rng = seededRandom(this.options.seed * 7919 + 17)
    let i = 0
    for (const request of this.requests) {
      const eligible = providerIds.filter((id) => this.oracle.truth(id, request.spec, request.submittedAt) !== undefined)
      if (eligible.length === 0) continue
      const provider = rng.next() < this.options.exploration ? rng.pick(eligible) : this.cheapestListPrice(eligible, request)
      yield this.run(rng, `sim-${this.options.seed}-${i++}`, provider, request)
    }
  }

  private cheapestListPrice (eligible: ProviderId[], request: SimulatedRequest): ProviderId {
    let best = eligible[0] as ProviderId
    let bestCost = Infinity
    for (const id of eligible) {
      const p = this.catalog.providers.find((d) => d.id === id)
      const cost = p === undefined ? Infinity : p.pricing.perRequestUsd + Math.max(p.pricing.minimumBilledSeconds, p.typicalLatencyMs / 1000) * request.spec.cpu * p.pricing.perCpuSecondUsd
      if (cost < bestCost) { best = id; bestCost = cost }
    }
    return best
  }

  /** One realised run: log-normal latency, billed cost from that latency, Bernoulli success. */
  run (rng: Random, id: string, provider: ProviderId, request: SimulatedRequest): ExecutionRecord {
    const truth = this.oracle.truth(provider, request.spec, request.submittedAt)
    if (truth === undefined) throw new Error(`${provider} cannot run this request`)
    const latencyMs = truth.medianLatencyMs * Math.exp(truth.latencySigma * rng.normal())
    const costUsd = this.oracle.costOf(provider, request.spec, latencyMs)
    const success = rng.next() < truth.successProbability
    return {
      id,
      provider,
      spec: request.spec,
      submittedAt: request.submittedAt.toISOString(),
      outcome: { success, latencyMs: Math.round(latencyMs * 100) / 100, costUsd, ...(success ? {} : { errorType: rng.pick(['timeout', 'oom', 'dependency_install', 'provider_error']) }) }
    }
  }
}
