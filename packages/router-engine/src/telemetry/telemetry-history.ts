import type { ProviderId } from '@platform/contracts'
import { type ProviderHistory, RollingProviderStats, statsWindows } from '@platform/router-core'
import { fetchRecords } from './fetch-records.js'

// The statistics' longest window (the last day in hourly buckets) and the bucket before it.
const windowMs = (statsWindows.long.buckets + 1) * statsWindows.long.bucketMs

/**
 * Provider history for the library used on its own (`new MLRouter(path, telemetryUrl)`): the
 * statistics are rebuilt from the telemetry export of the last day, in the background once they
 * are older than `ttlMs`, and served from memory meanwhile. A failed refresh keeps the previous
 * statistics until the next try. The service keeps its statistics in Redis instead.
 */
export class TelemetryHistory {
  #stats = new RollingProviderStats()
  #refreshedAt = Number.NEGATIVE_INFINITY
  #refreshing: Promise<void> | undefined

  constructor (private readonly telemetryUrl: string, private readonly ttlMs: number, private readonly onError: (err: unknown) => void) {}

  histories (atMs: number): Map<ProviderId, ProviderHistory> {
    if (atMs - this.#refreshedAt >= this.ttlMs) void this.refresh(atMs)
    return this.#stats.histories(atMs)
  }

  /** Rebuilds the statistics now (one refresh at a time); failures go to `onError`. */
  async refresh (atMs: number): Promise<void> {
    this.#refreshing ??= (async () => {
      try {
        const stats = new RollingProviderStats()
        for (const r of await fetchRecords(this.telemetryUrl, new Date(atMs - windowMs))) {
          stats.add(r.provider, Date.parse(r.submittedAt), r.outcome.latencyMs, r.outcome.costUsd, r.outcome.success)
        }
        this.#stats = stats
      } catch (err) {
        this.onError(err)
      } finally {
        this.#refreshedAt = atMs
        this.#refreshing = undefined
      }
    })()
    await this.#refreshing
  }
}
