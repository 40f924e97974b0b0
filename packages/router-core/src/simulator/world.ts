import type { ProviderCatalog, ProviderDescriptor, ProviderId } from '@platform/contracts'
import { providerById } from '../catalog/catalog.js'
import { capabilityExclusion, codeLengthOf, type SpecShape } from '../routing/eligibility.js'
import { normalCdf } from '../normal-cdf.js'
import type { OutageCalendar } from './outages.js'

/**
 * The simulated world's hidden truth per provider (docs/ml-router.md, "Simulator", documents it).
 * Latency = queue(hour) + cold start(language, dependencies, code size, state) + runtime / speed,
 * times log-normal noise. Billed seconds = the whole latency, at least the minimum; real prices
 * differ from list prices by `priceFactor` (egress, overheads, discounts).
 */
export interface ProviderTruth {
  coldStartMs: number
  /** Extra start-up per language, as a factor of coldStartMs (JVM, R are slow to boot). */
  languageStart: Partial<Record<string, number>>
  perRequirementMs: number
  perCodeKbMs: number
  statefulMs: number
  speed: number
  /** Queueing at the daily peak (weekday 13-19 UTC), in ms; shared capacity pools queue most. */
  peakQueueMs: number
  latencySigma: number
  priceFactor: number
  baseFailure: number
  perRequirementFailure: number
}

const truth: Record<ProviderId, ProviderTruth> = {
  e2b: { coldStartMs: 180, languageStart: { r: 2 }, perRequirementMs: 140, perCodeKbMs: 2, statefulMs: 300, speed: 1, peakQueueMs: 80, latencySigma: 0.2, priceFactor: 1, baseFailure: 0.01, perRequirementFailure: 0.002 },
  modal: { coldStartMs: 900, languageStart: { rust: 0.5, go: 0.3 }, perRequirementMs: 15, perCodeKbMs: 1, statefulMs: 0, speed: 1.25, peakQueueMs: 300, latencySigma: 0.25, priceFactor: 1.05, baseFailure: 0.012, perRequirementFailure: 0.0003 },
  daytona: { coldStartMs: 450, languageStart: { java: 1.2, rust: 0.4 }, perRequirementMs: 90, perCodeKbMs: 2, statefulMs: 100, speed: 1, peakQueueMs: 200, latencySigma: 0.22, priceFactor: 1, baseFailure: 0.018, perRequirementFailure: 0.001 },
  morph: { coldStartMs: 260, languageStart: { rust: 0.3 }, perRequirementMs: 60, perCodeKbMs: 1.5, statefulMs: 40, speed: 1.1, peakQueueMs: 150, latencySigma: 0.2, priceFactor: 1, baseFailure: 0.015, perRequirementFailure: 0.001 },
  kubernetes: { coldStartMs: 2600, languageStart: { java: 0.3 }, perRequirementMs: 160, perCodeKbMs: 3, statefulMs: 600, speed: 0.95, peakQueueMs: 2500, latencySigma: 0.3, priceFactor: 1.35, baseFailure: 0.025, perRequirementFailure: 0.0015 },
  custom: { coldStartMs: 650, languageStart: { java: 0.8 }, perRequirementMs: 110, perCodeKbMs: 3, statefulMs: 0, speed: 0.85, peakQueueMs: 1500, latencySigma: 0.35, priceFactor: 0.9, baseFailure: 0.04, perRequirementFailure: 0.003 },
  edge: { coldStartMs: 25, languageStart: { python: 6 }, perRequirementMs: 45, perCodeKbMs: 0.5, statefulMs: 0, speed: 0.55, peakQueueMs: 10, latencySigma: 0.2, priceFactor: 1, baseFailure: 0.008, perRequirementFailure: 0.004 },
  'bare-metal': { coldStartMs: 120, languageStart: { java: 1.5 }, perRequirementMs: 100, perCodeKbMs: 1, statefulMs: 50, speed: 1.4, peakQueueMs: 3000, latencySigma: 0.25, priceFactor: 1, baseFailure: 0.01, perRequirementFailure: 0.001 },
  'apple-containers': { coldStartMs: 1300, languageStart: { swift: 0.2 }, perRequirementMs: 120, perCodeKbMs: 2, statefulMs: 0, speed: 1.05, peakQueueMs: 200, latencySigma: 0.25, priceFactor: 1, baseFailure: 0.02, perRequirementFailure: 0.002 }
}

