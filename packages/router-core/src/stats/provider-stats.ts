import { providerIds, type ProviderId } from '@platform/contracts'
import { histogramBins, histogramPercentile, latencyBin } from './latency-histogram.js'

/** Outcome aggregates of one provider over one time bucket. */
export interface StatsBucket {
  count: number
  failures: number
  costSum: number
  histogram: number[]
}

export interface WindowStats {
  count: number
  latencyP50: number
  latencyP95: number
  meanCost: number
  failureRate: number
}

/** A provider's recent history: what feature extraction reads. Values are NaN when nothing was seen. */
export interface ProviderHistory {
  /** The last 15 minutes (the newest complete short buckets): an outage shows here first. */
  recent: WindowStats
  short: WindowStats
  long: WindowStats
}

/**
 * The two rolling windows: the last hour in 5-minute buckets and the last day in 1-hour buckets.
 * A window covers complete buckets before the current one, so a snapshot only changes when a bucket
 * closes, which is what lets serving cache it and training reproduce it exactly.
 */
export const statsWindows = {
  short: { bucketMs: 300_000, buckets: 12 },
  long: { bucketMs: 3_600_000, buckets: 24 }
} as const
export type WindowName = keyof typeof statsWindows

/** How many of the newest short buckets make the `recent` window. */
export const recentShortBuckets = 3

/** Summarises stored windows into a history; `short` lists the short buckets with their indices. */
export function historyFromBuckets (short: ReadonlyArray<{ index: number, bucket: StatsBucket }>, long: Iterable<StatsBucket>, atMs: number): ProviderHistory {
  const firstRecent = bucketIndex('short', atMs) - recentShortBuckets
  return {
    recent: summarise(short.filter((b) => b.index >= firstRecent).map((b) => b.bucket)),
    short: summarise(short.map((b) => b.bucket)),
    long: summarise(long)
  }
}

export function emptyBucket (): StatsBucket {
  return { count: 0, failures: 0, costSum: 0, histogram: new Array<number>(histogramBins).fill(0) }
}

export function addToBucket (bucket: StatsBucket, latencyMs: number, costUsd: number, success: boolean): void {
  bucket.count++
  if (!success) bucket.failures++
  bucket.costSum += costUsd
  bucket.histogram[latencyBin(latencyMs)] = (bucket.histogram[latencyBin(latencyMs)] ?? 0) + 1
}

export function summarise (buckets: Iterable<StatsBucket>): WindowStats {
  const total = emptyBucket()
  for (const b of buckets) {
    total.count += b.count
    total.failures += b.failures
    total.costSum += b.costSum
    for (let i = 0; i < histogramBins; i++) total.histogram[i] = (total.histogram[i] ?? 0) + (b.histogram[i] ?? 0)
  }
  if (total.count === 0) return { count: 0, latencyP50: Number.NaN, latencyP95: Number.NaN, meanCost: Number.NaN, failureRate: Number.NaN }
  return {
    count: total.count,
    latencyP50: histogramPercentile(total.histogram, total.count, 0.5),
    latencyP95: histogramPercentile(total.histogram, total.count, 0.95),
    meanCost: total.costSum / total.count,
    failureRate: total.failures / total.count
  }
}

export function bucketIndex (window: WindowName, atMs: number): number {
  return Math.floor(atMs / statsWindows[window].bucketMs)
}

/** In-memory rolling statistics for every provider (training replays records through it in time order). */
export class RollingProviderStats {
  private readonly buckets = new Map<string, StatsBucket>()
  private readonly snapshots = new Map<string, ProviderHistory>()
  private newestSnapshotBucket = -Infinity

  add (provider: ProviderId, atMs: number, latencyMs: number, costUsd: number, success: boolean): void {
    for (const window of ['short', 'long'] as const) {
      const key = `${provider}|${window}|${bucketIndex(window, atMs)}`
      let bucket = this.buckets.get(key)
      if (bucket === undefined) {
        bucket = emptyBucket()
        this.buckets.set(key, bucket)
      }
      addToBucket(bucket, latencyMs, costUsd, success)
    }
    // A snapshot covers buckets before its own, so only a record older than a cached snapshot changes one.
    if (bucketIndex('short', atMs) < this.newestSnapshotBucket) {
      this.snapshots.clear()
      this.newestSnapshotBucket = -Infinity
    }
  }

  history (provider: ProviderId, atMs: number): ProviderHistory {
    const bucket = bucketIndex('short', atMs)
    const cacheKey = `${provider}|${bucket}`
    const cached = this.snapshots.get(cacheKey)
    if (cached !== undefined) return cached
    const history = historyFromBuckets(this.window(provider, 'short', atMs), this.window(provider, 'long', atMs).map((b) => b.bucket), atMs)
    this.snapshots.set(cacheKey, history)
    this.newestSnapshotBucket = Math.max(this.newestSnapshotBucket, bucket)
    return history
  }

  histories (atMs: number): Map<ProviderId, ProviderHistory> {
    return new Map(providerIds.map((id) => [id, this.history(id, atMs)]))
  }

  private window (provider: ProviderId, window: WindowName, atMs: number): Array<{ index: number, bucket: StatsBucket }> {
    const current = bucketIndex(window, atMs)
    const picked: Array<{ index: number, bucket: StatsBucket }> = []
    for (let index = current - statsWindows[window].buckets; index < current; index++) {
      const bucket = this.buckets.get(`${provider}|${window}|${index}`)
      if (bucket !== undefined) picked.push({ index, bucket })
    }
    return picked
  }
}

export const emptyHistory: ProviderHistory = Object.freeze({ recent: summarise([]), short: summarise([]), long: summarise([]) })
