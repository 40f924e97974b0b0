import { fp } from '@platform/service-kit'
import { ForecasterMetrics, type SnapshotView } from '../forecaster-metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    forecasterMetrics: ForecasterMetrics
  }
}

/** The forecaster's metrics on the service registry; the forecast age is read from the store at scrape time. */
export const forecasterMetrics = fp(async (app) => {
  const snapshots = async (): Promise<SnapshotView[]> => {
    if (!app.hasDecorator('workloadLoops')) return []
    return await Promise.all(app.workloadLoops.all().map(async (loop) => {
      const stored = await app.snapshotStore.get(loop.config.name).catch(() => undefined)
      return { workload: loop.config.name, generatedAtMs: stored === undefined ? undefined : Date.parse(stored.generatedAt) }
    }))
  }
  app.decorate('forecasterMetrics', new ForecasterMetrics(app.metricsRegistry, snapshots))
}, { name: 'forecaster-metrics', dependencies: ['snapshot-store'] })
