import type { ClusterExposition, Registry } from '@platform/metrics'
import { busyRouteLogLevel, createService, type ServiceInstance } from '@platform/service-kit'
import type { Config } from './config.js'
import type { ReloadPeers } from './models/cluster-reloads.js'
import { modelRepository } from './plugins/model-repository.js'
import { adminModelRoutes } from './routes/admin-models.js'
import { healthRoutes } from './routes/health.js'
import { openInferenceRoutes } from './routes/open-inference.js'
import { predictRoutes } from './routes/predict.js'
import { createPredictAuth } from './routes/predict-auth.js'

export interface AppOptions {
  version: string
  prettyLogs?: boolean
  /** Cluster workers pass the aggregated exposition for `/metrics`. */
  collectMetrics?: () => Promise<ClusterExposition>
  /** The registry the cluster collector reports; the kit makes one when absent. */
  registry?: Registry
  /** Cluster workers pass their channel to the others, so an admin reload reaches every worker. */
  reloadPeers?: ReloadPeers
}

/** Composition root: the kit's cross-cutting plugins, then this service's plugins and routes. */
export async function buildApp (config: Config, { version, prettyLogs = false, collectMetrics, registry, reloadPeers }: AppOptions): Promise<ServiceInstance> {
  const app = await createService({
    name: 'ml-inference',
    version,
    description: 'ONNX Runtime inference for the ad platform: fraud, CTR and bid models.',
    config,
    prettyLogs,
    ...(collectMetrics === undefined ? {} : { collectMetrics }),
    ...(registry === undefined ? {} : { registry })
  })
  await app.register(modelRepository, {
    dir: config.MODEL_DIR,
    requiredModels: config.REQUIRED_MODELS,
    watch: config.MODEL_WATCH,
    ort: { intraOpThreads: config.ORT_INTRA_OP_THREADS, graphOptimization: config.ORT_GRAPH_OPTIMIZATION },
    batch: { maxRows: config.BATCH_MAX_SIZE, maxWaitMs: config.BATCH_MAX_WAIT_MS },
    ...(reloadPeers === undefined ? {} : { peers: reloadPeers })
  })
  await app.register(healthRoutes)
  const auth = await createPredictAuth({
    token: config.PREDICT_AUTH_TOKEN,
    jwtSecret: config.PREDICT_JWT_SECRET,
    jwksFile: config.PREDICT_JWT_JWKS_FILE,
    issuer: config.PREDICT_JWT_ISSUER,
    audience: config.PREDICT_JWT_AUDIENCE
  })
  const logLevel = busyRouteLogLevel(config.LOG_LEVEL)
  await app.register(predictRoutes, { auth, logLevel })
  await app.register(openInferenceRoutes, { auth, logLevel })
  // Without a token the reload route is not mounted at all; the directory watch still reloads.
  if (config.ADMIN_TOKEN !== undefined || config.ALLOW_UNAUTHENTICATED_ADMIN) await app.register(adminModelRoutes)
  else app.log.info('POST /admin/models/reload is disabled: ADMIN_TOKEN is not set')
  return app
}
