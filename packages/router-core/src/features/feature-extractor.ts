import { providerIds, SandboxSpec, type ProviderId, type SandboxSpecInput } from '@platform/contracts'
import { codeLengthOf, type SpecShape } from '../routing/eligibility.js'
import { emptyHistory, type ProviderHistory } from '../stats/provider-stats.js'
import { languageIndex } from './languages.js'
import { featureCount, providerFeatureIndex } from './schema.js'

const providerIndex = new Map<ProviderId, number>(providerIds.map((id, i) => [id, i]))

/**
 * Turns a spec, a provider and that provider's recent history into the row the models read, in
 * `featureSchema` order. Writes into a caller's buffer so serving allocates nothing per candidate.
 */
export class FeatureExtractor {
  /** A spec as a caller writes it (`{ language, code }` is enough): the contract's defaults fill the rest. */
  extractFeatures (spec: SandboxSpecInput, provider: ProviderId, at: Date = new Date()): Float64Array {
    return this.extractFeaturesWithHistory(spec, provider, emptyHistory, at)
  }

  extractFeaturesWithHistory (spec: SandboxSpecInput, provider: ProviderId, history: ProviderHistory, at: Date = new Date()): Float64Array {
    const row = new Float64Array(featureCount)
    // Parsed here, not in writeFeatures: serving and training pass specs the contracts already parsed.
    writeFeatures(row, 0, SandboxSpec.parse(spec), provider, history, at)
    return row
  }
}

export function writeFeatures (out: Float64Array, offset: number, spec: SpecShape, provider: ProviderId, history: ProviderHistory, at: Date): void {
  writeRequestFeatures(out, offset, spec, at)
  writeProviderFeatures(out, offset, provider, history)
}

/** The columns before `provider`, which every candidate row of one request shares. */
export function writeRequestFeatures (out: Float64Array, offset: number, spec: SpecShape, at: Date): void {
  const day = at.getUTCDay()
  let i = offset
  out[i++] = Math.log1p(codeLengthOf(spec))
  out[i++] = languageIndex(spec.language)
  out[i++] = spec.cpu
  out[i++] = spec.memory
  out[i++] = Math.log(spec.timeout)
  out[i++] = spec.gpu ? 1 : 0
  out[i++] = spec.requirements.length
  out[i++] = Object.keys(spec.environment).length
  out[i++] = Object.keys(spec.files).length
  out[i++] = spec.stateful ? 1 : 0
  out[i++] = at.getUTCHours() + at.getUTCMinutes() / 60
  out[i++] = day
  out[i++] = day === 0 || day === 6 ? 1 : 0
}

/** The `provider` column and the history columns after it, for the row starting at `offset`. */
export function writeProviderFeatures (out: Float64Array, offset: number, provider: ProviderId, history: ProviderHistory): void {
  let i = offset + providerFeatureIndex
  out[i++] = providerIndex.get(provider) ?? Number.NaN
  out[i++] = history.recent.count
  out[i++] = history.recent.latencyP50
  out[i++] = history.recent.failureRate
  out[i++] = history.short.count
  out[i++] = history.short.latencyP50
  out[i++] = history.short.latencyP95
  out[i++] = history.short.meanCost
  out[i++] = history.short.failureRate
  out[i++] = history.long.latencyP50
  out[i++] = history.long.latencyP95
  out[i++] = history.long.meanCost
  out[i++] = history.long.failureRate
}
