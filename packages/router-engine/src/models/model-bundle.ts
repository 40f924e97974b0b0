import { providerIds, type ProviderId } from '@platform/contracts'
import type { Booster } from '@platform/lightgbm'
import { featureCount, providerFeatureIndex, successFeatureCount, timeoutFeatureIndex, writeFeatures, type ErrorScales, type OutcomeEstimate, type ProviderHistory, type ScoredCandidate, type SpecShape } from '@platform/router-core'
import type { ModelKind } from './model-params.js'

/** What training measured beyond the trees: bias corrections and error scales for confidence. */
export interface Calibration {
  /** Duan's smearing factors per provider (indexed like `providerIds`): E[y] = exp(prediction on log scale) * factor. */
  costSmearing: number[]
  latencySmearing: number[]
  errorScales: ErrorScales
}

export interface CandidateInput {
  id: ProviderId
  regions: readonly string[]
  history: ProviderHistory
}

/**
 * The four boosters of one model version. Scores every candidate of a request in one call per
 * model, reusing its buffers, so a 9-provider prediction allocates almost nothing.
 */
export class ModelBundle {
  private features = new Float64Array(featureCount * providerIds.length)
  /** One view per candidate row: LightGBM wants exactly rows * cols values. */
  private rowViews: Float64Array[] = []
  private readonly one = new Float64Array(1)
  private readonly requestRow = new Float64Array(featureCount)
  private readonly successRow = new Float64Array(successFeatureCount)

  constructor (readonly boosters: Record<ModelKind, Booster>, readonly calibration: Calibration) {}

  scoreCandidates (spec: SpecShape, at: Date, candidates: readonly CandidateInput[]): ScoredCandidate[] {
    const n = candidates.length
    if (n === 0) return []
    if (this.features.length < n * featureCount) {
      this.features = new Float64Array(n * featureCount)
      this.rowViews = []
    }
    // Row by row on LightGBM's single-row fast path: a multi-row call builds a predictor and an
    // OpenMP region per call, which costs more than nine fast single-row predictions.
    return candidates.map((c, i) => {
      const row = this.rowViews[i] ??= this.features.subarray(i * featureCount, (i + 1) * featureCount)
      writeFeatures(row, 0, spec, c.id, c.history, at)
      const p = providerOrdinal.get(c.id) as number
      const latencyMs = Math.exp(this.predictOne('latency', row, featureCount)) * (this.calibration.latencySmearing[p] as number)
      this.successRow.set(row)
      this.successRow[featureCount] = Math.log(latencyMs) - (row[timeoutFeatureIndex] as number)
      return {
        costUsd: Math.exp(this.predictOne('cost', row, featureCount)) * (this.calibration.costSmearing[p] as number),
        latencyMs,
        successProbability: this.predictOne('success', this.successRow, successFeatureCount),
        id: c.id,
        regions: c.regions
      }
    })
  }

  /** `scoreCandidates` for many requests at once: one multi-row call per model for all their candidates. */
  scoreMany (requests: ReadonlyArray<{ spec: SpecShape, at: Date, candidates: readonly CandidateInput[] }>): ScoredCandidate[][] {
    const rows = requests.reduce((n, r) => n + r.candidates.length, 0)
    const features = new Float64Array(rows * featureCount)
    let row = 0
    for (const r of requests) for (const c of r.candidates) writeFeatures(features, featureCount * row++, r.spec, c.id, c.history, r.at)
    const estimates = this.scoreRows(features, rows)
    row = 0
    return requests.map((r) => r.candidates.map((c) => ({ ...(estimates[row++] as OutcomeEstimate), id: c.id, regions: c.regions })))
  }

  /** `providerProbabilities` for many requests: row i holds request i's probabilities, indexed like `providerIds`. */
  providerProbabilitiesMany (requests: ReadonlyArray<{ spec: SpecShape, at: Date }>): Float64Array {
    const features = new Float64Array(requests.length * featureCount)
    requests.forEach((r, i) => writeFeatures(features, i * featureCount, r.spec, 'e2b', nanHistory, r.at))
    return this.boosters.provider.predict(toRequestRows(features, requests.length), requests.length, featureCount)
  }

  private predictOne (kind: ModelKind, row: Float64Array, cols: number): number {
    return this.boosters[kind].predict(row, 1, cols, { out: this.one })[0] as number
  }

  /** Cost, latency and success for `rows` feature rows (expected values, smearing applied). */
  scoreRows (features: Float64Array, rows: number): Array<{ costUsd: number, latencyMs: number, successProbability: number }> {
    const costs = expectedValues(this.boosters.cost.predict(features, rows, featureCount), features, this.calibration.costSmearing)
    const latency = expectedValues(this.boosters.latency.predict(features, rows, featureCount), features, this.calibration.latencySmearing)
    const success = this.boosters.success.predict(successRows(features, rows, latency.map(Math.log)), rows, successFeatureCount)
    const out = new Array<{ costUsd: number, latencyMs: number, successProbability: number }>(rows)
    for (let i = 0; i < rows; i++) {
      out[i] = {
        costUsd: costs[i] as number,
        latencyMs: latency[i] as number,
        successProbability: success[i] as number
      }
    }
    return out
  }

  /** The provider model's class probabilities for this request, indexed like `providerIds`. */
  providerProbabilities (spec: SpecShape, at: Date): Float64Array {
    writeFeatures(this.requestRow, 0, spec, 'e2b', nanHistory, at)
    this.requestRow.fill(Number.NaN, providerFeatureIndex, featureCount)
    return this.boosters.provider.predict(this.requestRow, 1, featureCount)
  }

  dispose (): void {
    for (const booster of Object.values(this.boosters)) booster.dispose()
  }
}

const nanWindow = { count: Number.NaN, latencyP50: Number.NaN, latencyP95: Number.NaN, meanCost: Number.NaN, failureRate: Number.NaN }
const nanHistory: ProviderHistory = { recent: nanWindow, short: nanWindow, long: nanWindow }

/** Blanks the provider and history columns of request rows in place (the provider model's input). */
export function toRequestRows (features: Float64Array, rows: number): Float64Array {
  const out = features.slice(0, rows * featureCount)
  for (let i = 0; i < rows; i++) out.fill(Number.NaN, i * featureCount + providerFeatureIndex, (i + 1) * featureCount)
  return out
}

const providerOrdinal = new Map<ProviderId, number>(providerIds.map((id, i) => [id, i]))

/** The provider ordinal of each feature row (its provider column). */
export function rowProvider (features: Float64Array, row: number): number {
  return features[row * featureCount + providerFeatureIndex] as number
}

/** Log-scale predictions made expected values, in place, with each row's provider smearing factor. */
export function expectedValues (logPredicted: Float64Array, features: Float64Array, factors: readonly number[]): Float64Array {
  for (let i = 0; i < logPredicted.length; i++) logPredicted[i] = Math.exp(logPredicted[i] as number) * (factors[rowProvider(features, i)] as number)
  return logPredicted
}

/** The success model's rows: each shared row plus log(expected latency / timeout) from the latency model. */
export function successRows (features: Float64Array, rows: number, logExpectedLatency: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows * successFeatureCount)
  for (let i = 0; i < rows; i++) {
    out.set(features.subarray(i * featureCount, (i + 1) * featureCount), i * successFeatureCount)
    out[i * successFeatureCount + featureCount] = (logExpectedLatency[i] as number) - (features[i * featureCount + timeoutFeatureIndex] as number)
  }
  return out
}
