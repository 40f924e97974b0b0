import { readFileSync } from 'node:fs'
import { fp } from '@platform/service-kit'
import type { WorkloadConfig } from '@platform/contracts'
import { FitPool } from '../forecast/fit-pool.js'
import { LeaseBalancer } from '../loop/lease-balancer.js'
import { LoopManager } from '../loop/loop-manager.js'
import { Membership } from '../loop/membership.js'
import { CsvReplaySource } from '../sources/csv-replay-source.js'
import { PrometheusClient, type PrometheusClientOptions } from '../sources/prometheus-client.js'

declare module 'fastify' {
  interface FastifyInstance {
    workloadLoops: LoopManager
  }
}

export interface WorkloadLoopsOptions {
  workloads: readonly WorkloadConfig[]
  owner: string
  /** Connection settings shared by every Prometheus URL (auth, CA, timeout, retries). */
  prometheus: Omit<PrometheusClientOptions, 'url'>
  /** Worker threads for model fits (0: fit on the event loop). */
  fitWorkers: number
  /** Start ticking when the app is ready (tests drive ticks by hand with false). */
  autoStart: boolean
}

/** Runs one loop per workload; loops start once the app is ready and stop on close. */
export const workloadLoops = fp<WorkloadLoopsOptions>(async (app, options) => {
  const clients = new Map<string, PrometheusClient>()
  const files = new Map<string, CsvReplaySource>()
  const fits = options.fitWorkers > 0 ? new FitPool(options.fitWorkers) : undefined
  // Bound late: the manager is created below and the count follows config reloads.
  const leases = new LeaseBalancer(() => manager.all().length)
  const manager: LoopManager = new LoopManager({ store: app.snapshotStore, metrics: app.forecasterMetrics, log: app.log, owner: options.owner, fits, leases }, {
    fileSource (path) {
      let source = files.get(path)
      if (source === undefined) {
        source = new CsvReplaySource(readFileSync(path, 'utf8'))
        files.set(path, source)
      }
      return source
    },
    prometheus (url) {
      let client = clients.get(url)
      if (client === undefined) {
        client = new PrometheusClient({ ...options.prometheus, url })
        clients.set(url, client)
      }
      return client
    }
  })
  await manager.apply(options.workloads, { start: false })
  app.decorate('workloadLoops', manager)
  const membership = new Membership({
    store: app.snapshotStore,
    member: options.owner,
    balancer: leases,
    shortestInterval: () => Math.min(...manager.all().map((l) => l.config.interval)),
    log: app.log
  })
  app.addHook('onReady', async () => {
    await membership.start()
    if (options.autoStart) for (const loop of manager.all()) loop.start()
    app.log.info({ workloads: manager.all().map((l) => l.config.name), owner: options.owner, fitWorkers: options.fitWorkers }, 'workload loops started')
  })
  app.addHook('onClose', async () => {
    await manager.stopAll()
    await membership.stop()
    await fits?.close()
    await Promise.all([...clients.values()].map(async (c) => { await c.close() }))
  })
}, { name: 'workload-loops', dependencies: ['snapshot-store', 'forecaster-metrics'] })
