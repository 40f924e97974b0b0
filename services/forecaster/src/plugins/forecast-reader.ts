import { fp } from '@platform/service-kit'
import type { ForecastSnapshot, WorkloadConfig } from '@platform/contracts'

/** A configured workload's latest snapshot, with `stale` computed at read time. */
export interface CurrentForecast {
  workload: WorkloadConfig
  snapshot: ForecastSnapshot | undefined
}

export interface ForecastReader {
  /** undefined when the workload is not configured. */
  current (workload: string): Promise<CurrentForecast | undefined>
}

declare module 'fastify' {
  interface FastifyInstance {
    forecastReader: ForecastReader
  }
}

/** A forecast older than two intervals is stale: its owner missed at least one tick. */
export function isStale (snapshot: ForecastSnapshot, intervalSeconds: number, nowMs: number): boolean {
  return nowMs - Date.parse(snapshot.generatedAt) > 2 * intervalSeconds * 1000
}

/**
 * Reads for HTTP and gRPC. Any replica answers for any workload: from the store (Redis shares
 * every owner's snapshots), or from this replica's own last write when the store cannot answer.
 */
export const forecastReader = fp(async (app) => {
  app.decorate('forecastReader', {
    async current (name: string): Promise<CurrentForecast | undefined> {
      const loop = app.workloadLoops.get(name)
      if (loop === undefined) return undefined
      let stored: ForecastSnapshot | undefined
      try {
        stored = await app.snapshotStore.get(name)
      } catch (err) {
        app.log.warn({ err, workload: name }, 'snapshot store read failed; answering from this replica')
        stored = loop.lastSnapshot
      }
      const snapshot = stored === undefined ? undefined : { ...stored, stale: isStale(stored, loop.config.interval, Date.now()) }
      return { workload: loop.config, snapshot }
    }
  })
}, { name: 'forecast-reader', dependencies: ['snapshot-store', 'workload-loops'] })
