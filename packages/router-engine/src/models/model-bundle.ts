import { providerIds, type ProviderId } from '@platform/contracts'
import type { Booster } from '@platform/lightgbm'
import { featureCount, providerFeatureIndex, writeFeatures, type ErrorScales, type ProviderHistory, type ScoredCandidate, type SpecShape } from '@platform/router-core'
import type { ModelKind } from './model-params.js'

/** What training measured beyond the trees: bias corrections and error scales for confidence. */
export interface Calibration {
  /** Duan's smearing factors: E[y] = exp(prediction on log scale) * factor. */
  costSmearing: number
  latencySmearing: number
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
      return {
        costUsd: Math.exp(this.predictOne('cost', row)) * this.calibration.costSmearing,
        latencyMs: Math.exp(this.predictOne('latency', row)) * this.calibration.latencySmearing,
        successProbability: this.predictOne('success', row),
        id: c.id,
        regions: c.regions
      }
    })
  }

  private predictOne (kind: ModelKind, row: Float64Array): number {
    return this.boosters[kind].predict(row, 1, featureCount, { out: this.one })[0] as number
  }

  /** Cost, latency and success for `rows` feature rows (expected values, smearing applied). */
  scoreRows (features: Float64Array, rows: number): Array<{ costUsd: number, latencyMs: number, successProbability: number }> {
    const cost = this.boosters.cost.predict(features, rows, featureCount)
    const latency = this.boosters.latency.predict(features, rows, featureCount)
    const success = this.boosters.success.predict(features, rows, featureCount)
    const out = new Array<{ costUsd: number, latencyMs: number, successProbability: number }>(rows)
    for (let i = 0; i < rows; i++) {
      out[i] = {
        costUsd: Math.exp(cost[i] as number) * this.calibration.costSmearing,
        latencyMs: Math.exp(latency[i] as number) * this.calibration.latencySmearing,
        successProbability: success[i] as number
      }
    }
    return out
  }

  /** The provider model's class probabilities for this request, indexed like `providerIds`. */
  providerProbabilities (spec: SpecShape, at: Date): Float64Array {
    writeFeatures(this.requestRow, 0, spec, 'e2b', { short: nanWindow, long: nanWindow }, at)
    this.requestRow.fill(Number.NaN, providerFeatureIndex, featureCount)
    return this.boosters.provider.predict(this.requestRow, 1, featureCount)
  }

  dispose (): void {
    for (const booster of Object.values(this.boosters)) booster.dispose()
  }
}

const nanWindow = { count: Number.NaN, latencyP50: Number.NaN, latencyP95: Number.NaN, meanCost: Number.NaN, failureRate: Number.NaN }

/** Blanks the provider and history columns of request rows in place (the provider model's input). */
export function toRequestRows (features: Float64Array, rows: number): Float64Array {
  const out = features.slice(0, rows * featureCount)
  for (let i = 0; i < rows; i++) out.fill(Number.NaN, i * featureCount + providerFeatureIndex, (i + 1) * featureCount)
  return out
}
