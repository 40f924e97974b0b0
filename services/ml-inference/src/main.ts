import cluster from 'node:cluster'
import { clusterWorkerCollector, createRegistry, serveClusterMetrics } from '@platform/metrics'
import { loadConfig, packageVersion, runService, startOrExit } from '@platform/service-kit'
import { buildApp } from './app.js'
import { Config } from './config.js'
import { relayReloads, workerReloadPeers } from './models/cluster-reloads.js'

startOrExit(async () => {
  const config = loadConfig(Config, process.env)
  const version = packageVersion(import.meta.url)
  if (config.WORKERS > 1 && cluster.isPrimary) {
    // The primary only forks, restarts crashed workers, aggregates their metrics for /metrics and
    // relays an admin model reload from the worker that took it to the others.
    serveClusterMetrics()
    relayReloads(cluster, (err) => process.stderr.write(`could not relay a model reload: ${err.message}\n`))
    for (let i = 0; i < config.WORKERS; i++) cluster.fork()
    cluster.on('exit', (worker, code, signal) => {
      if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGINT') {
        process.stderr.write(`worker ${worker.process.pid ?? '?'} exited (${signal ?? code}); starting another\n`)
        cluster.fork()
      }
    })
    return
  }
  const registry = config.WORKERS > 1 ? createRegistry({ service: 'ml-inference', version }) : undefined
  const app = await buildApp(config, {
    version,
    prettyLogs: process.stdout.isTTY,
    ...(registry === undefined ? {} : { registry, collectMetrics: clusterWorkerCollector(registry), reloadPeers: workerReloadPeers(process) })
  })
  if (registry !== undefined) {
    // A cluster worker listens only once its models are loaded and warmed up, so the primary never
    // hands a connection to a cold worker (which would answer 503 while its siblings are ready).
    await app.initialModelLoad
    app.log.info({ worker: cluster.worker?.id }, 'cluster worker ready')
  }
  await runService(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
})
