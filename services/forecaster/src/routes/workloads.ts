import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { WorkloadList } from '@platform/contracts'
import { isStale } from '../plugins/forecast-reader.js'

/** `GET /workloads`: every configured workload, whether this replica owns it, and its latest state. */
export const workloadRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workloads', {
    schema: { summary: 'Configured workloads and their forecast state', response: { 200: WorkloadList } }
  }, async () => {
    const now = Date.now()
    const workloads = await Promise.all(app.workloadLoops.all().map(async (loop) => {
      const stored = await app.snapshotStore.get(loop.config.name).catch(() => loop.lastSnapshot)
      return loop.status(stored === undefined || isStale(stored, loop.config.interval, now), stored)
    }))
    return { workloads: workloads.sort((a, b) => a.name.localeCompare(b.name)) }
  })
}
