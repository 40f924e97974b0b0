import { availableParallelism } from 'node:os'
import { providerIds, type ProviderId } from '@platform/contracts'
import type { Booster } from '@platform/lightgbm'
import { featureCount, providerFeatureIndex, successFeatureCount, timeoutFeatureIndex, writeFeatures, writeProviderFeatures, writeRequestFeatures, type ErrorScales, type ProviderHistory, type ScoredCandidate, type SpecShape } from '@platform/router-core'
import type { ModelKind } from './model-params.js'

// Multi-row calls (batches, training's own scoring) use every core: one OpenMP fork per model is
// noise next to thousands of rows. Serving's process default stays one thread (the service sets
// OMP_NUM_THREADS=1) for the single-row fast path of one request.
const batchThreads = availableParallelism()

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
  /** The provider model's rows: request columns, then NaN where provider and history would be. */
  private readonly requestRow = new Float64Array(featureCount).fill(Number.NaN)
  private requestRows = new Float64Array(0)
  private classRows = new Float64Array(0)
  private batch = rowBuffers(0)
  private readonly successRow = new Float64Array(successFeatureCount)

  constructor (readonly boosters: Record<ModelKind, Booster>, readonly calibration: Calibration) {}

  /** `onFeatureSeconds` gets the time spent writing the feature rows (only timed when given). */
  scoreCandidates (spec: SpecShape, at: Date, candidates: readonly CandidateInput[], onFeatureSeconds?: (seconds: number) => void): ScoredCandidate[] {
    const n = candidates.length
    if (n === 0) return []
    if (this.features.length < n * featureCount) {
      this.features = new Float64Array(n * featureCount)
      this.rowViews = []
    }
    // Every row first, so feature extraction is timed with one pair of clock reads per request.
    const started = onFeatureSeconds === undefined ? 0 : performance.now()
    for (let i = 0; i < n; i++) {
      const c = candidates[i] as CandidateInput
      writeFeatures(this.rowViews[i] ??= this.features.subarray(i * featureCount, (i + 1) * featureCount), 0, spec, c.id, c.history, at)
    }
    onFeatureSeconds?.((performance.now() - started) / 1000)
    // Row by row on LightGBM's single-row fast path: a multi-row call builds a predictor and an
    // OpenMP region per call, which costs more than nine fast single-row predictions.
    return candidates.map((c, i) => {
      const row = this.rowViews[i] as Float64Array
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

  /**
   * `scoreCandidates` for many requests at once: one multi-row call per model for all their
   * candidates, request after request. Row k of the answer is the k-th candidate overall; its
   * arrays are this bundle's buffers (longer than the rows, reused by the next call).
   * `onFeatureSeconds` gets the time spent writing all the feature rows (only timed when given).
   */
  scoreMany (requests: ReadonlyArray<{ spec: SpecShape, at: Date, candidates: readonly CandidateInput[] }>, onFeatureSeconds?: (seconds: number) => void): RowScores {
    let rows = 0
    for (const r of requests) rows += r.candidates.length
    if (this.batch.capacity < rows) this.batch = rowBuffers(rows)
    const features = this.batch.features
    const started = onFeatureSeconds === undefined ? 0 : performance.now()
    let row = 0
    for (const r of requests) {
      const first = row * featureCount
      for (let k = 0; k < r.candidates.length; k++, row++) {
        const c = r.candidates[k] as CandidateInput
        // The request's own columns are computed once and copied to its other candidates' rows.
        if (k === 0) writeRequestFeatures(features, first, r.spec, r.at)
        else features.copyWithin(row * featureCount, first, first + providerFeatureIndex)
        writeProviderFeatures(features, row * featureCount, c.id, c.history)
      }
    }
    onFeatureSeconds?.((performance.now() - started) / 1000)
    return this.predictRows(features.subarray(0, rows * featureCount), rows, this.batch)
  }

  /** `providerProbabilities` for many requests: row i holds request i's probabilities, indexed like `providerIds`, in a reused buffer. */
  providerProbabilitiesMany (requests: ReadonlyArray<{ spec: SpecShape, at: Date }>): Float64Array {
    const n = requests.length
    if (this.requestRows.length < n * featureCount) {
      this.requestRows = new Float64Array(n * featureCount).fill(Number.NaN)
      this.classRows = new Float64Array(n * providerIds.length)
    }
    for (let i = 0; i < n; i++) writeRequestFeatures(this.requestRows, i * featureCount, (requests[i] as { spec: SpecShape }).spec, (requests[i] as { at: Date }).at)
    return this.boosters.provider.predict(this.requestRows.subarray(0, n * featureCount), n, featureCount, { out: this.classRows, numThreads: batchThreads })
  }

  private predictOne (kind: ModelKind, row: Float64Array, cols: number): number {
    return this.boosters[kind].predict(row, 1, cols, { out: this.one })[0] as number
  }

  /** Cost, latency and success for `rows` feature rows (expected values, smearing applied). */
  scoreRows (features: Float64Array, rows: number): Array<{ costUsd: number, latencyMs: number, successProbability: number }> {
    const { costUsd, latencyMs, successProbability } = this.predictRows(features, rows, rowBuffers(rows, false))
    const out = new Array<{ costUsd: number, latencyMs: number, successProbability: number }>(rows)
    for (let i = 0; i < rows; i++) {
      out[i] = {
        costUsd: costUsd[i] as number,
        latencyMs: latencyMs[i] as number,
        successProbability: successProbability[i] as number
      }
    }
    return out
  }

  /** The three models over exactly `rows` feature rows, into `buffers` (success rows and outputs). */
  private predictRows (features: Float64Array, rows: number, buffers: RowBuffers): RowScores {
    const { costUsd, latencyMs, successProbability } = buffers
    expectedValues(this.boosters.cost.predict(features, rows, featureCount, { out: costUsd, numThreads: batchThreads }), rows, features, this.calibration.costSmearing)
    expectedValues(this.boosters.latency.predict(features, rows, featureCount, { out: latencyMs, numThreads: batchThreads }), rows, features, this.calibration.latencySmearing)
    const success = successRows(features, rows, latencyMs, buffers.successRows.subarray(0, rows * successFeatureCount))
    this.boosters.success.predict(success, rows, successFeatureCount, { out: successProbability, numThreads: batchThreads })
    return buffers
  }

  /** The provider model's class probabilities for this request, indexed like `providerIds`. */
  providerProbabilities (spec: SpecShape, at: Date): Float64Array {
    writeRequestFeatures(this.requestRow, 0, spec, at)
    return this.boosters.provider.predict(this.requestRow, 1, featureCount)
  }

  dispose (): void {
    for (const booster of Object.values(this.boosters)) booster.dispose()
  }
}

/** Per-row outputs of the cost, latency and success models, indexed by feature row. */
export interface RowScores { costUsd: Float64Array, latencyMs: Float64Array, successProbability: Float64Array }
interface RowBuffers extends RowScores { capacity: number, features: Float64Array, successRows: Float64Array }

function rowBuffers (rows: number, withFeatures = true): RowBuffers {
  return {
    capacity: rows,
    features: new Float64Array(withFeatures ? rows * featureCount : 0),
    successRows: new Float64Array(rows * successFeatureCount),
    costUsd: new Float64Array(rows),
    latencyMs: new Float64Array(rows),
    successProbability: new Float64Array(rows)
  }
}

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

/** The first `rows` log-scale predictions made expected values, in place, with each row's provider smearing factor. */
export function expectedValues (logPredicted: Float64Array, rows: number, features: Float64Array, factors: readonly number[]): Float64Array {
  for (let i = 0; i < rows; i++) logPredicted[i] = Math.exp(logPredicted[i] as number) * (factors[rowProvider(features, i)] as number)
  return logPredicted
}

/** The success model's rows (into `out` when given): each shared row plus log(expected latency / timeout). */
export function successRows (features: Float64Array, rows: number, expectedLatency: ArrayLike<number>, out: Float64Array = new Float64Array(rows * successFeatureCount)): Float64Array {
  for (let i = 0; i < rows; i++) {
    const from = i * featureCount
    const to = i * successFeatureCount
    for (let j = 0; j < featureCount; j++) out[to + j] = features[from + j] as number
    out[to + featureCount] = Math.log(expectedLatency[i] as number) - (features[from + timeoutFeatureIndex] as number)
  }
  return out
}