/** How much work a run is, in ms on one CPU, by language (interpreted languages do less per ms). */
const languageWork: Partial<Record<string, number>> = { python: 1, javascript: 0.7, typescript: 0.75, go: 0.35, rust: 0.3, java: 0.5, ruby: 1.1, bash: 0.4, r: 1.4, swift: 0.4 }

export function providerTruth (id: ProviderId): ProviderTruth {
  return truth[id]
}

/** Load on shared capacity by hour of day: 0 at night, 1 at the weekday peak, lower at weekends. */
export function peakLoad (at: Date): number {
  const hour = at.getUTCHours() + at.getUTCMinutes() / 60
  const day = at.getUTCDay()
  const bump = Math.exp(-((hour - 16) ** 2) / (2 * 2.2 ** 2))
  return bump * (day === 0 || day === 6 ? 0.3 : 1)
}

export interface TrueOutcome {
  /** Median latency; realised latency is this times exp(sigma * Z). */
  medianLatencyMs: number
  latencySigma: number
  expectedLatencyMs: number
  expectedCostUsd: number
  successProbability: number
}

function runtimeMs (spec: SpecShape, t: ProviderTruth): number {
  const work = (60 + 0.03 * codeLengthOf(spec) + (spec.gpu ? 4000 : 0)) * (languageWork[spec.language] ?? 1)
  // Extra cores help, with diminishing returns.
  return work / (t.speed * Math.sqrt(Math.min(spec.cpu, 16)))
}

function expectedBilledSeconds (median: number, sigma: number, minimum: number): number {
  const mu = Math.log(median / 1000)
  if (minimum <= 0) return Math.exp(mu + sigma * sigma / 2)
  const lnMin = Math.log(minimum)
  // E[max(X, m)] for log-normal X: m P(X < m) + E[X; X > m].
  return minimum * normalCdf((lnMin - mu) / sigma) + Math.exp(mu + sigma * sigma / 2) * normalCdf((mu + sigma * sigma - lnMin) / sigma)
}

export function billedRate (spec: SpecShape, provider: ProviderDescriptor): number {
  const p = provider.pricing
  return spec.cpu * p.perCpuSecondUsd + (spec.memory / 1024) * p.perGbSecondUsd + (spec.gpu ? p.perGpuSecondUsd : 0)
}

/** The truth for one provider, request and moment: what the oracle knows and the router must learn. */
export function trueOutcome (catalog: ProviderCatalog, id: ProviderId, spec: SpecShape, at: Date, outages: OutageCalendar): TrueOutcome | undefined {
  const provider = providerById(catalog, id)
  if (provider === undefined || capabilityExclusion(provider, spec) !== undefined) return undefined
  const t = truth[id]
  const load = peakLoad(at)
  const outage = outages.isDown(id, at)
  const start = t.coldStartMs * (1 + (t.languageStart[spec.language] ?? 0)) +
    t.perRequirementMs * spec.requirements.length +
    t.perCodeKbMs * codeLengthOf(spec) / 1024 +
    (spec.stateful ? t.statefulMs : 0)
  const median = (t.peakQueueMs * load + start + runtimeMs(spec, t)) * (outage ? 3 : 1)
  const sigma = t.latencySigma
  const expectedLatencyMs = median * Math.exp(sigma * sigma / 2)
  const seconds = expectedBilledSeconds(median, sigma, provider.pricing.minimumBilledSeconds)
  const expectedCostUsd = (provider.pricing.perRequestUsd + seconds * billedRate(spec, provider)) * t.priceFactor
  // Runs close to their timeout fail more often; so do heavy dependency lists and outages.
  const timeoutRisk = Math.min(0.5, Math.max(0, expectedLatencyMs / spec.timeout - 0.5))
  const failure = t.baseFailure + t.perRequirementFailure * spec.requirements.length + timeoutRisk + (outage ? 0.5 : 0)
  return { medianLatencyMs: median, latencySigma: sigma, expectedLatencyMs, expectedCostUsd, successProbability: Math.max(0, 1 - Math.min(failure, 0.98)) }
}
