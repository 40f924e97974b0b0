import { busyRouteLogLevel, createService, type ServiceInstance } from '@platform/service-kit'
import type { Config } from './config.js'
import { mlRouterPlugin } from './plugins/ml-router.js'
import { providerStatsPlugin } from './plugins/provider-stats.js'
import { routerMetricsPlugin } from './plugins/router-metrics.js'
import { routerStorePlugin } from './plugins/router-store.js'
import { abTestRoutes } from './routes/ab-tests.js'
import { modelRoutes } from './routes/models.js'
import { routeRoutes } from './routes/route.js'
import { telemetryRoutes } from './routes/telemetry.js'

export interface AppOptions {
  version: string
  prettyLogs?: boolean
}

/** Composition root: the kit's cross-cutting plugins, then this service's plugins and routes. */
export async function buildApp (config: Config, { version, prettyLogs = false }: AppOptions): Promise<ServiceInstance> {
  const app = await createService({
    name: 'ml-router',
    version,
    description: 'Routes each sandbox request to the best execution provider with LightGBM cost, latency and risk models.',
    config,
    prettyLogs
  })
  await app.register(routerStorePlugin, { redisUrl: config.REDIS_URL, maxRecords: config.TELEMETRY_MAX_RECORDS, retentionDays: config.MAX_TRAINING_DATA_AGE_DAYS })
  await app.register(routerMetricsPlugin)
  await app.register(providerStatsPlugin, { cacheTtlMs: config.CACHE_TTL_MS })
  await app.register(mlRouterPlugin, {
    modelStorePath: config.MODEL_STORE_PATH,
    telemetryUrl: config.TELEMETRY_URL,
    catalogPath: config.PROVIDER_CATALOG_PATH,
    confidenceThreshold: config.CONFIDENCE_THRESHOLD,
    fallbackToRuleBased: config.FALLBACK_TO_RULE_BASED,
    cacheTtlMs: config.CACHE_TTL_MS,
    reloadIntervalMs: config.MODEL_RELOAD_INTERVAL_MS
  })
  await app.register(routeRoutes, { logLevel: busyRouteLogLevel(config.LOG_LEVEL) })
  await app.register(telemetryRoutes)
  await app.register(modelRoutes)
  await app.register(abTestRoutes)
  return app
}
