import { readFileSync } from 'node:fs'
import { createService, type ServiceInstance } from '@platform/service-kit'
import type { WorkloadConfig } from '@platform/contracts'
import type { Config } from './config.js'
import { configReload } from './plugins/config-reload.js'
import { forecastReader } from './plugins/forecast-reader.js'
import { forecasterMetrics } from './plugins/forecaster-metrics.js'
import { scalerGrpc } from './plugins/scaler-grpc.js'
import { snapshotStore } from './plugins/snapshot-store.js'
import { workloadLoops } from './plugins/workload-loops.js'
import { forecastRoutes } from './routes/forecasts.js'
import { workloadRoutes } from './routes/workloads.js'
import { parseWorkloadsYaml } from './workloads/load-workloads.js'

export interface AppOptions {
  version: string
  prettyLogs?: boolean
  /** The validated workloads (see workloads/load-workloads.ts). */
  workloads: readonly WorkloadConfig[]
  /** Start the loops when ready (tests that drive ticks by hand pass false). */
  autoStart?: boolean
  /** Bind the gRPC port when ready (inject-only tests pass false). */
  listenGrpc?: boolean
}

/** Composition root: the kit's cross-cutting plugins, then this service's plugins and routes. */
export async function buildApp (config: Config, { version, prettyLogs = false, workloads, autoStart = true, listenGrpc = true }: AppOptions): Promise<ServiceInstance> {
  const app = await createService({
    name: 'forecaster',
    version,
    description: 'Predictive autoscaler next to KEDA: forecasts load and plans replicas ahead of demand.',
    config,
    prettyLogs,
    redact: ['prometheus.bearerToken', 'prometheus.basicAuth.password']
  })
  await app.register(snapshotStore, { storage: config.STORAGE, redisUrl: config.REDIS_URL })
  await app.register(forecasterMetrics)
  await app.register(workloadLoops, {
    workloads,
    owner: config.REPLICA_ID,
    fitWorkers: config.FIT_WORKERS,
    autoStart,
    prometheus: {
      bearerToken: config.PROM_BEARER_TOKEN,
      basicAuth: config.PROM_USERNAME === undefined ? undefined : { username: config.PROM_USERNAME, password: config.PROM_PASSWORD ?? '' },
      ca: config.PROM_CA_FILE === undefined ? undefined : readFileSync(config.PROM_CA_FILE, 'utf8'),
      timeoutMs: config.PROM_TIMEOUT * 1000,
      retries: config.PROM_RETRIES
    }
  })
  await app.register(configReload, { path: config.CONFIG, parse: (text) => parseWorkloadsYaml(text, { prometheusURL: config.PROM_URL }) })
  await app.register(forecastReader)
  await app.register(scalerGrpc, {
    port: config.GRPC_PORT,
    host: config.HOST,
    listen: listenGrpc,
    safeValue: config.SAFE_VALUE,
    tls: config.GRPC_TLS_CERT === undefined ? undefined : { cert: config.GRPC_TLS_CERT, key: config.GRPC_TLS_KEY as string, ca: config.GRPC_TLS_CA }
  })
  await app.register(forecastRoutes)
  await app.register(workloadRoutes)
  return app
}
