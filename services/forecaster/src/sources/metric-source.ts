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

/** One series of a query that returns several (`seriesMode: keep`), with its labels. */
export interface LabeledSamples extends Samples {
  readonly labels: Readonly<Record<string, string>>
}

/** A source that keeps the series apart (Prometheus in `seriesMode: keep`). */
export interface SeriesSource {
  fetchSeries (startMs: number, endMs: number, stepSeconds: number, signal?: AbortSignal): Promise<LabeledSamples[]>
}

/** A stable identity for a label set, whatever the order of its labels. */
export function labelKey (labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Why a fetch failed, as a bounded metric label. */
export type SourceFailure = 'timeout' | 'network' | 'tls' | 'http' | 'query' | 'decode'

export class SourceError extends ReasonError<SourceFailure> {
  override readonly name = 'SourceError'
}
