import { ReasonError } from '../reason-error.js'

/** Samples in time order; timestamps in epoch ms on the requested step grid. Only finite values. */
export interface Samples {
  readonly timestamps: number[]
  readonly values: number[]
}

/** Where a workload's load comes from (Prometheus or a replayed CSV). */
export interface MetricSource {
  /** Samples with `startMs <= t <= endMs` at `stepSeconds`; points with no data are left out (gaps). */
  fetch (startMs: number, endMs: number, stepSeconds: number, signal?: AbortSignal): Promise<Samples>
}

/** Why a fetch failed, as a bounded metric label. */
export type SourceFailure = 'timeout' | 'network' | 'http' | 'query' | 'decode'

export class SourceError extends ReasonError<SourceFailure> {
  override readonly name = 'SourceError'
}
