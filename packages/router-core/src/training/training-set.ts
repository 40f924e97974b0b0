import type { ExecutionRecord } from '@platform/contracts'
import { writeFeatures } from '../features/feature-extractor.js'
import { featureCount } from '../features/schema.js'
import { RollingProviderStats } from '../stats/provider-stats.js'

/** Feature rows and labels for the cost, latency and success models, one row per execution record. */
export interface TrainingSet {
  records: readonly ExecutionRecord[]
  rows: number
  features: Float64Array
  logCost: Float64Array
  logLatency: Float64Array
  success: Float64Array
}

/** Costs can be zero (free tiers); the log target needs a floor. */
export const costFloorUsd = 1e-7

export function sortByTime (records: readonly ExecutionRecord[]): ExecutionRecord[] {
  return records.map((r) => ({ r, t: Date.parse(r.submittedAt) })).sort((a, b) => a.t - b.t).map(({ r }) => r)
}

/** Keeps the last `days` days before the newest record (files from the simulator carry their own dates). */
export function lastDays (records: readonly ExecutionRecord[], days: number): ExecutionRecord[] {
  const newest = records.reduce((max, r) => Math.max(max, Date.parse(r.submittedAt)), -Infinity)
  return records.filter((r) => Date.parse(r.submittedAt) > newest - days * 86_400_000)
}

/** When a run's outcome is known (and its record can reach the statistics): it finishes `latencyMs` after submission. */
const arrivalTime = (record: ExecutionRecord): number => Date.parse(record.submittedAt) + record.outcome.latencyMs

/**
 * Feeds `stats` each record once its outcome is known, in the bucket of its submission as serving
 * stores it: call the returned function with non-decreasing times, before reading a history then.
 */
export function arrivalFeed (records: readonly ExecutionRecord[], stats: RollingProviderStats): (atMs: number) => void {
  const arrivals = records.map((r) => ({ r, t: arrivalTime(r) })).sort((a, b) => a.t - b.t)
  let next = 0
  return (atMs) => {
    for (; next < arrivals.length && (arrivals[next]?.t ?? Infinity) <= atMs; next++) {
      const { r } = arrivals[next] as { r: ExecutionRecord }
      stats.add(r.provider, Date.parse(r.submittedAt), r.outcome.latencyMs, r.outcome.costUsd, r.outcome.success)
    }
  }
}

/**
 * Replays the records in time order through rolling provider statistics, so every row's history
 * features are exactly what serving would have seen at that moment (no look-ahead): a record
 * counts only once its run has finished (`arrivalFeed`).
 */
export function buildTrainingSet (records: readonly ExecutionRecord[], stats: RollingProviderStats = new RollingProviderStats()): TrainingSet {
  const sorted = sortByTime(records)
  const feed = arrivalFeed(sorted, stats)
  const rows = sorted.length
  const features = new Float64Array(rows * featureCount)
  const logCost = new Float64Array(rows)
  const logLatency = new Float64Array(rows)
  const success = new Float64Array(rows)
  sorted.forEach((record, i) => {
    const at = Date.parse(record.submittedAt)
    feed(at)
    writeFeatures(features, i * featureCount, record.spec, record.provider, stats.history(record.provider, at), new Date(at))
    logCost[i] = Math.log(Math.max(record.outcome.costUsd, costFloorUsd))
    logLatency[i] = Math.log(Math.max(record.outcome.latencyMs, 1))
    success[i] = record.outcome.success ? 1 : 0
  })
  return { records: sorted, rows, features, logCost, logLatency, success }
}

/** Time-based split: the oldest rows train, the newest `validationShare` validate. */
export function splitByTime (set: TrainingSet, validationShare: number): { train: TrainingSet, valid: TrainingSet } {
  const cut = Math.floor(set.rows * (1 - validationShare))
  const slice = (from: number, to: number): TrainingSet => ({
    records: set.records.slice(from, to),
    rows: to - from,
    features: set.features.slice(from * featureCount, to * featureCount),
    logCost: set.logCost.slice(from, to),
    logLatency: set.logLatency.slice(from, to),
    success: set.success.slice(from, to)
  })
  return { train: slice(0, cut), valid: slice(cut, set.rows) }
}
