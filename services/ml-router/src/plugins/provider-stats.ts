import type { ProviderId } from '@platform/contracts'
import type { HistorySource } from '@platform/router-engine'
import { fp } from '@platform/service-kit'
import type { ProviderHistory } from '@platform/router-core'

declare module 'fastify' {
  interface FastifyInstance {
    providerStats: CachedProviderStats
  }
}

/**
 * The rolling per-provider statistics as routing reads them: synchronously, from an in-process
 * snapshot that is refreshed from the store in the background once it is older than the TTL.
 * While the store is down the last snapshot keeps serving (stale beats absent).
 */
export class CachedProviderStats implements HistorySource {
  private snapshot = new Map<ProviderId, ProviderHistory>()
  private fetchedAt = -Infinity
  private refreshing: Promise<void> | undefined

  constructor (
    private readonly load: (atMs: number) => Promise<Map<ProviderId, ProviderHistory>>,
    private readonly ttlMs: number,
    private readonly onHit: () => void,
    private readonly onMiss: () => void,
    private readonly onError: (err: unknown) => void,
    private readonly now: () => number = Date.now
  ) {}

  histories (): Map<ProviderId, ProviderHistory> {
    if (this.now() - this.fetchedAt < this.ttlMs) {
      this.onHit()
    } else {
      this.onMiss()
      void this.refresh()
    }
    return this.snapshot
  }

  /** Starts (or joins) one refresh; resolves when it is done. */
  async refresh (): Promise<void> {
    this.refreshing ??= (async () => {
      const at = this.now()
      try {
        this.snapshot = await this.load(at)
      } catch (err) {
        this.onError(err)
      } finally {
        // After a failure too: the last known statistics serve another TTL, rather than every request retrying.
        this.fetchedAt = at
        this.refreshing = undefined
      }
    })()
    await this.refreshing
  }
}

export const providerStatsPlugin = fp<{ cacheTtlMs: number }>(async (app, options) => {
  const stats = new CachedProviderStats(
    async (at) => await app.routerStore.histories(at),
    options.cacheTtlMs,
    () => app.routerMetrics.cacheHits.inc(),
    () => app.routerMetrics.cacheMisses.inc(),
    (err) => app.log.warn({ err }, 'provider statistics refresh failed; serving the last known ones')
  )
  await stats.refresh()
  app.decorate('providerStats', stats)
}, { name: 'provider-stats', dependencies: ['router-store', 'router-metrics'] })
